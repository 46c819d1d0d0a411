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

import { ConflictError, InputError } from '@backstage/errors';
import {
  EDITABLE_TRANSITION_STATES,
  RELINKABLE_TRANSITION_STATES,
  catalogEvidenceLock,
  daysBetween,
  type ChecklistItemStatus,
  type TransitionState,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { checkDate, diffSnapshots } from './helpers';
import type { Actor } from './PmoStore';
import { rowToItem, type RawDbTransitionItemRow } from './transitionRows';

/*
 * Business rules of run-transition writes that do not need the database:
 * when the project link may change, and what a checklist item update
 * becomes (or why it is refused).
 */

/**
 * The linked project can change (or be unlinked) only before the review:
 * from then on sign-offs and the "no open high issue" check depend on it.
 * ConflictError naming the field and the state otherwise.
 * @internal
 */
export function assertRelinkable(entityRef: string, state: string): void {
  if (!RELINKABLE_TRANSITION_STATES.includes(state as TransitionState)) {
    throw new ConflictError(
      `body.projectKey: the project of the transition of ${entityRef} can change only before ready_for_review (while ${RELINKABLE_TRANSITION_STATES.join(
        ' or ',
      )}); it is ${state}`,
    );
  }
}

/**
 * The checklist is frozen once accepted: ConflictError from then on.
 * @internal
 */
export function assertChecklistEditable(entityRef: string, state: string) {
  if (!EDITABLE_TRANSITION_STATES.includes(state as TransitionState)) {
    throw new ConflictError(
      `The checklist of ${entityRef} is frozen once ${state}; it can change only before acceptance`,
    );
  }
}

/** The user-editable fields of an item, as recorded in history. @internal */
export function itemSnapshot(
  row: RawDbTransitionItemRow,
): Record<string, unknown> {
  return {
    status: row.status,
    evidenceUrl: row.evidence_url,
    expiresAt: row.expires_at,
    waiverReason: row.waiver_reason,
    raidId: row.raid_id,
    note: row.note,
    attesterKind: row.attester_kind ?? null,
  };
}

/** Whether the user-editable fields of an item differ. @internal */
export function itemChanged(
  before: RawDbTransitionItemRow,
  after: RawDbTransitionItemRow,
): boolean {
  return (
    Object.keys(diffSnapshots(itemSnapshot(before), itemSnapshot(after)))
      .length > 0
  );
}

/**
 * The item as the patch makes it, validated against the stored item:
 * evidence for done, reason and expiry for a waiver (which also needs a
 * linked project to record its risk on), not_applicable only on optional
 * items. Attestation is set when anything attested changed. InputError
 * naming the field otherwise.
 * @internal
 */
export function applyItemPatch(
  before: RawDbTransitionItemRow,
  patch: UpdateTransitionItemRequest,
  context: {
    today: string;
    now: string;
    actor: Actor;
    projectKey: string | null;
  },
): RawDbTransitionItemRow {
  const { today, now, actor } = context;
  // While its rule holds, catalog evidence is not undone by hand.
  const locked = catalogEvidenceLock(rowToItem(before), patch);
  if (locked) throw new ConflictError(locked);
  const after: RawDbTransitionItemRow = { ...before };
  const set = <K extends keyof RawDbTransitionItemRow>(
    column: K,
    value: RawDbTransitionItemRow[K] | undefined,
  ) => {
    if (value !== undefined) after[column] = value;
  };
  set('status', patch.status);
  set('evidence_url', patch.evidenceUrl);
  set('expires_at', patch.expiresAt);
  set('waiver_reason', patch.waiverReason);
  set('note', patch.note);
  checkDate('expiresAt', after.expires_at);
  if (patch.expiresAt && daysBetween(today, patch.expiresAt) < 0) {
    throw new InputError(
      `expiresAt: must be today or later, not ${patch.expiresAt}`,
    );
  }

  const title = before.title;
  const status = after.status as ChecklistItemStatus;
  // Expiry and waiver reason only mean something for done / waived.
  if (status === 'pending' || status === 'not_applicable') {
    after.expires_at = null;
  }
  if (status !== 'waived') after.waiver_reason = null;
  if (status === 'not_applicable' && Boolean(before.required)) {
    throw new InputError(
      `status: '${title}' is required and cannot be not_applicable; waive it instead`,
    );
  }
  if (
    status === 'done' &&
    Boolean(before.evidence_required) &&
    !after.evidence_url
  ) {
    throw new InputError(`evidenceUrl: is required to mark '${title}' done`);
  }
  if (status === 'waived') {
    if (!after.waiver_reason?.trim()) {
      throw new InputError(`waiverReason: is required to waive '${title}'`);
    }
    if (!after.expires_at) {
      throw new InputError(`expiresAt: is required to waive '${title}'`);
    }
    if (daysBetween(today, after.expires_at) < 0) {
      throw new InputError(
        `expiresAt: a waiver must expire today or later, not ${after.expires_at}`,
      );
    }
    if (!context.projectKey) {
      throw new InputError(
        `status: waiving '${title}' needs a linked project to record the waiver risk on; set projectKey first`,
      );
    }
  }

  const attestedChanged =
    after.status !== before.status ||
    (after.evidence_url ?? null) !== (before.evidence_url ?? null) ||
    (after.expires_at ?? null) !== (before.expires_at ?? null) ||
    (after.waiver_reason ?? null) !== (before.waiver_reason ?? null);
  if (attestedChanged) {
    after.attested_by = status === 'pending' ? null : actor.ref;
    after.attested_at = status === 'pending' ? null : now;
    after.attester_kind = status === 'pending' ? null : 'user';
  }
  return after;
}
