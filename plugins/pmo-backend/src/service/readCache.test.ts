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

import { createRequestContextFactory } from './context';
import type { CacheService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonValue } from '@backstage/types';
import express from 'express';
import request from 'supertest';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/databases';
import type { PmoStore } from '../database/PmoStore';
import { testRouterStores } from './__testUtils__/routesApp';
import { createRouter } from './createRouter';
import { PmoReadCache } from './readCache';

jest.setTimeout(60_000);

/** The plugin cache service over a Map (what the memory store does). */
function memoryCache(): CacheService {
  const map = new Map<string, JsonValue>();
  const cache: CacheService = {
    get: async <T extends JsonValue>(key: string) =>
      map.get(key) as T | undefined,
    set: async (key, value) => {
      map.set(key, JSON.parse(JSON.stringify(value)));
    },
    delete: async key => {
      map.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'vsphere-cluster',
    namespace: 'default',
    annotations: { 'pmo/projects': 'INFRA-1' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/virt',
    lifecycle: 'production',
  },
};
const REF = 'component:default/vsphere-cluster';
const SUMMARY = '/entities/component/default/vsphere-cluster/summary';

describe('PmoReadCache', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: PmoStore;
    let readCache: PmoReadCache;
    let app: express.Express;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      const stores = await createTestStores(knex);
      store = stores.pmo;
      await store.createProject(
        {
          key: 'INFRA-1',
          title: 'vSphere 8 upgrade',
          owner: 'group:default/virt',
          phase: 'execution',
        },
        { ref: 'user:default/mock' },
      );
      // What the scheduled annotation sync stores.
      await store.syncAnnotationLinks(
        new Map([[REF, { keys: ['INFRA-1'], invalid: [] }]]),
      );
      const permissions = mockServices.permissions.mock();
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      permissions.authorizeConditional.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      const auditor = mockServices.auditor.mock();
      auditor.createEvent.mockResolvedValue({
        success: jest.fn(),
        fail: jest.fn(),
      });
      const cache = memoryCache();
      readCache = new PmoReadCache({ cache });
      const router = await createRouter({
        stores: testRouterStores(store, { transitions: stores.transitions }),
        logger: mockServices.logger.mock(),
        contextOf: createRequestContextFactory({
          httpAuth: mockServices.httpAuth(),
          auth: mockServices.auth({ pluginId: 'pmo' }),
          userInfo: mockServices.userInfo(),
          permissions,
          auditor,
          projects: store,
        }),
        catalog: catalogServiceMock({ entities: [entity] }),
        cache,
        readCache,
      });
      // A router mounted after the plugin's: the read-cache invalidation
      // of createRouter runs before any route, so its writes invalidate too.
      const other = express.Router();
      other.post('/other-write', async (_req, res) => {
        const current = (await store.getProject('INFRA-1'))!;
        await store.updateProject(
          'INFRA-1',
          { title: 'Renamed elsewhere', version: current.version },
          { ref: 'user:default/mock' },
        );
        res.status(204).end();
      });
      app = express().use(router).use(other).use(mockErrorHandler());
    });

    async function declareRed() {
      const current = (await store.getProject('INFRA-1'))!;
      const res = await request(app)
        .patch('/projects/INFRA-1')
        .send({
          declaredHealth: { status: 'red', reason: 'Vendor late' },
          version: current.version,
        });
      expect(res.status).toBe(200);
    }

    it('serves repeated summaries from the cache', async () => {
      const spy = jest.spyOn(store, 'getEntitySummaries');
      const first = await request(app).get(SUMMARY);
      expect(first.status).toBe(200);
      expect(first.body.projects.map((p: any) => p.key)).toEqual(['INFRA-1']);
      const calls = spy.mock.calls.length;
      const second = await request(app).get(SUMMARY);
      expect(second.body).toEqual(first.body);
      const batch = await request(app)
        .post('/entities/summaries')
        .send({ entityRefs: [REF] });
      expect(batch.body.items).toEqual([first.body]);
      // Neither the repeated summary nor the batch read the store again.
      expect(spy.mock.calls.length).toBe(calls);
    });

    it('shows a write on the very next read of a cached summary', async () => {
      const before = await request(app).get(SUMMARY);
      expect(before.body.projects[0].declaredHealth).toBeUndefined();
      await request(app).get(SUMMARY);

      await declareRed();

      const after = await request(app).get(SUMMARY);
      expect(after.body.projects[0].declaredHealth).toMatchObject({
        status: 'red',
        reason: 'Vendor late',
      });
      expect(after.body.worstHealth).toBe('red');
      const batch = await request(app)
        .post('/entities/summaries')
        .send({ entityRefs: [REF] });
      expect(batch.body.items[0].worstHealth).toBe('red');
    });

    it('shows a write on the very next read of a cached batch and portfolio', async () => {
      const batchBefore = await request(app)
        .post('/entities/summaries')
        .send({ entityRefs: [REF, 'component:default/unknown'] });
      expect(batchBefore.body.items[0].worstHealth).not.toBe('red');
      expect(batchBefore.body.items[1]).toBeNull();
      const portfolioBefore = await request(app).get('/portfolio');
      expect(portfolioBefore.body.byHealth.red).toBe(0);
      await request(app).get('/portfolio');

      await declareRed();

      const batchAfter = await request(app)
        .post('/entities/summaries')
        .send({ entityRefs: [REF, 'component:default/unknown'] });
      expect(batchAfter.body.items[0].worstHealth).toBe('red');
      const portfolioAfter = await request(app).get('/portfolio');
      expect(portfolioAfter.body.byHealth.red).toBe(1);
      expect(portfolioAfter.body.totalProjects).toBe(1);
    });

    it('is invalidated by writes of the other routers of the plugin', async () => {
      const before = await request(app).get(SUMMARY);
      expect(before.body.projects[0].title).toBe('vSphere 8 upgrade');

      expect((await request(app).post('/other-write')).status).toBe(204);

      const after = await request(app).get(SUMMARY);
      expect(after.body.projects[0].title).toBe('Renamed elsewhere');
    });

    it('is not invalidated by rejected writes or read-only batches', async () => {
      await request(app).get(SUMMARY);
      const generation = await readCache.generation();

      const invalid = await request(app)
        .patch('/projects/INFRA-1')
        .send({ phase: 'not-a-phase', version: 1 });
      expect(invalid.status).toBe(400);
      await request(app)
        .post('/entities/summaries')
        .send({ entityRefs: [REF] });

      expect(await readCache.generation()).toBe(generation);
    });
  });
});
