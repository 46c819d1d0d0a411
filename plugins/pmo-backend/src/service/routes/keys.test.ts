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
import type {
  EntityLink,
  ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type express from 'express';
import request from 'supertest';
import type { ListProjectsOptions, PmoStore } from '../../database/PmoStore';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { pmoProjectConditions } from '../rules';
import { registerKeyRoutes } from './keys';

function project(
  key: string,
  overrides: Partial<ProjectWithHealth> = {},
): ProjectWithHealth {
  return {
    key,
    title: `Project ${key}`,
    phase: 'execution',
    methodology: 'waterfall',
    owner: 'group:default/pmo',
    priority: 'medium',
    externalLinks: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    computedHealth: { status: 'green', reasons: [] },
    watermelon: false,
    ...overrides,
  };
}

const PROJECTS = [
  project('DC-003', {
    description: 'Exit the DC2 colocation site',
    declaredHealth: { status: 'green', setAt: '2026-01-01T00:00:00.000Z' },
    computedHealth: { status: 'red', reasons: [] },
    watermelon: true,
  }),
  project('INFRA-101', {
    owner: 'group:default/storage-team',
    declaredHealth: { status: 'amber', setAt: '2026-01-01T00:00:00.000Z' },
  }),
  project('INFRA-204', { phase: 'planning' }),
  project('VDI-7', { phase: 'closed' }),
  project('VDI-8'),
];

const LINKS: EntityLink[] = [
  {
    projectKey: 'INFRA-101',
    entityRef: 'component:default/vsphere-cluster',
    source: 'annotation',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    projectKey: 'INFRA-101',
    entityRef: 'component:default/vsphere-cluster',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    projectKey: 'INFRA-101',
    entityRef: 'component:default/backup-service',
    source: 'manual',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    projectKey: 'DC-003',
    entityRef: 'resource:default/dc2-colo-legacy',
    source: 'annotation',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];

/**
 * Keyset paging over PROJECTS in key order, with the phase/owner access
 * filter of the real store (leaf conditions and anyOf only).
 */
function fakeListProjects(options: ListProjectsOptions) {
  const access = options.access as any;
  const leaves: Array<{ field: 'owner' | 'phase'; values: string[] }> = access
    ? access.anyOf ?? [access]
    : [];
  const visible = PROJECTS.filter(
    p => leaves.length === 0 || leaves.some(l => l.values.includes(p[l.field])),
  );
  const start = options.cursor
    ? visible.findIndex(p => p.key > options.cursor!)
    : 0;
  const rest = start < 0 ? [] : visible.slice(start);
  const items = rest.slice(0, options.limit);
  return Promise.resolve({
    items,
    totalItems: visible.length,
    pageInfo:
      rest.length > options.limit
        ? { nextCursor: items[items.length - 1].key }
        : {},
  });
}

describe('bulk read routes', () => {
  const store: jest.Mocked<Pick<PmoStore, 'listProjects' | 'listLinks'>> = {
    listProjects: jest.fn(),
    listLinks: jest.fn(),
  };
  const permissions = mockServices.permissions.mock();
  let app: express.Express;

  const decide = (result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) =>
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ({ result })),
    );

  beforeEach(() => {
    jest.resetAllMocks();
    decide(AuthorizeResult.ALLOW);
    store.listProjects.mockImplementation(fakeListProjects);
    store.listLinks.mockImplementation(async ({ projectKeys }) =>
      LINKS.filter(l => projectKeys?.includes(l.projectKey)),
    );
    app = routesApp(router =>
      registerKeyRoutes(router, {
        projects: store,
        links: store,
        contextOf: createRequestContextFactory({
          httpAuth: mockServices.httpAuth(),
          auth: mockServices.auth({ pluginId: 'pmo' }),
          userInfo: mockServices.userInfo(),
          permissions,
          auditor: mockServices.auditor.mock(),
          projects: { getProjects: async () => [] },
        }),
      }),
    );
  });

  describe('GET /project-keys', () => {
    it('returns every key in order, reading the store in large pages', async () => {
      const res = await request(app)
        .get('/project-keys')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        keys: ['DC-003', 'INFRA-101', 'INFRA-204', 'VDI-7', 'VDI-8'],
      });
      expect(store.listProjects).toHaveBeenCalledWith(
        expect.objectContaining({ orderBy: 'key', limit: 2000 }),
      );
    });

    it('follows the store cursor until the last page', async () => {
      // Pages of two: the route must not stop after the first page.
      store.listProjects.mockImplementation(o =>
        fakeListProjects({ ...o, limit: 2 }),
      );
      const res = await request(app).get('/project-keys');
      expect(res.body.keys).toHaveLength(5);
      expect(store.listProjects).toHaveBeenCalledTimes(3);
    });

    it('applies the conditional read filter', async () => {
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: pmoProjectConditions.hasPhase({
            phases: ['planning', 'closed'],
          }),
        },
      ]);
      const res = await request(app).get('/project-keys');
      expect(res.body).toEqual({ keys: ['INFRA-204', 'VDI-7'] });
    });

    it('is a 403 on DENY, never an empty key set', async () => {
      decide(AuthorizeResult.DENY);
      const res = await request(app).get('/project-keys');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('pmo.project.read');
      expect(store.listProjects).not.toHaveBeenCalled();
    });

    it('rejects unknown query parameters', async () => {
      const res = await request(app).get('/project-keys?limit=5');
      expect(res.status).toBe(400);
    });

    it('requires credentials', async () => {
      const res = await request(app)
        .get('/project-keys')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /search/projects', () => {
    it('returns projects with effective health and de-duplicated links', async () => {
      const res = await request(app).get('/search/projects?limit=2');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          key: 'DC-003',
          title: 'Project DC-003',
          description: 'Exit the DC2 colocation site',
          phase: 'execution',
          health: 'red',
          owner: 'group:default/pmo',
          entityRefs: ['resource:default/dc2-colo-legacy'],
        },
        {
          key: 'INFRA-101',
          title: 'Project INFRA-101',
          phase: 'execution',
          health: 'amber',
          owner: 'group:default/storage-team',
          entityRefs: [
            'component:default/backup-service',
            'component:default/vsphere-cluster',
          ],
        },
      ]);
      expect(res.body.pageInfo).toEqual({ nextCursor: 'INFRA-101' });
      // One link query for the page, not one per project.
      expect(store.listLinks).toHaveBeenCalledTimes(1);
      expect(store.listLinks).toHaveBeenCalledWith({
        projectKeys: ['DC-003', 'INFRA-101'],
      });
    });

    it('pages with the cursor to the end', async () => {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await request(app)
          .get('/search/projects')
          .query({ limit: '2', ...(cursor ? { cursor } : {}) });
        keys.push(...res.body.items.map((p: { key: string }) => p.key));
        cursor = res.body.pageInfo.nextCursor;
      } while (cursor);
      expect(keys).toEqual([
        'DC-003',
        'INFRA-101',
        'INFRA-204',
        'VDI-7',
        'VDI-8',
      ]);
    });

    it('defaults the page size to 500', async () => {
      await request(app).get('/search/projects');
      expect(store.listProjects).toHaveBeenCalledWith({
        orderBy: 'key',
        limit: 500,
        cursor: undefined,
        access: undefined,
      });
    });

    it('skips the link query for an empty page', async () => {
      store.listProjects.mockResolvedValue({
        items: [],
        totalItems: 0,
        pageInfo: {},
      });
      const res = await request(app).get('/search/projects');
      expect(res.body).toEqual({ items: [], pageInfo: {} });
      expect(store.listLinks).not.toHaveBeenCalled();
    });

    it('applies the conditional read filter', async () => {
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: pmoProjectConditions.isProjectOwner({
            claims: ['group:default/Storage-Team'],
          }),
        },
      ]);
      const res = await request(app).get('/search/projects');
      expect(res.body.items.map((p: { key: string }) => p.key)).toEqual([
        'INFRA-101',
      ]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=', 'cursor'],
      ['q=vsphere', 'q'],
    ])('rejects %s naming the field', async (query, field) => {
      const res = await request(app).get(`/search/projects?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });

    it('is a 403 on DENY', async () => {
      decide(AuthorizeResult.DENY);
      const res = await request(app).get('/search/projects');
      expect(res.status).toBe(403);
    });

    it('requires credentials', async () => {
      const res = await request(app)
        .get('/search/projects')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });
});
