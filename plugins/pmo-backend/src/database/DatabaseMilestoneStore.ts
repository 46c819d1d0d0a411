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
  milestoneSlipDays,
  type CreateMilestoneRequest,
  type Milestone,
  type MilestoneWithProject,
  type Page,
  type UpdateMilestoneRequest,
} from '@infra-pmo/plugin-pmo-common';
import { KnexStore } from './KnexStore';
import { ProjectItems } from './projectItems';
import { encodeCursor, whereAfterCursor } from './cursor';
import { milestoneColumns } from './itemColumns';
import { insertMilestone } from './itemWrites';
import type {
  Actor,
  MilestoneStore,
  SearchMilestonesOptions,
} from './PmoStore';
import { rowToMilestone, type RawDbMilestoneRow } from './rows';
import {
  applyAccess,
  CLOSED_MILESTONE_STATUSES,
  NO_DATE,
  slipDaysSql,
} from './sql';
import { isoToday } from './storeOptions';

/**
 * Knex implementation of {@link MilestoneStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabaseMilestoneStore
  extends KnexStore
  implements MilestoneStore
{
  readonly #items = new ProjectItems(this.options, {
    kind: 'milestone',
    table: 'pmo_milestones',
    toItem: rowToMilestone,
    insert: insertMilestone,
    columns: milestoneColumns,
  });

  async listMilestones(projectKey: string): Promise<Milestone[]> {
    const rows = await this.db<RawDbMilestoneRow>('pmo_milestones')
      .where({ project_key: projectKey })
      .orderByRaw(
        `CASE WHEN COALESCE(forecast_date, baseline_date) IS NULL THEN 1 ELSE 0 END, COALESCE(forecast_date, baseline_date), created_at, id`,
      );
    return rows.map(rowToMilestone);
  }

  async getMilestone(id: string): Promise<Milestone | undefined> {
    return this.#items.get(id);
  }

  async createMilestone(
    projectKey: string,
    input: CreateMilestoneRequest,
    actor: Actor,
  ): Promise<Milestone> {
    return this.#items.create(projectKey, input, actor);
  }

  async updateMilestone(
    id: string,
    patch: UpdateMilestoneRequest,
    actor: Actor,
  ): Promise<Milestone> {
    return this.#items.update(id, patch, actor);
  }

  async deleteMilestone(id: string, actor: Actor): Promise<void> {
    await this.#items.delete(id, actor);
  }

  async searchMilestones(
    options: SearchMilestonesOptions,
  ): Promise<Page<MilestoneWithProject>> {
    const db = this.db;
    const dateSql = 'COALESCE(m.forecast_date, m.baseline_date)';
    // Undated milestones sort last; keyset pagination needs no NULLs.
    const sortSql = `COALESCE(m.forecast_date, m.baseline_date, '${NO_DATE}')`;
    const base = db('pmo_milestones as m').join(
      'pmo_projects as p',
      'p.key',
      'm.project_key',
    );
    if (options.projectKey) base.whereIn('m.project_key', options.projectKey);
    if (options.from) base.whereRaw(`${dateSql} >= ?`, [options.from]);
    if (options.to) base.whereRaw(`${dateSql} <= ?`, [options.to]);
    if (options.overdue || options.slipping) {
      // Open, as in isMilestoneClosed: no actual date, not done / cancelled.
      base
        .whereNull('m.actual_date')
        .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES);
    }
    if (options.overdue) {
      base.whereRaw(`${dateSql} < ?`, [isoToday(this.options.clock)]);
    }
    if (options.slipping) {
      base
        .whereNotNull('m.forecast_date')
        .whereNotNull('m.baseline_date')
        .whereRaw(`${slipDaysSql(db)} >= ?`, [
          this.options.thresholds.slipAmberDays,
        ]);
    }
    if (options.access) applyAccess(base, options.access);

    const [{ count }] = await base.clone().count({ count: '*' });
    const query = base
      .clone()
      .select(
        'm.*',
        'p.title as project_title',
        db.raw(`${sortSql} as sort_date`),
      )
      .orderByRaw(`${sortSql} asc, m.id asc`)
      .limit(options.limit + 1);
    if (options.cursor) {
      whereAfterCursor(
        query,
        options.cursor,
        { column: db.raw(sortSql), type: 'string', op: '>' },
        { column: 'm.id', type: 'string', op: '>' },
      );
    }
    const rows = (await query) as Array<
      RawDbMilestoneRow & { project_title: string; sort_date: string }
    >;
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ project_title, sort_date, ...row }) => {
        const milestone = rowToMilestone(row);
        const slip = milestoneSlipDays(milestone);
        return {
          ...milestone,
          projectTitle: project_title,
          ...(slip !== undefined ? { slipDays: slip } : {}),
        };
      }),
      totalItems: Number(count),
      pageInfo:
        rows.length > options.limit && last
          ? {
              nextCursor: encodeCursor({
                s: String(last.sort_date),
                t: last.id,
              }),
            }
          : {},
    };
  }
}
