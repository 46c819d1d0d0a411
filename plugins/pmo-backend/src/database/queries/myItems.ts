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
  MY_ITEMS_DUE_SOON_DAYS,
  daysBetween,
  effectiveHealth,
  isMilestoneOverdue,
  isWatermelon,
  toIsoDate,
  type Health,
  type MilestoneBrief,
  type MyAction,
  type MyItemsList,
  type MyMilestone,
  type MyProject,
  type ProjectPhase,
  type RaidStatus,
  type RaidType,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { unique } from '../helpers';
import type { MyItems, MyItemsOptions } from '../MyItemsStore';
import {
  rowToMilestone,
  type RawDbMilestoneRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
} from '../rows';
import {
  applyAccess,
  CLOSED_MILESTONE_STATUSES,
  NO_DATE,
  OPEN_RAID_STATUSES,
  whereInChunked,
} from '../sql';
import { milestoneBrief, nextMilestoneRows } from './milestoneBriefs';

/*
 * The "My PMO items" home widget: three lists, each one count and one page
 * query (plus one for the projects' next milestones), whatever the number
 * of projects.
 */

const DAY_MS = 86_400_000;
const HEALTH_RANK_SQL = `CASE p.health WHEN 'red' THEN 0 WHEN 'amber' THEN 1 ELSE 2 END`;
const MILESTONE_DATE_SQL = 'COALESCE(m.forecast_date, m.baseline_date)';

type CountRow = { count: number | string };

/** Lower-cased and de-duplicated, like the stored (normalized) refs. */
function lowerRefs(refs: string[]): string[] {
  return unique(refs.map(r => r.trim().toLocaleLowerCase('en-US'))).filter(
    Boolean,
  );
}

/**
 * Keeps the rows whose `expr` is one of the refs and that the read filter
 * lets through; returns the total count of such rows.
 */
async function restrict(
  base: Knex.QueryBuilder,
  expr: string,
  refs: string[],
  options: MyItemsOptions,
): Promise<number> {
  whereInChunked(base, expr, refs, { expression: true });
  if (options.access) applyAccess(base, options.access);
  const [{ count }] = (await base.clone().count({ count: '*' })) as CountRow[];
  return Number(count);
}

/**
 * The user's projects, open actions and due milestones.
 * @internal
 */
export async function getMyItems(
  db: Knex,
  today: string,
  options: MyItemsOptions,
): Promise<MyItems> {
  const refs = lowerRefs(options.refs);
  const [projects, actions, milestones] = await Promise.all([
    myProjects(db, refs, options, today),
    myActions(db, refs, options, today),
    myMilestones(db, refs, options, today),
  ]);
  return { projects, actions, milestones };
}

/** Projects owned by one of the refs: worst health first, then key. */
async function myProjects(
  db: Knex,
  refs: string[],
  options: MyItemsOptions,
  today: string,
): Promise<MyItemsList<MyProject>> {
  const base = db('pmo_projects as p');
  // Project owners are stored normalized (lower-cased) by the router.
  const count = await restrict(base, 'p.owner', refs, options);
  const rows = (await base
    .clone()
    .select('p.*')
    .orderByRaw(`${HEALTH_RANK_SQL} asc, p.key asc`)
    .limit(options.limit)) as RawDbProjectRow[];

  const next = new Map<string, MilestoneBrief>();
  if (rows.length > 0) {
    const milestoneRows = await nextMilestoneRows(
      db,
      rows.map(r => r.key),
    );
    for (const row of milestoneRows) {
      next.set(row.project_key, milestoneBrief(rowToMilestone(row), today));
    }
  }

  return {
    totalItems: count,
    items: rows.map(row => {
      const declared = (row.declared_health ?? undefined) as Health | undefined;
      const computed = row.computed_health as Health;
      const nextMilestone = next.get(row.key);
      return {
        key: row.key,
        title: row.title,
        phase: row.phase as ProjectPhase,
        owner: row.owner,
        health: effectiveHealth(declared, computed),
        ...(declared ? { declaredHealth: declared } : {}),
        computedHealth: computed,
        watermelon: isWatermelon(declared, computed),
        ...(row.target_date ? { targetDate: row.target_date } : {}),
        ...(nextMilestone ? { nextMilestone } : {}),
      };
    }),
  };
}

/**
 * Open RAID items whose owner is one of the refs: overdue and soonest due
 * first (undated last), then highest score.
 */
async function myActions(
  db: Knex,
  refs: string[],
  options: MyItemsOptions,
  today: string,
): Promise<MyItemsList<MyAction>> {
  const base = db('pmo_raid_items as r')
    .join('pmo_projects as p', 'p.key', 'r.project_key')
    .whereIn('r.status', OPEN_RAID_STATUSES);
  // The RAID owner is free text (usually an entity ref as typed): compare
  // case-insensitively.
  const count = await restrict(base, 'LOWER(TRIM(r.owner))', refs, options);
  const rows = (await base
    .clone()
    .select('r.*', 'p.title as project_title')
    .orderByRaw(
      `COALESCE(r.due_date, '${NO_DATE}') asc, r.score desc, r.id asc`,
    )
    .limit(options.limit)) as Array<RawDbRaidRow & { project_title: string }>;
  return {
    totalItems: count,
    items: rows.map(row => ({
      id: row.id,
      projectKey: row.project_key,
      projectTitle: row.project_title,
      type: row.type as RaidType,
      title: row.title,
      owner: row.owner ?? '',
      status: row.status as RaidStatus,
      score: Number(row.score),
      ...(row.action ? { action: row.action } : {}),
      ...(row.due_date ? { dueDate: row.due_date } : {}),
      overdue: Boolean(row.due_date) && row.due_date! < today,
    })),
  };
}

/**
 * Open milestones of the refs' projects dated before today + the due-soon
 * window (overdue ones included), soonest first.
 */
async function myMilestones(
  db: Knex,
  refs: string[],
  options: MyItemsOptions,
  today: string,
): Promise<MyItemsList<MyMilestone>> {
  const horizon = toIsoDate(
    new Date(
      Date.parse(`${today}T00:00:00Z`) + MY_ITEMS_DUE_SOON_DAYS * DAY_MS,
    ),
  );
  const base = db('pmo_milestones as m')
    .join('pmo_projects as p', 'p.key', 'm.project_key')
    .whereNull('m.actual_date')
    .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES)
    .whereRaw(`${MILESTONE_DATE_SQL} <= ?`, [horizon]);
  const count = await restrict(base, 'p.owner', refs, options);
  const rows = (await base
    .clone()
    .select('m.*', 'p.title as project_title')
    .orderByRaw(`${MILESTONE_DATE_SQL} asc, m.id asc`)
    .limit(options.limit)) as Array<
    RawDbMilestoneRow & { project_title: string }
  >;
  return {
    totalItems: count,
    items: rows.map(row => {
      const milestone = rowToMilestone(row);
      const date = (milestone.forecastDate ?? milestone.baselineDate)!;
      return {
        id: milestone.id,
        projectKey: milestone.projectKey,
        projectTitle: row.project_title,
        title: milestone.title,
        gate: milestone.gate,
        status: milestone.status,
        date,
        daysToGo: daysBetween(today, date),
        overdue: isMilestoneOverdue(milestone, today),
      };
    }),
  };
}
