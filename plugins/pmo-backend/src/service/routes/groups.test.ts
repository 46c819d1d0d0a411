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
  type GroupPmoOverview,
} from '@infra-pmo/plugin-pmo-common';
import type express from 'express';
import request from 'supertest';
import {
  createTestDatabases,
  createTestContext,
  createTestStores,
} from '../../__testUtils__/databases';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { pmoProjectConditions } from '../rules';
import { registerGroupRoutes } from './groups';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const NOW = new Date('2026-03-02T10:00:00Z');
const LEAD = 'user:default/lead'; // infra (parent of storage-ops)
const MALLORY = 'user:default/mallory'; // another group: sees no project

const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(c => ({
    type: 'parentOf',
    targetRef: `group:default/${c}`,
  })),
});

const service = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const entities: Entity[] = [
  group('infra', ['storage-ops']),
  group('storage-ops'),
  group('delivery-team'),
  service('san-api', 'storage-ops'),
  service('billing', 'delivery-team'),
];

describe.each(databases.eachSupportedId())(
  'GET /groups/{namespace}/{name}/overview (%s)',
  databaseId => {
    const permissions = mockServices.permissions.mock();
    let app: express.Express;
    const admin = { ref: 'user:default/admin' };

    const get = (path: string, user = LEAD) =>
      request(app)
        .get(`/groups/${path}/overview`)
        .set('Authorization', mockCredentials.user.header(user));

    beforeEach(async () => {
      jest.resetAllMocks();
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      // Mallory may read closed projects only: none of the group's.
      permissions.authorizeConditional.mockImplementation(
        async (reqs, options) =>
          reqs.map(() =>
            (options?.credentials.principal as { userEntityRef?: string })
              ?.userEntityRef === MALLORY
              ? {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'pmo',
                  resourceType: 'pmo-project',
                  conditions: pmoProjectConditions.hasPhase({
                    phases: ['closed'],
                  }),
                }
              : { result: AuthorizeResult.ALLOW },
          ),
      );
      const knex = await databases.init(databaseId);
      const { pmo, transitions } = await createTestStores(knex, {
        clock: () => NOW,
        recomputeHealth: false,
      });
      for (const [key, owner] of [
        ['INF-1', 'group:default/infra'],
        ['OPS-1', 'group:default/storage-ops'],
        ['DEL-1', 'group:default/delivery-team'],
      ]) {
        await pmo.createProject({ key, title: key, owner }, admin);
      }
      await pmo.createRaidItem(
        'DEL-1',
        {
          type: 'issue',
          title: 'Ops must patch',
          owner: 'group:default/storage-ops',
        },
        admin,
      );
      await pmo.createMilestone(
        'OPS-1',
        { title: 'Array cutover', forecastDate: '2026-03-09' },
        admin,
      );
      await transitions.createTransition(
        {
          entityRef: 'component:default/san-api',
          projectKey: 'OPS-1',
          tier: 'tier-3',
          template: DEFAULT_READINESS_TEMPLATES['tier-3'],
        },
        admin,
      );
      const { myItems } = await createTestContext(knex, { clock: () => NOW });
      app = routesApp(router =>
        registerGroupRoutes(router, {
          myItems,
          transitions,
          contextOf: createRequestContextFactory({
            httpAuth: mockServices.httpAuth(),
            auth: mockServices.auth({ pluginId: 'pmo' }),
            userInfo: mockServices.userInfo.mock(),
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
        .get('/groups/default/infra/overview')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('rolls the work of the child groups up into the group', async () => {
      const res = await get('default/infra');
      expect(res.status).toBe(200);
      const body = res.body as GroupPmoOverview;
      expect(body.groupRef).toBe('group:default/infra');
      expect(body.groupRefs).toEqual([
        'group:default/infra',
        'group:default/storage-ops',
      ]);
      expect(body.projects.items.map(p => p.key)).toEqual(['INF-1', 'OPS-1']);
      expect(body.actions.items.map(a => a.title)).toEqual(['Ops must patch']);
      expect(body.milestones.items.map(m => m.title)).toEqual([
        'Array cutover',
      ]);
      expect(body.services).toEqual({
        totalItems: 1,
        items: [
          {
            entityRef: 'component:default/san-api',
            transition: expect.objectContaining({ state: 'not_started' }),
          },
        ],
      });

      // A child alone does not see its parent's work.
      const child = (await get('default/storage-ops')).body;
      expect(child.projects.items.map((p: { key: string }) => p.key)).toEqual([
        'OPS-1',
      ]);
    });

    it("shows another group's user nothing of the projects hidden from them", async () => {
      const res = await get('default/infra', MALLORY);
      expect(res.status).toBe(200);
      const body = res.body as GroupPmoOverview;
      expect(body.projects).toEqual({ items: [], totalItems: 0 });
      expect(body.actions).toEqual({ items: [], totalItems: 0 });
      expect(body.milestones).toEqual({ items: [], totalItems: 0 });
    });

    it('is a 403 when pmo.project.read is denied', async () => {
      permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      const res = await get('default/infra');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Not allowed: pmo.project.read');
    });

    it('answers 404 for a group not in the catalog and 400 for a bad ref', async () => {
      expect((await get('default/nobody')).status).toBe(404);
      const bad = await get('default/bad%20name');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/params/);
      const limit = await request(app)
        .get('/groups/default/infra/overview?limit=0')
        .set('Authorization', mockCredentials.user.header(LEAD));
      expect(limit.status).toBe(400);
      expect(limit.body.error.message).toMatch(/query\.limit/);
    });
  },
);
