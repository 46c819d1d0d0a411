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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestContext,
  createTestDatabases,
} from '../../__testUtils__/databases';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { pmoProjectConditions } from '../rules';
import { registerKeyRoutes } from './keys';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actor = { ref: 'user:default/alice' };

/** The bulk routes over the real store: real keyset cursors and SQL filters. */
describe.each(databases.eachSupportedId())(
  'bulk read routes on the database stores (%s)',
  databaseId => {
    let knex: Knex;
    let app: express.Express;
    const permissions = mockServices.permissions.mock();

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      const store = (await createTestContext(knex)).pmo;
      for (const [key, owner, phase] of [
        ['VDI-7', 'group:default/euc', 'closed'],
        ['DC-003', 'group:default/hosting', 'execution'],
        ['INFRA-101', 'group:default/virtualisation', 'execution'],
        ['INFRA-204', 'group:default/storage', 'planning'],
        ['NET-055', 'group:default/network', 'execution'],
      ] as const) {
        await store.createProject(
          { key, title: `Project ${key}`, owner, phase },
          actor,
        );
      }
      await store.syncAnnotationLinks(
        new Map([
          [
            'component:default/vsphere-cluster',
            { keys: ['INFRA-101', 'INFRA-204'], invalid: [] },
          ],
        ]),
      );
      await store.addManualLink(
        'INFRA-101',
        'component:default/vsphere-cluster',
        actor,
      );
      await store.addManualLink(
        'INFRA-101',
        'component:default/citrix-daas',
        actor,
      );
      permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.ALLOW },
      ]);
      app = routesApp(router =>
        registerKeyRoutes(router, {
          projects: store,
          links: store,
          contextOf: createRequestContextFactory({
            httpAuth: mockServices.httpAuth({
              defaultCredentials: mockCredentials.service(),
            }),
            auth: mockServices.auth({ pluginId: 'pmo' }),
            userInfo: mockServices.userInfo(),
            permissions,
            auditor: mockServices.auditor.mock(),
            projects: store,
          }),
          keysPageSize: 2,
        }),
      );
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('lists every key across store pages', async () => {
      const res = await request(app).get('/project-keys');
      expect(res.status).toBe(200);
      expect(res.body.keys).toEqual([
        'DC-003',
        'INFRA-101',
        'INFRA-204',
        'NET-055',
        'VDI-7',
      ]);
    });

    it('pages projects with their links using the store cursor', async () => {
      const pages: Array<Array<{ key: string; entityRefs: string[] }>> = [];
      let cursor: string | undefined;
      do {
        const res = await request(app)
          .get('/search/projects')
          .query({ limit: '2', ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        pages.push(res.body.items);
        cursor = res.body.pageInfo.nextCursor;
      } while (cursor);
      expect(pages.map(p => p.map(i => i.key))).toEqual([
        ['DC-003', 'INFRA-101'],
        ['INFRA-204', 'NET-055'],
        ['VDI-7'],
      ]);
      const byKey = Object.fromEntries(
        pages.flat().map(i => [i.key, i.entityRefs]),
      );
      expect(byKey['INFRA-101']).toEqual([
        'component:default/citrix-daas',
        'component:default/vsphere-cluster',
      ]);
      expect(byKey['INFRA-204']).toEqual(['component:default/vsphere-cluster']);
      expect(byKey['DC-003']).toEqual([]);
    });

    it('applies a conditional decision in SQL', async () => {
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: {
            anyOf: [
              pmoProjectConditions.hasPhase({ phases: ['planning'] }),
              pmoProjectConditions.isProjectOwner({
                claims: ['group:default/EUC'],
              }),
            ],
          },
        },
      ]);
      const keys = await request(app).get('/project-keys');
      expect(keys.body.keys).toEqual(['INFRA-204', 'VDI-7']);
      const search = await request(app).get('/search/projects');
      expect(search.body.items.map((i: { key: string }) => i.key)).toEqual([
        'INFRA-204',
        'VDI-7',
      ]);
    });

    it('rejects a forged cursor with 400', async () => {
      const res = await request(app).get('/search/projects?cursor=bm9wZQ');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('cursor');
    });
  },
);
