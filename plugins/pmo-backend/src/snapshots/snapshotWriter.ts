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

import {
  isoWeekPeriod,
  toIsoDate,
  type HealthThresholds,
  type Snapshot,
  type SnapshotKind,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks, groupByProject, isUniqueViolation } from '../database/helpers';
import {
  rowToMilestone,
  rowToRaidItem,
  type RawDbMilestoneRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
} from '../database/rows';
import { OPEN_RAID_STATUSES } from '../database/sql';
import { isSQLite } from '../database/storeOptions';
import {
  buildSnapshotRow,
  rowToSnapshot,
  type RawDbSnapshotRow,
  type SnapshotFactsAdjuster,
} from './snapshotRows';
import type { TakeSnapshotOptions } from './SnapshotStore';

/** Projects read (and their facts) per round trip while taking a snapshot. */
const PROJECTS_PER_CHUNK = 1000;
/** 26 columns a row: stays far below the bound-variable limits. */
const ROWS_PER_INSERT = 100;

type WriteRequest = {
  kind: SnapshotKind;
  actor: string;
  at: Date;
  period: string;
  adjust?: SnapshotFactsAdjuster;
  thresholds: HealthThresholds;
};

/**
 * Takes a snapshot as of `at` (its period and "today"), in one
 * transaction. A scheduled (or demo) snapshot is taken at most once per
 * ISO week: the unique index on (period, kind) makes a concurrent or
 * repeated call return the week's snapshot with `created: false`.
 * @internal
 */
export async function takeSnapshotAt(
  db: Knex,
  thresholds: HealthThresholds,
  options: TakeSnapshotOptions & { at: Date; adjust?: SnapshotFactsAdjuster },
): Promise<{ snapshot: Snapshot; created: boolean }> {
  const { kind, actor, at, adjust } = options;
  const period = isoWeekPeriod(at);
  const onePerPeriod = kind !== 'manual';
  if (onePerPeriod) {
    const existing = await findPeriod(db, period, kind);
    if (existing) return { snapshot: existing, created: false };
  }
  try {
    const snapshot = await db.transaction(
      trx => write(trx, { kind, actor, at, period, adjust, thresholds }),
      // One consistent view of every project and fact on PostgreSQL;
      // SQLite's single writer already gives that.
      isSQLite(db) ? undefined : { isolationLevel: 'repeatable read' },
    );
    return { snapshot, created: true };
  } catch (error) {
    // Another replica (or a rerun) took this week's snapshot meanwhile.
    if (onePerPeriod && isUniqueViolation(error)) {
      const existing = await findPeriod(db, period, kind);
      if (existing) return { snapshot: existing, created: false };
    }
    throw error;
  }
}

async function findPeriod(
  db: Knex,
  period: string,
  kind: SnapshotKind,
): Promise<Snapshot | undefined> {
  const row = await db<RawDbSnapshotRow>('pmo_snapshots')
    .where({ period, kind })
    .first();
  return row ? rowToSnapshot(row) : undefined;
}

async function write(
  trx: Knex.Transaction,
  options: WriteRequest,
): Promise<Snapshot> {
  const today = toIsoDate(options.at);
  const [{ count }] = await trx('pmo_projects').count({ count: '*' });
  const header = {
    taken_at: options.at.toISOString(),
    period: options.period,
    kind: options.kind,
    taken_by: options.actor,
    project_count: Number(count),
  };
  const [inserted] = await trx('pmo_snapshots').insert(header).returning('id');
  const id = Number(
    typeof inserted === 'object' ? (inserted as { id: number }).id : inserted,
  );

  // Keyset over the project keys: three queries per chunk of projects
  // (projects, their milestones, their open RAID items by key range),
  // never one per project.
  let after: string | undefined;
  for (;;) {
    const query = trx<RawDbProjectRow>('pmo_projects')
      .orderBy('key')
      .limit(PROJECTS_PER_CHUNK);
    if (after !== undefined) query.where('key', '>', after);
    const projects = await query;
    if (projects.length === 0) break;
    const first = projects[0].key;
    const last = projects[projects.length - 1].key;

    const milestones = groupByProject(
      await trx<RawDbMilestoneRow>('pmo_milestones')
        .where('project_key', '>=', first)
        .andWhere('project_key', '<=', last),
      rowToMilestone,
    );
    const raid = groupByProject(
      await trx<RawDbRaidRow>('pmo_raid_items')
        .where('project_key', '>=', first)
        .andWhere('project_key', '<=', last)
        .whereIn('status', OPEN_RAID_STATUSES),
      rowToRaidItem,
    );

    const rows = projects.map(project => {
      let facts = {
        project,
        milestones: milestones.get(project.key) ?? [],
        raid: raid.get(project.key) ?? [],
      };
      if (options.adjust) facts = options.adjust(facts);
      return buildSnapshotRow({
        snapshotId: id,
        ...facts,
        today,
        thresholds: options.thresholds,
      });
    });
    for (const batch of chunks(rows, ROWS_PER_INSERT)) {
      await trx('pmo_snapshot_projects').insert(batch);
    }
    after = last;
    if (projects.length < PROJECTS_PER_CHUNK) break;
  }
  return rowToSnapshot({ id, ...header });
}
