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
  HEALTH_VALUES,
  type Health,
  type Snapshot,
  type SnapshotProject,
  type SnapshotProjectsPage,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor, isRecord } from '../database/cursor';
import type { ProjectAccessFilter } from '../database/PmoStore';
import { applyAccess, whereInChunked } from '../database/sql';
import {
  rowToSnapshotProject,
  type RawDbSnapshotProjectRow,
} from './snapshotRows';
import type { SnapshotProjectFilter } from './SnapshotStore';

/*
 * Reads of the projects of snapshots: the as-of page, the status report
 * and the counts of the list. The trends are in snapshotTrends.ts.
 */

/**
 * Counts a project row with a true watermelon flag.
 * Booleans are 0/1 on SQLite; CASE reads both the same way.
 * @internal
 */
export const WATERMELONS_SQL = 'SUM(CASE WHEN p.watermelon THEN 1 ELSE 0 END)';
const HEALTH_RANK_SQL = `CASE p.health WHEN 'red' THEN 2 WHEN 'amber' THEN 1 ELSE 0 END`;

type KeyCursor = { k: string };
const isKeyCursor = (v: unknown): v is KeyCursor =>
  isRecord(v) && typeof v.k === 'string';

/** Zero of every health. @internal */
export function emptyByHealth(): Record<Health, number> {
  return Object.fromEntries(HEALTH_VALUES.map(h => [h, 0])) as Record<
    Health,
    number
  >;
}

/**
 * The snapshot rows of some snapshots as a query aliased `p`, with
 * `p.key` so that the permission filter of live projects applies to the
 * project as it was (its owner and phase in the snapshot).
 * @internal
 */
export function filteredSnapshotProjects(
  db: Knex,
  snapshotIds: number[],
  filter: SnapshotProjectFilter,
): Knex.QueryBuilder {
  const inner = db('pmo_snapshot_projects')
    .select('*', db.raw('?? as ??', ['project_key', 'key']))
    .whereIn('snapshot_id', snapshotIds);
  const qb = db.from(inner.as('p'));
  if (filter.owner) qb.whereIn('p.owner', filter.owner);
  if (filter.phase) qb.whereIn('p.phase', filter.phase);
  if (filter.health) qb.whereIn('p.health', filter.health);
  if (filter.projectKeys) whereInChunked(qb, 'p.key', filter.projectKeys);
  if (filter.access) applyAccess(qb, filter.access);
  return qb;
}

/** Rows per snapshot that the read filter lets through. @internal */
export async function countSnapshotProjects(
  db: Knex,
  snapshotIds: number[],
  access: ProjectAccessFilter,
): Promise<Map<number, number>> {
  const rows = await filteredSnapshotProjects(db, snapshotIds, { access })
    .select('p.snapshot_id')
    .count({ count: '*' })
    .groupBy('p.snapshot_id');
  return new Map(
    rows.map((r: { snapshot_id: number; count: number | string }) => [
      Number(r.snapshot_id),
      Number(r.count),
    ]),
  );
}

/** A page of the snapshot's projects, by key, with the matching counts. @internal */
export async function listSnapshotProjects(
  db: Knex,
  snapshot: Snapshot,
  filter: SnapshotProjectFilter & { limit: number; cursor?: string },
): Promise<Omit<SnapshotProjectsPage, 'snapshot'>> {
  const base = filteredSnapshotProjects(db, [snapshot.id], filter);
  const byHealth = emptyByHealth();
  let totalItems = 0;
  let watermelons = 0;
  const groups = await base
    .clone()
    .select('p.health', db.raw(`${WATERMELONS_SQL} as watermelons`))
    .count({ count: '*' })
    .groupBy('p.health');
  for (const g of groups) {
    const n = Number(g.count);
    totalItems += n;
    watermelons += Number(g.watermelons ?? 0);
    if (g.health in byHealth) byHealth[g.health as Health] += n;
  }
  const query = base
    .clone()
    .select('p.*')
    .orderBy('p.key')
    .limit(filter.limit + 1);
  if (filter.cursor) {
    query.where('p.key', '>', decodeCursor(filter.cursor, isKeyCursor).k);
  }
  const rows = (await query) as RawDbSnapshotProjectRow[];
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(rowToSnapshotProject),
    totalItems,
    byHealth,
    watermelons,
    pageInfo:
      rows.length > filter.limit && last
        ? { nextCursor: encodeCursor({ k: last.project_key }) }
        : {},
  };
}

/** Every matching project, worst health first, at most `limit`. @internal */
export async function reportProjects(
  db: Knex,
  snapshotId: number,
  filter: SnapshotProjectFilter & { limit: number },
): Promise<{ items: SnapshotProject[]; totalItems: number }> {
  const base = filteredSnapshotProjects(db, [snapshotId], filter);
  const [{ count }] = await base.clone().count({ count: '*' });
  const rows = (await base
    .clone()
    .select('p.*')
    .orderByRaw(`${HEALTH_RANK_SQL} desc, p.key asc`)
    .limit(filter.limit)) as RawDbSnapshotProjectRow[];
  return { items: rows.map(rowToSnapshotProject), totalItems: Number(count) };
}
