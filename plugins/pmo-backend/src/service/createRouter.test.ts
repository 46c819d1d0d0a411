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
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MAX_SUMMARY_BATCH,
  pmoValidationMessages,
  type EntitySummary,
  type Milestone,
  type Portfolio,
  type ProjectWithHealth,
  type RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import express from 'express';
import request from 'supertest';
import type { PmoStore } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';
import { testRouterStores } from './__testUtils__/routesApp';
import { createRouter } from './createRouter';
import { ExternalLinkResolver } from './externalLinks';
import { pmoProjectConditions } from './rules';

/** Entities without a run transition. */
const noTransitions = {
  getTransitionBriefs: async () => new Map(),
  listStates: async () => [],
} as unknown as TransitionStore;

const NOW = new Date('2026-03-02T10:00:00Z');

const project: ProjectWithHealth = {
  key: 'INFRA-101',
  title: 'Storage refresh',
  phase: 'execution',
  methodology: 'waterfall',
  owner: 'group:default/storage-team',
  priority: 'high',
  externalLinks: [{ system: 'jira', key: 'INFRA 7' }],
  version: 3,
  createdAt: '2026-02-20T00:00:00.000Z',
  updatedAt: '2026-02-25T00:00:00.000Z',
  computedHealth: { status: 'green', reasons: [] },
  watermelon: false,
};

const milestone: Milestone = {
  id: 'm1',
  projectKey: 'INFRA-101',
  title: 'Cutover',
  baselineDate: '2026-04-01',
  status: 'planned',
  gate: true,
  version: 1,
  createdAt: '2026-02-20T00:00:00.000Z',
  updatedAt: '2026-02-20T00:00:00.000Z',
};

const risk: RaidItem = {
  id: 'r1',
  projectKey: 'INFRA-101',
  type: 'risk',
  title: 'Vendor late',
  probability: 3,
  impact: 4,
  score: 12,
  status: 'open',
  version: 1,
  createdAt: '2026-02-20T00:00:00.000Z',
  updatedAt: '2026-02-20T00:00:00.000Z',
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: { 'pmo/projects': 'infra-101, not/a-key' },
    },
    spec: {
      type: 'service',
      owner: 'storage-team',
      system: 'storage',
      lifecycle: 'production',
    },
    relations: [{ type: 'partOf', targetRef: 'system:default/storage' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'san-array', namespace: 'default' },
    spec: {
      type: 'storage',
      owner: 'storage-team',
      system: 'storage',
      lifecycle: 'experimental',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'storage', namespace: 'default' },
    spec: { owner: 'storage-team' },
  },
];

const emptyRaid = { risk: 0, assumption: 0, issue: 0, dependency: 0 };

describe('createRouter', () => {
  const store: jest.Mocked<PmoStore> = {
    listProjects: jest.fn(),
    getProject: jest.fn(),
    createProject: jest.fn(),
    updateProject: jest.fn(),
    deleteProject: jest.fn(),
    listMilestones: jest.fn(),
    getMilestone: jest.fn(),
    createMilestone: jest.fn(),
    updateMilestone: jest.fn(),
    deleteMilestone: jest.fn(),
    listRaidItems: jest.fn(),
    searchRaidItems: jest.fn(),
    searchMilestones: jest.fn(),
    getRaidItem: jest.fn(),
    createRaidItem: jest.fn(),
    updateRaidItem: jest.fn(),
    deleteRaidItem: jest.fn(),
    addManualLink: jest.fn(),
    removeManualLink: jest.fn(),
    syncAnnotationLinks: jest.fn(),
    listLinks: jest.fn(),
    getEntitySummaries: jest.fn(),
    getPortfolio: jest.fn(),
    listHistory: jest.fn(),
    exportRows: jest.fn(),
    importBatch: jest.fn(),
    refreshComputedHealth: jest.fn(),
    getProjects: jest.fn(),
    locateItems: jest.fn(),
    milestonesByExternalId: jest.fn(),
  };
  const permissions = mockServices.permissions.mock();
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const catalog = catalogServiceMock({ entities });
  let app: express.Express;

  const allow = () => {
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  };
  const deny = () => {
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.DENY })),
    );
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.DENY })),
    );
  };

  beforeEach(async () => {
    jest.resetAllMocks();
    allow();
    auditor.createEvent.mockResolvedValue(auditEvent);
    store.getProject.mockResolvedValue(project);
    // The request context loads projects in batches; per-test getProject
    // mocks (unknown, hidden) apply to it too.
    store.getProjects.mockImplementation(async keys =>
      (await Promise.all(keys.map(k => store.getProject(k)))).filter(
        (p): p is ProjectWithHealth => Boolean(p),
      ),
    );
    store.getMilestone.mockResolvedValue(milestone);
    store.getRaidItem.mockResolvedValue(risk);
    store.listMilestones.mockResolvedValue([milestone]);
    store.listRaidItems.mockResolvedValue([risk]);
    store.listLinks.mockResolvedValue([]);
    store.getEntitySummaries.mockResolvedValue(new Map());
    const router = await createRouter({
      stores: testRouterStores(store, { transitions: noTransitions }),
      logger: mockServices.logger.mock(),
      contextOf: createRequestContextFactory({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth({ pluginId: 'pmo' }),
        userInfo: mockServices.userInfo(),
        permissions,
        auditor,
        projects: store,
      }),
      catalog,
      externalLinks: new ExternalLinkResolver({
        jira: 'https://jira.example.com/browse/{key}',
      }),
      now: () => NOW,
    });
    app = express().use(router).use(mockErrorHandler());
  });

  const userRef = mockCredentials.user().principal.userEntityRef;

  const ALL_ROUTES: Array<[string, string]> = [
    ['get', '/projects'],
    ['post', '/projects'],
    ['get', '/projects/INFRA-101'],
    ['patch', '/projects/INFRA-101'],
    ['delete', '/projects/INFRA-101'],
    ['get', '/projects/INFRA-101/history'],
    ['get', '/projects/INFRA-101/milestones'],
    ['post', '/projects/INFRA-101/milestones'],
    ['get', '/milestones/m1'],
    ['patch', '/milestones/m1'],
    ['delete', '/milestones/m1'],
    ['get', '/projects/INFRA-101/raid'],
    ['post', '/projects/INFRA-101/raid'],
    ['patch', '/raid/r1'],
    ['delete', '/raid/r1'],
    ['put', '/projects/INFRA-101/entities/component/default/storage-api'],
    ['delete', '/projects/INFRA-101/entities/component/default/storage-api'],
    ['get', '/entities/component/default/storage-api/summary'],
    ['post', '/entities/summaries'],
    ['get', '/portfolio'],
    ['get', '/raid'],
    ['get', '/milestones'],
    ['get', '/projects/INFRA-101/entities'],
  ];

  describe('authentication', () => {
    it.each(ALL_ROUTES)(
      '%s %s rejects unauthenticated calls',
      async (method, path) => {
        const res = await (request(app) as any)
          [method](path)
          .set('Authorization', mockCredentials.none.header())
          .send({});
        expect(res.status).toBe(401);
        for (const fn of Object.values(store)) {
          expect(fn).not.toHaveBeenCalled();
        }
      },
    );

    it('records a service principal as the actor', async () => {
      store.deleteProject.mockResolvedValue();
      const res = await request(app)
        .delete('/projects/INFRA-101')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(204);
      expect(store.deleteProject).toHaveBeenCalledWith('INFRA-101', {
        ref: mockCredentials.service().principal.subject,
      });
    });
  });

  describe('catalog credentials', () => {
    const summaryPath = '/entities/component/default/storage-api/summary';

    /**
     * Like the real catalog client for a static token with
     * accessRestrictions: a service principal's credentials cannot be
     * delegated, only the plugin's own (and users') can.
     */
    function restrictDelegation() {
      const original = catalog.getEntityByRef.bind(catalog);
      return jest
        .spyOn(catalog, 'getEntityByRef')
        .mockImplementation(async (ref, opts) => {
          const principal = (
            opts as {
              credentials: { principal: { type: string; subject?: string } };
            }
          ).credentials.principal;
          if (
            principal.type === 'service' &&
            principal.subject !== 'plugin:pmo'
          ) {
            throw new NotAllowedError(
              "Access to target plugin 'catalog' is restricted and cannot be delegated",
            );
          }
          return original(ref, opts);
        });
    }

    it('reads the catalog as the plugin for a service caller', async () => {
      const spy = restrictDelegation();
      try {
        const res = await request(app)
          .get(summaryPath)
          .set('Authorization', mockCredentials.service.header());
        expect(res.status).toBe(200);
        expect(res.body.entityRef).toBe('component:default/storage-api');
        expect(spy).toHaveBeenCalledWith('component:default/storage-api', {
          credentials: mockCredentials.service('plugin:pmo'),
        });
      } finally {
        spy.mockRestore();
      }
    });

    it('keeps the user credentials for a user (catalog visibility)', async () => {
      const spy = restrictDelegation();
      try {
        const res = await request(app).get(summaryPath);
        expect(res.status).toBe(200);
        expect(spy).toHaveBeenCalledWith('component:default/storage-api', {
          credentials: mockCredentials.user(),
        });
      } finally {
        spy.mockRestore();
      }
    });

    it('links an entity for a service caller', async () => {
      const spy = restrictDelegation();
      store.addManualLink.mockResolvedValue(true);
      try {
        const res = await request(app)
          .put('/projects/INFRA-101/entities/component/default/storage-api')
          .set('Authorization', mockCredentials.service.header());
        expect(res.status).toBe(201);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('authorization of writes', () => {
    const WRITES: Array<[string, string, object, string]> = [
      [
        'post',
        '/projects',
        { key: 'INFRA-9', title: 't', owner: 'group:default/pmo' },
        'pmo.project.create',
      ],
      [
        'patch',
        '/projects/INFRA-101',
        { version: 3, title: 'x' },
        'pmo.project.update',
      ],
      ['delete', '/projects/INFRA-101', {}, 'pmo.project.delete'],
      [
        'post',
        '/projects/INFRA-101/milestones',
        { title: 'x' },
        'pmo.milestone.create',
      ],
      [
        'patch',
        '/milestones/m1',
        { version: 1, title: 'x' },
        'pmo.milestone.update',
      ],
      ['delete', '/milestones/m1', {}, 'pmo.milestone.delete'],
      [
        'post',
        '/projects/INFRA-101/raid',
        { type: 'assumption', title: 'x' },
        'pmo.raid.create',
      ],
      ['patch', '/raid/r1', { version: 1, title: 'x' }, 'pmo.raid.update'],
      ['delete', '/raid/r1', {}, 'pmo.raid.delete'],
      [
        'put',
        '/projects/INFRA-101/entities/component/default/storage-api',
        {},
        'pmo.project.update',
      ],
      [
        'delete',
        '/projects/INFRA-101/entities/component/default/storage-api',
        {},
        'pmo.project.update',
      ],
    ];

    it.each(WRITES)(
      '%s %s is 403 for another group and changes nothing (%#)',
      async (method, path, body, permission) => {
        // Read on every project; writes only on projects owned by another
        // group than INFRA-101's (group:default/storage-team).
        permissions.authorize.mockImplementation(async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
        );
        permissions.authorizeConditional.mockImplementation(async reqs =>
          reqs.map(r =>
            r.permission.name === 'pmo.project.read'
              ? { result: AuthorizeResult.ALLOW }
              : {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'pmo',
                  resourceType: 'pmo-project',
                  conditions: {
                    rule: 'IS_PROJECT_OWNER',
                    resourceType: 'pmo-project',
                    params: { claims: ['group:default/network'] },
                  },
                },
          ),
        );
        const res = await (request(app) as any)[method](path).send(body);
        expect(res.status).toBe(403);
        const basic = permission === 'pmo.project.create';
        expect(res.body.error.message).toBe(
          `Not allowed: ${permission}${basic ? '' : ' on project INFRA-101'}`,
        );
        expect(auditEvent.fail).toHaveBeenCalledTimes(1);
        expect(auditEvent.success).not.toHaveBeenCalled();
        for (const name of [
          'createProject',
          'updateProject',
          'deleteProject',
          'createMilestone',
          'updateMilestone',
          'deleteMilestone',
          'createRaidItem',
          'updateRaidItem',
          'deleteRaidItem',
          'addManualLink',
          'removeManualLink',
          'importBatch',
        ] as const) {
          expect(store[name]).not.toHaveBeenCalled();
        }
      },
    );
  });

  describe('GET /projects', () => {
    const page = { items: [project], totalItems: 1, pageInfo: {} };

    it('passes parsed filters to the store and derives link urls', async () => {
      store.listProjects.mockResolvedValue(page);
      const res = await request(app).get(
        '/projects?phase=execution,planning&phase=closing&health=red&owner=pmo&owner=group:default/Storage-Team&entityRef=Component:Default/Storage-API&q=san&orderBy=-targetDate&limit=10&cursor=abc',
      );
      expect(res.status).toBe(200);
      expect(store.listProjects).toHaveBeenCalledWith({
        phase: ['execution', 'planning', 'closing'],
        health: ['red'],
        owner: ['group:default/pmo', 'group:default/storage-team'],
        entityRef: 'component:default/storage-api',
        q: 'san',
        orderBy: '-targetDate',
        limit: 10,
        cursor: 'abc',
        access: undefined,
      });
      expect(res.body.items[0].externalLinks).toEqual([
        {
          system: 'jira',
          key: 'INFRA 7',
          url: 'https://jira.example.com/browse/INFRA%207',
        },
      ]);
    });

    it('ignores empty list parameters', async () => {
      store.listProjects.mockResolvedValue(page);
      await request(app).get('/projects?owner=&phase=,');
      expect(store.listProjects).toHaveBeenCalledWith({
        limit: 50,
        access: undefined,
      });
    });

    it('defaults the limit to 50', async () => {
      store.listProjects.mockResolvedValue(page);
      await request(app).get('/projects');
      expect(store.listProjects).toHaveBeenCalledWith({
        limit: 50,
        access: undefined,
      });
    });

    it('turns a conditional decision into the store access filter', async () => {
      store.listProjects.mockResolvedValue(page);
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: {
            anyOf: [
              pmoProjectConditions.isProjectOwner({
                claims: ['group:default/PMO'],
              }),
              pmoProjectConditions.hasPhase({ phases: ['closed'] }),
            ],
          },
        },
      ]);
      await request(app).get('/projects');
      expect(store.listProjects).toHaveBeenCalledWith(
        expect.objectContaining({
          access: {
            anyOf: [
              { field: 'owner', values: ['group:default/pmo'] },
              { field: 'phase', values: ['closed'] },
            ],
          },
        }),
      );
    });

    it('returns an empty page on DENY', async () => {
      deny();
      const res = await request(app).get('/projects');
      expect(res.body).toEqual({ items: [], totalItems: 0, pageInfo: {} });
      expect(store.listProjects).not.toHaveBeenCalled();
    });

    it.each([
      ['orderBy=nope', 'query.orderBy: must be one of'],
      ['limit=0', 'query.limit: must be an integer between 1 and 200'],
      ['limit=201', 'query.limit: must be an integer between 1 and 200'],
      ['limit=ten', 'query.limit: must be an integer between 1 and 200'],
      ['phase=execution,dreaming', 'query.phase[1]'],
      [
        'entityRef=component:default/bad%20name',
        'query.entityRef: must be an entity ref',
      ],
      ['unknown=1', "Unrecognized key(s) in object: 'unknown'"],
    ])('rejects %s', async (qs, message) => {
      const res = await request(app).get(`/projects?${qs}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(store.listProjects).not.toHaveBeenCalled();
    });
  });

  describe('GET /projects/:key', () => {
    it('normalizes the key to upper case', async () => {
      const res = await request(app).get('/projects/infra-101');
      expect(res.status).toBe(200);
      expect(store.getProjects).toHaveBeenCalledWith(['INFRA-101']);
    });

    it('is 404 for an unknown or hidden project', async () => {
      store.getProject.mockResolvedValue(undefined);
      const res = await request(app).get('/projects/INFRA-999');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Project INFRA-999 not found');
    });

    it('is 403 on DENY', async () => {
      deny();
      const res = await request(app).get('/projects/INFRA-101');
      expect(res.status).toBe(403);
    });

    it('rejects a malformed key', async () => {
      const res = await request(app).get('/projects/-not-a-key');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `Invalid request: params.key: ${pmoValidationMessages.projectKey}`,
      );
    });
  });

  describe('POST /projects', () => {
    const body = {
      key: 'infra-202',
      title: 'VDI rollout',
      owner: 'euc-team',
      startDate: '2026-03-01',
      targetDate: '2026-09-30',
      externalLinks: [
        {
          system: 'servicenow',
          key: 'CHG0031337',
          url: 'https://sn.example.com/x',
        },
      ],
    };

    it('creates with a normalized key and owner, audited', async () => {
      store.createProject.mockImplementation(
        async input =>
          ({
            ...project,
            ...input,
            externalLinks: input.externalLinks ?? [],
          } as ProjectWithHealth),
      );
      const res = await request(app).post('/projects').send(body);
      expect(res.status).toBe(201);
      expect(store.createProject).toHaveBeenCalledWith(
        { ...body, key: 'INFRA-202', owner: 'group:default/euc-team' },
        { ref: userRef },
      );
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'project-create',
          severityLevel: 'medium',
          meta: { key: 'infra-202' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { key: 'INFRA-202', version: 3 },
      });
    });

    it.each([
      [
        { ...body, key: 'BAD KEY' },
        `body.key: ${pmoValidationMessages.projectKey}`,
      ],
      [
        { ...body, targetDate: '2026-02-30' },
        'body.targetDate: must be a date formatted YYYY-MM-DD',
      ],
      [
        { ...body, targetDate: '2026-01-01' },
        'body.targetDate: must not be before startDate',
      ],
      [{ ...body, title: '' }, 'body.title: must not be empty'],
      [
        { ...body, owner: 'group:default/' },
        'body.owner: must be an entity ref',
      ],
      [
        {
          ...body,
          externalLinks: [
            { system: 'jira', key: 'X-1', url: 'ftp://files.example.com/x' },
          ],
        },
        'body.externalLinks[0].url: must be an http(s) URL',
      ],
      [
        { ...body, declaredHealth: { status: 'red' } },
        'body.declaredHealth.reason: is required when the declared health (red) differs from the computed health (green)',
      ],
    ])('rejects %#', async (input, message) => {
      const res = await request(app).post('/projects').send(input);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`Invalid request: ${message}`);
      expect(store.createProject).not.toHaveBeenCalled();
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('accepts a declared health equal to the computed one without reason', async () => {
      store.createProject.mockResolvedValue(project);
      const res = await request(app)
        .post('/projects')
        .send({ ...body, declaredHealth: { status: 'green' } });
      expect(res.status).toBe(201);
    });

    it('rejects malformed JSON', async () => {
      const res = await request(app)
        .post('/projects')
        .set('Content-Type', 'application/json')
        .send('{"key":');
      expect(res.status).toBe(400);
    });

    it('is 409 when the key exists', async () => {
      store.createProject.mockRejectedValue(
        new ConflictError('Project INFRA-202 already exists'),
      );
      const res = await request(app).post('/projects').send(body);
      expect(res.status).toBe(409);
      expect(auditEvent.fail).toHaveBeenCalledWith({
        error: expect.any(ConflictError),
      });
    });
  });

  describe('PATCH /projects/:key with null', () => {
    it('clears description, sponsor, dates and budget', async () => {
      store.updateProject.mockResolvedValue(project);
      const res = await request(app).patch('/projects/INFRA-101').send({
        version: 3,
        description: null,
        sponsor: null,
        startDate: null,
        targetDate: null,
        budget: null,
      });
      expect(res.status).toBe(200);
      expect(store.updateProject).toHaveBeenCalledWith(
        'INFRA-101',
        {
          version: 3,
          description: null,
          sponsor: null,
          startDate: null,
          targetDate: null,
          budget: null,
        },
        { ref: userRef },
      );
    });

    it.each(['title', 'owner', 'phase'])(
      'still rejects null for %s',
      async field => {
        const res = await request(app)
          .patch('/projects/INFRA-101')
          .send({ version: 3, [field]: null });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(`body.${field}`);
      },
    );
  });

  describe('PATCH /projects/:key', () => {
    it('updates with the version', async () => {
      store.updateProject.mockResolvedValue({ ...project, version: 4 });
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 3, phase: 'closing' });
      expect(res.status).toBe(200);
      expect(store.updateProject).toHaveBeenCalledWith(
        'INFRA-101',
        { version: 3, phase: 'closing' },
        { ref: userRef },
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { key: 'INFRA-101', version: 4 },
      });
    });

    it('refuses to give the project to an owner the caller could not update', async () => {
      // Owners of storage-team projects may update them, nothing else.
      permissions.authorizeConditional.mockImplementation(async reqs =>
        reqs.map(r =>
          r.permission.name === 'pmo.project.read'
            ? { result: AuthorizeResult.ALLOW }
            : {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'pmo',
                resourceType: 'pmo-project',
                conditions: {
                  rule: 'IS_PROJECT_OWNER',
                  resourceType: 'pmo-project',
                  params: { claims: ['group:default/storage-team'] },
                },
              },
        ),
      );
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 3, owner: 'group:default/network' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed: pmo.project.update on project INFRA-101',
      );
      expect(store.updateProject).not.toHaveBeenCalled();

      store.updateProject.mockResolvedValue({ ...project, version: 4 });
      const kept = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 3, owner: 'group:default/storage-team' });
      expect(kept.status).toBe(200);
    });

    it('requires the version', async () => {
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ title: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: body.version: is required (the version last read)',
      );
    });

    it('refuses to change the key', async () => {
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 3, key: 'INFRA-102' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('body.key: is immutable');
    });

    it('is 409 on a stale version', async () => {
      store.updateProject.mockRejectedValue(new ConflictError('stale version'));
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 1 });
      expect(res.status).toBe(409);
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('is 404 for an unknown project', async () => {
      store.updateProject.mockRejectedValue(
        new NotFoundError('Project INFRA-101 not found'),
      );
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 1 });
      expect(res.status).toBe(404);
    });

    it('requires a reason when the declared health differs from the facts', async () => {
      // An open high issue (score 20) makes the computed health red.
      store.listRaidItems.mockResolvedValue([
        { ...risk, type: 'issue', probability: 4, impact: 5, score: 20 },
      ]);
      const res = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 3, declaredHealth: { status: 'green' } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: body.declaredHealth.reason: is required when the declared health (green) differs from the computed health (red)',
      );

      store.updateProject.mockResolvedValue(project);
      const ok = await request(app)
        .patch('/projects/INFRA-101')
        .send({ version: 3, declaredHealth: { status: 'red' } });
      expect(ok.status).toBe(200);
      const withReason = await request(app)
        .patch('/projects/INFRA-101')
        .send({
          version: 3,
          declaredHealth: {
            status: 'green',
            reason: 'Issue handled by vendor',
          },
        });
      expect(withReason.status).toBe(200);
    });
  });

  describe('milestones', () => {
    it('lists after a read check', async () => {
      const res = await request(app).get('/projects/INFRA-101/milestones');
      expect(res.body).toEqual({ items: [milestone] });
      expect(store.getProjects).toHaveBeenCalledWith(['INFRA-101']);
    });

    it('creates', async () => {
      store.createMilestone.mockResolvedValue(milestone);
      const res = await request(app)
        .post('/projects/INFRA-101/milestones')
        .send({
          title: 'Cutover',
          baselineDate: '2026-04-01',
          gate: true,
          entityRef: 'storage-api',
        });
      expect(res.status).toBe(201);
      expect(store.createMilestone).toHaveBeenCalledWith(
        'INFRA-101',
        {
          title: 'Cutover',
          baselineDate: '2026-04-01',
          gate: true,
          entityRef: 'component:default/storage-api',
        },
        { ref: userRef },
      );
    });

    it('rejects a bad date', async () => {
      const res = await request(app)
        .post('/projects/INFRA-101/milestones')
        .send({ title: 'Cutover', forecastDate: '01/04/2026' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: body.forecastDate: must be a date formatted YYYY-MM-DD',
      );
    });

    it('updates with nulls, authorized against the parent project', async () => {
      store.updateMilestone.mockResolvedValue({ ...milestone, version: 2 });
      const res = await request(app)
        .patch('/milestones/m1')
        .send({ version: 1, forecastDate: null, status: 'in_progress' });
      expect(res.status).toBe(200);
      expect(permissions.authorizeConditional).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'pmo.milestone.update',
            }),
          },
        ],
        expect.anything(),
      );
      expect(store.getProjects).toHaveBeenCalledWith(['INFRA-101']);
      expect(store.updateMilestone).toHaveBeenCalledWith(
        'm1',
        { version: 1, forecastDate: null, status: 'in_progress' },
        { ref: userRef },
      );
    });

    it('reads one milestone, hidden like its project', async () => {
      const res = await request(app).get('/milestones/m1');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(milestone);
      expect(store.getProjects).toHaveBeenCalledWith(['INFRA-101']);

      // A project the caller may not read: the milestone does not exist.
      store.getProject.mockResolvedValue(undefined);
      const hidden = await request(app).get('/milestones/m1');
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe('Milestone m1 not found');

      store.getMilestone.mockResolvedValue(undefined);
      expect((await request(app).get('/milestones/nope')).status).toBe(404);

      deny();
      store.getMilestone.mockResolvedValue(milestone);
      expect((await request(app).get('/milestones/m1')).status).toBe(403);
    });

    it('is 404 for an unknown milestone, audited as failed', async () => {
      store.getMilestone.mockResolvedValue(undefined);
      const res = await request(app).delete('/milestones/nope');
      expect(res.status).toBe(404);
      expect(auditEvent.fail).toHaveBeenCalled();
      expect(store.deleteMilestone).not.toHaveBeenCalled();
    });

    it('deletes', async () => {
      const res = await request(app).delete('/milestones/m1');
      expect(res.status).toBe(204);
      expect(store.deleteMilestone).toHaveBeenCalledWith('m1', {
        ref: userRef,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'milestone-delete',
          meta: { id: 'm1' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalled();
    });
  });

  describe('RAID', () => {
    it('lists with filters', async () => {
      await request(app).get(
        '/projects/INFRA-101/raid?type=risk,issue&status=open',
      );
      expect(store.listRaidItems).toHaveBeenCalledWith('INFRA-101', {
        type: ['risk', 'issue'],
        status: ['open'],
      });
    });

    it('accepts a free-text owner but no ref that is not a catalog user or group', async () => {
      store.createRaidItem.mockResolvedValue(risk);
      const base = { type: 'risk', title: 'Late', probability: 2, impact: 2 };
      const vendor = await request(app)
        .post('/projects/INFRA-101/raid')
        .send({ ...base, owner: 'Acme MSP – J. Smith' });
      expect(vendor.status).toBe(201);
      store.createRaidItem.mockClear();

      const everyone = await request(app)
        .post('/projects/INFRA-101/raid')
        .send({ ...base, owner: 'group:default/everyone' });
      expect(everyone.status).toBe(400);
      expect(everyone.body.error.message).toBe(
        'Invalid request: body.owner: group:default/everyone is not a user or group in the catalog',
      );
      const patched = await request(app)
        .patch('/raid/r1')
        .send({ version: 1, owner: 'user:default/nobody' });
      expect(patched.status).toBe(400);
      expect(patched.body.error.message).toContain('body.owner');
      expect(store.createRaidItem).not.toHaveBeenCalled();
      expect(store.updateRaidItem).not.toHaveBeenCalled();
    });

    it('creates a risk', async () => {
      store.createRaidItem.mockResolvedValue(risk);
      const res = await request(app).post('/projects/INFRA-101/raid').send({
        type: 'risk',
        title: 'Vendor late',
        probability: 3,
        impact: 4,
      });
      expect(res.status).toBe(201);
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { projectKey: 'INFRA-101', id: 'r1', type: 'risk' },
      });
    });

    it.each([
      [
        { type: 'risk', title: 't', probability: 6, impact: 1 },
        'body.probability: must be between 1 and 5',
      ],
      [
        { type: 'risk', title: 't', probability: 0, impact: 1 },
        'body.probability: must be between 1 and 5',
      ],
      [
        { type: 'issue', title: 't', probability: 2.5, impact: 1 },
        'body.probability: must be an integer between 1 and 5',
      ],
      [
        { type: 'risk', title: 't', impact: 3 },
        'body.probability: is required for a risk',
      ],
      [
        { type: 'issue', title: 't' },
        'body.probability: is required for a issue; body.impact: is required for a issue',
      ],
      [
        { type: 'risk', title: 't', probability: 1, impact: 1, probablity: 2 },
        "Unrecognized key(s) in object: 'probablity'",
      ],
    ])('rejects %#', async (body, message) => {
      const res = await request(app)
        .post('/projects/INFRA-101/raid')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('accepts an assumption without scores', async () => {
      store.createRaidItem.mockResolvedValue({ ...risk, type: 'assumption' });
      const res = await request(app)
        .post('/projects/INFRA-101/raid')
        .send({ type: 'assumption', title: 'Network is ready' });
      expect(res.status).toBe(201);
    });

    it('refuses to clear the impact of a risk', async () => {
      const res = await request(app)
        .patch('/raid/r1')
        .send({ version: 1, impact: null });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: body.impact: is required for a risk',
      );
    });

    it('rejects an out of range impact on update', async () => {
      const res = await request(app)
        .patch('/raid/r1')
        .send({ version: 1, impact: 9 });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: body.impact: must be between 1 and 5',
      );
    });

    it('is 409 on a stale version', async () => {
      store.updateRaidItem.mockRejectedValue(new ConflictError('stale'));
      const res = await request(app)
        .patch('/raid/r1')
        .send({ version: 0, status: 'closed' });
      expect(res.status).toBe(409);
    });

    it('deletes', async () => {
      const res = await request(app).delete('/raid/r1');
      expect(res.status).toBe(204);
    });
  });

  describe('manual entity links', () => {
    it('adds a normalized link after checking the catalog', async () => {
      store.addManualLink.mockResolvedValue(true);
      const res = await request(app).put(
        '/projects/infra-101/entities/Component/Default/Storage-API',
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        projectKey: 'INFRA-101',
        entityRef: 'component:default/storage-api',
        source: 'manual',
        created: true,
      });
      expect(store.addManualLink).toHaveBeenCalledWith(
        'INFRA-101',
        'component:default/storage-api',
        { ref: userRef },
      );
      expect(auditEvent.success).toHaveBeenCalled();
    });

    it('is 200 when the link already existed', async () => {
      store.addManualLink.mockResolvedValue(false);
      const res = await request(app).put(
        '/projects/INFRA-101/entities/component/default/storage-api',
      );
      expect(res.status).toBe(200);
    });

    it('is 404 for an entity unknown to the catalog', async () => {
      const res = await request(app).put(
        '/projects/INFRA-101/entities/component/default/ghost',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'Entity component:default/ghost not found',
      );
      expect(store.addManualLink).not.toHaveBeenCalled();
    });

    it('rejects an invalid ref', async () => {
      const res = await request(app).put(
        '/projects/INFRA-101/entities/component/default/bad%20name',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('is not a valid entity ref');
    });

    it('is 404 when removing a link that does not exist', async () => {
      store.removeManualLink.mockResolvedValue(false);
      const res = await request(app).delete(
        '/projects/INFRA-101/entities/component/default/storage-api',
      );
      expect(res.status).toBe(404);
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('removes', async () => {
      store.removeManualLink.mockResolvedValue(true);
      const res = await request(app).delete(
        '/projects/INFRA-101/entities/component/default/storage-api',
      );
      expect(res.status).toBe(204);
    });
  });

  describe('entity summaries', () => {
    const summary: EntitySummary = {
      entityRef: 'component:default/storage-api',
      projects: [],
      openRaid: emptyRaid,
      unknownProjectKeys: [],
      invalidProjectKeys: ['stale'],
    };

    it('refreshes the annotation links of the entity, then summarizes', async () => {
      store.getEntitySummaries.mockResolvedValue(
        new Map([['component:default/storage-api', summary]]),
      );
      const res = await request(app).get(
        '/entities/Component/default/storage-api/summary',
      );
      expect(res.status).toBe(200);
      expect(store.syncAnnotationLinks).toHaveBeenCalledWith(
        new Map([
          [
            'component:default/storage-api',
            { keys: ['INFRA-101'], invalid: ['not/a-key'] },
          ],
        ]),
      );
      expect(res.body).toEqual({
        ...summary,
        invalidProjectKeys: ['not/a-key'],
      });
    });

    it('returns an empty summary for a known entity with nothing attached', async () => {
      const res = await request(app).get(
        '/entities/system/default/storage/summary',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'system:default/storage',
        projects: [],
        openRaid: emptyRaid,
        unknownProjectKeys: [],
        invalidProjectKeys: [],
      });
    });

    it('is 404 for an entity unknown to the catalog without links', async () => {
      const res = await request(app).get(
        '/entities/component/default/ghost/summary',
      );
      expect(res.status).toBe(404);
    });

    it('still answers for a deleted entity that has links', async () => {
      store.listLinks.mockResolvedValue([
        {
          projectKey: 'INFRA-101',
          entityRef: 'component:default/ghost',
          source: 'manual',
          createdAt: '',
        },
      ]);
      const res = await request(app).get(
        '/entities/component/default/ghost/summary',
      );
      expect(res.status).toBe(200);
      expect(store.syncAnnotationLinks).not.toHaveBeenCalled();
    });

    it('batches in request order with null for nothing attached, in one store call', async () => {
      store.getEntitySummaries.mockResolvedValue(
        new Map([['component:default/storage-api', summary]]),
      );
      const res = await request(app)
        .post('/entities/summaries')
        .send({
          entityRefs: [
            'resource:default/san-array',
            'Component:default/Storage-API',
            'component:default/storage-api',
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([null, summary, summary]);
      expect(store.getEntitySummaries).toHaveBeenCalledTimes(1);
      expect(store.getEntitySummaries).toHaveBeenCalledWith(
        ['resource:default/san-array', 'component:default/storage-api'],
        undefined,
      );
    });

    it('is all null on DENY', async () => {
      deny();
      const res = await request(app)
        .post('/entities/summaries')
        .send({ entityRefs: ['component:default/a', 'component:default/b'] });
      expect(res.body.items).toEqual([null, null]);
      expect(store.getEntitySummaries).not.toHaveBeenCalled();
    });

    it.each([
      [
        { entityRefs: ['component:default/ok', 'nope:'] },
        'body.entityRefs[1]: must be a full entity ref',
      ],
      [
        { entityRefs: ['storage-api'] },
        'body.entityRefs[0]: must be a full entity ref',
      ],
      [
        { entityRefs: [] },
        'body.entityRefs: must contain at least one entity ref',
      ],
      [
        {
          entityRefs: Array.from(
            { length: MAX_SUMMARY_BATCH + 1 },
            (_, i) => `component:default/c${i}`,
          ),
        },
        `body.entityRefs: must contain at most ${MAX_SUMMARY_BATCH} entity refs`,
      ],
      [{}, 'body.entityRefs: is required'],
    ])('rejects %#', async (body, message) => {
      const res = await request(app).post('/entities/summaries').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });
  });

  describe('GET /projects?system=', () => {
    it('filters on the system and its members, resolved in one catalog call', async () => {
      store.listProjects.mockResolvedValue({
        items: [],
        totalItems: 0,
        pageInfo: {},
      });
      const spy = jest.spyOn(catalog, 'getEntities');
      try {
        const res = await request(app).get('/projects?system=storage&limit=5');
        expect(res.status).toBe(200);
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
      expect(store.listProjects).toHaveBeenCalledWith({
        entityRefs: [
          'system:default/storage',
          'component:default/storage-api',
          'resource:default/san-array',
        ],
        limit: 5,
        access: undefined,
      });
    });

    it('rejects a non-system ref', async () => {
      const res = await request(app).get(
        '/projects?system=component:default/x',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: query.system: must be a System entity ref',
      );
    });
  });

  describe('GET /raid', () => {
    const page = {
      items: [{ ...risk, projectTitle: 'Storage refresh' }],
      totalItems: 1,
      pageInfo: { nextCursor: 'next' },
    };

    it('passes parsed filters and the access filter to the store', async () => {
      store.searchRaidItems.mockResolvedValue(page);
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'pmo',
          resourceType: 'pmo-project',
          conditions: pmoProjectConditions.isProjectOwner({
            claims: ['group:default/storage-team'],
          }),
        },
      ]);
      const res = await request(app).get(
        '/raid?type=risk,issue&status=open&probability=3,4&impact=5&projectKey=infra-101,net-7&owner=group:default/ops&q=vendor&limit=20&cursor=abc',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expect(store.searchRaidItems).toHaveBeenCalledWith({
        type: ['risk', 'issue'],
        status: ['open'],
        probability: [3, 4],
        impact: [5],
        projectKey: ['INFRA-101', 'NET-7'],
        owner: ['group:default/ops'],
        q: 'vendor',
        limit: 20,
        cursor: 'abc',
        access: {
          field: 'owner',
          values: ['group:default/storage-team'],
        },
      });
    });

    it('defaults the limit and returns an empty page on DENY', async () => {
      deny();
      const res = await request(app).get('/raid');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], totalItems: 0, pageInfo: {} });
      expect(store.searchRaidItems).not.toHaveBeenCalled();
    });

    it.each([
      [
        'probability=6',
        'query.probability[0]: must be an integer between 1 and 5',
      ],
      ['impact=x', 'query.impact[0]: must be an integer between 1 and 5'],
      ['type=bogus', 'query.type[0]'],
      ['projectKey=-nope', 'query.projectKey[0]: must be a project key'],
      ['limit=501', 'query.limit: must be an integer between 1 and 500'],
      ['extra=1', "Unrecognized key(s) in object: 'extra'"],
    ])('rejects %s', async (qs, message) => {
      const res = await request(app).get(`/raid?${qs}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });
  });

  describe('GET /milestones', () => {
    it('passes parsed filters to the store', async () => {
      const page = {
        items: [{ ...milestone, projectTitle: 'Storage refresh', slipDays: 3 }],
        totalItems: 1,
        pageInfo: {},
      };
      store.searchMilestones.mockResolvedValue(page);
      const res = await request(app).get(
        '/milestones?projectKey=infra-101&from=2026-03-01&to=2026-06-30&overdue=true&slipping=false&limit=500',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expect(store.searchMilestones).toHaveBeenCalledWith({
        projectKey: ['INFRA-101'],
        from: '2026-03-01',
        to: '2026-06-30',
        overdue: true,
        slipping: false,
        limit: 500,
        access: undefined,
      });
    });

    it('returns an empty page on DENY', async () => {
      deny();
      const res = await request(app).get('/milestones?overdue=true');
      expect(res.body).toEqual({ items: [], totalItems: 0, pageInfo: {} });
      expect(store.searchMilestones).not.toHaveBeenCalled();
    });

    it.each([
      ['from=2026-13-01', 'query.from: must be a date formatted YYYY-MM-DD'],
      ['from=2026-05-01&to=2026-04-01', 'query.to: must not be before from'],
      ['overdue=yes', 'query.overdue: must be true or false'],
      ['limit=501', 'query.limit: must be an integer between 1 and 500'],
      ['from=2026-01-01&from=2026-02-01', 'query.from: must be given once'],
    ])('rejects %s', async (qs, message) => {
      const res = await request(app).get(`/milestones?${qs}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });
  });

  describe('GET /projects/:key/entities', () => {
    it('lists the links of both sources', async () => {
      const links = [
        {
          projectKey: 'INFRA-101',
          entityRef: 'component:default/storage-api',
          source: 'annotation' as const,
          createdAt: '2026-02-20T00:00:00.000Z',
        },
        {
          projectKey: 'INFRA-101',
          entityRef: 'component:default/storage-api',
          source: 'manual' as const,
          createdAt: '2026-02-21T00:00:00.000Z',
        },
      ];
      store.listLinks.mockResolvedValue(links);
      const res = await request(app).get('/projects/infra-101/entities');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: links });
      expect(store.listLinks).toHaveBeenCalledWith({
        projectKeys: ['INFRA-101'],
      });
    });

    it('is a 404 for an unknown (or hidden) project', async () => {
      store.getProject.mockResolvedValue(undefined);
      const res = await request(app).get('/projects/INFRA-404/entities');
      expect(res.status).toBe(404);
      expect(store.listLinks).not.toHaveBeenCalled();
    });
  });

  describe('GET /portfolio', () => {
    const portfolio = { totalProjects: 1 } as Portfolio;

    it('resolves the members of a system through the catalog', async () => {
      store.getPortfolio.mockResolvedValue(portfolio);
      const res = await request(app).get('/portfolio?system=storage&owner=pmo');
      expect(res.status).toBe(200);
      expect(store.getPortfolio).toHaveBeenCalledWith({
        owner: ['group:default/pmo'],
        entityRefs: [
          'system:default/storage',
          'component:default/storage-api',
          'resource:default/san-array',
        ],
        access: undefined,
      });
    });

    it('rejects a non-system ref', async () => {
      const res = await request(app).get(
        '/portfolio?system=component:default/x',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: query.system: must be a System entity ref',
      );
    });

    it('is empty on DENY', async () => {
      deny();
      const res = await request(app).get('/portfolio');
      expect(res.body.totalProjects).toBe(0);
      expect(res.body.heatMap).toHaveLength(5);
      expect(store.getPortfolio).not.toHaveBeenCalled();
    });
  });

  describe('input found by the reliability fuzz', () => {
    it('answers a malformed JSON body with a 400 naming the body', async () => {
      const res = await request(app)
        .post('/projects')
        .set('content-type', 'application/json')
        .send('{"title": ');
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(
        /^Invalid request: body: is not valid JSON/,
      );
    });

    it('answers an invalid system ref with a 400, not a 500', async () => {
      for (const path of ['/portfolio', '/projects']) {
        const res = await request(app).get(`${path}?system=Hx6XR%2F%3D%3D`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          "Invalid request: query.system: must be an entity ref like 'system:default/name'",
        );
      }
    });

    it('answers a path that is not valid percent-encoding with a 400 naming the params', async () => {
      const res = await request(app).get('/projects/%/entities');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: params: the path is not valid percent-encoding',
      );
    });
  });

  describe('run transitions in summaries and the portfolio', () => {
    const transitions = {
      getTransitionBriefs: jest.fn(),
      listStates: jest.fn(),
    };
    let tApp: express.Express;
    const API = 'component:default/storage-api';
    const SAN = 'resource:default/san-array';
    const GHOST = 'component:default/ghost';
    const brief = {
      state: 'in_progress' as const,
      readinessPercent: 40,
      tier: 'tier-2' as const,
    };

    beforeEach(async () => {
      tApp = express()
        .use(
          await createRouter({
            stores: testRouterStores(store, {
              transitions: transitions as unknown as TransitionStore,
            }),
            logger: mockServices.logger.mock(),
            contextOf: createRequestContextFactory({
              httpAuth: mockServices.httpAuth(),
              auth: mockServices.auth({ pluginId: 'pmo' }),
              userInfo: mockServices.userInfo(),
              permissions,
              auditor,
              projects: store,
            }),
            catalog,
            now: () => NOW,
          }),
        )
        .use(mockErrorHandler());
    });

    const denyTransitionRead = () =>
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(r => ({
          result:
            r.permission.name === 'pmo.transition.read'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );

    it('adds the transition with its lifecycle mismatch to a summary', async () => {
      transitions.getTransitionBriefs.mockImplementation(
        async (_refs: string[], lifecycles?: Map<string, string>) =>
          new Map([
            [
              API,
              { ...brief, mismatch: lifecycles?.get(API) === 'production' },
            ],
          ]),
      );
      const res = await request(tApp).get(
        '/entities/component/default/storage-api/summary',
      );
      expect(res.status).toBe(200);
      expect(res.body.transition).toEqual({ ...brief, mismatch: true });
      expect(transitions.getTransitionBriefs).toHaveBeenCalledWith(
        [API],
        new Map([[API, 'production']]),
      );
    });

    it('leaves the transition out without pmo.transition.read', async () => {
      denyTransitionRead();
      const res = await request(tApp).get(
        '/entities/component/default/storage-api/summary',
      );
      expect(res.status).toBe(200);
      expect(res.body.transition).toBeUndefined();
      expect(transitions.getTransitionBriefs).not.toHaveBeenCalled();
    });

    it('batches summaries: one transition query, one catalog call', async () => {
      transitions.getTransitionBriefs.mockResolvedValue(
        new Map([
          [API, brief],
          [GHOST, { ...brief, state: 'accepted' }],
        ]),
      );
      const spy = jest.spyOn(catalog, 'getEntitiesByRefs');
      let res: request.Response;
      try {
        res = await request(tApp)
          .post('/entities/summaries')
          .send({ entityRefs: [API, SAN, GHOST, API] });
        expect(spy).toHaveBeenCalledTimes(1);
        expect(spy).toHaveBeenCalledWith(
          {
            entityRefs: [API, GHOST],
            fields: [
              'kind',
              'metadata.namespace',
              'metadata.name',
              'spec.lifecycle',
            ],
          },
          { credentials: mockCredentials.user() },
        );
      } finally {
        spy.mockRestore();
      }
      expect(res.status).toBe(200);
      expect(transitions.getTransitionBriefs).toHaveBeenCalledTimes(1);
      expect(transitions.getTransitionBriefs).toHaveBeenCalledWith([
        API,
        SAN,
        GHOST,
      ]);
      const withTransition = {
        entityRef: API,
        projects: [],
        openRaid: emptyRaid,
        unknownProjectKeys: [],
        invalidProjectKeys: [],
        transition: { ...brief, mismatch: true },
      };
      expect(res.body.items).toEqual([
        withTransition,
        null,
        // Not in the catalog as the caller sees it: its transition (state,
        // tier) is not revealed, and nothing else is attached to it.
        null,
        withTransition,
      ]);
    });

    it('rolls up transitions and lifecycle mismatches in the portfolio', async () => {
      store.getPortfolio.mockResolvedValue({ totalProjects: 1 } as Portfolio);
      transitions.listStates.mockResolvedValue([
        { entityRef: GHOST, state: 'run' },
        { entityRef: API, state: 'in_progress' },
        { entityRef: SAN, state: 'accepted' },
        { entityRef: 'system:default/storage', state: 'not_started' },
      ]);
      const spy = jest.spyOn(catalog, 'getEntitiesByRefs');
      let res: request.Response;
      try {
        res = await request(tApp).get('/portfolio?system=storage');
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
      expect(res.status).toBe(200);
      expect(transitions.listStates).toHaveBeenCalledWith([
        'system:default/storage',
        API,
        SAN,
      ]);
      expect(res.body).toEqual({
        totalProjects: 1,
        transitions: {
          byState: {
            not_started: 1,
            in_progress: 1,
            ready_for_review: 0,
            accepted: 1,
            hypercare: 0,
            // GHOST is not visible in the catalog: not counted.
            run: 0,
          },
          mismatches: [
            {
              entityRef: API,
              state: 'in_progress',
              lifecycle: 'production',
              reason:
                'Lifecycle is production but the run transition is in_progress: not yet accepted into Run',
            },
            {
              entityRef: SAN,
              state: 'accepted',
              lifecycle: 'experimental',
              reason:
                'Lifecycle is still experimental although the run transition is accepted',
            },
          ],
        },
      });
    });

    it('sends empty transitions without pmo.transition.read', async () => {
      denyTransitionRead();
      store.getPortfolio.mockResolvedValue({ totalProjects: 1 } as Portfolio);
      const res = await request(tApp).get('/portfolio');
      expect(res.body.transitions).toEqual({
        byState: {
          not_started: 0,
          in_progress: 0,
          ready_for_review: 0,
          accepted: 0,
          hypercare: 0,
          run: 0,
        },
        mismatches: [],
      });
      expect(transitions.listStates).not.toHaveBeenCalled();
    });
  });

  describe('GET /projects/:key/history', () => {
    it('pages', async () => {
      store.listHistory.mockResolvedValue({
        items: [],
        totalItems: 0,
        pageInfo: {},
      });
      const res = await request(app).get(
        '/projects/INFRA-101/history?limit=5&cursor=c1',
      );
      expect(res.status).toBe(200);
      expect(store.listHistory).toHaveBeenCalledWith('INFRA-101', {
        limit: 5,
        cursor: 'c1',
      });
    });

    it('is 404 for a hidden project', async () => {
      store.getProject.mockResolvedValue(undefined);
      const res = await request(app).get('/projects/INFRA-101/history');
      expect(res.status).toBe(404);
      expect(store.listHistory).not.toHaveBeenCalled();
    });
  });
});
