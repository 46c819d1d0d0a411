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
  daysBetween,
  HEALTH_VALUES,
  isWatermelon,
  PROJECT_PHASES,
  toIsoDate,
  type Health,
  type HealthThresholds,
  type Portfolio,
  type ProjectPhase,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import type { PortfolioOptions } from '../PmoStore';
import { rowToMilestone, type RawDbMilestoneRow } from '../rows';
import {
  applyProjectFilters,
  CLOSED_MILESTONE_STATUSES,
  OPEN_RAID_STATUSES,
  slipDaysSql,
} from '../sql';
import { milestoneBrief } from './milestoneBriefs';

/** Longest list returned in each section of the portfolio roll-up. */
const PORTFOLIO_LIST_LIMIT = 50;

const HEALTH_RANK_SQL = (column: string) =>
  `CASE ${column} WHEN 'red' THEN 2 WHEN 'amber' THEN 1 ELSE 0 END`;

/**
 * The portfolio roll-up: counts by health and phase, the risk heat map and
 * the overdue, slipping, stale and watermelon lists, all over the projects
 * that the options (owner, System, access) let through.
 * @internal
 */
export async function getPortfolio(
  db: Knex,
  context: { today: string; thresholds: HealthThresholds },
  options: PortfolioOptions,
): Promise<Omit<Portfolio, 'transitions'>> {
  const { today, thresholds: t } = context;
  const filtered = (qb: Knex.QueryBuilder) => {
    applyProjectFilters(db, qb, {
      owner: options.owner,
      entityRefs: options.entityRefs,
      access: options.access,
    });
    return qb;
  };

  const byHealth = Object.fromEntries(HEALTH_VALUES.map(h => [h, 0])) as Record<
    Health,
    number
  >;
  const byPhase = Object.fromEntries(PROJECT_PHASES.map(p => [p, 0])) as Record<
    ProjectPhase,
    number
  >;
  const groups = await filtered(db('pmo_projects as p'))
    .select('p.health', 'p.phase')
    .count({ count: '*' })
    .groupBy('p.health', 'p.phase');
  let totalProjects = 0;
  for (const g of groups) {
    const n = Number(g.count);
    totalProjects += n;
    if (g.health in byHealth) byHealth[g.health as Health] += n;
    if (g.phase in byPhase) byPhase[g.phase as ProjectPhase] += n;
  }

  const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  // Every RAID item belongs to a project (foreign key): without a project
  // filter the join only costs a scan of the projects.
  const unfiltered =
    options.owner === undefined &&
    options.entityRefs === undefined &&
    options.access === undefined;
  const cells = await (unfiltered
    ? db('pmo_raid_items as r')
    : filtered(
        db('pmo_raid_items as r').join(
          'pmo_projects as p',
          'p.key',
          'r.project_key',
        ),
      )
  )
    .select('r.probability', 'r.impact')
    .count({ count: '*' })
    .where('r.type', 'risk')
    .whereIn('r.status', OPEN_RAID_STATUSES)
    .groupBy('r.probability', 'r.impact');
  for (const c of cells) {
    const p = Number(c.probability);
    const i = Number(c.impact);
    if (p >= 1 && p <= 5 && i >= 1 && i <= 5) {
      heatMap[p - 1][i - 1] += Number(c.count);
    }
  }

  // Open milestones of projects that are not closed (a closed project's
  // computed health ignores its milestones, so the lists do too).
  const openMilestones = () =>
    filtered(
      db('pmo_milestones as m').join(
        'pmo_projects as p',
        'p.key',
        'm.project_key',
      ),
    )
      .select('m.*')
      .whereNot('p.phase', 'closed')
      .whereNull('m.actual_date')
      .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES);

  const overdueRows = (await openMilestones()
    .whereRaw('COALESCE(m.forecast_date, m.baseline_date) < ?', [today])
    .orderByRaw('COALESCE(m.forecast_date, m.baseline_date) asc, m.id asc')
    .limit(PORTFOLIO_LIST_LIMIT)) as RawDbMilestoneRow[];

  const slipDays = slipDaysSql(db);
  const slippingRows = (await openMilestones()
    .whereNotNull('m.forecast_date')
    .whereNotNull('m.baseline_date')
    .whereRaw(`${slipDays} >= ?`, [t.slipAmberDays])
    .orderByRaw(`${slipDays} desc, m.id asc`)
    .limit(PORTFOLIO_LIST_LIMIT)) as RawDbMilestoneRow[];

  const cutoff = toIsoDate(
    new Date(Date.parse(`${today}T00:00:00Z`) - t.staleStatusDays * 86_400_000),
  );
  const lastStatusSql = 'COALESCE(p.declared_set_at, p.created_at)';
  const staleRows = (await filtered(db('pmo_projects as p'))
    .select(
      'p.key',
      'p.title',
      'p.owner',
      db.raw(`${lastStatusSql} as last_status`),
    )
    .whereNot('p.phase', 'closed')
    .whereRaw(`SUBSTR(${lastStatusSql}, 1, 10) < ?`, [cutoff])
    .orderByRaw(`${lastStatusSql} asc, p.key asc`)
    .limit(PORTFOLIO_LIST_LIMIT)) as Array<{
    key: string;
    title: string;
    owner: string;
    last_status: string;
  }>;

  const watermelonRows = (await filtered(db('pmo_projects as p'))
    .select('p.key', 'p.title', 'p.declared_health', 'p.computed_health')
    .whereNotNull('p.declared_health')
    .whereRaw(
      `${HEALTH_RANK_SQL('p.declared_health')} < ${HEALTH_RANK_SQL(
        'p.computed_health',
      )}`,
    )
    .orderBy('p.key')
    .limit(PORTFOLIO_LIST_LIMIT)) as Array<{
    key: string;
    title: string;
    declared_health: Health;
    computed_health: Health;
  }>;

  return {
    totalProjects,
    byHealth,
    byPhase,
    heatMap,
    overdueMilestones: overdueRows.map(r =>
      milestoneBrief(rowToMilestone(r), today),
    ),
    slippingMilestones: slippingRows.map(r =>
      milestoneBrief(rowToMilestone(r), today),
    ),
    staleProjects: staleRows.map(r => ({
      key: r.key,
      title: r.title,
      owner: r.owner,
      statusUpdatedAt: r.last_status,
      daysSinceUpdate: daysBetween(r.last_status, today),
    })),
    watermelons: watermelonRows
      .filter(r => isWatermelon(r.declared_health, r.computed_health))
      .map(r => ({
        key: r.key,
        title: r.title,
        declared: r.declared_health,
        computed: r.computed_health,
      })),
  };
}
