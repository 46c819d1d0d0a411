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
  lifecycleMismatch,
  readinessPercent,
  type ChecklistItemStatus,
  type ServiceTier,
  type Transition,
  type TransitionBrief,
  type TransitionItem,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor, isRecord } from './cursor';
import { chunks, opt } from './helpers';
import type { ListTransitionsOptions } from './TransitionStore';
import {
  assembleTransitions,
  type RawDbTransitionItemRow,
  type RawDbTransitionRow,
} from './transitionRows';

/*
 * The set-based reads of run transitions (board pages, states, briefs).
 */

type Cursor = { e: string };
const isCursor = (v: unknown): v is Cursor =>
  isRecord(v) && typeof v.e === 'string';

/** A bounded page ordered by entity ref. @internal */
export async function listTransitionPage(
  db: Knex,
  options: ListTransitionsOptions,
): Promise<{ items: Transition[]; nextCursor?: string }> {
  const query = db<RawDbTransitionRow>('pmo_transitions')
    .orderBy('entity_ref', 'asc')
    .limit(options.limit + 1);
  if (options.states?.length) query.whereIn('state', options.states);
  if (options.cursor) {
    query.where('entity_ref', '>', decodeCursor(options.cursor, isCursor).e);
  }
  const rows = await query;
  const page = rows.slice(0, options.limit);
  const items = await assembleTransitions(db, page);
  const last = page[page.length - 1];
  return rows.length > options.limit && last
    ? { items, nextCursor: encodeCursor({ e: last.entity_ref }) }
    : { items };
}

/** Entity ref and state, all or of the given entities, by ref. @internal */
export async function listTransitionStates(
  db: Knex,
  entityRefs?: string[],
): Promise<Array<{ entityRef: string; state: TransitionState }>> {
  const query = () =>
    db<RawDbTransitionRow>('pmo_transitions')
      .select('entity_ref', 'state')
      .orderBy('entity_ref', 'asc');
  const rows: Array<Pick<RawDbTransitionRow, 'entity_ref' | 'state'>> = [];
  if (entityRefs === undefined) {
    rows.push(...(await query()));
  } else {
    for (const chunk of chunks([...new Set(entityRefs)])) {
      rows.push(...(await query().whereIn('entity_ref', chunk)));
    }
    // Chunks are each ordered; the whole list must be too.
    rows.sort((a, b) =>
      a.entity_ref < b.entity_ref ? -1 : Number(a.entity_ref > b.entity_ref),
    );
  }
  return rows.map(r => ({
    entityRef: r.entity_ref,
    state: r.state as TransitionState,
  }));
}

/**
 * State and readiness of many entities, two queries per chunk; `mismatch`
 * is set for the entities whose lifecycle is given.
 * @internal
 */
export async function listTransitionBriefs(
  db: Knex,
  today: string,
  entityRefs: string[],
  lifecycles?: ReadonlyMap<string, string | undefined>,
): Promise<Map<string, TransitionBrief>> {
  const result = new Map<string, TransitionBrief>();
  for (const chunk of chunks([...new Set(entityRefs)])) {
    const rows = await db<RawDbTransitionRow>('pmo_transitions')
      .whereIn('entity_ref', chunk)
      .select('entity_ref', 'state', 'tier');
    if (rows.length === 0) continue;
    const items = await db<RawDbTransitionItemRow>('pmo_transition_items')
      .whereIn(
        'entity_ref',
        rows.map(r => r.entity_ref),
      )
      .select('entity_ref', 'status', 'expires_at');
    const byRef = new Map<
      string,
      Array<Pick<TransitionItem, 'status' | 'expiresAt'>>
    >();
    for (const i of items) {
      const list = byRef.get(i.entity_ref) ?? [];
      list.push({
        status: i.status as ChecklistItemStatus,
        expiresAt: opt(i.expires_at),
      });
      byRef.set(i.entity_ref, list);
    }
    for (const r of rows) {
      const state = r.state as TransitionState;
      const brief: TransitionBrief = {
        state,
        tier: r.tier as ServiceTier,
        readinessPercent: readinessPercent(
          byRef.get(r.entity_ref) ?? [],
          today,
        ),
      };
      if (lifecycles?.has(r.entity_ref)) {
        brief.mismatch = lifecycleMismatch(lifecycles.get(r.entity_ref), state);
      }
      result.set(r.entity_ref, brief);
    }
  }
  return result;
}
