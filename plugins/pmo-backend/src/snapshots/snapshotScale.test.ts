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

import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  createTestContext,
  createTestDatabases,
} from '../__testUtils__/databases';

/*
 * Storage and time of a snapshot at portfolio scale, on PostgreSQL. Slow
 * (minutes), so it runs only with PMO_SNAPSHOT_SCALE=1, e.g.
 *   PMO_SNAPSHOT_SCALE=1 PMO_SNAPSHOT_SCALE_PROJECTS=5000,30000 yarn \
 *     backstage-cli package test src/snapshots/snapshotScale.test.ts
 * It prints the figures and asserts that every project is snapshotted.
 */

const enabled =
  process.env.PMO_SNAPSHOT_SCALE === '1' &&
  Boolean(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING);
const sizes = (process.env.PMO_SNAPSHOT_SCALE_PROJECTS ?? '5000')
  .split(',')
  .map(Number);

jest.setTimeout(30 * 60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-12-07T06:00:00.000Z');

/** Like the demo: 7 milestones and 6 RAID items a project. */
async function seed(knex: Knex, count: number) {
  const at = NOW.toISOString();
  for (let start = 0; start < count; start += 500) {
    const keys = Array.from(
      { length: Math.min(500, count - start) },
      (_, i) => `SCALE-${start + i + 1}`,
    );
    await knex.batchInsert(
      'pmo_projects',
      keys.map((key, i) => ({
        key,
        title: `Infrastructure project ${key} with a realistic title`,
        phase: 'execution',
        methodology: 'waterfall',
        owner: `group:default/team-${i % 40}`,
        priority: 'high',
        declared_health: ['green', 'amber', 'red'][i % 3],
        declared_reason:
          'Vendor confirmed the recovery plan at the steering committee',
        declared_set_at: at,
        created_at: at,
        updated_at: at,
      })),
      250,
    );
    const milestones = keys.flatMap(key =>
      Array.from({ length: 7 }, (_, m) => ({
        id: randomUUID(),
        project_key: key,
        title: `Milestone ${m + 1}: migration wave ${m + 1} complete`,
        baseline_date: `2027-0${1 + (m % 9)}-10`,
        forecast_date: `2027-0${1 + (m % 9)}-${10 + (m % 3) * 7}`,
        status: m < 2 ? 'done' : 'planned',
        actual_date: m < 2 ? `2027-0${1 + (m % 9)}-12` : null,
        gate: m % 3 === 0,
        created_at: at,
        updated_at: at,
      })),
    );
    await knex.batchInsert('pmo_milestones', milestones, 500);
    const raid = keys.flatMap(key =>
      Array.from({ length: 6 }, (_, r) => ({
        id: randomUUID(),
        project_key: key,
        type: ['risk', 'risk', 'risk', 'issue', 'dependency', 'assumption'][r],
        title: `RAID item ${r + 1} about the storage array delivery`,
        probability: 1 + (r % 5),
        impact: 5 - (r % 4),
        score: (1 + (r % 5)) * (5 - (r % 4)),
        owner: 'user:default/jane',
        action: 'Weekly call with the vendor; escalate to the account manager',
        due_date: r % 2 ? '2026-12-01' : '2027-02-01',
        status: 'open',
        created_at: at,
        updated_at: at,
      })),
    );
    await knex.batchInsert('pmo_raid_items', raid, 500);
  }
}

(enabled ? describe : describe.skip)('snapshot at scale', () => {
  it.each(sizes)('snapshots %i projects on PostgreSQL', async count => {
    const knex = await databases.init('POSTGRES_15');
    const store = (await createTestContext(knex, { clock: () => NOW }))
      .snapshots;
    await seed(knex, count);

    const started = Date.now();
    const { snapshot } = await store.takeSnapshot({
      kind: 'scheduled',
      actor: 'scale-test',
    });
    const seconds = (Date.now() - started) / 1000;
    expect(snapshot.projectCount).toBe(count);

    await knex.raw('VACUUM ANALYZE pmo_snapshot_projects');
    const size = async () =>
      Number(
        (
          await knex.raw(
            `SELECT pg_total_relation_size('pmo_snapshot_projects') + pg_total_relation_size('pmo_snapshots') AS bytes`,
          )
        ).rows[0].bytes,
      );
    const one = await size();
    const trendsStarted = Date.now();
    const points = await store.trends({ since: '2026-01-01T00:00:00.000Z' });
    const trendsMs = Date.now() - trendsStarted;
    expect(points[0].totalProjects).toBe(count);
    const reportStarted = Date.now();
    const report = await store.reportProjects(snapshot.id, { limit: 5000 });
    const reportMs = Date.now() - reportStarted;
    expect(report.totalItems).toBe(count);

    // eslint-disable-next-line no-console
    console.log(
      `${count} projects: snapshot in ${seconds.toFixed(
        1,
      )} s, ${count} rows, ${(one / 1024 / 1024).toFixed(
        1,
      )} MiB with indexes (${Math.round(
        one / count,
      )} bytes a project); trends ${trendsMs} ms, report rows ${reportMs} ms; 104 weekly snapshots ~ ${(
        (one * 104) /
        1024 /
        1024
      ).toFixed(0)} MiB`,
    );
  });
});
