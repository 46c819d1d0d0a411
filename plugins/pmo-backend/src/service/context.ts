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
  BackstageUserInfo,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  pmoProjectReadPermission,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { Request } from 'express';
import type { Actor, ProjectAccessFilter } from '../database/PmoStore';
import type { Credentials } from './requestHelpers';
import { pmoProjectRuleList, transformConditions } from './rules';

/**
 * What the caller may read: nothing, everything, or the projects matching a
 * filter (applied in SQL by list queries).
 * @internal
 */
export type ReadAccess =
  | { result: 'deny' }
  | { result: 'allow'; access?: ProjectAccessFilter };

/** Any permission on the `pmo-project` resource type. @internal */
export type ProjectPermission = ResourcePermission<'pmo-project'>;

/**
 * The one place where a PMO request is authorized. Every router builds one
 * per request (`await contextOf(req)`) and asks it; no router calls the
 * permissions service itself.
 *
 * Resource permissions are decided once per request and permission
 * (`authorizeConditional`), then the conditions are applied here to each
 * project touched, so a batch (an import, a relink touching two projects,
 * the state of a project after an owner change) costs one decision, and a
 * hypothetical project (as it would be after the write) can be checked too.
 * @internal
 */
export interface PmoRequestContext {
  readonly request: Request;
  readonly credentials: Credentials;
  /** Who is recorded in history: the user entity ref, or the service. */
  actor(): Promise<Actor>;
  /** The signed-in user's refs (a user principal only). */
  userInfo(): Promise<BackstageUserInfo>;
  /** Credentials to read the catalog with (see catalogCredentials). */
  catalogCredentials(): Promise<BackstageCredentials>;
  /** A basic permission: anything but ALLOW is a 403 naming it. */
  authorize(permission: BasicPermission): Promise<void>;
  /** Whether a basic permission is granted (no error). */
  allows(permission: BasicPermission): Promise<boolean>;
  /** The decision of a resource permission for each project, in order. */
  decide(
    permission: ProjectPermission,
    projects: readonly ProjectWithHealth[],
  ): Promise<boolean[]>;
  /** 403 naming the first project the permission is not granted on. */
  authorizeProjects(
    permission: ProjectPermission,
    projects: readonly ProjectWithHealth[],
  ): Promise<void>;
  /**
   * Loads a project the caller may read (404 otherwise, so that a hidden
   * project's existence does not leak) and checks `permission` on it (403
   * naming the project). Returns the project as it is now.
   */
  authorizeProject(
    permission: ProjectPermission,
    key: string,
  ): Promise<ProjectWithHealth>;
  /** Read access for list queries (memoized per request). */
  readAccess(): Promise<ReadAccess>;
  /**
   * A cross-project read under the caller's read filter; a caller who may
   * read no project gets `empty` without a query.
   */
  readFiltered<T>(
    empty: T,
    read: (access: ProjectAccessFilter | undefined) => Promise<T>,
  ): Promise<T>;
  /** The caller's read filter; 403 when the caller may read no project. */
  requireReadFilter(): Promise<ProjectAccessFilter | undefined>;
  /** The project if readable: 403 on DENY, 404 when hidden or missing. */
  readableProject(key: string): Promise<ProjectWithHealth>;
  /** The subset of `keys` whose projects exist and may be read. */
  readableKeys(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Runs `fn` inside a medium-severity audit event: success with the
   * optional result meta, or fail with the error, which is rethrown. Meta
   * values are truncated (see auditMeta).
   */
  audited<T>(
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
    successMeta?: (result: T) => JsonObject,
  ): Promise<T>;
}

/** @internal */
export interface RequestContextOptions {
  httpAuth: HttpAuthService;
  /** Own service credentials for catalog reads on behalf of services. */
  auth: AuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Loads projects by key (missing keys are left out). */
  projects: {
    getProjects(keys: readonly string[]): Promise<ProjectWithHealth[]>;
  };
  /** The registry's ruleset; defaults to the plugin's own rules. */
  ruleset?: PermissionRuleset<ProjectWithHealth>;
}

/** Longest string kept in an audit event's meta. */
export const AUDIT_STRING_LIMIT = 200;
/** Most array items kept in an audit event's meta. */
const AUDIT_ARRAY_LIMIT = 20;

/**
 * Audit meta as it is logged: strings truncated, arrays shortened, depth
 * bounded. Callers pass parsed values; this bounds whatever they pass, so
 * a 1 MB request string never reaches the audit log.
 * @internal
 */
export function auditMeta(meta: JsonObject): JsonObject {
  const bound = (value: JsonValue | undefined, depth: number): JsonValue => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') {
      return value.length > AUDIT_STRING_LIMIT
        ? `${value.slice(0, AUDIT_STRING_LIMIT)}… (${value.length} chars)`
        : value;
    }
    if (typeof value !== 'object') return value;
    if (depth > 3) return '[…]';
    if (Array.isArray(value)) {
      const items = value
        .slice(0, AUDIT_ARRAY_LIMIT)
        .map(v => bound(v, depth + 1));
      if (value.length > AUDIT_ARRAY_LIMIT) {
        items.push(`… (${value.length} items)`);
      }
      return items;
    }
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, AUDIT_ARRAY_LIMIT)
        .map(([k, v]) => [k.slice(0, 64), bound(v, depth + 1)]),
    );
  };
  return bound(meta, 0) as JsonObject;
}

const ruleListRuleset: PermissionRuleset<ProjectWithHealth> = {
  getRuleByName(name: string) {
    const rule = pmoProjectRuleList.find(r => r.name === name);
    if (!rule) throw new Error(`Unknown permission rule ${name}`);
    return rule as any;
  },
};

/**
 * Builds the request context of every PMO route.
 * @internal
 */
export function createRequestContextFactory(options: RequestContextOptions) {
  const { httpAuth, auth, userInfo, permissions, auditor, projects } = options;
  const applies = createConditionAuthorizer<ProjectWithHealth>(
    options.ruleset ?? ruleListRuleset,
  );

  return async function contextOf(req: Request): Promise<PmoRequestContext> {
    const credentials: Credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const decisions = new Map<string, Promise<PolicyDecision>>();
    let actorOf: Promise<Actor> | undefined;
    let info: Promise<BackstageUserInfo> | undefined;
    const userInfoOf = () => {
      if (!info) info = userInfo.getUserInfo(credentials);
      return info;
    };

    /** One conditional decision per permission and request. */
    function decisionOf(permission: ProjectPermission) {
      let decision = decisions.get(permission.name);
      if (!decision) {
        decision = permissions
          .authorizeConditional([{ permission }], { credentials })
          .then(([d]) => d);
        decisions.set(permission.name, decision);
      }
      return decision;
    }

    async function decide(
      permission: ProjectPermission,
      list: readonly ProjectWithHealth[],
    ): Promise<boolean[]> {
      if (!list.length) return [];
      const decision = await decisionOf(permission);
      return list.map(project => applies(decision, project));
    }

    async function authorizeProjects(
      permission: ProjectPermission,
      list: readonly ProjectWithHealth[],
    ) {
      const allowed = await decide(permission, list);
      const denied = list.find((_, i) => !allowed[i]);
      if (denied) {
        throw new NotAllowedError(
          `Not allowed: ${permission.name} on project ${denied.key}`,
        );
      }
    }

    const basic = new Map<string, Promise<boolean>>();
    function allows(permission: BasicPermission): Promise<boolean> {
      let allowed = basic.get(permission.name);
      if (!allowed) {
        allowed = permissions
          .authorize([{ permission }], { credentials })
          .then(([d]) => d.result === AuthorizeResult.ALLOW);
        basic.set(permission.name, allowed);
      }
      return allowed;
    }

    async function readAccess(): Promise<ReadAccess> {
      const decision = await decisionOf(pmoProjectReadPermission);
      if (decision.result === AuthorizeResult.DENY) return { result: 'deny' };
      if (decision.result === AuthorizeResult.CONDITIONAL) {
        return {
          result: 'allow',
          access: transformConditions(decision.conditions),
        };
      }
      return { result: 'allow' };
    }

    async function readableKeys(keys: readonly string[]) {
      const unique = [...new Set(keys)];
      if (!unique.length) return new Set<string>();
      const found = await projects.getProjects(unique);
      const allowed = await decide(pmoProjectReadPermission, found);
      return new Set(found.filter((_, i) => allowed[i]).map(p => p.key));
    }

    async function readableProject(key: string) {
      const decision = await decisionOf(pmoProjectReadPermission);
      if (decision.result === AuthorizeResult.DENY) {
        throw new NotAllowedError(
          `Not allowed: ${pmoProjectReadPermission.name}`,
        );
      }
      const [project] = await projects.getProjects([key]);
      if (!project || !applies(decision, project)) {
        throw new NotFoundError(`Project ${key} not found`);
      }
      return project;
    }

    return {
      request: req,
      credentials,
      actor() {
        if (!actorOf) {
          actorOf =
            credentials.principal.type === 'user'
              ? userInfoOf().then(u => ({ ref: u.userEntityRef }))
              : Promise.resolve({ ref: credentials.principal.subject });
        }
        return actorOf;
      },
      userInfo: userInfoOf,
      /**
       * Users keep their own credentials, so that catalog visibility
       * applies. A service caller's token cannot always be delegated (a
       * static token with accessRestrictions gets "cannot be delegated"
       * from the catalog), and a service already passed this plugin's
       * permission checks, so the plugin reads as itself.
       */
      async catalogCredentials() {
        if (auth.isPrincipal(credentials, 'service')) {
          return auth.getOwnServiceCredentials();
        }
        return credentials;
      },
      allows,
      async authorize(permission: BasicPermission) {
        if (!(await allows(permission))) {
          throw new NotAllowedError(`Not allowed: ${permission.name}`);
        }
      },
      decide,
      authorizeProjects,
      async authorizeProject(permission, key) {
        const project = await readableProject(key);
        await authorizeProjects(permission, [project]);
        return project;
      },
      readAccess,
      async readFiltered(empty, read) {
        const access = await readAccess();
        return access.result === 'deny' ? empty : read(access.access);
      },
      async requireReadFilter() {
        const access = await readAccess();
        if (access.result === 'deny') {
          throw new NotAllowedError(
            `Not allowed: ${pmoProjectReadPermission.name}`,
          );
        }
        return access.access;
      },
      readableProject,
      readableKeys,
      async audited(eventId, meta, fn, successMeta) {
        const event = await auditor.createEvent({
          eventId,
          request: req,
          severityLevel: 'medium',
          meta: auditMeta(meta),
        });
        try {
          const result = await fn();
          await event.success(
            successMeta ? { meta: auditMeta(successMeta(result)) } : {},
          );
          return result;
        } catch (error) {
          await event.fail({ error: error as Error });
          throw error;
        }
      },
    };
  };
}

/** @internal */
export type RequestContextFactory = ReturnType<
  typeof createRequestContextFactory
>;
