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

import { InputError, NotFoundError } from '@backstage/errors';
import {
  decisionMessages,
  isGatePending,
  type CreateGateDecisionRequest,
  type GateDecision,
  type GateDecisionOutcome,
} from '@infra-pmo/plugin-pmo-common';
import { randomUUID } from 'node:crypto';
import type { GateStore, PendingGate } from './DecisionStores';
import { recomputeHealth } from './health';
import { writeHistory } from './helpers';
import { UUID_PATTERN } from './itemColumns';
import { insertRaid } from './itemWrites';
import { KnexStore } from './KnexStore';
import type { Actor } from './PmoStore';
import { rowToMilestone, type RawDbMilestoneRow } from './rows';
import { CLOSED_MILESTONE_STATUSES } from './sql';
import { isoNow } from './storeOptions';

type RawDbGateDecisionRow = {
  id: string;
  milestone_id: string;
  project_key: string;
  decision: string;
  rationale: string;
  conditions: string;
  action_ids: string;
  decided_by: string;
  decided_at: string;
};

function rowToDecision(row: RawDbGateDecisionRow): GateDecision {
  return {
    id: row.id,
    milestoneId: row.milestone_id,
    projectKey: row.project_key,
    decision: row.decision as GateDecisionOutcome,
    rationale: row.rationale,
    conditions: JSON.parse(row.conditions),
    actionIds: JSON.parse(row.action_ids),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

/** Pending gates scanned per request; the gates of a portfolio are few. */
const PENDING_SCAN_LIMIT = 1000;

/**
 * Knex implementation of {@link GateStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabaseGateStore extends KnexStore implements GateStore {
  async listGateDecisions(projectKey: string): Promise<GateDecision[]> {
    const rows = await this.db<RawDbGateDecisionRow>('pmo_gate_decisions')
      .where({ project_key: projectKey })
      .orderBy([
        { column: 'decided_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(rowToDecision);
  }

  async listMilestoneDecisions(milestoneId: string): Promise<GateDecision[]> {
    if (!UUID_PATTERN.test(milestoneId)) return [];
    const rows = await this.db<RawDbGateDecisionRow>('pmo_gate_decisions')
      .where({ milestone_id: milestoneId })
      .orderBy([
        { column: 'decided_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(rowToDecision);
  }

  async decideGate(
    milestoneId: string,
    input: CreateGateDecisionRequest,
    actor: Actor,
  ): Promise<GateDecision> {
    const { clock } = this.options;
    return this.db.transaction(async trx => {
      const milestone = UUID_PATTERN.test(milestoneId)
        ? await trx<RawDbMilestoneRow>('pmo_milestones')
            .where({ id: milestoneId })
            .first()
        : undefined;
      if (!milestone) {
        throw new NotFoundError(`Milestone ${milestoneId} not found`);
      }
      if (!milestone.gate) {
        throw new InputError(
          `Invalid request: milestone ${milestoneId} ${decisionMessages.notGate}`,
        );
      }
      const conditions = input.conditions ?? [];
      // Each condition is work the go depends on: a RAID dependency with
      // the condition's owner, action and due date, scored low so that
      // only its due date (overdue action) moves the project's health.
      const actionIds: string[] = [];
      for (const condition of conditions) {
        const row = await insertRaid(
          trx,
          clock,
          milestone.project_key,
          {
            type: 'dependency',
            title:
              `Gate condition (${milestone.title}): ${condition.text}`.slice(
                0,
                200,
              ),
            description: `Condition of the ${input.decision} decision on gate '${milestone.title}'`,
            owner: condition.owner,
            action: condition.text,
            dueDate: condition.dueDate,
            probability: 1,
            impact: 1,
          },
          actor,
        );
        actionIds.push(row.id);
      }
      const now = isoNow(clock);
      const row: RawDbGateDecisionRow = {
        id: randomUUID(),
        milestone_id: milestone.id,
        project_key: milestone.project_key,
        decision: input.decision,
        rationale: input.rationale,
        conditions: JSON.stringify(conditions),
        action_ids: JSON.stringify(actionIds),
        decided_by: actor.ref,
        decided_at: now,
      };
      await trx('pmo_gate_decisions').insert(row);
      await writeHistory(trx, now, {
        projectKey: milestone.project_key,
        objectType: 'milestone',
        objectId: milestone.id,
        action: 'update',
        actor,
        changes: {
          gateDecision: [null, input.decision],
          rationale: [null, input.rationale],
          ...(conditions.length
            ? { conditions: [null, conditions.map(c => c.text)] }
            : {}),
        },
      });
      await recomputeHealth(trx, [milestone.project_key], this.options);
      return rowToDecision(row);
    });
  }

  async listPendingGates(options: {
    approvers: readonly string[];
    limit: number;
  }): Promise<PendingGate[]> {
    if (!options.approvers.length) return [];
    const rows = (await this.db('pmo_milestones as m')
      .join('pmo_projects as p', 'p.key', 'm.project_key')
      .where('m.gate', true)
      .whereNotNull('m.gate_approvers')
      .whereNull('m.actual_date')
      .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES)
      .select('m.*', 'p.title as project_title')
      .orderByRaw('COALESCE(m.forecast_date, m.baseline_date), m.id')
      .limit(PENDING_SCAN_LIMIT)) as Array<
      RawDbMilestoneRow & { project_title: string }
    >;
    const mine = new Set(options.approvers);
    const candidates = rows
      .map(row => ({ row, milestone: rowToMilestone(row) }))
      .filter(({ milestone }) =>
        (milestone.gateApprovers ?? []).some(a => mine.has(a)),
      );
    if (!candidates.length) return [];
    const decisions = await this.db<RawDbGateDecisionRow>('pmo_gate_decisions')
      .whereIn(
        'milestone_id',
        candidates.map(c => c.milestone.id),
      )
      .orderBy([
        { column: 'decided_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    const byMilestone = new Map<string, RawDbGateDecisionRow[]>();
    for (const d of decisions) {
      byMilestone.set(d.milestone_id, [
        ...(byMilestone.get(d.milestone_id) ?? []),
        d,
      ]);
    }
    return candidates
      .filter(({ milestone }) =>
        isGatePending(
          milestone,
          (byMilestone.get(milestone.id) ?? []).map(d => ({
            decision: d.decision as GateDecisionOutcome,
          })),
        ),
      )
      .slice(0, options.limit)
      .map(({ row, milestone }) => ({
        milestoneId: milestone.id,
        projectKey: milestone.projectKey,
        projectTitle: row.project_title,
        title: milestone.title,
        approvers: milestone.gateApprovers ?? [],
        ...(milestone.forecastDate ?? milestone.baselineDate
          ? { dueDate: milestone.forecastDate ?? milestone.baselineDate }
          : {}),
      }));
  }
}
