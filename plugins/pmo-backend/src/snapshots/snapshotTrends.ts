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

import type {
  Health,
  Snapshot,
  TrendPoint,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import {
  emptyByHealth,
  filteredSnapshotProjects,
  WATERMELONS_SQL,
} from './snapshotQueries';
import { rowToSnapshot, type RawDbSnapshotRow } from './snapshotRows';
import type { SnapshotProjectFilter } from './SnapshotStore';

/** Prefer the weekly snapshot of a week, then the demo one, then the newest. */
const KIND_PREFERENCE: Record<string, number> = {
  scheduled: 0,
  demo: 1,
  manual: 2,
};

/**
 * One point per ISO week (the scheduled snapshot, else the newest of the
 * week) of the snapshots taken since `since`, oldest first, aggregated in
 * one query over the matching project rows.
 * @internal
 */
export async function snapshotTrends(
  db: Knex,
  filter: Omit<SnapshotProjectFilter, 'phase' | 'health'> & {
    since: string;
  },
): Promise<TrendPoint[]> {
  const snapshots = (
    await db<RawDbSnapshotRow>('pmo_snapshots')
      .where('taken_at', '>=', filter.since)
      .orderBy([
        { column: 'taken_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
  ).map(rowToSnapshot);
  // One snapshot per week: the scheduled one, else demo, else the newest.
  const perPeriod = new Map<string, Snapshot>();
  for (const s of snapshots) {
    const current = perPeriod.get(s.period);
    if (
      !current ||
      KIND_PREFERENCE[s.kind] < KIND_PREFERENCE[current.kind] ||
      (KIND_PREFERENCE[s.kind] === KIND_PREFERENCE[current.kind] &&
        s.takenAt >= current.takenAt)
    ) {
      perPeriod.set(s.period, s);
    }
  }
  const chosen = [...perPeriod.values()].sort((a, b) => {
    if (a.takenAt !== b.takenAt) return a.takenAt < b.takenAt ? -1 : 1;
    return a.id - b.id;
  });
  if (chosen.length === 0) return [];

  const aggregates = await filteredSnapshotProjects(
    db,
    chosen.map(s => s.id),
    filter,
  )
    .select(
      'p.snapshot_id',
      'p.health',
      db.raw(`${WATERMELONS_SQL} as watermelons`),
    )
    .count({ count: '*' })
    .sum({
      slip_days: 'p.open_slip_days',
      dated: 'p.open_dated_milestones',
      high_risks: 'p.high_risks',
    })
    .groupBy('p.snapshot_id', 'p.health');

  const points = new Map<number, TrendPoint>(
    chosen.map(s => [
      s.id,
      {
        snapshotId: s.id,
        period: s.period,
        takenAt: s.takenAt,
        kind: s.kind,
        totalProjects: 0,
        byHealth: emptyByHealth(),
        watermelons: 0,
        slipDaysTotal: 0,
        averageSlipDays: 0,
        openHighRisks: 0,
      },
    ]),
  );
  const dated = new Map<number, number>();
  for (const a of aggregates) {
    const id = Number(a.snapshot_id);
    const point = points.get(id);
    if (!point) continue;
    const n = Number(a.count);
    point.totalProjects += n;
    if (a.health in point.byHealth) point.byHealth[a.health as Health] += n;
    point.watermelons += Number(a.watermelons ?? 0);
    point.slipDaysTotal += Number(a.slip_days ?? 0);
    point.openHighRisks += Number(a.high_risks ?? 0);
    dated.set(id, (dated.get(id) ?? 0) + Number(a.dated ?? 0));
  }
  for (const point of points.values()) {
    const n = dated.get(point.snapshotId) ?? 0;
    point.averageSlipDays =
      n > 0 ? Math.round((point.slipDaysTotal / n) * 10) / 10 : 0;
  }
  return chosen.map(s => points.get(s.id)!);
}
