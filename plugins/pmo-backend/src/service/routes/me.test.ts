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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_READINESS_TEMPLATES,
  type MyPmoItems,
} from '@infra-pmo/plugin-pmo-common';
import type express from 'express';
import request from 'supertest';
import {
  createTestDatabases,
  createTestContext,
  createTestStores,
} from '../../__testUtils__/databases';
import type { PmoStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { pmoProjectConditions } from '../rules';
import { registerMeRoutes } from './me';

jest.setTimeout(60_000);

// Real stores (SQLite, and PostgreSQL when configured): the route's value
// is in what the queries and the sign-off rules return together.
const databases = createTestDatabases();

const NOW = new Date('2026-03-02T10:00:00Z');
const DORA = 'user:default/dora'; // delivery-team
const OTTO = 'user:default/otto'; // storage-ops (run owner)
const MALLORY = 'user:default/mallory'; // nobody

const MEMBERSHIPS: Record<string, string[]> = {
  [DORA]: [DORA, 'group:default/Delivery-Team'],
  [OTTO]: [OTTO, 'group:default/storage-ops'],
  [MALLORY]: [MALLORY],
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: { 'pmo/run-owner': 'storage-ops' },
    },
    spec: { type: 'service', owner: 'storage-team', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'unlinked', namespace: 'default' },
    spec: { type: 'service', owner: 'delivery-team' },
  },
];

describe.each(databases.eachSupportedId())('GET /me/items (%s)', databaseId => {
  const permissions = mockServices.permissions.mock();
  const userInfo = mockServices.userInfo.mock();
  let app: express.Express;
  let pmo: PmoStore;
  let transitions: TransitionStore;
  const admin = { ref: 'user:default/admin' };

  const as = (user: string) => mockCredentials.user.header(user);
  const get = (user: string, query = '') =>
    request(app).get(`/me/items${query}`).set('Authorization', as(user));

  /** A transition of `entityRef` in ready_for_review, signed for `roles`. */
  async function readyForReview(
    entityRef: string,
    projectKey: string | undefined,
    roles: Array<'delivery' | 'run'> = [],
  ) {
    let t = await transitions.createTransition(
      {
        entityRef,
        projectKey,
        tier: 'tier-3',
        template: DEFAULT_READINESS_TEMPLATES['tier-3'],
      },
      admin,
    );
    t = await transitions.moveState(
      entityRef,
      'in_progress',
      { version: t.version },
      admin,
    );
    t = await transitions.moveState(
      entityRef,
      'ready_for_review',
      { version: t.version },
      admin,
    );
    for (const role of roles) {
      t = await transitions.signOff(entityRef, role, admin, t.version);
    }
  }

  beforeEach(async () => {
    jest.resetAllMocks();
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    userInfo.getUserInfo.mockImplementation(async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: MEMBERSHIPS[ref] ?? [ref],
      };
    });
    const knex = await databases.init(databaseId);
    ({ pmo, transitions } = await createTestStores(knex, {
      clock: () => NOW,
      recomputeHealth: false,
    }));
    await pmo.createProject(
      {
        key: 'DEL-1',
        title: 'Delivery project',
        owner: 'group:default/delivery-team',
      },
      admin,
    );
    await pmo.createProject(
      { key: 'DORA-1', title: 'Dora alone', owner: DORA, phase: 'closed' },
      admin,
    );
    await pmo.createProject(
      {
        key: 'OPS-1',
        title: 'Ops project',
        owner: 'group:default/storage-ops',
      },
      admin,
    );
    await pmo.createRaidItem(
      'OPS-1',
      {
        type: 'dependency',
        title: 'Firmware from delivery',
        owner: 'group:default/delivery-team',
        dueDate: '2026-02-27',
      },
      admin,
    );
    await pmo.createRaidItem(
      'DEL-1',
      { type: 'risk', title: 'Otto must patch', owner: OTTO },
      admin,
    );
    await pmo.createMilestone(
      'DEL-1',
      { title: 'Cutover', forecastDate: '2026-03-09' },
      admin,
    );
    const myItems = (await createTestContext(knex, { clock: () => NOW }))
      .myItems;
    app = routesApp(router =>
      registerMeRoutes(router, {
        myItems,
        transitions,
        contextOf: createRequestContextFactory({
          httpAuth: mockServices.httpAuth(),
          auth: mockServices.auth({ pluginId: 'pmo' }),
          userInfo,
          permissions,
          auditor: mockServices.auditor.mock(),
          projects: { getProjects: async () => [] },
        }),
        catalog: catalogServiceMock({ entities }),
      }),
    );
  });

  it('rejects unauthenticated calls with 401', async () => {
    const res = await request(app)
      .get('/me/items')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('rejects service principals with a 403 that explains why', async () => {
    const res = await request(app)
      .get('/me/items')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/service principal has no user/);
  });

  it('validates the limit', async () => {
    for (const limit of ['0', '101', 'x', '1.5']) {
      const res = await get(DORA, `?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/query\.limit/);
    }
    const res = await get(DORA, '?other=1');
    expect(res.status).toBe(400);
  });

  it("returns the user's and their groups' items, not others'", async () => {
    const res = await get(DORA);
    expect(res.status).toBe(200);
    const body = res.body as MyPmoItems;
    expect(body.userEntityRef).toBe(DORA);
    expect(body.ownershipEntityRefs).toEqual([
      DORA,
      'group:default/delivery-team',
    ]);
    expect(body.projects.items.map(p => p.key)).toEqual(['DEL-1', 'DORA-1']);
    expect(body.projects.totalItems).toBe(2);
    expect(body.actions.items.map(a => a.title)).toEqual([
      'Firmware from delivery',
    ]);
    expect(body.actions.items[0]).toMatchObject({
      projectKey: 'OPS-1',
      overdue: true,
    });
    expect(body.milestones.items).toEqual([
      expect.objectContaining({
        projectKey: 'DEL-1',
        title: 'Cutover',
        daysToGo: 7,
        overdue: false,
      }),
    ]);

    const otto = (await get(OTTO)).body as MyPmoItems;
    expect(otto.projects.items.map(p => p.key)).toEqual(['OPS-1']);
    expect(otto.actions.items.map(a => a.title)).toEqual(['Otto must patch']);
    expect(otto.milestones.totalItems).toBe(0);

    const mallory = (await get(MALLORY)).body as MyPmoItems;
    expect(mallory.projects).toEqual({ items: [], totalItems: 0 });
    expect(mallory.actions).toEqual({ items: [], totalItems: 0 });
    expect(mallory.signOffs).toEqual({ items: [], totalItems: 0 });
  });

  it('applies a conditional pmo.project.read decision to every list', async () => {
    permissions.authorizeConditional.mockResolvedValue([
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'pmo',
        resourceType: 'pmo-project',
        conditions: pmoProjectConditions.hasPhase({ phases: ['closed'] }),
      },
    ]);
    const body = (await get(DORA)).body as MyPmoItems;
    expect(body.projects.items.map(p => p.key)).toEqual(['DORA-1']);
    // The action and the milestone are on projects she may not read.
    expect(body.actions.totalItems).toBe(0);
    expect(body.milestones.totalItems).toBe(0);
  });

  it('is a 403 when pmo.project.read is denied', async () => {
    permissions.authorizeConditional.mockResolvedValue([
      { result: AuthorizeResult.DENY },
    ]);
    const res = await get(DORA);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Not allowed: pmo.project.read');
  });

  it('lists a pending sign-off only while the role is unsigned and the user holds it', async () => {
    await readyForReview('component:default/storage-api', 'DEL-1');

    // Delivery is held by the project owner (delivery-team), run by the
    // pmo/run-owner annotation (storage-ops).
    const dora = (await get(DORA)).body as MyPmoItems;
    expect(dora.signOffs).toEqual({
      totalItems: 1,
      items: [
        {
          entityRef: 'component:default/storage-api',
          role: 'delivery',
          owner: 'group:default/delivery-team',
          projectKey: 'DEL-1',
          tier: 'tier-3',
          readinessPercent: expect.any(Number),
        },
      ],
    });
    const otto = (await get(OTTO)).body as MyPmoItems;
    expect(otto.signOffs.items.map(s => [s.entityRef, s.role])).toEqual([
      ['component:default/storage-api', 'run'],
    ]);
    expect((await get(MALLORY)).body.signOffs.totalItems).toBe(0);

    // Once the delivery role is signed, Dora has nothing to sign; Otto
    // still has the run sign-off.
    const t = (await transitions.getTransition(
      'component:default/storage-api',
    ))!;
    await transitions.signOff(
      'component:default/storage-api',
      'delivery',
      { ref: DORA },
      t.version,
    );
    expect((await get(DORA)).body.signOffs.totalItems).toBe(0);
    expect((await get(OTTO)).body.signOffs.totalItems).toBe(1);
  });

  it('falls back to the entity owner without a project, and leaves out entities not in the catalog', async () => {
    // No project: delivery is held by the entity owner (delivery-team).
    await readyForReview('component:default/unlinked', undefined, ['run']);
    // Not visible in the catalog: never listed.
    await readyForReview('component:default/ghost', 'DEL-1');
    const dora = (await get(DORA)).body as MyPmoItems;
    expect(dora.signOffs.items.map(s => [s.entityRef, s.role])).toEqual([
      ['component:default/unlinked', 'delivery'],
    ]);
  });

  it('counts all pending sign-offs but returns at most limit', async () => {
    await readyForReview('component:default/storage-api', 'DEL-1');
    // Without pmo/run-owner, delivery-team also holds the run role there.
    await readyForReview('component:default/unlinked', undefined);
    const dora = (await get(DORA, '?limit=1')).body as MyPmoItems;
    expect(dora.signOffs.totalItems).toBe(3);
    expect(dora.signOffs.items).toHaveLength(1);
    expect(dora.projects.items).toHaveLength(1);
    expect(dora.projects.totalItems).toBe(2);
  });

  it('lists no sign-offs without the transition permissions', async () => {
    await readyForReview('component:default/storage-api', 'DEL-1');
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(r => ({
        result:
          r.permission.name === 'pmo.transition.signoff'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    const dora = (await get(DORA)).body as MyPmoItems;
    expect(dora.signOffs).toEqual({ items: [], totalItems: 0 });
    expect(dora.projects.totalItems).toBe(2);
  });
});
