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

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  decisionMessages,
  type CreateRebaselineRequest,
  type MilestoneBaseline,
  type Rebaseline,
  type RebaselineStatus,
} from '@infra-pmo/plugin-pmo-common';
import { randomUUID } from 'node:crypto';
import type { RebaselineStore } from './DecisionStores';
import { recomputeHealth } from './health';
import { compact, opt, requireProject, writeHistory } from './helpers';
import { UUID_PATTERN } from './itemColumns';
import { KnexStore } from './KnexStore';
import type { Actor } from './PmoStore';
import type { RawDbMilestoneRow } from './rows';
import { isoNow } from './storeOptions';

type RawDbRebaselineRow = {
  id: string;
  project_key: string;
  status: string;
  reason: string;
  changes: string;
  requested_by: string;
  requested_at: string;
  baseline_number: number | string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
};

function rowToRebaseline(row: RawDbRebaselineRow): Rebaseline {
  return compact<Rebaseline>({
    id: row.id,
    projectKey: row.project_key,
    status: row.status as RebaselineStatus,
    reason: row.reason,
    changes: JSON.parse(row.changes),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    baselineNumber:
      row.baseline_number === null ? undefined : Number(row.baseline_number),
    decidedBy: opt(row.decided_by),
    decidedAt: opt(row.decided_at),
    decisionReason: opt(row.decision_reason),
  });
}

/**
 * Knex implementation of {@link RebaselineStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabaseRebaselineStore
  extends KnexStore
  implements RebaselineStore
{
  async listRebaselines(projectKey: string): Promise<Rebaseline[]> {
    const rows = await this.db<RawDbRebaselineRow>('pmo_rebaselines')
      .where({ project_key: projectKey })
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(rowToRebaseline);
  }

  async getRebaseline(id: string): Promise<Rebaseline | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const row = await this.db<RawDbRebaselineRow>('pmo_rebaselines')
      .where({ id })
      .first();
    return row && rowToRebaseline(row);
  }

  async requestRebaseline(
    projectKey: string,
    input: CreateRebaselineRequest,
    actor: Actor,
  ): Promise<Rebaseline> {
    return this.db.transaction(async trx => {
      await requireProject(trx, projectKey);
      const ids = input.changes.map(c => c.milestoneId);
      const found = new Set(
        (
          await trx('pmo_milestones')
            .whereIn(
              'id',
              ids.filter(id => UUID_PATTERN.test(id)),
            )
            .where({ project_key: projectKey })
            .select('id')
        ).map(r => r.id as string),
      );
      const missing = input.changes.findIndex(c => !found.has(c.milestoneId));
      if (missing >= 0) {
        throw new InputError(
          `Invalid request: body.changes[${missing}].milestoneId: is not a milestone of project ${projectKey}`,
        );
      }
      const now = isoNow(this.options.clock);
      const row: RawDbRebaselineRow = {
        id: randomUUID(),
        project_key: projectKey,
        status: 'pending',
        reason: input.reason,
        changes: JSON.stringify(input.changes),
        requested_by: actor.ref,
        requested_at: now,
        baseline_number: null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
      };
      await trx('pmo_rebaselines').insert(row);
      await writeHistory(trx, now, {
        projectKey,
        objectType: 'project',
        objectId: projectKey,
        action: 'update',
        actor,
        changes: { rebaselineRequested: [null, input.reason] },
      });
      return rowToRebaseline(row);
    });
  }

  async decideRebaseline(
    id: string,
    decision: { approve: boolean; reason: string },
    actor: Actor,
  ): Promise<Rebaseline> {
    return this.db.transaction(async trx => {
      const row = UUID_PATTERN.test(id)
        ? await trx<RawDbRebaselineRow>('pmo_rebaselines')
            .where({ id })
            .forUpdate()
            .first()
        : undefined;
      if (!row) throw new NotFoundError(`Re-baseline ${id} not found`);
      if (row.status !== 'pending') {
        throw new ConflictError(decisionMessages.alreadyDecided(row.status));
      }
      const now = isoNow(this.options.clock);
      const key = row.project_key;
      let baselineNumber: number | null = null;
      if (decision.approve) {
        const project = await trx('pmo_projects')
          .where({ key })
          .first('baseline_number');
        baselineNumber = Number(project?.baseline_number ?? 0) + 1;
        await this.applyBaselines(trx, row, baselineNumber, actor, now);
        await trx('pmo_projects')
          .where({ key })
          .update({ baseline_number: baselineNumber });
      }
      // Guarded on the status: a concurrent decision makes this a no-op.
      const updated = await trx('pmo_rebaselines')
        .where({ id, status: 'pending' })
        .update({
          status: decision.approve ? 'approved' : 'rejected',
          baseline_number: baselineNumber,
          decided_by: actor.ref,
          decided_at: now,
          decision_reason: decision.reason,
        });
      if (!updated) {
        throw new ConflictError(decisionMessages.alreadyDecided('decided'));
      }
      await writeHistory(trx, now, {
        projectKey: key,
        objectType: 'project',
        objectId: key,
        action: 'update',
        actor,
        changes: decision.approve
          ? { baselineNumber: [baselineNumber! - 1, baselineNumber] }
          : { rebaselineRejected: [null, decision.reason] },
      });
      if (decision.approve) await recomputeHealth(trx, [key], this.options);
      return rowToRebaseline(
        (await trx<RawDbRebaselineRow>('pmo_rebaselines')
          .where({ id })
          .first())!,
      );
    });
  }

  /**
   * Keeps each changed milestone's previous baseline as the original (0)
   * when it has none kept yet, writes the new date as baseline `n`, and
   * moves the milestone's baseline (version bumped, history recorded).
   */
  private async applyBaselines(
    trx: import('knex').Knex.Transaction,
    row: RawDbRebaselineRow,
    n: number,
    actor: Actor,
    now: string,
  ) {
    const changes = JSON.parse(row.changes) as Rebaseline['changes'];
    for (const change of changes) {
      const milestone = await trx<RawDbMilestoneRow>('pmo_milestones')
        .where({ id: change.milestoneId, project_key: row.project_key })
        .first();
      // A milestone deleted since the request has nothing to re-baseline.
      if (!milestone) continue;
      if (milestone.baseline_date) {
        await trx('pmo_milestone_baselines')
          .insert({
            milestone_id: milestone.id,
            baseline_number: 0,
            baseline_date: milestone.baseline_date,
            rebaseline_id: null,
          })
          .onConflict(['milestone_id', 'baseline_number'])
          .ignore();
      }
      await trx('pmo_milestone_baselines').insert({
        milestone_id: milestone.id,
        baseline_number: n,
        baseline_date: change.baselineDate,
        rebaseline_id: row.id,
      });
      await trx('pmo_milestones')
        .where({ id: milestone.id })
        .update({
          baseline_date: change.baselineDate,
          version: Number(milestone.version) + 1,
          updated_at: now,
        });
      await writeHistory(trx, now, {
        projectKey: row.project_key,
        objectType: 'milestone',
        objectId: milestone.id,
        action: 'update',
        actor,
        changes: {
          baselineDate: [milestone.baseline_date, change.baselineDate],
          baselineNumber: [n - 1, n],
        },
      });
    }
  }

  async listBaselines(projectKey: string): Promise<MilestoneBaseline[]> {
    const rows = await this.db('pmo_milestone_baselines as b')
      .join('pmo_milestones as m', 'm.id', 'b.milestone_id')
      .where('m.project_key', projectKey)
      .select('b.milestone_id', 'b.baseline_number', 'b.baseline_date')
      .orderBy([
        { column: 'b.milestone_id', order: 'asc' },
        { column: 'b.baseline_number', order: 'asc' },
      ]);
    return rows.map(r => ({
      milestoneId: r.milestone_id,
      baselineNumber: Number(r.baseline_number),
      baselineDate: r.baseline_date,
    }));
  }
}
