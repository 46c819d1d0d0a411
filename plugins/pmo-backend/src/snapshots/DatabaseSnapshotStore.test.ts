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
import {
  createTestContext,
  createTestDatabases,
} from '../__testUtils__/databases';
import type { PmoStore, ProjectAccessFilter } from '../database/PmoStore';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };
const WEEK_MS = 7 * 86_400_000;

describe.each(databases.eachSupportedId())(
  'DatabaseSnapshotStore (%s)',
  databaseId => {
    let knex: Knex;
    let pmo: PmoStore;
    let snapshots: DatabaseSnapshotStore;
    let now: Date;

    beforeEach(async () => {
      // Wednesday of ISO week 2026-W10
      now = new Date('2026-03-04T09:00:00.000Z');
      knex = await databases.init(databaseId);
      ({ pmo, snapshots } = await createTestContext(knex, {
        clock: () => now,
      }));
    });

    /** A project with a 25-day slip, a high risk, an overdue issue... */
    async function seedStorageProject() {
      await pmo.createProject(
        {
          key: 'INFRA-101',
          title: 'SAN refresh',
          owner: 'group:default/storage',
          phase: 'execution',
          targetDate: '2026-09-30',
          declaredHealth: { status: 'green', reason: 'Vendor is confident' },
        },
        alice,
      );
      await pmo.createMilestone(
        'INFRA-101',
        {
          title: 'Data migrated',
          baselineDate: '2026-04-01',
          forecastDate: '2026-04-26',
          gate: true,
        },
        alice,
      );
      await pmo.createMilestone(
        'INFRA-101',
        {
          title: 'Design approved',
          baselineDate: '2026-02-01',
          actualDate: '2026-02-03',
          status: 'done',
        },
        alice,
      );
      for (const [title, p, i] of [
        ['Array delivery late', 4, 4],
        ['Licence audit', 2, 2],
        ['Skills gap', 3, 3],
      ] as const) {
        await pmo.createRaidItem(
          'INFRA-101',
          {
            type: 'risk',
            title,
            probability: p,
            impact: i,
            owner: 'jane',
            action: 'Chase vendor',
            dueDate: '2026-05-01',
          },
          alice,
        );
      }
      await pmo.createRaidItem(
        'INFRA-101',
        {
          type: 'risk',
          title: 'Closed risk',
          probability: 5,
          impact: 5,
          status: 'closed',
        },
        alice,
      );
      await pmo.createRaidItem(
        'INFRA-101',
        {
          type: 'issue',
          title: 'Firmware bug',
          probability: 2,
          impact: 3,
          dueDate: '2026-03-01',
          owner: 'bob',
        },
        alice,
      );
      await pmo.createRaidItem(
        'INFRA-101',
        {
          type: 'dependency',
          title: 'Network change',
          probability: 1,
          impact: 2,
        },
        alice,
      );
    }

    it('snapshots health, milestones, RAID, top risks and asks', async () => {
      await seedStorageProject();
      const { snapshot, created } = await snapshots.takeSnapshot({
        kind: 'manual',
        actor: 'user:default/alice',
      });
      expect(created).toBe(true);
      expect(snapshot).toEqual({
        id: expect.any(Number),
        takenAt: '2026-03-04T09:00:00.000Z',
        period: '2026-W10',
        kind: 'manual',
        takenBy: 'user:default/alice',
        projectCount: 1,
      });
      const page = await snapshots.listSnapshotProjects(snapshot, {
        limit: 10,
      });
      expect(page.totalItems).toBe(1);
      expect(page.byHealth).toEqual({ green: 0, amber: 0, red: 1 });
      expect(page.watermelons).toBe(1);
      const [p] = page.items;
      expect(p).toMatchObject({
        snapshotId: snapshot.id,
        projectKey: 'INFRA-101',
        title: 'SAN refresh',
        owner: 'group:default/storage',
        phase: 'execution',
        targetDate: '2026-09-30',
        declaredHealth: { status: 'green', reason: 'Vendor is confident' },
        health: 'red',
        watermelon: true,
        openRaid: { risk: 3, assumption: 0, issue: 1, dependency: 1 },
        highRisks: 1,
        openSlipDays: 25,
        openDatedMilestones: 1,
      });
      expect(p.computedHealth.status).toBe('red');
      expect(p.computedHealth.reasons.map(r => r.code).sort()).toEqual([
        'high_risk',
        'milestone_slip',
        'overdue_action',
      ]);
      expect(p.milestones).toEqual([
        {
          title: 'Design approved',
          baselineDate: '2026-02-01',
          actualDate: '2026-02-03',
          status: 'done',
          gate: false,
          slipDays: 2,
        },
        {
          title: 'Data migrated',
          baselineDate: '2026-04-01',
          forecastDate: '2026-04-26',
          status: 'planned',
          gate: true,
          slipDays: 25,
        },
      ]);
      // Open risks only, by score; the closed 25 is left out.
      expect(p.topRisks.map(r => [r.title, r.score])).toEqual([
        ['Array delivery late', 16],
        ['Skills gap', 9],
        ['Licence audit', 4],
      ]);
      expect(p.topRisks[0]).toEqual({
        title: 'Array delivery late',
        probability: 4,
        impact: 4,
        score: 16,
        owner: 'jane',
        action: 'Chase vendor',
        dueDate: '2026-05-01',
      });
      // The overdue issue is an ask; the low dependency is not.
      expect(p.asks).toEqual([
        {
          type: 'issue',
          title: 'Firmware bug',
          score: 6,
          owner: 'bob',
          dueDate: '2026-03-01',
          overdue: true,
        },
      ]);
    });

    it('is immutable: a snapshot keeps the values from before an edit', async () => {
      await seedStorageProject();
      const before = (
        await snapshots.takeSnapshot({ kind: 'manual', actor: 'a' })
      ).snapshot;
      const project = await pmo.getProject('INFRA-101');
      await pmo.updateProject(
        'INFRA-101',
        {
          version: project!.version,
          title: 'SAN refresh (re-planned)',
          declaredHealth: { status: 'red', reason: 'Honest now' },
        },
        alice,
      );
      const [milestone] = (await pmo.listMilestones('INFRA-101')).filter(
        m => m.title === 'Data migrated',
      );
      await pmo.updateMilestone(
        milestone.id,
        { version: milestone.version, forecastDate: '2026-04-01' },
        alice,
      );
      now = new Date(now.getTime() + 60_000);
      const after = (
        await snapshots.takeSnapshot({ kind: 'manual', actor: 'a' })
      ).snapshot;

      const [old] = (await snapshots.listSnapshotProjects(before, { limit: 1 }))
        .items;
      expect(old.title).toBe('SAN refresh');
      expect(old.declaredHealth).toMatchObject({ status: 'green' });
      expect(old.watermelon).toBe(true);
      expect(old.openSlipDays).toBe(25);
      const [fresh] = (
        await snapshots.listSnapshotProjects(after, { limit: 1 })
      ).items;
      expect(fresh.title).toBe('SAN refresh (re-planned)');
      expect(fresh.declaredHealth).toMatchObject({ status: 'red' });
      expect(fresh.watermelon).toBe(false);
      expect(fresh.openSlipDays).toBe(0);

      // Deleting the project does not touch its snapshots either.
      await pmo.deleteProject('INFRA-101', alice);
      expect(
        (await snapshots.listSnapshotProjects(before, { limit: 1 })).items[0]
          .title,
      ).toBe('SAN refresh');

      // And the store offers no way to change a snapshot.
      const methods = Object.getOwnPropertyNames(
        DatabaseSnapshotStore.prototype,
      );
      expect(methods.filter(m => /update|edit|patch|set/i.test(m))).toEqual([]);
    });

    it('takes one weekly snapshot per ISO week under concurrent calls', async () => {
      await seedStorageProject();
      const results = await Promise.all([
        snapshots.takeSnapshot({ kind: 'scheduled', actor: 'task' }),
        snapshots.takeSnapshot({ kind: 'scheduled', actor: 'task' }),
      ]);
      expect(results.map(r => r.created).sort()).toEqual([false, true]);
      expect(results[0].snapshot.id).toBe(results[1].snapshot.id);
      // A rerun later the same week, too.
      now = new Date('2026-03-08T23:00:00.000Z');
      const rerun = await snapshots.takeSnapshot({
        kind: 'scheduled',
        actor: 'task',
      });
      expect(rerun).toEqual({ snapshot: results[0].snapshot, created: false });
      const [{ n }] = await knex('pmo_snapshots')
        .where({ kind: 'scheduled' })
        .count({ n: '*' });
      expect(Number(n)).toBe(1);
      const [{ rows }] = await knex('pmo_snapshot_projects').count({
        rows: '*',
      });
      expect(Number(rows)).toBe(1);

      // Manual snapshots are not limited; the next week gets its own.
      await snapshots.takeSnapshot({ kind: 'manual', actor: 'a' });
      now = new Date('2026-03-09T06:00:00.000Z');
      const next = await snapshots.takeSnapshot({
        kind: 'scheduled',
        actor: 'task',
      });
      expect(next.created).toBe(true);
      expect(next.snapshot.period).toBe('2026-W11');
      expect((await snapshots.listSnapshots()).map(s => s.kind)).toEqual([
        'scheduled',
        'manual',
        'scheduled',
      ]);
    });

    it('prunes snapshots past retention with their rows', async () => {
      await seedStorageProject();
      const old = (
        await snapshots.takeSnapshot({ kind: 'scheduled', actor: 't' })
      ).snapshot;
      now = new Date(now.getTime() + 3 * WEEK_MS);
      const recent = (
        await snapshots.takeSnapshot({ kind: 'scheduled', actor: 't' })
      ).snapshot;
      const cutoff = new Date(now.getTime() - 2 * WEEK_MS).toISOString();
      expect(await snapshots.pruneSnapshots(cutoff)).toBe(1);
      expect((await snapshots.listSnapshots()).map(s => s.id)).toEqual([
        recent.id,
      ]);
      expect(await snapshots.getSnapshot(old.id)).toBeUndefined();
      const left = await knex('pmo_snapshot_projects').select('snapshot_id');
      expect(left.map(r => Number(r.snapshot_id))).toEqual([recent.id]);
      expect(await snapshots.pruneSnapshots(cutoff)).toBe(0);
    });

    it('applies the access filter in SQL to rows, counts and trends', async () => {
      await seedStorageProject();
      await pmo.createProject(
        {
          key: 'VDI-7',
          title: 'VDI rollout',
          owner: 'group:default/euc',
          phase: 'planning',
        },
        alice,
      );
      await pmo.createProject(
        {
          key: 'NET-3',
          title: 'Core network',
          owner: 'group:default/network',
          phase: 'execution',
          declaredHealth: { status: 'amber', reason: 'Change freeze' },
        },
        alice,
      );
      const { snapshot } = await snapshots.takeSnapshot({
        kind: 'scheduled',
        actor: 't',
      });
      expect(snapshot.projectCount).toBe(3);
      const access: ProjectAccessFilter = {
        anyOf: [
          { field: 'owner', values: ['group:default/euc'] },
          { field: 'key', values: ['NET-3'] },
        ],
      };
      const page = await snapshots.listSnapshotProjects(snapshot, {
        limit: 10,
        access,
      });
      expect(page.items.map(p => p.projectKey)).toEqual(['NET-3', 'VDI-7']);
      expect(page.totalItems).toBe(2);
      expect(page.byHealth).toEqual({ green: 1, amber: 1, red: 0 });
      expect(page.watermelons).toBe(0);

      const [point] = await snapshots.trends({
        since: '2026-01-01T00:00:00.000Z',
        access,
      });
      expect(point).toMatchObject({
        totalProjects: 2,
        byHealth: { green: 1, amber: 1, red: 0 },
        watermelons: 0,
        slipDaysTotal: 0,
        openHighRisks: 0,
      });
      const report = await snapshots.reportProjects(snapshot.id, {
        limit: 10,
        access,
        projectKeys: ['INFRA-101', 'NET-3'],
      });
      expect(report.items.map(p => p.projectKey)).toEqual(['NET-3']);
      expect(report.totalItems).toBe(1);

      // Owner / phase / health filters and keyset paging.
      const first = await snapshots.listSnapshotProjects(snapshot, {
        limit: 1,
        phase: ['execution'],
      });
      expect(first.items.map(p => p.projectKey)).toEqual(['INFRA-101']);
      expect(first.totalItems).toBe(2);
      const second = await snapshots.listSnapshotProjects(snapshot, {
        limit: 1,
        phase: ['execution'],
        cursor: first.pageInfo.nextCursor,
      });
      expect(second.items.map(p => p.projectKey)).toEqual(['NET-3']);
      expect(second.pageInfo).toEqual({});
      const red = await snapshots.listSnapshotProjects(snapshot, {
        limit: 5,
        health: ['red'],
        owner: ['group:default/storage'],
      });
      expect(red.items.map(p => p.projectKey)).toEqual(['INFRA-101']);
    });

    it('trends: one point per week, the weekly snapshot first', async () => {
      await seedStorageProject();
      const w10 = await snapshots.takeSnapshot({
        kind: 'scheduled',
        actor: 't',
      });
      await snapshots.takeSnapshot({ kind: 'manual', actor: 'a' });
      now = new Date(now.getTime() + WEEK_MS);
      // Week 11 has only manual snapshots: the newest one counts.
      await snapshots.takeSnapshot({ kind: 'manual', actor: 'a' });
      const milestone = (await pmo.listMilestones('INFRA-101')).find(
        m => m.title === 'Data migrated',
      )!;
      await pmo.updateMilestone(
        milestone.id,
        { version: milestone.version, forecastDate: '2026-04-11' },
        alice,
      );
      now = new Date(now.getTime() + 3_600_000);
      const latest = await snapshots.takeSnapshot({
        kind: 'manual',
        actor: 'a',
      });

      const points = await snapshots.trends({
        since: '2026-01-01T00:00:00.000Z',
      });
      expect(points.map(p => [p.snapshotId, p.period, p.kind])).toEqual([
        [w10.snapshot.id, '2026-W10', 'scheduled'],
        [latest.snapshot.id, '2026-W11', 'manual'],
      ]);
      expect(points[0]).toMatchObject({
        totalProjects: 1,
        byHealth: { red: 1, amber: 0, green: 0 },
        watermelons: 1,
        slipDaysTotal: 25,
        averageSlipDays: 25,
        openHighRisks: 1,
      });
      expect(points[1].slipDaysTotal).toBe(10);
      expect(
        await snapshots.trends({
          since: '2026-01-01T00:00:00.000Z',
          owner: ['group:default/nobody'],
        }),
      ).toEqual(
        points.map(p => ({
          ...p,
          totalProjects: 0,
          byHealth: { green: 0, amber: 0, red: 0 },
          watermelons: 0,
          slipDaysTotal: 0,
          averageSlipDays: 0,
          openHighRisks: 0,
        })),
      );
      expect(
        await snapshots.trends({ since: '2026-04-01T00:00:00.000Z' }),
      ).toEqual([]);
    });

    it('snapshots many projects with a bounded number of queries', async () => {
      const keys = Array.from({ length: 1250 }, (_, i) => `BULK-${i + 1}`);
      const at = now.toISOString();
      for (let i = 0; i < keys.length; i += 100) {
        await knex('pmo_projects').insert(
          keys.slice(i, i + 100).map(key => ({
            key,
            title: key,
            phase: 'execution',
            methodology: 'waterfall',
            owner: 'group:default/bulk',
            priority: 'medium',
            created_at: at,
            updated_at: at,
          })),
        );
      }
      const queries: string[] = [];
      const onQuery = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', onQuery);
      const { snapshot } = await snapshots.takeSnapshot({
        kind: 'manual',
        actor: 'a',
      });
      knex.removeListener('query', onQuery);
      expect(snapshot.projectCount).toBe(1250);
      // 2 chunks x 3 reads + 13 inserts of 100 rows + header and count;
      // never one query per project.
      const selects = queries.filter(q => /^select/i.test(q.trim()));
      expect(selects.length).toBeLessThanOrEqual(10);
      expect(queries.length).toBeLessThan(40);
      const [{ n }] = await knex('pmo_snapshot_projects')
        .where({ snapshot_id: snapshot.id })
        .count({ n: '*' });
      expect(Number(n)).toBe(1250);
    });
  },
);
