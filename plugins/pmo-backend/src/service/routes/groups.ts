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
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MY_ITEMS_DEFAULT_LIMIT,
  MY_ITEMS_MAX_LIMIT,
  pmoTransitionReadPermission,
  type GroupPmoOverview,
  type GroupService,
  type MyItemsList,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import type { PmoRouter } from '../../schema/typedRouter';
import type { PmoRequestContext } from '../context';
import { limitParam } from '../request/lists';
import { parseInput } from '../request/parse';
import { entityParam, entityRefOf } from '../request/refs';
import { listPendingSignOffs, type MeRoutesOptions } from './me';

/** @internal */
export type GroupRoutesOptions = MeRoutesOptions;

/** Child groups followed below a group; a deeper tree is cut there. @internal */
export const GROUP_TREE_LIMIT = 200;

/** Services listed per overview (owned components and resources). */
const SERVICE_KINDS = ['component', 'resource'];

const querySchema = z
  .object({ limit: limitParam(MY_ITEMS_MAX_LIMIT, MY_ITEMS_DEFAULT_LIMIT) })
  .strict();

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * `groupRef` and its descendants through `parentOf`, read level by level
 * (one catalog call per level) with the caller's credentials: a group the
 * caller cannot see is a 404, child groups they cannot see are left out.
 * @internal
 */
export async function groupTree(
  catalog: CatalogService,
  groupRef: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const seen = new Set<string>();
  let level = [groupRef];
  while (level.length > 0 && seen.size < GROUP_TREE_LIMIT) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: level, fields: ['kind', 'metadata', 'relations'] },
      { credentials },
    );
    if (seen.size === 0 && !items[0]) {
      throw new NotFoundError(`No group ${groupRef}`);
    }
    const next: string[] = [];
    level.forEach((ref, i) => {
      if (!items[i] || seen.has(ref)) return;
      seen.add(ref);
      for (const r of items[i]!.relations ?? []) {
        const child = lower(r.targetRef);
        if (r.type === 'parentOf' && !seen.has(child)) next.push(child);
      }
    });
    level = [...new Set(next)].slice(0, GROUP_TREE_LIMIT - seen.size);
  }
  return [...seen];
}

/**
 * The components and resources owned by `refs`, with their run
 * transitions (empty without `pmo.transition.read`); one catalog query and
 * one read of the transitions.
 */
async function servicesOf(
  deps: Pick<GroupRoutesOptions, 'catalog' | 'transitions'>,
  ctx: PmoRequestContext,
  refs: string[],
  limit: number,
): Promise<MyItemsList<GroupService>> {
  const { items, totalItems } = await deps.catalog.queryEntities(
    {
      filter: SERVICE_KINDS.map(kind => ({ kind, 'relations.ownedBy': refs })),
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit,
    },
    { credentials: await ctx.catalogCredentials() },
  );
  const entityRefs = items.map(entityRefOf);
  const briefs = (await ctx.allows(pmoTransitionReadPermission))
    ? await deps.transitions.getTransitionBriefs(entityRefs)
    : new Map();
  return {
    totalItems,
    items: entityRefs.map(entityRef => {
      const transition = briefs.get(entityRef);
      return transition ? { entityRef, transition } : { entityRef };
    }),
  };
}

/**
 * `GET /groups/{namespace}/{name}/overview`: the PMO work of a group and of
 * its child groups — projects they own, open RAID actions, due milestones,
 * pending sign-offs, and the services they own with their transitions —
 * for the Group page of the catalog. Lists follow `pmo.project.read` like
 * `GET /me/items` (DENY is a 403, a conditional decision filters in SQL):
 * a project the caller cannot read never shows, whoever owns it.
 * @internal
 */
export function registerGroupRoutes(
  router: PmoRouter,
  options: GroupRoutesOptions,
) {
  const { myItems: store, contextOf, catalog } = options;

  router.get('/groups/:namespace/:name/overview', async (req, res) => {
    const ctx = await contextOf(req);
    const { limit } = parseInput(querySchema, req.query, 'query');
    const groupRef = entityParam(req, 'group');
    const access = await ctx.requireReadFilter();
    const refs = await groupTree(
      catalog,
      groupRef,
      await ctx.catalogCredentials(),
    );
    const [items, signOffs, services] = await Promise.all([
      store.getMyItems({ refs, access, limit }),
      listPendingSignOffs(options, ctx, new Set(refs), limit),
      servicesOf(options, ctx, refs, limit),
    ]);
    const body: GroupPmoOverview = {
      groupRef,
      groupRefs: refs,
      ...items,
      signOffs,
      services,
    };
    res.json(body);
  });
}
