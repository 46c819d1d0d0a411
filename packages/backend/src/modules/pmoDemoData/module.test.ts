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
import {
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import pmoPlugin from '@infra-pmo/plugin-pmo-backend';
import {
  pmoSeedExtensionPoint,
  type PmoSeedContext,
  type PmoSeedStores,
} from '@infra-pmo/plugin-pmo-backend/alpha';
import { readinessPercent } from '@infra-pmo/plugin-pmo-common';
import request from 'supertest';
import { demoPmoData } from './demoData';
import { DEMO_SNAPSHOT_ACTOR, seedDemoSnapshots } from './demoHistory';
import { pmoDemoDataModule } from './module';
import { seedDemoData } from './seed';
import { seedDemoRebaselines } from './seedRebaselines';
import { DEMO_TRANSITIONS, seedDemoTransitions } from './seedTransitions';

jest.setTimeout(60_000);

// PostgreSQL only when a server is configured (CI, the dev box); SQLite
// always.
const ids: TestDatabaseId[] = process.env
  .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? ['POSTGRES_15', 'SQLITE_3']
  : ['SQLITE_3'];
const databases = TestDatabases.create({ ids });

/**
 * The PMO plugin with the demo module, plus a module that hands the
 * plugin's stores to the test through the same extension point, so that
 * the seeders can be run again on them.
 */
async function start(
  knex: Awaited<ReturnType<typeof databases.init>>,
  pmo: object,
) {
  const seen: { stores?: PmoSeedStores; context?: PmoSeedContext } = {};
  const capture = createBackendModule({
    pluginId: 'pmo',
    moduleId: 'test-capture',
    register(reg) {
      reg.registerInit({
        deps: { seed: pmoSeedExtensionPoint },
        async init({ seed }) {
          seed.addSeeder(async (stores, context) => {
            seen.stores = stores;
            seen.context = context;
          });
        },
      });
    },
  });
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
      pmoDemoDataModule,
      capture,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: { pmo } }),
      scheduler.factory,
    ],
  });
  return {
    server: backend.server,
    stores: seen.stores!,
    context: seen.context!,
    tasks,
  };
}

describe.each(databases.eachSupportedId())('pmoDemoDataModule (%s)', id => {
  it('seeds nothing unless pmo.demoData is true', async () => {
    const knex = await databases.init(id);
    const { server } = await start(knex, {});
    const res = await request(server).get('/api/pmo/projects?limit=1');
    expect(res.status).toBe(200);
    expect(res.body.totalItems).toBe(0);
    const snapshots = await request(server).get('/api/pmo/snapshots');
    expect(snapshots.body.items).toEqual([]);
  });

  it('seeds the demo projects idempotently when pmo.demoData is true', async () => {
    const knex = await databases.init(id);
    const { server, stores } = await start(knex, { demoData: true });
    const expected = demoPmoData(new Date()).projects.length;
    const res = await request(server).get('/api/pmo/projects?limit=200');
    expect(res.status).toBe(200);
    expect(res.body.totalItems).toBe(expected);

    // A second run (restart, another replica) creates nothing.
    const again = await seedDemoData({
      store: stores.pmo,
      logger: mockServices.logger.mock(),
      data: demoPmoData(new Date()),
    });
    expect(again.created).toEqual([]);
    expect(again.failed).toEqual([]);
    expect(again.skipped).toHaveLength(expected);

    // So does a restart on the same database.
    const restarted = await start(knex, { demoData: true });
    const after = await request(restarted.server).get(
      '/api/pmo/projects?limit=1',
    );
    expect(after.body.totalItems).toBe(expected);
  });

  it('seeds a gate awaiting the PMO and a re-baselined project, once', async () => {
    const knex = await databases.init(id);
    const { server, stores } = await start(knex, { demoData: true });
    const rebaselines = await request(server).get(
      '/api/pmo/projects/INFRA-204/rebaselines',
    );
    expect(rebaselines.body.baselineNumber).toBe(1);
    expect(rebaselines.body.items).toHaveLength(1);
    // Two milestones moved by 5 days: each keeps its original (0) and 1.
    expect(rebaselines.body.baselines).toHaveLength(4);
    const milestones = await stores.pmo.listMilestones('BKP-020');
    expect(
      milestones.find(m => m.gateApprovers?.includes('group:default/pmo')),
    ).toMatchObject({
      gate: true,
      title: 'Business case approved by portfolio board',
    });
    expect(
      await seedDemoRebaselines({ stores, logger: mockServices.logger.mock() }),
    ).toBe(false);
  });

  it('brings every demo service to its state through the guarded moves, once', async () => {
    const knex = await databases.init(id);
    const { stores, context } = await start(knex, { demoData: true });
    const store = stores.transitions;
    const today = new Date();

    for (const demo of DEMO_TRANSITIONS) {
      const t = (await store.getTransition(demo.entityRef))!;
      expect({ ref: demo.entityRef, state: t.state }).toEqual({
        ref: demo.entityRef,
        state: demo.state,
      });
    }
    // the waiver created its RAID risk on the project, owned by the run owner
    const san = (await store.getTransition('resource:default/san-pure-prod'))!;
    const waived = san.items.find(i => i.key === 'dr-test')!;
    expect(waived.status).toBe('waived');
    const risk = await stores.pmo.getRaidItem(waived.raidId!);
    expect(risk).toMatchObject({
      projectKey: 'INFRA-204',
      type: 'risk',
      owner: 'group:default/storage-team',
    });
    expect(readinessPercent(san.items, today.toISOString().slice(0, 10))).toBe(
      100,
    );

    // Hyper-V waits for the run sign-off only (Virtualisation, the guest's
    // group): the home page widget shows it as pending for the guest.
    const hyperv = (await store.getTransition(
      'component:default/hyperv-prod-cluster',
    ))!;
    expect(hyperv.signOffs.map(s => s.role)).toEqual(['delivery']);

    const second = await seedDemoTransitions({
      store,
      templates: context.transitionTemplates,
      logger: mockServices.logger.mock(),
      today,
    });
    expect(second.created).toEqual([]);
    expect(second.skipped).toHaveLength(DEMO_TRANSITIONS.length);
  });

  it('back-fills demo snapshots, takes the weekly one and serves trends and reports', async () => {
    const knex = await databases.init(id);
    const { server, tasks } = await start(knex, { demoData: true });
    const list = await request(server).get('/api/pmo/snapshots');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(10);
    expect(
      list.body.items.every((s: { kind: string }) => s.kind === 'demo'),
    ).toBe(true);

    await tasks.get('pmo-weekly-snapshot')!();
    await tasks.get('pmo-weekly-snapshot')!();
    const after = await request(server).get('/api/pmo/snapshots');
    expect(after.body.items).toHaveLength(11);
    expect(after.body.items[0]).toMatchObject({
      kind: 'scheduled',
      takenBy: 'plugin:pmo/weekly-snapshot',
    });

    const trends = await request(server).get('/api/pmo/trends?weeks=26');
    expect(trends.status).toBe(200);
    expect(trends.body.points).toHaveLength(11);
    const total = demoPmoData(new Date()).projects.length;
    for (const p of trends.body.points) {
      expect(p.totalProjects).toBe(total);
      expect(p.byHealth.green + p.byHealth.amber + p.byHealth.red).toBe(total);
    }

    const md = await request(server).get('/api/pmo/reports/status.md');
    expect(md.status).toBe(200);
    expect(md.text).toContain('# Portfolio status report');
    const csv = await request(server).get(
      '/api/pmo/reports/status.csv?snapshot=latest',
    );
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(total + 1);
  });

  it('back-fills demo snapshots once, in past weeks', async () => {
    const knex = await databases.init(id);
    const { server, stores } = await start(knex, {});
    const logger = mockServices.logger.mock();
    const now = new Date();
    await seedDemoData({ store: stores.pmo, logger, data: demoPmoData(now) });
    const snapshots = stores.snapshots;
    expect(
      await seedDemoSnapshots({ store: snapshots, logger, now, weeks: 8 }),
    ).toBe(8);
    const list = await snapshots.listSnapshots();
    expect(list).toHaveLength(8);
    expect(new Set(list.map(s => s.period)).size).toBe(8);
    expect(list.every(s => s.kind === 'demo')).toBe(true);
    expect(list.every(s => s.takenBy === DEMO_SNAPSHOT_ACTOR)).toBe(true);
    expect(list.every(s => s.takenAt < now.toISOString())).toBe(true);
    // The slip grows towards today, so the trend is not flat.
    const trends = await request(server).get('/api/pmo/trends?weeks=26');
    const points: Array<{ slipDaysTotal: number }> = trends.body.points;
    expect(points).toHaveLength(8);
    expect(points[0].slipDaysTotal).toBeLessThan(
      points[points.length - 1].slipDaysTotal,
    );
    // Idempotent: nothing when snapshots exist.
    expect(
      await seedDemoSnapshots({ store: snapshots, logger, now, weeks: 8 }),
    ).toBe(0);
  });
});
