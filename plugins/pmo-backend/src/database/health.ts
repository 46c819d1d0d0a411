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
  computeHealth,
  effectiveHealth,
  type Health,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks, groupByProject, unique } from './helpers';
import {
  rowToMilestone,
  rowToProject,
  rowToRaidItem,
  type RawDbMilestoneRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
} from './rows';
import { isoNow, isoToday, type WriteOptions } from './storeOptions';

/**
 * Recomputes and stores the computed health (and the worse-of health used
 * by filters) of the given projects, with the shared rules, inside the
 * caller's transaction: every write to a project, its milestones or its
 * RAID (waiver risks of run transitions included) commits together with
 * the health it implies. Returns how many projects changed.
 * @internal
 */
export async function recomputeHealth(
  trx: Knex.Transaction,
  keys: string[],
  options: WriteOptions,
): Promise<number> {
  const today = isoToday(options.clock);
  const now = isoNow(options.clock);
  let changed = 0;
  for (const chunk of chunks(unique(keys))) {
    const projects = await trx<RawDbProjectRow>('pmo_projects').whereIn(
      'key',
      chunk,
    );
    if (projects.length === 0) continue;
    const milestones = groupByProject(
      await trx<RawDbMilestoneRow>('pmo_milestones').whereIn(
        'project_key',
        chunk,
      ),
      rowToMilestone,
    );
    const raid = groupByProject(
      await trx<RawDbRaidRow>('pmo_raid_items').whereIn('project_key', chunk),
      rowToRaidItem,
    );
    for (const row of projects) {
      const computed = computeHealth({
        project: rowToProject(row),
        milestones: milestones.get(row.key) ?? [],
        raid: raid.get(row.key) ?? [],
        today,
        thresholds: options.thresholds,
      });
      const reasons = JSON.stringify(computed.reasons);
      const health = effectiveHealth(
        (row.declared_health as Health | null) ?? undefined,
        computed.status,
      );
      if (
        row.computed_health !== computed.status ||
        row.computed_reasons !== reasons ||
        row.health !== health
      ) {
        await trx('pmo_projects').where({ key: row.key }).update({
          computed_health: computed.status,
          computed_reasons: reasons,
          health,
          computed_at: now,
        });
        changed++;
      }
    }
  }
  return changed;
}

/**
 * Runs a write of a project's item (milestone, RAID item) in one
 * transaction with the recompute of that project's health, so that the
 * item and the health it implies commit or roll back together.
 * @internal
 */
export function writeWithHealth<T extends { project_key: string }>(
  db: Knex,
  options: WriteOptions,
  write: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async trx => {
    const row = await write(trx);
    await recomputeHealth(trx, [row.project_key], options);
    return row;
  });
}
