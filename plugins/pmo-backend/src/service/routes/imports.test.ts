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
import {
  AuthorizeResult,
  type ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import type { ProjectWithHealth } from '@infra-pmo/plugin-pmo-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import ExcelJS from 'exceljs';
import express from 'express';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import request from 'supertest';
import type { ItemLocation, PmoStore } from '../../database/PmoStore';
import {
  createTestContext,
  createTestDatabases,
} from '../../__testUtils__/databases';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { parseXlsx } from '../interop/xlsx';
import { XLSX_TYPE } from '../request/body';
import { registerImportRoutes } from './imports';

// PostgreSQL set-up and the hostile workbooks take long on a loaded machine.
jest.setTimeout(120_000);

const NOW = new Date('2026-03-02T10:00:00Z');
const A_TEAM = 'group:default/a-team';
const B_TEAM = 'group:default/b-team';

const projectOf = (
  key: string,
  owner: string,
  extra: Partial<ProjectWithHealth> = {},
): ProjectWithHealth => ({
  key,
  title: `Project ${key}`,
  phase: 'execution',
  methodology: 'waterfall',
  owner,
  priority: 'medium',
  externalLinks: [],
  version: 3,
  createdAt: '2026-02-20T00:00:00.000Z',
  updatedAt: '2026-02-25T00:00:00.000Z',
  computedHealth: { status: 'green', reasons: [] },
  watermelon: false,
  ...extra,
});

/** Owned by a-team (the caller's group in most tests). */
const APP1 = projectOf('APP-1', A_TEAM, { version: 3 });
/** Owned by b-team. */
const BIZ1 = projectOf('BIZ-1', B_TEAM, {
  version: 5,
  computedHealth: { status: 'amber', reasons: [] },
});
const M_APP = '11111111-1111-4111-8111-111111111111';
const M_BIZ = '22222222-2222-4222-8222-222222222222';
const R_BIZ = '33333333-3333-4333-8333-333333333333';
const ITEMS: Record<'milestones' | 'raid', ItemLocation[]> = {
  milestones: [
    { id: M_APP, projectKey: 'APP-1', version: 2 },
    { id: M_BIZ, projectKey: 'BIZ-1', version: 4 },
  ],
  raid: [{ id: R_BIZ, projectKey: 'BIZ-1', version: 1 }],
};

const ownerOf = (claims: string[]): ConditionalPolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'pmo',
  resourceType: 'pmo-project',
  conditions: {
    rule: 'IS_PROJECT_OWNER',
    resourceType: 'pmo-project',
    params: { claims },
  },
});

const COUNTS = {
  projects: { created: 0, updated: 1 },
  milestones: { created: 0, updated: 0 },
  raid: { created: 0, updated: 0 },
};

const NO_COUNTS = {
  projects: { created: 0, updated: 0 },
  milestones: { created: 0, updated: 0 },
  raid: { created: 0, updated: 0 },
};

const permissions = mockServices.permissions.mock();
const auditor = mockServices.auditor.mock();
const auditEvent = { success: jest.fn(), fail: jest.fn() };

/**
 * The caller may write what `write` owns (IS_PROJECT_OWNER), read what
 * `read` owns (or everything), and is denied the permissions in `deny`.
 */
function policy(
  options: { read?: string[] | 'all'; write?: string[]; deny?: string[] } = {},
) {
  const { read = 'all', write = [A_TEAM], deny = [] } = options;
  permissions.authorize.mockImplementation(async reqs =>
    reqs.map(r => ({
      result: deny.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    })),
  );
  permissions.authorizeConditional.mockImplementation(async reqs =>
    reqs.map(r => {
      if (deny.includes(r.permission.name)) {
        return { result: AuthorizeResult.DENY };
      }
      if (r.permission.name === 'pmo.project.read') {
        return read === 'all'
          ? { result: AuthorizeResult.ALLOW }
          : ownerOf(read);
      }
      return ownerOf(write);
    }),
  );
}

function appOf(store: PmoStore) {
  const contextOf = createRequestContextFactory({
    httpAuth: mockServices.httpAuth(),
    auth: mockServices.auth(),
    userInfo: mockServices.userInfo(),
    permissions,
    auditor,
    projects: store,
  });
  return routesApp(router =>
    registerImportRoutes(router, {
      projects: store,
      transfer: store,
      contextOf,
      logger: mockServices.logger.mock(),
      now: () => NOW,
    }),
  );
}

describe('export and import routes', () => {
  const store = {
    getProjects: jest.fn(),
    locateItems: jest.fn(),
    milestonesByExternalId: jest.fn(),
    importBatch: jest.fn(),
    exportRows: jest.fn(),
  };
  let app: express.Express;

  beforeEach(() => {
    jest.resetAllMocks();
    policy();
    auditor.createEvent.mockResolvedValue(auditEvent);
    store.getProjects.mockImplementation(async (keys: readonly string[]) =>
      [APP1, BIZ1].filter(p => keys.includes(p.key)),
    );
    store.locateItems.mockImplementation(
      async (kind: 'milestones' | 'raid', ids: readonly string[]) =>
        ITEMS[kind].filter(i => ids.includes(i.id)),
    );
    store.importBatch.mockImplementation(
      async (_batch: unknown, { dryRun }: { dryRun: boolean }) => ({
        dryRun,
        applied: !dryRun,
        counts: COUNTS,
        errors: [],
      }),
    );
    app = appOf(store as unknown as PmoStore);
  });

  const importJson = (body: object) => request(app).post('/import').send(body);
  const dryRun = async (body: object) => {
    const res = await importJson({ ...body, dryRun: true });
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('export', () => {
    it('exports CSV as an attachment, neutralizing formulas', async () => {
      store.exportRows.mockResolvedValue([
        {
          key: 'INFRA-101',
          title: '=HYPERLINK("x")',
          version: 3,
          budgetPlanned: null,
        },
      ]);
      const res = await request(app).get('/export/projects.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="pmo-projects-2026-03-02.csv"',
      );
      expect(res.text).toBe(
        'key,title,version,budgetPlanned\r\nINFRA-101,"\'=HYPERLINK(""x"")",3,\r\n',
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'export',
          meta: { kind: 'projects' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({ meta: { rows: 1 } });
    });

    it('has a version column for every kind (export, edit, import)', async () => {
      store.exportRows.mockResolvedValue([]);
      for (const kind of ['projects', 'milestones', 'raid']) {
        const res = await request(app).get(`/export/${kind}.csv`);
        expect(res.text.split('\r\n')[0].split(',')).toContain('version');
      }
    });

    it('rejects an unknown export kind', async () => {
      const res = await request(app).get('/export/budgets.csv');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'params.kind: must be one of projects, milestones, raid',
      );
    });
  });

  describe('import input', () => {
    it('rejects unauthenticated calls', async () => {
      const res = await request(app)
        .post('/import')
        .set('Authorization', mockCredentials.none.header())
        .send({ projects: [] });
      expect(res.status).toBe(401);
      for (const fn of Object.values(store)) expect(fn).not.toHaveBeenCalled();
    });

    it('is 403 without pmo.import, store untouched', async () => {
      policy({ deny: ['pmo.import'] });
      const res = await importJson({ projects: [] });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Not allowed: pmo.import');
      expect(store.importBatch).not.toHaveBeenCalled();
      expect(auditEvent.fail).toHaveBeenCalledTimes(1);
    });

    it('answers a malformed JSON body with a 400 naming the body', async () => {
      const res = await request(app)
        .post('/import')
        .set('content-type', 'application/json')
        .send('nul');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid request: body: is not valid JSON/,
      );
    });

    it('returns per-row errors on a JSON dry run without calling the store', async () => {
      const body = await dryRun({
        projects: [
          { key: 'INFRA-300', title: 'ok', owner: 'a-team' },
          {
            key: 'INFRA-301',
            title: 'bad date',
            owner: 'a-team',
            targetDate: '2026-13-01',
          },
        ],
        raid: [
          {
            projectKey: 'INFRA-300',
            type: 'risk',
            title: 'x',
            probability: 7,
            impact: 2,
          },
        ],
      });
      expect(body).toEqual({
        dryRun: true,
        applied: false,
        counts: NO_COUNTS,
        errors: [
          {
            kind: 'projects',
            row: 2,
            field: 'targetDate',
            message: 'must be a date formatted YYYY-MM-DD',
          },
          {
            kind: 'raid',
            row: 1,
            field: 'probability',
            message: 'must be between 1 and 5',
          },
        ],
      });
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('refuses RAID owners written as refs that are not catalog users or groups', async () => {
      const withCatalog = routesApp(router =>
        registerImportRoutes(router, {
          projects: store as unknown as PmoStore,
          transfer: store as unknown as PmoStore,
          contextOf: createRequestContextFactory({
            httpAuth: mockServices.httpAuth(),
            auth: mockServices.auth(),
            userInfo: mockServices.userInfo(),
            permissions,
            auditor,
            projects: store as unknown as PmoStore,
          }),
          catalog: catalogServiceMock({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Group',
                metadata: { name: 'a-team', namespace: 'default' },
                spec: { type: 'team', children: [] },
              },
            ],
          }),
          logger: mockServices.logger.mock(),
          now: () => NOW,
        }),
      );
      const risk = { projectKey: 'APP-1', type: 'assumption', title: 'x' };
      const res = await request(withCatalog)
        .post('/import')
        .send({
          dryRun: true,
          raid: [
            { ...risk, owner: 'group:default/a-team' },
            { ...risk, owner: 'Acme MSP – J. Smith' },
            { ...risk, owner: 'group:default/everyone' },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([
        {
          kind: 'raid',
          row: 3,
          field: 'owner',
          message:
            'group:default/everyone is not a user or group in the catalog',
        },
      ]);
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('validates ids and repeated rows with the shared schemas', async () => {
      const body = await dryRun({
        projects: [
          { key: 'NEW-1', title: 'a', owner: 'a-team' },
          { key: 'new-1', title: 'b', owner: 'a-team' },
        ],
        milestones: [{ id: 'm1', projectKey: 'APP-1', title: 'x' }],
      });
      expect(body.errors).toEqual([
        {
          kind: 'projects',
          row: 2,
          field: 'key',
          message: 'repeats NEW-1 of an earlier row',
        },
        { kind: 'milestones', row: 1, field: 'id', message: 'must be a UUID' },
      ]);
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('rejects a real import with errors as 400, nothing applied', async () => {
      const res = await importJson({
        projects: [{ key: 'INFRA-301', title: '', owner: 'a-team' }],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Import rejected, nothing was applied: projects[1].title: must not be empty',
      );
      expect(store.importBatch).not.toHaveBeenCalled();
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('imports CSV rows validated with the same schemas', async () => {
      const csv = [
        'Key,Title,Owner,Budget Planned,Budget Currency,External Links,Computed Health',
        "infra-400,'=SUM(A1),a-team,1200.5,EUR,jira:INFRA-9,red",
      ].join('\n');
      const res = await request(app)
        .post('/import?kind=projects&dryRun=true')
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(res.status).toBe(200);
      expect(store.importBatch).toHaveBeenCalledWith(
        {
          projects: [
            {
              key: 'INFRA-400',
              title: '=SUM(A1)',
              owner: A_TEAM,
              budget: { planned: 1200.5, currency: 'EUR' },
              externalLinks: [{ system: 'jira', key: 'INFRA-9' }],
            },
          ],
          milestones: [],
          raid: [],
        },
        {
          dryRun: true,
          expected: {
            projects: new Map([['INFRA-400', null]]),
            milestones: new Map(),
            raid: new Map(),
          },
        },
        { ref: mockCredentials.user().principal.userEntityRef },
      );
    });

    it('infers the kind of a CSV import from its header', async () => {
      const csv = [
        'Project Key,Title,Baseline Date,Forecast Date,Status',
        'APP-1,Cutover,2026-04-01T00:00:00Z,2026-04-03T22:30:00-02:00,planned',
      ].join('\n');
      const res = await request(app)
        .post('/import?dryRun=true')
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(res.status).toBe(200);
      // Timestamps keep the date as written.
      expect(store.importBatch.mock.calls[0][0].milestones).toEqual([
        {
          projectKey: 'APP-1',
          title: 'Cutover',
          baselineDate: '2026-04-01',
          forecastDate: '2026-04-03',
          status: 'planned',
        },
      ]);
    });

    it('infers projects and RAID too, and asks for the kind when the header does not tell', async () => {
      const send = (csv: string) =>
        request(app)
          .post('/import?dryRun=true')
          .set('Content-Type', 'text/csv')
          .send(csv);
      expect((await send('key,title,owner\nAPP-9,x,a-team')).status).toBe(200);
      expect(store.importBatch.mock.calls[0][0].projects).toHaveLength(1);
      expect(
        (await send('projectKey,type,title\nAPP-1,assumption,x')).status,
      ).toBe(200);
      expect(store.importBatch.mock.calls[1][0].raid).toHaveLength(1);
      const res = await send('title,projectKey\nx,APP-1');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'query.kind: is required when the CSV header does not tell',
      );
    });

    it('checks declared health reasons of imported projects', async () => {
      const body = await dryRun({
        projects: [
          {
            key: 'APP-1',
            title: 't',
            owner: 'a-team',
            version: 3,
            declaredHealth: { status: 'amber' },
          },
        ],
      });
      expect(body.errors).toEqual([
        {
          kind: 'projects',
          row: 1,
          field: 'declaredHealth.reason',
          message:
            'is required when the declared health (amber) differs from the computed health (green)',
        },
      ]);
    });
  });

  describe('authorization of every row', () => {
    it('decides once per permission for the whole file', async () => {
      const res = await importJson({
        projects: [
          { key: 'APP-1', title: 'a', owner: 'a-team', version: 3 },
          { key: 'NEW-1', title: 'b', owner: 'a-team' },
        ],
        milestones: [
          { projectKey: 'APP-1', title: 'm1' },
          { projectKey: 'NEW-1', title: 'm2' },
          { id: M_APP, projectKey: 'APP-1', title: 'm3', version: 2 },
        ],
        raid: [
          { projectKey: 'APP-1', type: 'assumption', title: 'r1' },
          { projectKey: 'NEW-1', type: 'assumption', title: 'r2' },
        ],
      });
      expect(res.status).toBe(200);
      const names = (mock: { mock: { calls: any[][] } }) =>
        mock.mock.calls.flatMap(([reqs]) =>
          reqs.map((r: { permission: { name: string } }) => r.permission.name),
        );
      expect(names(permissions.authorizeConditional).sort()).toEqual([
        'pmo.milestone.create',
        'pmo.milestone.update',
        'pmo.project.read',
        'pmo.project.update',
        'pmo.raid.create',
      ]);
      expect(names(permissions.authorize).sort()).toEqual([
        'pmo.import',
        'pmo.project.create',
      ]);
      expect(store.getProjects).toHaveBeenCalledTimes(1);
      expect(store.importBatch).toHaveBeenCalledWith(
        expect.anything(),
        {
          dryRun: false,
          expected: {
            projects: new Map([
              ['APP-1', 3],
              ['NEW-1', null],
            ]),
            milestones: new Map([[M_APP, 'APP-1']]),
            raid: new Map(),
          },
        },
        expect.anything(),
      );
    });

    it("refuses to take over another group's project (403, nothing applied)", async () => {
      const row = { key: 'BIZ-1', title: 'mine', owner: 'a-team', version: 5 };
      expect((await dryRun({ projects: [row] })).errors).toEqual([
        {
          kind: 'projects',
          row: 1,
          message: 'not allowed: pmo.project.update on project BIZ-1',
        },
      ]);
      const res = await importJson({ projects: [row] });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toBe(
        'Import rejected, nothing was applied: projects[1]: not allowed: pmo.project.update on project BIZ-1',
      );
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('refuses to give a project away to an owner the caller cannot update', async () => {
      const res = await importJson({
        projects: [
          // A valid row first: the denied row is still named first.
          { key: 'NEW-1', title: 'fine', owner: 'a-team', targetDate: 'x' },
          { key: 'APP-1', title: 'gift', owner: 'b-team', version: 3 },
        ],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Import rejected, nothing was applied: projects[2]: not allowed: pmo.project.update on project APP-1; projects[1].targetDate: must be a date formatted YYYY-MM-DD',
      );
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('authorizes milestones and RAID of a new project on the project as created', async () => {
      const body = await dryRun({
        projects: [
          { key: 'NEW-1', title: 'ours', owner: 'a-team' },
          { key: 'NEW-2', title: 'theirs', owner: 'b-team' },
        ],
        milestones: [
          { projectKey: 'NEW-1', title: 'ok' },
          { projectKey: 'NEW-2', title: 'no' },
        ],
        raid: [{ projectKey: 'NEW-2', type: 'assumption', title: 'no' }],
      });
      expect(body.errors).toEqual([
        {
          kind: 'milestones',
          row: 2,
          field: 'projectKey',
          message: 'not allowed: pmo.milestone.create on project NEW-2',
        },
        {
          kind: 'raid',
          row: 1,
          field: 'projectKey',
          message: 'not allowed: pmo.raid.create on project NEW-2',
        },
      ]);
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it("refuses milestone and RAID ids of another group's project", async () => {
      const res = await importJson({
        milestones: [
          { id: M_BIZ, projectKey: 'BIZ-1', title: 'edited', version: 4 },
        ],
        raid: [
          {
            id: R_BIZ,
            projectKey: 'BIZ-1',
            type: 'assumption',
            title: 'edited',
            version: 1,
          },
        ],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Import rejected, nothing was applied: milestones[1].id: not allowed: pmo.milestone.update on project BIZ-1; raid[1].id: not allowed: pmo.raid.update on project BIZ-1',
      );
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it("cannot move another project's milestone into the caller's project", async () => {
      const row = {
        id: M_BIZ,
        projectKey: 'APP-1',
        title: 'moved',
        version: 4,
      };
      // Denied on the project the milestone belongs to now.
      expect((await dryRun({ milestones: [row] })).errors).toEqual([
        {
          kind: 'milestones',
          row: 1,
          field: 'id',
          message: 'not allowed: pmo.milestone.update on project BIZ-1',
        },
      ]);
      // Allowed on both: still no move.
      policy({ write: [A_TEAM, B_TEAM] });
      expect((await dryRun({ milestones: [row] })).errors).toEqual([
        {
          kind: 'milestones',
          row: 1,
          field: 'projectKey',
          message:
            'the milestone belongs to project BIZ-1; an import cannot move it',
        },
      ]);
      // Hidden: the project is not named.
      policy({ read: [A_TEAM] });
      const hidden = await dryRun({ milestones: [row] });
      expect(hidden.errors).toEqual([
        {
          kind: 'milestones',
          row: 1,
          field: 'id',
          message:
            'not allowed: pmo.milestone.update on the project of this milestone',
        },
      ]);
      expect(JSON.stringify(hidden)).not.toContain('BIZ');
      expect(store.importBatch).not.toHaveBeenCalled();
    });
  });

  describe('versions', () => {
    it('requires the version on rows that update an existing object', async () => {
      const body = await dryRun({
        projects: [
          { key: 'APP-1', title: 'x', owner: 'a-team' },
          { key: 'NEW-1', title: 'new: no version needed', owner: 'a-team' },
        ],
        milestones: [{ id: M_APP, projectKey: 'APP-1', title: 'x' }],
      });
      expect(body.errors).toEqual([
        {
          kind: 'projects',
          row: 1,
          field: 'version',
          message:
            'is required to update project APP-1 (the version of the export)',
        },
        {
          kind: 'milestones',
          row: 1,
          field: 'version',
          message: `is required to update milestone ${M_APP} (the version of the export)`,
        },
      ]);
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('refuses a stale version: a row error, 409 on a real import', async () => {
      const rows = {
        projects: [{ key: 'APP-1', title: 'x', owner: 'a-team', version: 2 }],
      };
      expect((await dryRun(rows)).errors).toEqual([
        {
          kind: 'projects',
          row: 1,
          field: 'version',
          message:
            'is 2, but project APP-1 is at version 3: it changed since; export again',
        },
      ]);
      const res = await importJson(rows);
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('ConflictError');
      expect(store.importBatch).not.toHaveBeenCalled();
    });
  });

  describe('projects the caller cannot read', () => {
    beforeEach(() => policy({ read: [A_TEAM] }));

    it('are reported like absent projects, without any stored value', async () => {
      policy({ read: [A_TEAM], deny: ['pmo.project.create'] });
      const rows = (key: string) => ({
        projects: [
          {
            key,
            title: 't',
            owner: 'a-team',
            version: 1,
            declaredHealth: { status: 'green' },
          },
        ],
        milestones: [{ projectKey: key, title: 'm' }],
      });
      const hidden = await dryRun(rows('BIZ-1'));
      const absent = await dryRun(rows('BIZ-9'));
      expect(JSON.stringify(hidden)).toBe(
        JSON.stringify(absent).replace(/BIZ-9/g, 'BIZ-1'),
      );
      expect(hidden.errors).toEqual([
        {
          kind: 'projects',
          row: 1,
          message: 'not allowed: pmo.project.create on project BIZ-1',
        },
      ]);
      expect(JSON.stringify(hidden)).not.toMatch(/amber|version|5/);
      expect(store.importBatch).not.toHaveBeenCalled();
    });

    it('cannot be created over, and their milestones are refused alike', async () => {
      const body = await dryRun({
        projects: [{ key: 'BIZ-1', title: 't', owner: 'a-team' }],
        milestones: [
          { projectKey: 'BIZ-2', title: 'no such project' },
          { projectKey: 'BIZ-1', title: 'hidden project' },
        ],
      });
      expect(body.errors).toEqual([
        {
          kind: 'projects',
          row: 1,
          message: 'not allowed: pmo.project.create on project BIZ-1',
        },
        {
          kind: 'milestones',
          row: 1,
          field: 'projectKey',
          message: 'not allowed: pmo.milestone.create on project BIZ-2',
        },
      ]);
      const alone = await dryRun({
        milestones: [
          { projectKey: 'BIZ-2', title: 'no such project' },
          { projectKey: 'BIZ-1', title: 'hidden project' },
        ],
      });
      expect(alone.errors.map((e: { message: string }) => e.message)).toEqual([
        'not allowed: pmo.milestone.create on project BIZ-2',
        'not allowed: pmo.milestone.create on project BIZ-1',
      ]);
    });
  });
});

const databases = createTestDatabases();

/** A fresh database with the routes over it; mocks reset. */
async function freshApp(databaseId: Parameters<typeof databases.init>[0]) {
  jest.resetAllMocks();
  auditor.createEvent.mockResolvedValue(auditEvent);
  const knex = await databases.init(databaseId);
  const store = (await createTestContext(knex, { clock: () => NOW })).pmo;
  return { knex, store, app: appOf(store) };
}

/** A file of the interop fixtures (service/interop/__fixtures__). */
const interopFixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '..', 'interop', '__fixtures__', name));

describe.each(databases.eachSupportedId())(
  'import on a database (%s)',
  databaseId => {
    let knex: Knex;
    let store: PmoStore;
    let app: express.Express;

    beforeEach(async () => {
      ({ knex, store, app } = await freshApp(databaseId));
      const alice = { ref: 'user:default/alice' };
      await store.createProject(
        { key: 'APP-1', title: 'Ours', owner: A_TEAM },
        alice,
      );
      await store.createMilestone('APP-1', { title: 'Go live' }, alice);
      await store.createRaidItem(
        'APP-1',
        { type: 'risk', title: 'Late', probability: 2, impact: 2 },
        alice,
      );
    });

    const exported = async (kind: string) => {
      const res = await request(app).get(`/export/${kind}.csv`);
      expect(res.status).toBe(200);
      return res.text;
    };
    const importCsv = (kind: string, csv: string) =>
      request(app)
        .post(`/import?kind=${kind}`)
        .set('Content-Type', 'text/csv')
        .send(csv);
    const state = async () => ({
      projects: await knex('pmo_projects').select(
        'key',
        'owner',
        'title',
        'version',
      ),
      milestones: await knex('pmo_milestones').select('id', 'title', 'version'),
      raid: await knex('pmo_raid_items').select('id', 'title', 'version'),
      history: (await knex('pmo_history').count({ n: '*' }))[0],
    });

    it("changes nothing when another group's user imports its export", async () => {
      // b-team may read everything but write only what it owns.
      policy({ write: [B_TEAM] });
      const before = await state();
      const edits: Array<[string, string]> = [
        [
          'projects',
          (await exported('projects'))
            .replace(',Ours,', ',Theirs,')
            .replace(A_TEAM, B_TEAM),
        ],
        [
          'milestones',
          (await exported('milestones')).replace('Go live', 'Never'),
        ],
        ['raid', (await exported('raid')).replace('Late', 'Fine')],
      ];
      for (const [kind, csv] of edits) {
        expect(csv).toMatch(/version/);
        const res = await importCsv(kind, csv);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(
          /^Import rejected, nothing was applied: \w+\[1\](\.id)?: not allowed: pmo\.(project|milestone|raid)\.update on project APP-1/,
        );
      }
      expect(await state()).toEqual(before);
    });

    it('round-trips an export of the owners: edit, import, versions move on', async () => {
      policy({ write: [A_TEAM] });
      const milestones = (await exported('milestones')).replace(
        'Go live',
        'Go live v2',
      );
      const res = await importCsv('milestones', milestones);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        applied: true,
        counts: { milestones: { created: 0, updated: 1 } },
      });
      expect(await knex('pmo_milestones').select('title', 'version')).toEqual([
        { title: 'Go live v2', version: 2 },
      ]);
      // The same file again is stale now: 409, nothing applied.
      const again = await importCsv('milestones', milestones);
      expect(again.status).toBe(409);
      expect(await knex('pmo_milestones').select('title', 'version')).toEqual([
        { title: 'Go live v2', version: 2 },
      ]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'MS Project import on a database (%s)',
  databaseId => {
    const plan = interopFixture('dc-migration.mspdi.xml').toString('utf8');
    let knex: Knex;
    let app: express.Express;

    beforeEach(async () => {
      ({ knex, app } = await freshApp(databaseId));
    });

    const importXml = (xml: string, query: string) =>
      request(app)
        .post(`/import?${query}`)
        .set('Content-Type', 'application/xml')
        .send(xml);
    const milestones = () =>
      knex('pmo_milestones')
        .select(
          'external_id',
          'title',
          'baseline_date',
          'forecast_date',
          'actual_date',
          'status',
          'version',
        )
        .orderBy('external_id');
    const state = async () => ({
      projects: await knex('pmo_projects').select('key', 'version'),
      milestones: await milestones(),
      history: (await knex('pmo_history').count({ n: '*' }))[0],
    });

    it('imports the plan into a new project after a dry run, then updates it on re-import', async () => {
      policy({ write: [A_TEAM] });
      const query = `projectKey=dc-mig-01&owner=${A_TEAM}`;
      const dry = await importXml(plan, `${query}&dryRun=true`);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        applied: false,
        counts: {
          projects: { created: 1, updated: 0 },
          milestones: { created: 3, updated: 0 },
        },
        errors: [],
      });
      expect(await milestones()).toEqual([]);

      const res = await importXml(plan, query);
      expect(res.status).toBe(200);
      expect(res.body.applied).toBe(true);
      expect(
        await knex('pmo_projects').select('key', 'title', 'target_date'),
      ).toEqual([
        {
          key: 'DC-MIG-01',
          title: 'Data-centre migration wave 1',
          target_date: '2026-09-30',
        },
      ]);
      expect(await milestones()).toEqual([
        {
          external_id: 'mspdi:3',
          title: 'Design approved (gate)',
          baseline_date: '2026-04-15',
          forecast_date: '2026-04-17',
          actual_date: '2026-04-20',
          status: 'done',
          version: 1,
        },
        expect.objectContaining({
          external_id: 'mspdi:5',
          forecast_date: '2026-06-12',
        }),
        expect.objectContaining({ external_id: 'mspdi:6' }),
      ]);

      // The PM moves the pilot in MS Project and exports again.
      const moved = plan.replace(
        /<Start>2026-06-12T17:00:00<\/Start>\s*<Finish>2026-06-12T17:00:00<\/Finish>/,
        '<Start>2026-06-19T17:00:00</Start><Finish>2026-06-19T17:00:00</Finish>',
      );
      const again = await importXml(moved, query);
      expect(again.status).toBe(200);
      expect(again.body.counts).toEqual({
        projects: { created: 0, updated: 0 },
        milestones: { created: 0, updated: 3 },
        raid: { created: 0, updated: 0 },
      });
      const after = await milestones();
      expect(after).toHaveLength(3);
      expect(after[1]).toMatchObject({
        external_id: 'mspdi:5',
        forecast_date: '2026-06-19',
        version: 2,
      });
    });

    it("changes nothing when another group's user imports into the project", async () => {
      policy({ write: [A_TEAM] });
      expect(
        (await importXml(plan, `projectKey=DC-MIG-01&owner=${A_TEAM}`)).status,
      ).toBe(200);
      const before = await state();
      policy({ write: [B_TEAM] });
      const res = await importXml(
        plan.replace('Pilot wave cut over', 'Cancelled'),
        'projectKey=DC-MIG-01',
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^Import rejected, nothing was applied: milestones\[1\]\.id: not allowed: pmo\.milestone\.update on project DC-MIG-01/,
      );
      expect(await state()).toEqual(before);
    });

    it('answers hostile or incomplete files with a 400 and writes nothing', async () => {
      policy({ write: [A_TEAM] });
      const before = await state();
      const bomb = `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "${'a'.repeat(
        1000,
      )}">]><Project><Title>${'&a;'.repeat(10000)}</Title></Project>`;
      const started = Date.now();
      const refused = await importXml(bomb, `projectKey=X-1&owner=${A_TEAM}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('DOCTYPE');
      expect(Date.now() - started).toBeLessThan(5000);
      // An external entity (XXE) is refused the same way: never resolved.
      const external = await importXml(
        '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project><Title>&x;</Title></Project>',
        `projectKey=X-1&owner=${A_TEAM}`,
      );
      expect(external.status).toBe(400);
      expect(external.body.error.message).toContain('DOCTYPE');
      expect(JSON.stringify(external.body)).not.toContain('root:');
      const noKey = await importXml(plan, `owner=${A_TEAM}`);
      expect(noKey.status).toBe(400);
      expect(noKey.body.error.message).toContain(
        'query.projectKey: is required',
      );
      const noOwner = await importXml(plan, 'projectKey=DC-MIG-02');
      expect(noOwner.status).toBe(400);
      expect(noOwner.body.error.message).toContain('projects[1].owner');
      const huge = await importXml(
        `<Project>${'x'.repeat(11 * 1024 * 1024)}</Project>`,
        'projectKey=X-1',
      );
      expect(huge.status).toBe(413);
      expect(await state()).toEqual(before);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'XLSX import and export on a database (%s)',
  databaseId => {
    const fixture = interopFixture;
    let knex: Knex;
    let store: PmoStore;
    let app: express.Express;

    beforeEach(async () => {
      ({ knex, store, app } = await freshApp(databaseId));
      policy({
        write: [A_TEAM, 'group:default/network', 'group:default/backup'],
      });
    });

    const importXlsx = (body: Buffer, query = '') =>
      request(app)
        .post(`/import?${query}`)
        .set('Content-Type', XLSX_TYPE)
        .send(body);
    const exportXlsx = async () => {
      const res = await request(app)
        .get('/export.xlsx')
        .buffer(true)
        .parse((r, done) => {
          const parts: Buffer[] = [];
          r.on('data', (c: Buffer) => parts.push(c));
          r.on('end', () => done(null, Buffer.concat(parts)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX_TYPE);
      return res.body as Buffer;
    };
    const state = async () => ({
      projects: await knex('pmo_projects').select('key', 'version'),
      milestones: await knex('pmo_milestones').select('id', 'version'),
      raid: await knex('pmo_raid_items').select('id', 'version'),
    });

    it('maps a Smartsheet project sheet without editing, and updates it on re-import', async () => {
      await store.createProject(
        { key: 'DC-MIG-02', title: 'Wave 2', owner: A_TEAM },
        { ref: 'user:default/alice' },
      );
      const sheet = fixture('smartsheet-dc-migration.xlsx');
      const res = await importXlsx(sheet, 'projectKey=dc-mig-02');
      expect(res.status).toBe(200);
      expect(res.body.counts.milestones).toEqual({ created: 3, updated: 0 });
      // The preview shows how each column was read.
      expect(res.body.mapping).toEqual([
        {
          source: 'DC Migration Wave 2',
          kind: 'milestones',
          columns: [
            { header: 'Task Name', field: 'title' },
            { header: 'Duration', field: 'milestones only (zero duration)' },
            { header: 'Start' },
            { header: 'Finish', field: 'forecastDate' },
            { header: 'Baseline Start' },
            { header: 'Baseline Finish', field: 'baselineDate' },
            { header: 'Variance' },
            { header: '% Complete', field: 'status (from % complete)' },
            { header: 'Assigned To' },
            { header: 'Predecessors' },
            { header: 'Status', field: 'status' },
          ],
        },
      ]);
      const rows = () =>
        knex('pmo_milestones')
          .select('title', 'baseline_date', 'forecast_date', 'status')
          .orderBy('forecast_date');
      expect(await rows()).toEqual([
        {
          title: 'Wave 2 scope signed off',
          baseline_date: '2026-05-29',
          forecast_date: '2026-05-29',
          status: 'done',
        },
        {
          title: 'Storage replicated',
          baseline_date: '2026-06-26',
          forecast_date: '2026-07-03',
          status: 'planned',
        },
        {
          title: 'Wave 2 cut over',
          baseline_date: '2026-08-14',
          forecast_date: '2026-08-21',
          status: 'planned',
        },
      ]);
      const again = await importXlsx(sheet, 'projectKey=DC-MIG-02');
      expect(again.status).toBe(200);
      expect(again.body.counts.milestones).toEqual({ created: 0, updated: 3 });
      expect(await rows()).toHaveLength(3);
    });

    it('imports an Excel workbook of several sheets; export -> import -> export keeps the values', async () => {
      const res = await importXlsx(fixture('excel-portfolio.xlsx'));
      expect(res.status).toBe(200);
      expect(res.body.counts).toEqual({
        projects: { created: 2, updated: 0 },
        milestones: { created: 2, updated: 0 },
        raid: { created: 1, updated: 0 },
      });
      expect(
        await knex('pmo_projects').select('key', 'target_date').orderBy('key'),
      ).toEqual([
        { key: 'NET-2027-04', target_date: '2027-04-30' },
        { key: 'PRJ0012345', target_date: '2026-10-31' },
      ]);

      const first = await exportXlsx();
      const reimport = await importXlsx(first);
      expect(reimport.status).toBe(200);
      expect(reimport.body.counts).toEqual({
        projects: { created: 0, updated: 2 },
        milestones: { created: 0, updated: 2 },
        raid: { created: 0, updated: 1 },
      });
      const second = await exportXlsx();
      const values = async (xlsx: Buffer) => {
        const { rows } = await parseXlsx(xlsx);
        const strip = (list: unknown[] | undefined) =>
          (list ?? []).map(r => {
            const { version, ...rest } = r as Record<string, unknown>;
            return rest;
          });
        return {
          projects: strip(rows.projects),
          milestones: strip(rows.milestones),
          raid: strip(rows.raid),
        };
      };
      const before = await values(first);
      expect(before.milestones).toHaveLength(2);
      expect(await values(second)).toEqual(before);
    });

    it('answers a workbook with formulas, a million rows or 100 MB with a 4xx within seconds, writing nothing', async () => {
      const before = await state();
      const formulas = new ExcelJS.Workbook();
      const sheet = formulas.addWorksheet('milestones');
      sheet.addRow(['projectKey', 'title', 'forecastDate']);
      sheet.addRow(['APP-1', { formula: 'HYPERLINK("http://x","y")' }, null]);
      const withFormula = Buffer.from(await formulas.xlsx.writeBuffer());

      const zip = await JSZip.loadAsync(
        Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer()),
      ).catch(() => new JSZip());
      const million = new JSZip();
      for (const [name, file] of Object.entries(zip.files)) {
        if (!file.dir) million.file(name, await file.async('uint8array'));
      }
      million.file(
        'xl/worksheets/sheet1.xml',
        `<worksheet><sheetData>${Array.from(
          { length: 1_000_000 },
          (_, i) => `<row r="${i + 1}"/>`,
        ).join('')}</sheetData></worksheet>`,
      );
      const millionRows = await million.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
      });

      // Each answer is timed on its own: the server answers before parsing
      // (the bounds leave room for a loaded CI machine).
      const timed = async (body: Buffer) => {
        const started = Date.now();
        const res = await importXlsx(body);
        expect(Date.now() - started).toBeLessThan(15_000);
        return res;
      };
      const f = await timed(withFormula);
      expect(f.status).toBe(400);
      expect(f.body.error.message).toContain(
        'xl/worksheets/sheet1.xml cell B2 has a formula',
      );
      const m = await timed(millionRows);
      expect(m.status).toBe(400);
      expect(m.body.error.message).toContain(
        'has 1000000 rows; at most 20000 are imported from one sheet',
      );
      const big = await timed(Buffer.alloc(100 * 1024 * 1024));
      expect(big.status).toBe(413);
      expect(await state()).toEqual(before);
    });
  },
);
