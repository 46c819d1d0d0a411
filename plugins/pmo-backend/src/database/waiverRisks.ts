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
  HIGH_RISK_SCORE,
  RAID_STATUSES,
  isRaidOpen,
  raidScore,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { diffSnapshots, writeHistory } from './helpers';
import type { Actor } from './PmoStore';
import type { RawDbTransitionItemRow } from './transitionRows';

/*
 * The RAID side of run transitions, written inside the transition's own
 * database transaction: the risk that records a waiver, and the open
 * high-scoring issues that block the move to run.
 */

/** The waiver's RAID risk: a medium 3 x 3 risk until the work is done. */
const WAIVER_PROBABILITY = 3;
const WAIVER_IMPACT = 3;

const OPEN_RAID_STATUSES = RAID_STATUSES.filter(status =>
  isRaidOpen({ status }),
);

/** What a waiver risk says. @internal */
export interface WaiverRisk {
  projectKey: string;
  entityRef: string;
  /** The risk of the previous waiver of the item, updated if it exists. */
  existingId: string | null;
  title: string;
  reason: string;
  dueDate: string;
  owner: string;
  actor: Actor;
}

/**
 * Creates the waiver's RAID risk, or updates the one of a re-waiver.
 * Returns its id.
 * @internal
 */
export async function upsertWaiverRisk(
  trx: Knex.Transaction,
  now: string,
  w: WaiverRisk,
): Promise<string> {
  const description = `Run-transition waiver of '${w.title}' on ${w.entityRef}: ${w.reason}`;
  const action = `Complete '${w.title}' or renew the waiver before ${w.dueDate}`;
  if (w.existingId) {
    const current = await trx('pmo_raid_items')
      .where({ id: w.existingId })
      .first();
    if (current) {
      const changes = diffSnapshots(
        {
          description: current.description,
          action: current.action,
          dueDate: current.due_date,
        },
        { description, action, dueDate: w.dueDate },
      );
      if (Object.keys(changes).length > 0) {
        await trx('pmo_raid_items')
          .where({ id: w.existingId })
          .update({
            description,
            action,
            due_date: w.dueDate,
            version: Number(current.version) + 1,
            updated_at: now,
          });
        await writeHistory(trx, now, {
          projectKey: current.project_key,
          objectType: 'raid',
          objectId: w.existingId,
          action: 'update',
          actor: w.actor,
          changes,
        });
      }
      return w.existingId;
    }
  }
  const id = randomUUID();
  const fields = {
    type: 'risk',
    title: `Waiver: ${w.title} (${w.entityRef})`,
    description,
    probability: WAIVER_PROBABILITY,
    impact: WAIVER_IMPACT,
    score: raidScore(WAIVER_PROBABILITY, WAIVER_IMPACT),
    owner: w.owner,
    action,
    due_date: w.dueDate,
    status: 'open',
    entity_ref: w.entityRef,
  };
  await trx('pmo_raid_items').insert({
    id,
    project_key: w.projectKey,
    ...fields,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await writeHistory(trx, now, {
    projectKey: w.projectKey,
    objectType: 'raid',
    objectId: id,
    action: 'create',
    actor: w.actor,
    changes: diffSnapshots(
      {},
      {
        type: fields.type,
        title: fields.title,
        description: fields.description,
        probability: fields.probability,
        impact: fields.impact,
        score: fields.score,
        owner: fields.owner,
        action: fields.action,
        dueDate: fields.due_date,
        status: fields.status,
        entityRef: fields.entity_ref,
      },
    ),
  });
  return id;
}

/**
 * The waived item is done or pending again: its risk is closed.
 * @internal
 */
export async function closeWaiverRisk(
  trx: Knex.Transaction,
  now: string,
  id: string,
  actor: Actor,
): Promise<void> {
  const current = await trx('pmo_raid_items').where({ id }).first();
  if (!current || !isRaidOpen(current)) return;
  await trx('pmo_raid_items')
    .where({ id })
    .update({
      status: 'closed',
      version: Number(current.version) + 1,
      updated_at: now,
    });
  await writeHistory(trx, now, {
    projectKey: current.project_key,
    objectType: 'raid',
    objectId: id,
    action: 'update',
    actor,
    changes: { status: [current.status, 'closed'] },
  });
}

/**
 * Open issues of a project scoring HIGH_RISK_SCORE or more.
 * @internal
 */
export async function countOpenHighIssues(
  trx: Knex.Transaction,
  projectKey: string,
): Promise<number> {
  const [{ n }] = await trx('pmo_raid_items')
    .where({ project_key: projectKey, type: 'issue' })
    .whereIn('status', OPEN_RAID_STATUSES)
    .where('score', '>=', HIGH_RISK_SCORE)
    .count({ n: '*' });
  return Number(n);
}

/**
 * The RAID side of a changed checklist item: a waiver creates (or, for a
 * re-waiver, updates) its risk on the linked project; leaving the waived
 * status closes it. Sets `after.raid_id` and returns the id of the risk
 * written for a waiver.
 * @internal
 */
export async function syncWaiverRisk(
  trx: Knex.Transaction,
  now: string,
  w: {
    before: RawDbTransitionItemRow;
    after: RawDbTransitionItemRow;
    projectKey: string | null;
    owner: string;
    actor: Actor;
  },
): Promise<string | undefined> {
  const { before, after, projectKey, actor } = w;
  if (after.status === 'waived' && projectKey) {
    const raidId = await upsertWaiverRisk(trx, now, {
      projectKey,
      entityRef: before.entity_ref,
      existingId: before.status === 'waived' ? before.raid_id : null,
      title: before.title,
      reason: after.waiver_reason!,
      dueDate: after.expires_at!,
      owner: w.owner,
      actor,
    });
    after.raid_id = raidId;
    return raidId;
  }
  if (before.status === 'waived' && before.raid_id) {
    await closeWaiverRisk(trx, now, before.raid_id, actor);
    after.raid_id = null;
  }
  return undefined;
}
