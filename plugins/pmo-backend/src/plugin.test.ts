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

import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { pmoFactRulesExtensionPoint } from './alpha';
import { pmoPlugin } from './plugin';

jest.setTimeout(120_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: { 'pmo/projects': 'INFRA-101, INFRA-999, oo/ps' },
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
    spec: { type: 'storage', owner: 'storage-team', system: 'storage' },
    relations: [{ type: 'partOf', targetRef: 'system:default/storage' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'storage', namespace: 'default' },
    spec: { owner: 'storage-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'unrelated', namespace: 'default' },
    spec: { type: 'service', owner: 'other' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'lonely', namespace: 'default' },
    spec: { type: 'service', owner: 'other', lifecycle: 'experimental' },
  },
];

// PostgreSQL when a server is configured; SQLite always.
const databases = createTestDatabases();

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.each(databases.eachSupportedId())('pmoPlugin on %s', databaseId => {
  async function start(config: object = {}, modules: any[] = []) {
    const knex = await databases.init(databaseId);
    // Captures the scheduled tasks so that the test runs them on demand.
    const tasks = new Map<string, () => Promise<void>>();
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.set(task.id, () =>
          Promise.resolve(task.fn(new AbortController().signal)),
        );
      },
    });
    const backend = await startTestBackend({
      features: [
        pmoPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            pmo: {
              externalLinks: {
                jira: { urlTemplate: 'https://jira.example.com/browse/{key}' },
              },
              ...config,
            },
          },
        }),
        scheduler.factory,
        ...modules,
      ],
    });
    return { server: backend.server, tasks, knex, backend };
  }

  it('round-trips projects, plan, RAID, links, summaries, portfolio, history, CSV', async () => {
    const { server, tasks } = await start();
    expect([...tasks.keys()].sort()).toEqual([
      'pmo-catalog-annotation-sync',
      'pmo-checklist-evidence',
      'pmo-refresh-computed-health',
      'pmo-reminders',
      'pmo-weekly-snapshot',
    ]);

    // Project
    const created = await request(server)
      .post('/api/pmo/projects')
      .send({
        key: 'infra-101',
        title: 'SAN refresh',
        owner: 'storage-team',
        phase: 'execution',
        startDate: dayOffset(-30),
        targetDate: dayOffset(90),
        externalLinks: [{ system: 'jira', key: 'STOR-7' }],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'INFRA-101',
      owner: 'group:default/storage-team',
      version: expect.any(Number),
      computedHealth: { status: 'green' },
      externalLinks: [
        {
          system: 'jira',
          key: 'STOR-7',
          url: 'https://jira.example.com/browse/STOR-7',
        },
      ],
    });

    // Milestone slipping 25 days (red by the default thresholds) and a high risk
    const milestone = await request(server)
      .post('/api/pmo/projects/INFRA-101/milestones')
      .send({
        title: 'Data migrated',
        baselineDate: dayOffset(10),
        forecastDate: dayOffset(35),
        gate: true,
      });
    expect(milestone.status).toBe(201);
    const riskRes = await request(server)
      .post('/api/pmo/projects/INFRA-101/raid')
      .send({
        type: 'risk',
        title: 'Array delivery late',
        probability: 4,
        impact: 4,
        owner: 'jane',
      });
    expect(riskRes.status).toBe(201);
    expect(riskRes.body.score).toBe(16);

    const afterFacts = await request(server).get('/api/pmo/projects/INFRA-101');
    expect(afterFacts.body.computedHealth.status).toBe('red');

    // Declaring green against red facts needs a reason
    const noReason = await request(server)
      .patch('/api/pmo/projects/INFRA-101')
      .send({
        version: afterFacts.body.version,
        declaredHealth: { status: 'green' },
      });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('body.declaredHealth.reason');
    const declared = await request(server)
      .patch('/api/pmo/projects/INFRA-101')
      .send({
        version: afterFacts.body.version,
        declaredHealth: {
          status: 'amber',
          reason: 'Vendor confirmed a recovery plan',
        },
      });
    expect(declared.status).toBe(200);
    expect(declared.body.version).toBe(afterFacts.body.version + 1);
    const stale = await request(server)
      .patch('/api/pmo/projects/INFRA-101')
      .send({ version: afterFacts.body.version, title: 'Stale write' });
    expect(stale.status).toBe(409);

    // Manual link, and the annotation link from the catalog sync
    const link = await request(server).put(
      '/api/pmo/projects/INFRA-101/entities/Resource/default/san-array',
    );
    expect(link.status).toBe(201);
    const unknownEntity = await request(server).put(
      '/api/pmo/projects/INFRA-101/entities/component/default/ghost',
    );
    expect(unknownEntity.status).toBe(404);
    await tasks.get('pmo-catalog-annotation-sync')!();

    // The scheduled sync alone created the annotation link (the summary
    // route below would also refresh it on demand).
    const linked = await request(server).get(
      '/api/pmo/projects?entityRef=component:default/storage-api',
    );
    expect(linked.body.items.map((p: any) => p.key)).toEqual(['INFRA-101']);
    await tasks.get('pmo-refresh-computed-health')!();

    const summary = await request(server).get(
      '/api/pmo/entities/component/default/storage-api/summary',
    );
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      entityRef: 'component:default/storage-api',
      projects: [{ key: 'INFRA-101', sources: ['annotation'], health: 'red' }],
      unknownProjectKeys: ['INFRA-999'],
      invalidProjectKeys: ['oo/ps'],
    });
    expect(summary.body.openRaid.risk).toBe(1);
    expect(summary.body.highestRisk).toMatchObject({ score: 16 });

    const empty = await request(server).get(
      '/api/pmo/entities/component/default/unrelated/summary',
    );
    expect(empty.status).toBe(200);
    expect(empty.body.projects).toEqual([]);
    const ghost = await request(server).get(
      '/api/pmo/entities/component/default/ghost/summary',
    );
    expect(ghost.status).toBe(404);

    const batch = await request(server)
      .post('/api/pmo/entities/summaries')
      .send({
        entityRefs: [
          'resource:default/san-array',
          'component:default/unrelated',
          'Component:default/Storage-API',
        ],
      });
    expect(batch.status).toBe(200);
    expect(batch.body.items).toHaveLength(3);
    expect(batch.body.items[0].projects[0]).toMatchObject({
      key: 'INFRA-101',
      sources: ['manual'],
    });
    expect(batch.body.items[1]).toBeNull();
    expect(batch.body.items[2].entityRef).toBe('component:default/storage-api');

    // Portfolio of the system (members resolved through the catalog)
    await request(server)
      .post('/api/pmo/projects')
      .send({
        key: 'NET-1',
        title: 'Core switch upgrade',
        owner: 'network-team',
      })
      .expect(201);
    const portfolio = await request(server).get(
      '/api/pmo/portfolio?system=storage',
    );
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.totalProjects).toBe(1);
    expect(portfolio.body.heatMap[3][3]).toBe(1);
    const all = await request(server).get('/api/pmo/portfolio');
    expect(all.body.totalProjects).toBe(2);

    // The resource type and its rules are registered with the permission
    // framework (used by policies and the permission backend).
    const metadata = await request(server).get(
      '/api/pmo/.well-known/backstage/permissions/metadata',
    );
    expect(metadata.status).toBe(200);
    expect(metadata.body.permissions.map((p: any) => p.name)).toContain(
      'pmo.project.read',
    );
    expect(
      metadata.body.rules.map((r: any) => `${r.resourceType}:${r.name}`),
    ).toEqual(['pmo-project:IS_PROJECT_OWNER', 'pmo-project:HAS_PHASE']);

    // History
    const history = await request(server).get(
      '/api/pmo/projects/INFRA-101/history?limit=50',
    );
    expect(history.status).toBe(200);
    const types = history.body.items.map(
      (h: any) => `${h.objectType}:${h.action}`,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'project:create',
        'milestone:create',
        'raid:create',
        'project:update',
      ]),
    );
    expect(history.body.items[0].actor).toBe('user:default/mock');

    // CSV export and a dry-run import of the exported file
    const csv = await request(server).get('/api/pmo/export/projects.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="pmo-projects-/,
    );
    expect(csv.text.split('\r\n')[0]).toContain('key');
    expect(csv.text).toContain('INFRA-101');
    expect(csv.text).toContain('NET-1');

    const dryRun = await request(server)
      .post('/api/pmo/import?kind=projects&dryRun=true')
      .set('Content-Type', 'text/csv')
      .send(csv.text);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({
      dryRun: true,
      applied: false,
      errors: [],
      counts: { projects: { created: 0, updated: 2 } },
    });

    const raidCsv = await request(server).get('/api/pmo/export/raid.csv');
    const raidDryRun = await request(server)
      .post('/api/pmo/import?kind=raid&dryRun=true')
      .set('Content-Type', 'text/csv')
      .send(raidCsv.text);
    expect(raidDryRun.body).toMatchObject({
      errors: [],
      counts: { raid: { updated: 1 } },
    });

    const badImport = await request(server)
      .post('/api/pmo/import')
      .send({
        dryRun: true,
        milestones: [
          { projectKey: 'INFRA-101', title: 'x', baselineDate: 'soon' },
        ],
      });
    expect(badImport.status).toBe(200);
    expect(badImport.body.errors).toEqual([
      {
        kind: 'milestones',
        row: 1,
        field: 'baselineDate',
        message: 'must be a date formatted YYYY-MM-DD',
      },
    ]);

    // A real import applies in one transaction
    const applied = await request(server)
      .post('/api/pmo/import')
      .send({
        projects: [{ key: 'DC-7', title: 'Data-centre exit', owner: 'pmo' }],
        milestones: [
          {
            projectKey: 'DC-7',
            title: 'Racks empty',
            baselineDate: dayOffset(60),
          },
        ],
      });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      applied: true,
      counts: { projects: { created: 1 }, milestones: { created: 1 } },
    });
    const dcMilestones = await request(server).get(
      '/api/pmo/projects/DC-7/milestones',
    );
    expect(dcMilestones.body.items).toHaveLength(1);

    // Nothing was applied by the dry runs
    const unchanged = await request(server).get('/api/pmo/projects/INFRA-101');
    expect(unchanged.body.version).toBe(declared.body.version);

    // Delete cascades
    await request(server).delete('/api/pmo/projects/NET-1').expect(204);
    await request(server).get('/api/pmo/projects/NET-1').expect(404);
  });

  it('serves cross-project RAID and milestones, project entities, the system filter and transitions', async () => {
    const { server, tasks } = await start();
    const api = request(server);
    for (const [key, owner] of [
      ['INFRA-101', 'storage-team'],
      ['NET-1', 'network'],
      ['OPS-3', 'ops'],
    ]) {
      await api
        .post('/api/pmo/projects')
        .send({ key, title: `Project ${key}`, owner })
        .expect(201);
    }
    // INFRA-101: annotation (catalog sync) and manual link to storage-api;
    // NET-1 to the System itself; OPS-3 outside the System.
    await tasks.get('pmo-catalog-annotation-sync')!();
    await api
      .put('/api/pmo/projects/INFRA-101/entities/component/default/storage-api')
      .expect(201);
    await api
      .put('/api/pmo/projects/NET-1/entities/system/default/storage')
      .expect(201);
    await api
      .put('/api/pmo/projects/OPS-3/entities/component/default/unrelated')
      .expect(201);

    const inSystem = await api.get('/api/pmo/projects?system=storage');
    expect(inSystem.status).toBe(200);
    expect(inSystem.body.items.map((p: any) => p.key)).toEqual([
      'INFRA-101',
      'NET-1',
    ]);

    const links = await api.get('/api/pmo/projects/infra-101/entities');
    expect(links.status).toBe(200);
    expect(links.body.items).toEqual([
      expect.objectContaining({
        projectKey: 'INFRA-101',
        entityRef: 'component:default/storage-api',
        source: 'annotation',
      }),
      expect.objectContaining({
        entityRef: 'component:default/storage-api',
        source: 'manual',
      }),
    ]);
    await api.get('/api/pmo/projects/NOPE-1/entities').expect(404);

    // RAID across projects, by score
    const raid = async (key: string, body: object) =>
      (await api.post(`/api/pmo/projects/${key}/raid`).send(body).expect(201))
        .body;
    await raid('INFRA-101', {
      type: 'risk',
      title: 'Array late',
      probability: 4,
      impact: 4,
    });
    await raid('NET-1', {
      type: 'risk',
      title: 'Optics',
      probability: 2,
      impact: 3,
    });
    await raid('OPS-3', {
      type: 'issue',
      title: 'Outage',
      probability: 5,
      impact: 5,
    });
    const first = await api.get('/api/pmo/raid?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.totalItems).toBe(3);
    expect(first.body.items.map((r: any) => [r.projectTitle, r.score])).toEqual(
      [
        ['Project OPS-3', 25],
        ['Project INFRA-101', 16],
      ],
    );
    const second = await api.get(
      `/api/pmo/raid?limit=2&cursor=${first.body.pageInfo.nextCursor}`,
    );
    expect(second.body.items.map((r: any) => r.score)).toEqual([6]);
    expect(second.body.pageInfo).toEqual({});
    const filtered = await api.get(
      '/api/pmo/raid?type=risk&probability=4,2&impact=4&projectKey=infra-101,net-1',
    );
    expect(filtered.body.items.map((r: any) => r.title)).toEqual([
      'Array late',
    ]);

    // Milestones across projects, by date
    const ms = (key: string, body: object) =>
      api.post(`/api/pmo/projects/${key}/milestones`).send(body).expect(201);
    await ms('INFRA-101', { title: 'Overdue', baselineDate: dayOffset(-3) });
    await ms('NET-1', {
      title: 'Slipping',
      baselineDate: dayOffset(10),
      forecastDate: dayOffset(30),
    });
    await ms('OPS-3', { title: 'Later', baselineDate: dayOffset(60) });
    const all = await api.get('/api/pmo/milestones');
    expect(all.status).toBe(200);
    expect(all.body.items.map((m: any) => m.title)).toEqual([
      'Overdue',
      'Slipping',
      'Later',
    ]);
    const titles = async (qs: string) =>
      (await api.get(`/api/pmo/milestones?${qs}`)).body.items.map(
        (m: any) => m.title,
      );
    expect(await titles('overdue=true')).toEqual(['Overdue']);
    expect(await titles(`from=${dayOffset(0)}&to=${dayOffset(40)}`)).toEqual([
      'Slipping',
    ]);
    const slipping = await api.get('/api/pmo/milestones?slipping=true');
    expect(slipping.body.items).toEqual([
      expect.objectContaining({
        title: 'Slipping',
        projectTitle: 'Project NET-1',
        slipDays: 20,
      }),
    ]);

    // Run transitions in summaries and the portfolio
    await api
      .put('/api/pmo/entities/component/default/storage-api/transition')
      .send({ projectKey: 'INFRA-101' })
      .expect(201);
    await api
      .put('/api/pmo/entities/component/default/lonely/transition')
      .send({})
      .expect(201);
    const summary = await api.get(
      '/api/pmo/entities/component/default/storage-api/summary',
    );
    expect(summary.body.transition).toEqual({
      state: 'not_started',
      readinessPercent: 0,
      tier: 'tier-2',
      mismatch: true,
    });
    const batch = await api.post('/api/pmo/entities/summaries').send({
      entityRefs: [
        'component:default/storage-api',
        'component:default/lonely',
        'resource:default/san-array',
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.items[0].transition).toMatchObject({ mismatch: true });
    expect(batch.body.items[1]).toMatchObject({
      entityRef: 'component:default/lonely',
      projects: [],
      transition: { state: 'not_started', mismatch: false },
    });
    expect(batch.body.items[2]).toBeNull();

    const portfolio = await api.get('/api/pmo/portfolio');
    expect(portfolio.body.transitions).toEqual({
      byState: {
        not_started: 2,
        in_progress: 0,
        ready_for_review: 0,
        accepted: 0,
        hypercare: 0,
        run: 0,
      },
      mismatches: [
        {
          entityRef: 'component:default/storage-api',
          state: 'not_started',
          lifecycle: 'production',
          reason: expect.stringContaining('not yet accepted into Run'),
        },
      ],
    });
    const systemPortfolio = await api.get('/api/pmo/portfolio?system=storage');
    expect(systemPortfolio.body.totalProjects).toBe(2);
    expect(systemPortfolio.body.transitions.byState.not_started).toBe(1);
  });

  it('evidences checklist items with the built-in rules and a rule a module adds, and refuses unknown rules at start', async () => {
    const factsModule = createBackendModule({
      pluginId: 'pmo',
      moduleId: 'test-facts',
      register(env) {
        env.registerInit({
          deps: { facts: pmoFactRulesExtensionPoint },
          async init({ facts }) {
            facts.addFactRule({
              name: 'has-system',
              evaluate: async entity =>
                entity.spec?.system
                  ? {
                      status: 'satisfied',
                      detail: `system ${entity.spec.system}`,
                      evidenceUrl: `https://cmdb.example.com/${entity.spec.system}`,
                    }
                  : { status: 'unsatisfied', detail: 'needs spec.system' },
            });
          },
        });
      },
    });
    const templates = (fact: object) => ({
      transition: {
        templates: {
          'tier-2': {
            items: [
              { key: 'system', title: 'System', fact },
              {
                key: 'on-call',
                title: 'On-call',
                fact: {
                  rule: 'annotation',
                  annotations: ['opsgenie.com/team'],
                },
              },
            ],
          },
        },
      },
    });
    await expect(start(templates({ rule: 'has-system' }))).rejects.toThrow(
      "pmo.transition.templates.tier-2.items[0].fact.rule: unknown rule 'has-system'; registered rules: annotation, relation, techdocs",
    );
    const { server, tasks } = await start(templates({ rule: 'has-system' }), [
      factsModule,
    ]);
    const started = await request(server)
      .put('/api/pmo/entities/component/default/storage-api/transition')
      .send({});
    expect(started.status).toBe(201);
    expect(started.body.items).toEqual([
      expect.objectContaining({
        key: 'system',
        status: 'done',
        attesterKind: 'catalog',
        evidenceUrl: 'https://cmdb.example.com/storage',
      }),
      expect.objectContaining({
        key: 'on-call',
        status: 'pending',
        factCheck: expect.objectContaining({
          status: 'unsatisfied',
          detail: 'needs opsgenie.com/team',
        }),
      }),
    ]);
    // The scheduled re-evaluation finds nothing new.
    await tasks.get('pmo-checklist-evidence')!();
    const read = await request(server).get(
      '/api/pmo/entities/component/default/storage-api/transition',
    );
    expect(read.body.version).toBe(started.body.version);
  });
});
