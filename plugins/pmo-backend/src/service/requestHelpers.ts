/*
 * Copyright 2026 The Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';
import type { Actor } from '../database/PmoStore';
import { entityRefOf } from './catalogSync';
import { normalizeEntityRef } from './validation';

/**
 * The callers every PMO route accepts.
 * @internal
 */
export type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** @internal */
export interface RequestHelperOptions {
  httpAuth: HttpAuthService;
  /** Own service credentials for catalog reads on behalf of services. */
  auth: AuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

/**
 * The canonical entity ref of `/entities/:kind/:namespace/:name/...`
 * routes; an unparsable ref is a 400.
 * @internal
 */
export function entityParam(req: Request): string {
  const { kind, namespace, name } = req.params;
  try {
    return normalizeEntityRef(`${kind}:${namespace}/${name}`);
  } catch {
    throw new InputError(
      `Invalid request: params: '${kind}:${namespace}/${name}' is not a valid entity ref`,
    );
  }
}

/**
 * Refs of the system and of the entities that are part of it, in one
 * catalog call. `credentials` are the ones to read the catalog with
 * (see `catalogCredentials`).
 * @internal
 */
export async function systemMemberRefs(
  catalog: CatalogService,
  systemRef: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const name = systemRef.slice(systemRef.indexOf('/') + 1);
  const { items } = await catalog.getEntities(
    {
      // `relations.partOf` covers processed entities in any namespace;
      // `spec.system` also catches the common `system: <name>` spelling.
      filter: [
        { 'relations.partOf': systemRef },
        { 'spec.system': [systemRef, name] },
      ],
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  return [systemRef, ...items.map(entityRefOf)];
}

/**
 * Credentials, actor, permission and audit helpers shared by the PMO and
 * the run-transition routers.
 * @internal
 */
export function createRequestHelpers(options: RequestHelperOptions) {
  const { httpAuth, auth, userInfo, permissions, auditor } = options;

  const credentialsOf = (req: Request): Promise<Credentials> =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /**
   * Credentials for reading the catalog. Users keep their own, so that
   * catalog visibility applies. A service caller's token cannot always be
   * delegated (a static token with accessRestrictions for this plugin gets
   * "cannot be delegated" from the catalog), and a service already passed
   * this plugin's permission checks, so the plugin reads as itself.
   */
  async function catalogCredentials(
    credentials: Credentials,
  ): Promise<BackstageCredentials> {
    if (auth.isPrincipal(credentials, 'service')) {
      return auth.getOwnServiceCredentials();
    }
    return credentials;
  }

  /** Who is recorded in history: the user entity ref, or the service. */
  async function actorOf(credentials: Credentials): Promise<Actor> {
    if (credentials.principal.type === 'user') {
      const info = await userInfo.getUserInfo(credentials);
      return { ref: info.userEntityRef };
    }
    return { ref: credentials.principal.subject };
  }

  /** Anything but ALLOW is a 403 naming the permission (and resource). */
  async function authorize(
    credentials: Credentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<void> {
    const [decision] = await permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name}${
          resourceRef ? ` on ${resourceRef}` : ''
        }`,
      );
    }
  }

  /**
   * Runs `fn` inside a medium-severity audit event: success with the
   * optional result meta, or fail with the error, which is rethrown.
   */
  async function audited<T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
    successMeta?: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await fn();
      await event.success(successMeta ? { meta: successMeta(result) } : {});
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  return { credentialsOf, catalogCredentials, actorOf, authorize, audited };
}
