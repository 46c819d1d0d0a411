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
  CATALOG_ATTESTER,
  EDITABLE_TRANSITION_STATES,
  evidenceStep,
  safeEvidenceLink,
  type SignOff,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { commitItemChange, type RecomputeHealth } from './itemChange';
import type { ApplyFactOutcomesResult, FactOutcomes } from './TransitionStore';
import {
  loadTransition,
  requireTransitionRow,
  rowToItem,
  type RawDbTransitionItemRow,
} from './transitionRows';

/*
 * Checklist evidence from catalog facts, inside one database transaction:
 * the last check of every evaluated rule is recorded on its item (not an
 * item change: no version, no history), and the items whose status the
 * outcome changes go through the one item-change path (commitItemChange),
 * so that sign-offs are revoked and history written exactly as for a
 * person's edit.
 */

const CATALOG_ACTOR = { ref: CATALOG_ATTESTER };

/** The item as the catalog makes it for `step`. */
function catalogItem(
  before: RawDbTransitionItemRow,
  step: 'mark-done' | 'reopen',
  evidenceUrl: string | undefined,
  now: string,
): RawDbTransitionItemRow {
  if (step === 'reopen') {
    return {
      ...before,
      status: 'pending',
      evidence_url: null,
      attested_by: null,
      attested_at: null,
      attester_kind: null,
      expires_at: null,
    };
  }
  return {
    ...before,
    status: 'done',
    evidence_url: evidenceUrl ?? null,
    attested_by: null,
    attested_at: now,
    attester_kind: CATALOG_ATTESTER,
    expires_at: null,
    waiver_reason: null,
  };
}

/** @internal */
export async function applyFactOutcomesInTransaction(
  trx: Knex.Transaction,
  now: string,
  entityRef: string,
  outcomes: FactOutcomes,
  recomputeHealth?: RecomputeHealth,
): Promise<ApplyFactOutcomesResult> {
  const transition = await requireTransitionRow(trx, entityRef);
  const editable = EDITABLE_TRANSITION_STATES.includes(
    transition.state as (typeof EDITABLE_TRANSITION_STATES)[number],
  );
  const rows = await trx<RawDbTransitionItemRow>('pmo_transition_items')
    .where({ entity_ref: entityRef })
    .whereNotNull('fact_rule')
    .orderBy('position');
  const changedItems: string[] = [];
  const revokedSignOffs: SignOff[] = [];
  for (const before of rows) {
    const outcome = outcomes.get(before.item_key);
    if (!outcome) continue;
    // A rule's link is shown to every reader: only http(s) or app paths.
    const evidenceUrl = safeEvidenceLink(outcome.evidenceUrl);
    const status =
      outcome.status === 'satisfied' && !evidenceUrl
        ? 'unknown'
        : outcome.status;
    const detail =
      status === outcome.status
        ? outcome.detail
        : `${outcome.detail} (the rule gave no http(s) or app link)`;
    if (before.fact_status !== status || before.fact_detail !== detail) {
      await trx('pmo_transition_items')
        .where({ entity_ref: entityRef, item_key: before.item_key })
        .update({
          fact_status: status,
          fact_detail: detail,
          fact_checked_at: now,
        });
    }
    if (!editable) continue;
    const step = evidenceStep(rowToItem(before), {
      status,
      detail,
      evidenceUrl,
    });
    if (step === 'none') continue;
    // Re-read: the version moves with every change in this loop.
    const current = await requireTransitionRow(trx, entityRef);
    const result = await commitItemChange(trx, {
      now,
      transition: current,
      before,
      after: catalogItem(before, step, evidenceUrl, now),
      actor: CATALOG_ACTOR,
      runOwner: '',
      recomputeHealth,
    });
    changedItems.push(before.item_key);
    revokedSignOffs.push(...result.revokedSignOffs);
  }
  return {
    transition: (await loadTransition(trx, entityRef))!,
    changedItems,
    revokedSignOffs,
  };
}

/** @internal */
export async function listFactEntityRefs(db: Knex): Promise<string[]> {
  const rows: Array<{ entity_ref: string }> = await db(
    'pmo_transition_items as i',
  )
    .join('pmo_transitions as t', 't.entity_ref', 'i.entity_ref')
    .whereNotNull('i.fact_rule')
    .whereIn('t.state', [...EDITABLE_TRANSITION_STATES])
    .distinct({ entity_ref: 'i.entity_ref' })
    .orderBy('entity_ref');
  return rows.map(r => r.entity_ref);
}
