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

// The owner policy of the trust suites (`trust`, `aggregates`): users in
// groups, a permission service that decides like a real policy (CONDITIONAL
// with IS_PROJECT_OWNER, resolved by the plugin's own apply-conditions
// endpoint as the permission backend does), and a catalog that hides other
// groups' entities in the owner-read mode.

import {
  type BackstageCredentials,
  type PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RESOURCE_TYPE_PMO_PROJECT,
  pmoProjectReadPermission,
} from '@infra-pmo/plugin-pmo-common';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createPmoProjectConditionalDecision,
  pmoProjectConditions,
} from '../src/service/rules';
import {
  GROUP_A,
  GROUP_B,
  RELIABILITY_ENTITIES,
  startPmoBackend,
} from './harness';

// ------------------------------------------------------------------ users

/** Member of the A team. */
export const ALICE = 'user:default/alice';
/** Member of the B team. */
export const BOB = 'user:default/bob';
/** Member of no team. */
export const CAROL = 'user:default/carol';
/**
 * The harness's default mock user (`USER`), member of both teams: it seeds
 * the data through the same policy.
 */
export const ADMIN = 'user:default/mock';

const GROUPS: Record<string, string[]> = {
  [ALICE]: [GROUP_A],
  [BOB]: [GROUP_B],
  [CAROL]: [],
  [ADMIN]: [GROUP_A, GROUP_B],
};

/** The user's ownership entity refs: itself and its groups. */
export function ownershipOf(userEntityRef: string): string[] {
  return [userEntityRef, ...(GROUPS[userEntityRef] ?? [])];
}

/** Authorization header of a user. */
export const authOf = (userEntityRef: string) =>
  mockCredentials.user.header(userEntityRef);

/** User info with the groups above (the mock's only claim is the user). */
export const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type !== 'user' || !principal.userEntityRef) {
        throw new Error(`no user info for a ${principal.type} principal`);
      }
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: ownershipOf(principal.userEntityRef),
      };
    },
  }),
});

// ----------------------------------------------------------------- policy

/**
 * `owner-writes`: pmo.project.read ALLOW on every project; every other
 * project resource permission (update, delete, milestone.*, raid.*)
 * CONDITIONAL on IS_PROJECT_OWNER with the user's ownership refs; basic
 * permissions (project.create, import, transition.*, snapshot.create)
 * ALLOW. `owner-read`: the same, and pmo.project.read is owner-conditional
 * too.
 */
export type PolicyMode = 'owner-writes' | 'owner-read';

/** The decision of the policy for one permission and caller. */
export function ownerPolicy(
  mode: PolicyMode,
  permission: Permission,
  credentials: BackstageCredentials | undefined,
): PolicyDecision {
  const principal = credentials?.principal as
    | { type: string; userEntityRef?: string }
    | undefined;
  if (principal?.type !== 'user' || !principal.userEntityRef) {
    // Services (the plugin's own calls) are not what these suites test.
    return { result: AuthorizeResult.ALLOW };
  }
  if (!isResourcePermission(permission, RESOURCE_TYPE_PMO_PROJECT)) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (
    permission.name === pmoProjectReadPermission.name &&
    mode === 'owner-writes'
  ) {
    return { result: AuthorizeResult.ALLOW };
  }
  return createPmoProjectConditionalDecision(
    permission,
    pmoProjectConditions.isProjectOwner({
      claims: ownershipOf(principal.userEntityRef),
    }),
  );
}

/**
 * A permission service evaluating {@link ownerPolicy}. Like the permission
 * backend, `authorize` with a resourceRef resolves a CONDITIONAL decision
 * through the plugin's `/.well-known/backstage/permissions/apply-conditions`
 * (its registered getResources and rules); without a resourceRef a
 * conditional decision is not an ALLOW.
 */
export function policyPermissions(
  mode: PolicyMode,
  target: { server?: Server },
): PermissionsService {
  return {
    async authorizeConditional(queries, options) {
      const credentials = (options as { credentials?: BackstageCredentials })
        ?.credentials;
      return queries.map(q =>
        ownerPolicy(mode, q.permission, credentials),
      ) as any;
    },
    async authorize(requests, options) {
      const credentials = (options as { credentials?: BackstageCredentials })
        ?.credentials;
      const decisions = requests.map(r =>
        ownerPolicy(mode, r.permission, credentials),
      );
      const items = decisions.flatMap((d, i) => {
        const resourceRef = (requests[i] as { resourceRef?: string })
          .resourceRef;
        return d.result === AuthorizeResult.CONDITIONAL && resourceRef
          ? [
              {
                id: String(i),
                resourceRef,
                resourceType: d.resourceType,
                conditions: d.conditions,
              },
            ]
          : [];
      });
      const applied = new Map<string, string>();
      if (items.length > 0) {
        if (!target.server) throw new Error('policy: server not started');
        const res = await request(target.server)
          .post('/api/pmo/.well-known/backstage/permissions/apply-conditions')
          .set('authorization', mockCredentials.service.header())
          .send({ items });
        if (res.status !== 200) {
          throw new Error(
            `apply-conditions answered ${res.status}: ${res.text}`,
          );
        }
        for (const item of res.body.items) applied.set(item.id, item.result);
      }
      return decisions.map((d, i) => {
        if (d.result !== AuthorizeResult.CONDITIONAL) return d;
        return applied.get(String(i)) === AuthorizeResult.ALLOW
          ? { result: AuthorizeResult.ALLOW }
          : { result: AuthorizeResult.DENY };
      });
    },
  };
}

// ---------------------------------------------------------------- catalog

/** Entities of the trust suites: the shared ones plus one per scenario. */
export const TRUST_ENTITIES: Entity[] = [
  ...RELIABILITY_ENTITIES,
  ...['relink-svc', 'signoff-svc', 'accept-svc', 'waiver-svc', 'fresh-svc'].map(
    name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'pmo/service-tier': 'tier-3' },
      },
      spec: {
        type: 'service',
        owner: 'a-team',
        lifecycle: 'experimental',
        system: 'estate',
      },
    }),
  ),
];

function ownerOfEntity(entity: Entity | null | undefined): string {
  const owner = String(entity?.spec?.owner ?? '');
  return owner.includes(':') ? owner : `group:default/${owner}`;
}

/**
 * The catalog mock, where a user sees only the entities owned by one of
 * their groups (services see everything), like a catalog behind a
 * permission policy.
 */
export function teamCatalogFactory(entities: Entity[]) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => {
      const inner = catalogServiceMock({ entities });
      const visible = (
        options: { credentials?: BackstageCredentials } | undefined,
      ) => {
        const principal = options?.credentials?.principal as
          | { type: string; userEntityRef?: string }
          | undefined;
        if (principal?.type !== 'user' || !principal.userEntityRef) {
          return () => true;
        }
        const claims = ownershipOf(principal.userEntityRef);
        return (e: Entity | null | undefined) =>
          Boolean(e) && claims.includes(ownerOfEntity(e));
      };
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const original = Reflect.get(target, prop, receiver);
          if (typeof original !== 'function') return original;
          switch (prop) {
            case 'getEntityByRef':
              return async (ref: any, options: any) => {
                const e = await original.call(target, ref, options);
                return visible(options)(e) ? e : undefined;
              };
            case 'getEntitiesByRefs':
              return async (req: any, options: any) => {
                const r = await original.call(target, req, options);
                const ok = visible(options);
                return {
                  ...r,
                  items: r.items.map((e: Entity | null) => (ok(e) ? e : null)),
                };
              };
            case 'getEntities':
            case 'queryEntities':
              return async (req: any, options: any) => {
                const r = await original.call(target, req, options);
                const ok = visible(options);
                const items = r.items.filter((e: Entity) => ok(e));
                return {
                  ...r,
                  items,
                  ...(r.totalItems !== undefined
                    ? { totalItems: items.length }
                    : {}),
                };
              };
            default:
              return original.bind(target);
          }
        },
      });
    },
  });
}

// ---------------------------------------------------------------- backend

/**
 * The plugin under {@link ownerPolicy}, with the users' groups; in the
 * owner-read mode the catalog also hides other teams' entities.
 */
export async function startPolicyBackend(options: {
  knex: Knex;
  mode: PolicyMode;
  entities?: Entity[];
}): Promise<{ server: Server; stop: () => Promise<void> }> {
  const target: { server?: Server } = {};
  const entities = options.entities ?? TRUST_ENTITIES;
  const started = await startPmoBackend({
    knex: options.knex,
    entities,
    overrides: [
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => policyPermissions(options.mode, target),
      }),
      userInfoFactory,
      ...(options.mode === 'owner-read' ? [teamCatalogFactory(entities)] : []),
    ],
  });
  target.server = started.server;
  return started;
}
