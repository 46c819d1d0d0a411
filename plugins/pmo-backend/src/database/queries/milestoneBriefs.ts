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
  milestoneSlipDays,
  type Milestone,
  type MilestoneBrief,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import type { RawDbMilestoneRow } from '../rows';
import { CLOSED_MILESTONE_STATUSES, NO_DATE } from '../sql';

/**
 * The brief of a milestone shown by summaries, the portfolio and the home
 * widget: its date (forecast, else baseline), days to go and slip.
 * @internal
 */
export function milestoneBrief(m: Milestone, today: string): MilestoneBrief {
  const date = m.forecastDate ?? m.baselineDate;
  const brief: MilestoneBrief = {
    id: m.id,
    projectKey: m.projectKey,
    title: m.title,
    gate: m.gate,
    status: m.status,
  };
  if (date) {
    brief.date = date;
    brief.daysToGo = daysBetween(today, date);
  }
  if (m.baselineDate) brief.baselineDate = m.baselineDate;
  const slip = milestoneSlipDays(m);
  if (slip !== undefined) brief.slipDays = slip;
  return brief;
}

/** Code-point order, independent of any database collation. @internal */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** By date (undated last), then id. @internal */
export function compareBriefsByDate(
  a: MilestoneBrief,
  b: MilestoneBrief,
): number {
  const da = a.date ?? NO_DATE;
  const dbb = b.date ?? NO_DATE;
  if (da !== dbb) return da < dbb ? -1 : 1;
  return compareStrings(a.id, b.id);
}

/**
 * The next open dated milestone of each of the projects, in one query (a
 * window function picks the first row of each project).
 * @internal
 */
export function nextMilestoneRows(
  db: Knex,
  projectKeys: string[],
): Promise<RawDbMilestoneRow[]> {
  return db
    .select('*')
    .from(
      db('pmo_milestones')
        .select(
          '*',
          db.raw(
            'ROW_NUMBER() OVER (PARTITION BY project_key ORDER BY COALESCE(forecast_date, baseline_date), id) as rn',
          ),
        )
        .whereIn('project_key', projectKeys)
        .whereNull('actual_date')
        .whereNotIn('status', CLOSED_MILESTONE_STATUSES)
        .whereRaw('COALESCE(forecast_date, baseline_date) IS NOT NULL')
        .as('m'),
    )
    .where('rn', 1) as Promise<RawDbMilestoneRow[]>;
}
