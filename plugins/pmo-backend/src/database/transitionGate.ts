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
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EDITABLE_TRANSITION_STATES,
  canTransition,
  daysBetween,
  hypercareWindowEnd,
  type SignOffRole,
  type Transition,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import type { Actor } from './PmoStore';
import {
  loadTransition,
  requireTransitionRow,
  staleTransitionError,
  type RawDbSignOffRow,
  type RawDbTransitionRow,
} from './transitionRows';
import {
  bumpTransition,
  writeTransitionHistory,
  type Changes,
} from './transitionWrites';
import { countOpenHighIssues } from './waiverRisks';

/*
 * The gate of a run transition, each inside the caller's database
 * transaction: sign-offs, their revocation and state moves. Each is tied
 * to the version the caller saw; a stale one is a ConflictError before
 * anything is checked or written.
 */

/** The time of one write. @internal */
export interface WriteTime {
  /** ISO timestamp. */
  now: string;
  /** ISO date. */
  today: string;
}

function requireVersion(row: RawDbTransitionRow, version: number) {
  if (Number(row.version) !== version) {
    throw staleTransitionError(row.entity_ref, Number(row.version), version);
  }
}

/**
 * The prologue of giving and revoking a sign-off: the transition at the
 * version the caller saw, and the sign-off of `role` if one was given.
 */
async function signOffTarget(
  trx: Knex.Transaction,
  entityRef: string,
  role: SignOffRole,
  version: number,
) {
  const row = await requireTransitionRow(trx, entityRef);
  requireVersion(row, version);
  const existing = await trx<RawDbSignOffRow>('pmo_transition_signoffs')
    .where({ entity_ref: entityRef, role })
    .first();
  return { row, existing };
}

/** The epilogue: a new version, one history row, the transition now. */
async function signOffChanged(
  trx: Knex.Transaction,
  time: WriteTime,
  row: RawDbTransitionRow,
  version: number,
  actor: Actor,
  role: SignOffRole,
  change: [string | null, string | null],
): Promise<Transition> {
  await bumpTransition(trx, time.now, row, version, {});
  await writeTransitionHistory(trx, time.now, [row.project_key], {
    entityRef: row.entity_ref,
    action: 'update',
    actor,
    changes: { [`signOffs.${role}`]: change },
  });
  return (await loadTransition(trx, row.entity_ref))!;
}

/**
 * Giving or revoking a sign-off inside a transaction; `args` as
 * `TransitionStore.signOff` takes them.
 * @internal
 */
export type SignOffStep = (
  trx: Knex.Transaction,
  time: WriteTime,
  args: [entityRef: string, role: SignOffRole, actor: Actor, version: number],
) => Promise<Transition>;

/** Membership of the signing group is checked by the caller. @internal */
export const signOffInTransaction: SignOffStep = async (trx, time, args) => {
  const [entityRef, role, actor, version] = args;
  const target = await signOffTarget(trx, entityRef, role, version);
  const { row, existing } = target;
  if (row.state !== 'ready_for_review') {
    throw new ConflictError(
      `Sign-offs are given in ready_for_review; the transition of ${entityRef} is ${row.state}`,
    );
  }
  if (existing) {
    throw new ConflictError(
      `The ${role} sign-off was already given by ${existing.signed_by}`,
    );
  }
  await trx('pmo_transition_signoffs').insert({
    entity_ref: entityRef,
    role,
    signed_by: actor.ref,
    signed_at: time.now,
  });
  return signOffChanged(trx, time, row, version, actor, role, [
    null,
    actor.ref,
  ]);
};

/** Only the signer may revoke (NotAllowedError otherwise). @internal */
export const revokeSignOffInTransaction: SignOffStep = async (
  trx,
  time,
  args,
) => {
  const [entityRef, role, actor, version] = args;
  const { row, existing } = await signOffTarget(trx, entityRef, role, version);
  if (!existing) {
    throw new NotFoundError(
      `The transition of ${entityRef} has no ${role} sign-off`,
    );
  }
  if (existing.signed_by !== actor.ref) {
    throw new NotAllowedError(
      `Only ${existing.signed_by}, who gave the ${role} sign-off, can revoke it`,
    );
  }
  if (!EDITABLE_TRANSITION_STATES.includes(row.state as TransitionState)) {
    throw new ConflictError(
      `Sign-offs cannot be revoked once the transition is ${row.state}`,
    );
  }
  await trx('pmo_transition_signoffs')
    .where({ entity_ref: entityRef, role })
    .delete();
  return signOffChanged(trx, time, row, version, actor, role, [
    actor.ref,
    null,
  ]);
};

/** Guarded by `canTransition`; ConflictError carries its reason. @internal */
export async function moveStateInTransaction(
  trx: Knex.Transaction,
  time: WriteTime,
  entityRef: string,
  target: TransitionState,
  options: { reason?: string; version: number },
  actor: Actor,
): Promise<Transition> {
  const { today } = time;
  const row = await requireTransitionRow(trx, entityRef);
  requireVersion(row, options.version);
  const current = (await loadTransition(trx, entityRef))!;
  const openHighIssues =
    target === 'run' && row.project_key
      ? await countOpenHighIssues(trx, row.project_key)
      : 0;
  const check = canTransition(current, target, {
    today,
    openHighIssues,
    earlyExitReason: options.reason,
  });
  if (!check.ok) throw new ConflictError(check.reason);

  const cols: Partial<RawDbTransitionRow> = { state: target };
  const changes: Changes = { state: [row.state, target] };
  if (target === 'hypercare') {
    cols.hypercare_start = today;
    cols.hypercare_end = hypercareWindowEnd(today, row.hypercare_days);
    changes.hypercareEnd = [row.hypercare_end, cols.hypercare_end];
  }
  if (
    target === 'run' &&
    row.hypercare_end &&
    daysBetween(row.hypercare_end, today) <= 0
  ) {
    cols.early_exit_reason = options.reason!.trim();
    changes.earlyExitReason = [null, cols.early_exit_reason];
  } else if (options.reason?.trim()) {
    changes.reason = [null, options.reason.trim()];
  }
  await bumpTransition(trx, time.now, row, options.version, cols);
  await writeTransitionHistory(trx, time.now, [row.project_key], {
    entityRef,
    action: 'update',
    actor,
    changes,
  });
  return (await loadTransition(trx, entityRef))!;
}
