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
import type { Snapshot, SnapshotProject } from '@infra-pmo/plugin-pmo-common';
import type express from 'express';
import request from 'supertest';
import type { PmoStore } from '../../database/PmoStore';
import type { SnapshotStore } from '../../snapshots/SnapshotStore';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { pmoProjectConditions } from '../rules';
import { registerSnapshotRoutes } from './snapshots';

const NOW = new Date('2026-12-09T10:00:00.000Z');

const snapshot: Snapshot = {
  id: 7,
  takenAt: '2026-12-07T06:00:00.000Z',
  period: '2026-W50',
  kind: 'scheduled',
  takenBy: 'plugin:pmo/weekly-snapshot',
  projectCount: 2,
};

const row: SnapshotProject = {
  snapshotId: 7,
  projectKey: 'INFRA-101',
  title: 'SAN refresh',
  phase: 'execution',
  owner: 'group:default/storage',
  priority: 'high',
  declaredHealth: { status: 'amber', reason: 'Vendor late' },
  computedHealth: { status: 'amber', reasons: [] },
  health: 'amber',
  watermelon: false,
  milestones: [],
  openRaid: { risk: 0, assumption: 0, issue: 0, dependency: 0 },
  highRisks: 0,
  topRisks: [],
  asks: [],
  openSlipDays: 0,
  openDatedMilestones: 0,
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storage-api', namespace: 'default' },
    spec: { type: 'service', owner: 'storage', system: 'storage' },
    relations: [{ type: 'partOf', targetRef: 'system:default/storage' }],
  },
];

describe('snapshot routes', () => {
  const store: jest.Mocked<SnapshotStore> = {
    takeSnapshot: jest.fn(),
    listSnapshots: jest.fn(),
    getSnapshot: jest.fn(),
    listSnapshotProjects: jest.fn(),
    reportProjects: jest.fn(),
    trends: jest.fn(),
    pruneSnapshots: jest.fn(),
    countSnapshotProjects: jest.fn(),
  };
  const pmoStore = { listLinks: jest.fn() } as jest.Mocked<
    Pick<PmoStore, 'listLinks'>
  >;
  const permissions = mockServices.permissions.mock();
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  let app: express.Express;

  const decide = (result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) => {
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(() => ({ result })),
    );
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ({ result })),
    );
  };

  beforeEach(() => {
    jest.resetAllMocks();
    decide(AuthorizeResult.ALLOW);
    auditor.createEvent.mockResolvedValue(auditEvent);
    store.getSnapshot.mockImplementation(async id =>
      id === 'latest' || id === 7 ? snapshot : undefined,
    );
    app = routesApp(router =>
      registerSnapshotRoutes(router, {
        snapshots: store,
        links: pmoStore,
        contextOf: createRequestContextFactory({
          httpAuth: mockServices.httpAuth(),
          auth: mockServices.auth({ pluginId: 'pmo' }),
          userInfo: mockServices.userInfo(),
          permissions,
          auditor,
          projects: { getProjects: async () => [] },
        }),
        catalog: catalogServiceMock({ entities }),
        now: () => NOW,
      }),
    );
  });

  it.each([
    ['get', '/snapshots'],
    ['post', '/snapshots'],
    ['get', '/snapshots/7/projects'],
    ['get', '/trends'],
    ['get', '/reports/status.md'],
  ])('%s %s rejects unauthenticated calls', async (method, path) => {
    const res = await (request(app) as any)
      [method](path)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    for (const fn of Object.values(store)) expect(fn).not.toHaveBeenCalled();
  });

  describe('GET /snapshots', () => {
    it('lists snapshots, and nothing without read access', async () => {
      store.listSnapshots.mockResolvedValue([snapshot]);
      const res = await request(app).get('/snapshots?limit=10');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [snapshot] });
      expect(store.listSnapshots).toHaveBeenCalledWith({ limit: 10 });

      decide(AuthorizeResult.DENY);
      const denied = await request(app).get('/snapshots');
      expect(denied.body).toEqual({ items: [] });
      expect(store.listSnapshots).toHaveBeenCalledTimes(1);
    });

    it('counts only the projects a conditional reader may read', async () => {
      store.listSnapshots.mockResolvedValue([
        snapshot,
        { ...snapshot, id: 6, projectCount: 40 },
      ]);
      store.countSnapshotProjects.mockResolvedValue(new Map([[7, 3]]));
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: pmoProjectConditions.isProjectOwner({
            claims: ['group:default/storage'],
          }),
        },
      ]);
      const res = await request(app).get('/snapshots');
      expect(res.status).toBe(200);
      expect(res.body.items.map((x: Snapshot) => x.projectCount)).toEqual([
        3, 0,
      ]);
    });

    it('names the invalid field', async () => {
      const res = await request(app).get('/snapshots?limit=0');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('query.limit');
    });
  });

  describe('POST /snapshots', () => {
    it('takes a manual snapshot as the user, audited', async () => {
      store.takeSnapshot.mockResolvedValue({
        snapshot: { ...snapshot, kind: 'manual' },
        created: true,
      });
      const res = await request(app).post('/snapshots');
      expect(res.status).toBe(201);
      expect(res.body.kind).toBe('manual');
      expect(store.takeSnapshot).toHaveBeenCalledWith({
        kind: 'manual',
        actor: mockCredentials.user().principal.userEntityRef,
      });
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'pmo.snapshot.create',
            }),
          },
        ],
        expect.anything(),
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'snapshot-create' }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { snapshotId: 7, period: '2026-W50', projectCount: 2 },
      });
    });

    it('is 403 when denied, and writes nothing', async () => {
      decide(AuthorizeResult.DENY);
      const res = await request(app).post('/snapshots');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('pmo.snapshot.create');
      expect(store.takeSnapshot).not.toHaveBeenCalled();
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('rejects a body naming the field', async () => {
      const res = await request(app)
        .post('/snapshots')
        .send({ kind: 'scheduled' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('body');
      expect(res.body.error.message).toContain('kind');
      expect(store.takeSnapshot).not.toHaveBeenCalled();
    });
  });

  describe('GET /snapshots/:id/projects', () => {
    const page = {
      items: [row],
      totalItems: 1,
      pageInfo: {},
      byHealth: { green: 0, amber: 1, red: 0 },
      watermelons: 0,
    };

    it('passes filters and the conditional access filter', async () => {
      store.listSnapshotProjects.mockResolvedValue(page);
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: pmoProjectConditions.isProjectOwner({
            claims: ['group:default/Storage'],
          }),
        },
      ]);
      // The snapshot's count is of the projects the caller may read.
      store.countSnapshotProjects.mockResolvedValue(new Map([[7, 2]]));
      const res = await request(app).get(
        '/snapshots/7/projects?owner=storage&phase=execution,planning&health=amber&limit=20',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        snapshot: { ...snapshot, projectCount: 2 },
        ...page,
      });
      expect(store.countSnapshotProjects).toHaveBeenCalledWith([7], {
        field: 'owner',
        values: ['group:default/storage'],
      });
      expect(store.listSnapshotProjects).toHaveBeenCalledWith(snapshot, {
        owner: ['group:default/storage'],
        phase: ['execution', 'planning'],
        health: ['amber'],
        access: { field: 'owner', values: ['group:default/storage'] },
        limit: 20,
        cursor: undefined,
      });
    });

    it('resolves latest and the system filter through today links', async () => {
      store.listSnapshotProjects.mockResolvedValue(page);
      pmoStore.listLinks.mockResolvedValue([
        {
          projectKey: 'INFRA-101',
          entityRef: 'component:default/storage-api',
          source: 'manual',
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ]);
      const res = await request(app).get(
        '/snapshots/latest/projects?system=storage',
      );
      expect(res.status).toBe(200);
      expect(pmoStore.listLinks).toHaveBeenCalledWith({
        entityRefs: ['system:default/storage', 'component:default/storage-api'],
      });
      expect(store.listSnapshotProjects).toHaveBeenCalledWith(
        snapshot,
        expect.objectContaining({ projectKeys: ['INFRA-101'] }),
      );
    });

    it('is 404 for an unknown snapshot and 400 for a bad id', async () => {
      const missing = await request(app).get('/snapshots/99/projects');
      expect(missing.status).toBe(404);
      const bad = await request(app).get('/snapshots/abc/projects');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('params.id');
      const badPhase = await request(app).get(
        '/snapshots/7/projects?phase=nope',
      );
      expect(badPhase.status).toBe(400);
      expect(badPhase.body.error.message).toContain('query.phase');
    });

    it('answers an empty page without read access', async () => {
      decide(AuthorizeResult.DENY);
      const res = await request(app).get('/snapshots/7/projects');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ snapshot, items: [], totalItems: 0 });
      expect(store.listSnapshotProjects).not.toHaveBeenCalled();
    });
  });

  describe('GET /trends', () => {
    it('reads the last weeks with the owner filter', async () => {
      store.trends.mockResolvedValue([]);
      const res = await request(app).get('/trends?weeks=4&owner=storage');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ points: [] });
      expect(store.trends).toHaveBeenCalledWith({
        since: '2026-11-11T10:00:00.000Z',
        owner: ['group:default/storage'],
        access: undefined,
      });
    });

    it('validates weeks and answers nothing without read access', async () => {
      const res = await request(app).get('/trends?weeks=105');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('query.weeks');
      decide(AuthorizeResult.DENY);
      const denied = await request(app).get('/trends');
      expect(denied.body).toEqual({ points: [] });
      expect(store.trends).not.toHaveBeenCalled();
    });
  });

  describe('GET /reports/status.{format}', () => {
    it('renders one project as Markdown from the snapshot', async () => {
      store.reportProjects.mockResolvedValue({ items: [row], totalItems: 1 });
      const res = await request(app).get(
        '/reports/status.md?snapshot=7&project=infra-101',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="pmo-status-2026-W50-INFRA-101.md"',
      );
      expect(res.text).toContain('# Status report: INFRA-101 SAN refresh');
      expect(res.text).toContain('- **Declared:** AMBER: Vendor late');
      expect(store.reportProjects).toHaveBeenCalledWith(7, {
        access: undefined,
        projectKeys: ['INFRA-101'],
        limit: 5000,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'status-report' }),
      );
    });

    it('renders the portfolio filter as CSV from the latest snapshot', async () => {
      store.reportProjects.mockResolvedValue({ items: [row], totalItems: 1 });
      const res = await request(app).get(
        '/reports/status.csv?owner=storage&health=amber,red',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.text.split('\r\n')[0]).toMatch(/^snapshotId,period,/);
      expect(res.text).toContain('INFRA-101,SAN refresh');
      expect(store.getSnapshot).toHaveBeenCalledWith('latest');
      expect(store.reportProjects).toHaveBeenCalledWith(7, {
        owner: ['group:default/storage'],
        health: ['amber', 'red'],
        access: undefined,
        limit: 5000,
      });
    });

    it('answers 400, 403 and 404 as documented', async () => {
      const format = await request(app).get('/reports/status.pdf');
      expect(format.status).toBe(400);
      expect(format.body.error.message).toContain('params.format');
      const key = await request(app).get('/reports/status.md?project=-nope');
      expect(key.status).toBe(400);
      expect(key.body.error.message).toContain('query.project');

      store.reportProjects.mockResolvedValue({ items: [], totalItems: 0 });
      const hidden = await request(app).get('/reports/status.md?project=NET-3');
      expect(hidden.status).toBe(404);
      const unknown = await request(app).get('/reports/status.md?snapshot=99');
      expect(unknown.status).toBe(404);

      store.getSnapshot.mockResolvedValue(undefined);
      const none = await request(app).get('/reports/status.md');
      expect(none.status).toBe(404);
      expect(none.body.error.message).toContain('No snapshot');

      decide(AuthorizeResult.DENY);
      const denied = await request(app).get('/reports/status.md');
      expect(denied.status).toBe(403);
    });
  });
});
