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

import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  blockingItems,
  lifecycleMismatch,
  lifecycleOf,
  readinessPercent,
  type Transition,
  type TransitionBoard,
  type TransitionBoardRow,
  type TransitionState,
  type TransitionView,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectStore } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';
import type { PmoRequestContext } from './context';
import { entityOwner, runOwnerOf } from './transitionOwners';
import {
  countTransitionsByState,
  visibleTransitionStates,
} from './transitionVisibility';

/** What a board page reads from the catalog. */
const BOARD_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.lifecycle',
];

/*
 * What a caller sees of a transition. A linked project the caller may not
 * read is redacted: no key, no owner (the delivery owner is the project's
 * owner), `projectHidden: true` instead.
 */

/**
 * Delivery: the owner of the linked project, else the entity owner.
 * @internal
 */
export async function deliveryOwnerOf(
  pmoStore: Pick<ProjectStore, 'getProjects'>,
  transition: Pick<Transition, 'projectKey'>,
  entity: Entity,
): Promise<string | undefined> {
  if (transition.projectKey) {
    const [project] = await pmoStore.getProjects([transition.projectKey]);
    if (project) return project.owner.toLocaleLowerCase('en-US');
  }
  return entityOwner(entity);
}

/**
 * Whether the linked project is hidden from the caller.
 * @internal
 */
export async function projectHidden(
  ctx: Pick<PmoRequestContext, 'readableKeys'>,
  projectKey: string | undefined,
): Promise<boolean> {
  if (!projectKey) return false;
  return !(await ctx.readableKeys([projectKey])).has(projectKey);
}

/**
 * The view of one transition for the caller: what is derived today, the
 * owners of both sign-offs, and the project redacted when hidden.
 * @internal
 */
export async function transitionView(
  ctx: Pick<PmoRequestContext, 'readableKeys'>,
  pmoStore: Pick<ProjectStore, 'getProjects'>,
  transition: Transition,
  entity: Entity,
  today: string,
): Promise<TransitionView> {
  const lifecycle = lifecycleOf(entity);
  const hidden = await projectHidden(ctx, transition.projectKey);
  const { projectKey, ...rest } = transition;
  return {
    ...rest,
    ...(projectKey && !hidden ? { projectKey } : {}),
    ...(hidden ? { projectHidden: true } : {}),
    readinessPercent: readinessPercent(transition.items, today),
    blocking: blockingItems(transition.items, today),
    deliveryOwner: hidden
      ? ''
      : (await deliveryOwnerOf(pmoStore, transition, entity)) ?? '',
    runOwner: runOwnerOf(entity) ?? '',
    ...(lifecycle ? { lifecycle } : {}),
    lifecycleMismatch: lifecycleMismatch(lifecycle, transition.state),
  };
}

/**
 * Board rows of a page: `entities[i]` is the catalog's answer for
 * `page[i]` (a missing one, not visible to the caller, leaves the row out),
 * then the mismatch filter. Hidden projects are redacted with one batched
 * read check.
 * @internal
 */
export async function boardRows(
  ctx: Pick<PmoRequestContext, 'readableKeys'>,
  page: Transition[],
  entities: ReadonlyArray<Entity | null | undefined>,
  options: { today: string; mismatch?: 'true' | 'false' },
): Promise<TransitionBoardRow[]> {
  const visible = page.flatMap((transition, i) => {
    const entity = entities[i];
    if (!entity) return [];
    const lifecycle = lifecycleOf(entity);
    const mismatch = lifecycleMismatch(lifecycle, transition.state);
    if (options.mismatch === 'true' && !mismatch) return [];
    if (options.mismatch === 'false' && mismatch) return [];
    return [{ transition, lifecycle, mismatch }];
  });
  const readable = await ctx.readableKeys(
    visible.flatMap(v =>
      v.transition.projectKey ? [v.transition.projectKey] : [],
    ),
  );
  return visible.map(({ transition: t, lifecycle, mismatch }) => {
    const hidden = t.projectKey !== undefined && !readable.has(t.projectKey);
    return {
      entityRef: t.entityRef,
      ...(t.projectKey && !hidden ? { projectKey: t.projectKey } : {}),
      ...(hidden ? { projectHidden: true } : {}),
      state: t.state,
      tier: t.tier,
      readinessPercent: readinessPercent(t.items, options.today),
      ...(lifecycle ? { lifecycle } : {}),
      lifecycleMismatch: mismatch,
      signOffs: t.signOffs,
      ...(t.targetDate ? { targetDate: t.targetDate } : {}),
      ...(t.hypercareEnd ? { hypercareEnd: t.hypercareEnd } : {}),
      updatedAt: t.updatedAt,
    };
  });
}

/**
 * A page of the transitions board for the caller: rows and counts per
 * state only over the entities the caller can see in the catalog (read
 * with `ctx.catalogCredentials()`), projects redacted when hidden.
 * @internal
 */
export async function transitionBoard(
  ctx: Pick<PmoRequestContext, 'readableKeys' | 'catalogCredentials'>,
  store: Pick<TransitionStore, 'listTransitions' | 'listStates'>,
  catalog: CatalogService,
  query: {
    states?: TransitionState[];
    limit: number;
    cursor?: string;
    mismatch?: 'true' | 'false';
    today: string;
  },
): Promise<TransitionBoard> {
  const credentials = await ctx.catalogCredentials();
  const [page, visibleStates] = await Promise.all([
    store.listTransitions({
      states: query.states,
      limit: query.limit,
      cursor: query.cursor,
    }),
    visibleTransitionStates(store, { catalog, credentials }),
  ]);
  // One catalog call per page for the current lifecycles.
  const { items: entities } =
    page.items.length > 0
      ? await catalog.getEntitiesByRefs(
          {
            entityRefs: page.items.map(t => t.entityRef),
            fields: BOARD_FIELDS,
          },
          { credentials },
        )
      : { items: [] };
  return {
    items: await boardRows(ctx, page.items, entities, query),
    countsByState: countTransitionsByState(visibleStates),
    pageInfo: page.nextCursor ? { nextCursor: page.nextCursor } : {},
  };
}

/**
 * The entity, read with the caller's credentials: one the caller cannot
 * see is a 404 like one that does not exist.
 * @internal
 */
export async function requireEntity(
  catalog: CatalogService,
  ctx: Pick<PmoRequestContext, 'catalogCredentials'>,
  entityRef: string,
): Promise<Entity> {
  const entity = await catalog.getEntityByRef(entityRef, {
    credentials: await ctx.catalogCredentials(),
  });
  if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
  return entity;
}

/** The stored transition of the entity, else a 404. @internal */
export async function requireStoredTransition(
  store: Pick<TransitionStore, 'getTransition'>,
  entityRef: string,
): Promise<Transition> {
  const transition = await store.getTransition(entityRef);
  if (!transition) {
    throw new NotFoundError(
      `${entityRef} has no run transition; PUT one to start it`,
    );
  }
  return transition;
}
