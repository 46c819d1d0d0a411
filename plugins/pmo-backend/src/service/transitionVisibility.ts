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

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  TRANSITION_STATES,
  lifecycleMismatch,
  lifecycleOf,
  type TransitionBrief,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import { chunks } from '../database/helpers';
import type { TransitionStore } from '../database/TransitionStore';

/*
 * Transitions as far as the caller can see them: a transition is shown or
 * counted only when the caller can see its entity in the catalog (read
 * with the caller's own credentials, `ctx.catalogCredentials()`).
 */

/** Enough to know an entity is visible, and its lifecycle. @internal */
export const VISIBILITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.lifecycle',
];

/** The catalog and the credentials to read it with. @internal */
export interface CatalogVisibility {
  catalog: CatalogService;
  /** `await ctx.catalogCredentials()`. */
  credentials: BackstageCredentials;
}

/**
 * Which entities are visible: read from the catalog, or already known
 * (the visible refs with their lifecycle, e.g. from a catalog read the
 * caller made anyway).
 * @internal
 */
export type TransitionVisibility =
  | CatalogVisibility
  | { lifecycles: ReadonlyMap<string, string | undefined> };

/**
 * The entities among `entityRefs` that the credentials can see, by the
 * given ref: one catalog call per 500 refs.
 * @internal
 */
export async function visibleEntities(
  visibility: CatalogVisibility,
  entityRefs: readonly string[],
  fields: string[] = VISIBILITY_FIELDS,
): Promise<Map<string, Entity>> {
  const result = new Map<string, Entity>();
  for (const chunk of chunks([...new Set(entityRefs)])) {
    const { items } = await visibility.catalog.getEntitiesByRefs(
      { entityRefs: chunk, fields },
      { credentials: visibility.credentials },
    );
    chunk.forEach((ref, i) => {
      const entity = items[i];
      if (entity) result.set(ref, entity);
    });
  }
  return result;
}

/**
 * Transitions per state (every state present), counting only those whose
 * entity is in `visible` when given.
 * @internal
 */
export function countTransitionsByState(
  states: ReadonlyArray<{ entityRef: string; state: TransitionState }>,
  visible?: { has(entityRef: string): boolean },
): Record<TransitionState, number> {
  const counts = Object.fromEntries(
    TRANSITION_STATES.map(s => [s, 0]),
  ) as Record<TransitionState, number>;
  for (const { entityRef, state } of states) {
    if (visible && !visible.has(entityRef)) continue;
    if (state in counts) counts[state] += 1;
  }
  return counts;
}

/**
 * Entity ref, state and catalog lifecycle of the transitions whose entity
 * the caller can see: all of them, or those of the given entities. One
 * query, then one catalog call per 500 transitions.
 * @internal
 */
export async function visibleTransitionStates(
  store: Pick<TransitionStore, 'listStates'>,
  visibility: CatalogVisibility,
  entityRefs?: string[],
): Promise<
  Array<{ entityRef: string; state: TransitionState; lifecycle?: string }>
> {
  const states = await store.listStates(entityRefs);
  if (states.length === 0) return [];
  const entities = await visibleEntities(
    visibility,
    states.map(s => s.entityRef),
  );
  return states.flatMap(s => {
    const entity = entities.get(s.entityRef);
    if (!entity) return [];
    const lifecycle = lifecycleOf(entity);
    return [{ ...s, ...(lifecycle !== undefined ? { lifecycle } : {}) }];
  });
}

/**
 * Transition briefs of the entities among `entityRefs` that have a
 * transition and that the caller can see, with `mismatch` from their
 * catalog lifecycle. With a catalog: one store read, then one catalog call
 * for the entities that have a transition. With known lifecycles: only the
 * entities in that map.
 * @internal
 */
export async function getTransitionBriefs(
  store: Pick<TransitionStore, 'getTransitionBriefs'>,
  entityRefs: string[],
  visibility: TransitionVisibility,
): Promise<Map<string, TransitionBrief>> {
  if ('lifecycles' in visibility) {
    const known = entityRefs.filter(ref => visibility.lifecycles.has(ref));
    if (known.length === 0) return new Map();
    return store.getTransitionBriefs(known, visibility.lifecycles);
  }
  const briefs = await store.getTransitionBriefs(entityRefs);
  if (briefs.size === 0) return briefs;
  const entities = await visibleEntities(visibility, [...briefs.keys()]);
  const result = new Map<string, TransitionBrief>();
  for (const [ref, brief] of briefs) {
    const entity = entities.get(ref);
    if (!entity) continue;
    result.set(ref, {
      ...brief,
      mismatch: lifecycleMismatch(lifecycleOf(entity), brief.state),
    });
  }
  return result;
}
