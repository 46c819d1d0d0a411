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

import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  SIGNOFF_ROLES,
  type ChecklistItemStatus,
  type FactStatus,
  type ServiceTier,
  type SignOff,
  type SignOffRole,
  type Transition,
  type TransitionItem,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks, groupBy, compact, opt } from './helpers';

/*
 * Rows of the run-transition tables and how they become a Transition.
 */

/** Row of `pmo_transitions`. @internal */
export type RawDbTransitionRow = {
  entity_ref: string;
  project_key: string | null;
  state: string;
  tier: string;
  template_id: string;
  template_version: number;
  hypercare_days: number;
  target_date: string | null;
  hypercare_start: string | null;
  hypercare_end: string | null;
  early_exit_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Row of `pmo_transition_items`. @internal */
export type RawDbTransitionItemRow = {
  entity_ref: string;
  item_key: string;
  position: number;
  title: string;
  description: string;
  /** 0/1 on SQLite. */
  required: boolean | number;
  evidence_required: boolean | number;
  status: string;
  evidence_url: string | null;
  attested_by: string | null;
  attested_at: string | null;
  expires_at: string | null;
  waiver_reason: string | null;
  raid_id: string | null;
  note: string | null;
  updated_at: string;
  /** JSON of the fact rule copied from the template (migration 20261228). */
  fact_rule?: string | null;
  attester_kind?: string | null;
  fact_status?: string | null;
  fact_detail?: string | null;
  fact_checked_at?: string | null;
};

/** Row of `pmo_transition_signoffs`. @internal */
export type RawDbSignOffRow = {
  entity_ref: string;
  role: string;
  signed_by: string;
  signed_at: string;
};

/** @internal */
export function rowToItem(row: RawDbTransitionItemRow): TransitionItem {
  return compact<TransitionItem>({
    key: row.item_key,
    title: row.title,
    description: row.description,
    required: Boolean(row.required),
    evidenceRequired: Boolean(row.evidence_required),
    status: row.status as ChecklistItemStatus,
    evidenceUrl: opt(row.evidence_url),
    attestedBy: opt(row.attested_by),
    attestedAt: opt(row.attested_at),
    expiresAt: opt(row.expires_at),
    waiverReason: opt(row.waiver_reason),
    raidId: opt(row.raid_id),
    note: opt(row.note),
    updatedAt: row.updated_at,
    fact: row.fact_rule ? JSON.parse(row.fact_rule) : undefined,
    attesterKind: (opt(row.attester_kind) ?? undefined) as
      | TransitionItem['attesterKind']
      | undefined,
    factCheck:
      row.fact_status && row.fact_checked_at
        ? {
            status: row.fact_status as FactStatus,
            detail: row.fact_detail ?? '',
            checkedAt: row.fact_checked_at,
          }
        : undefined,
  });
}

/** @internal */
export function rowToSignOff(row: RawDbSignOffRow): SignOff {
  return {
    role: row.role as SignOffRole,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
  };
}

/** @internal */
export function rowToTransition(
  row: RawDbTransitionRow,
  items: RawDbTransitionItemRow[],
  signOffs: RawDbSignOffRow[],
): Transition {
  return compact<Transition>({
    entityRef: row.entity_ref,
    projectKey: opt(row.project_key),
    state: row.state as TransitionState,
    tier: row.tier as ServiceTier,
    templateId: row.template_id,
    templateVersion: Number(row.template_version),
    targetDate: opt(row.target_date),
    hypercareStart: opt(row.hypercare_start),
    hypercareEnd: opt(row.hypercare_end),
    earlyExitReason: opt(row.early_exit_reason),
    items: [...items]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map(rowToItem),
    signOffs: SIGNOFF_ROLES.flatMap(role =>
      signOffs.filter(s => s.role === role).map(rowToSignOff),
    ),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** Items and sign-offs of many transitions: two queries per chunk. @internal */
export async function assembleTransitions(
  db: Knex | Knex.Transaction,
  rows: RawDbTransitionRow[],
): Promise<Transition[]> {
  const items = new Map<string, RawDbTransitionItemRow[]>();
  const signOffs = new Map<string, RawDbSignOffRow[]>();
  const byRef = (row: { entity_ref: string }) => row.entity_ref;
  const tables = [
    ['pmo_transition_items', items],
    ['pmo_transition_signoffs', signOffs],
  ] as Array<[string, Map<string, unknown[]>]>;
  for (const chunk of chunks(rows.map(byRef))) {
    for (const [table, into] of tables) {
      const found = await db(table).whereIn('entity_ref', chunk);
      groupBy(found, byRef, undefined, into);
    }
  }
  return rows.map(r =>
    rowToTransition(
      r,
      items.get(r.entity_ref) ?? [],
      signOffs.get(r.entity_ref) ?? [],
    ),
  );
}

/** @internal */
export async function loadTransition(
  db: Knex | Knex.Transaction,
  entityRef: string,
): Promise<Transition | undefined> {
  const row = await db<RawDbTransitionRow>('pmo_transitions')
    .where({ entity_ref: entityRef })
    .first();
  if (!row) return undefined;
  const [transition] = await assembleTransitions(db, [row]);
  return transition;
}

/** @internal */
export async function requireTransitionRow(
  trx: Knex.Transaction,
  entityRef: string,
): Promise<RawDbTransitionRow> {
  const row = await trx<RawDbTransitionRow>('pmo_transitions')
    .where({ entity_ref: entityRef })
    .first();
  if (!row) {
    throw new NotFoundError(`${entityRef} has no run transition`);
  }
  return row;
}

/** @internal */
export async function requireItemRow(
  trx: Knex.Transaction,
  entityRef: string,
  itemKey: string,
): Promise<RawDbTransitionItemRow> {
  const row = await trx<RawDbTransitionItemRow>('pmo_transition_items')
    .where({ entity_ref: entityRef, item_key: itemKey })
    .first();
  if (!row) {
    throw new NotFoundError(
      `Checklist item '${itemKey}' not found on the transition of ${entityRef}`,
    );
  }
  return row;
}

/**
 * The 409 of a write based on another version than the current one.
 * @internal
 */
export function staleTransitionError(
  entityRef: string,
  current: number,
  given: number,
): ConflictError {
  return new ConflictError(
    `The transition of ${entityRef} has version ${current}, but the update is based on version ${given}; reload and retry`,
  );
}
