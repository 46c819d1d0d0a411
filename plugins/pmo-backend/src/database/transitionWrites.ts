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

import type { HistoryEntry } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { writeHistory } from './helpers';
import type { Actor } from './PmoStore';
import type { CreateTransitionInput } from './TransitionStore';
import {
  staleTransitionError,
  type RawDbSignOffRow,
  type RawDbTransitionItemRow,
  type RawDbTransitionRow,
} from './transitionRows';

/*
 * Write primitives shared by every run-transition write, each inside the
 * caller's database transaction.
 */

/** History changes: field -> [before, after]. @internal */
export type Changes = Record<string, [unknown, unknown]>;

/** The rows of a new transition, its checklist copied from the template. @internal */
export function newTransitionRows(
  input: CreateTransitionInput,
  now: string,
): { row: RawDbTransitionRow; items: RawDbTransitionItemRow[] } {
  const row: RawDbTransitionRow = {
    entity_ref: input.entityRef,
    project_key: input.projectKey ?? null,
    state: 'not_started',
    tier: input.tier,
    template_id: input.template.id,
    template_version: input.template.version,
    hypercare_days: input.template.hypercareDays,
    target_date: input.targetDate ?? null,
    hypercare_start: null,
    hypercare_end: null,
    early_exit_reason: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const items = input.template.items.map((t, position) => ({
    entity_ref: input.entityRef,
    item_key: t.key,
    position,
    title: t.title,
    description: t.description,
    required: t.required,
    evidence_required: t.evidenceRequired,
    status: 'pending',
    evidence_url: null,
    attested_by: null,
    attested_at: null,
    expires_at: null,
    waiver_reason: null,
    raid_id: null,
    note: null,
    updated_at: now,
    fact_rule: t.fact ? JSON.stringify(t.fact) : null,
  }));
  return { row, items };
}

/**
 * Bumps the version (with `cols`) guarded by the expected version: the
 * given one, else the one read in this transaction. Done last in each
 * write so that a concurrent writer rolls back everything before it.
 * @internal
 */
export async function bumpTransition(
  trx: Knex.Transaction,
  now: string,
  row: RawDbTransitionRow,
  given: number | undefined,
  cols: Partial<RawDbTransitionRow>,
): Promise<void> {
  const expected = given ?? Number(row.version);
  const updated = await trx('pmo_transitions')
    .where({ entity_ref: row.entity_ref, version: expected })
    .update({ ...cols, version: expected + 1, updated_at: now });
  if (updated !== 1) {
    const current = await trx<RawDbTransitionRow>('pmo_transitions')
      .where({ entity_ref: row.entity_ref })
      .first('version');
    throw staleTransitionError(
      row.entity_ref,
      Number(current?.version ?? row.version),
      expected,
    );
  }
}

/**
 * Deletes every sign-off of the transition (those given, when already
 * read); returns their history changes.
 * @internal
 */
export async function revokeAllSignOffs(
  trx: Knex.Transaction,
  entityRef: string,
  given?: RawDbSignOffRow[],
): Promise<Changes> {
  const signOffs =
    given ??
    (await trx<RawDbSignOffRow>('pmo_transition_signoffs').where({
      entity_ref: entityRef,
    }));
  const changes: Changes = {};
  if (signOffs.length === 0) return changes;
  await trx('pmo_transition_signoffs')
    .where({ entity_ref: entityRef })
    .delete();
  for (const s of signOffs) {
    changes[`signOffs.${s.role}`] = [s.signed_by, null];
  }
  return changes;
}

/**
 * Transition history goes to each linked project (old and new on relink);
 * nothing when nothing changed.
 * @internal
 */
export async function writeTransitionHistory(
  trx: Knex.Transaction,
  now: string,
  projectKeys: Array<string | null | undefined>,
  entry: {
    entityRef: string;
    action: HistoryEntry['action'];
    actor: Actor;
    changes: Changes;
  },
): Promise<void> {
  if (Object.keys(entry.changes).length === 0) return;
  for (const projectKey of new Set(projectKeys)) {
    if (!projectKey) continue;
    await writeHistory(trx, now, {
      projectKey,
      objectType: 'transition',
      objectId: entry.entityRef,
      action: entry.action,
      actor: entry.actor,
      changes: entry.changes,
    });
  }
}

/** Writes the user-editable and attestation columns of an item. @internal */
export async function writeItem(
  trx: Knex.Transaction,
  item: RawDbTransitionItemRow,
): Promise<void> {
  await trx('pmo_transition_items')
    .where({ entity_ref: item.entity_ref, item_key: item.item_key })
    .update({
      status: item.status,
      evidence_url: item.evidence_url,
      attested_by: item.attested_by,
      attested_at: item.attested_at,
      expires_at: item.expires_at,
      waiver_reason: item.waiver_reason,
      raid_id: item.raid_id,
      note: item.note,
      attester_kind: item.attester_kind ?? null,
      updated_at: item.updated_at,
    });
}
