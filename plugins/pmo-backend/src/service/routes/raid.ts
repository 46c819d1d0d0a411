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

import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type RaidItem,
  pmoRaidCreatePermission,
  pmoRaidDeletePermission,
  pmoRaidUpdatePermission,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type { RaidStore } from '../../database/PmoStore';
import { assertOwnersExist } from '../ownerRefs';
import { parseInput } from '../request/parse';
import {
  createRaidItemSchema,
  raidQuerySchema,
  requireScoresAfterPatch,
  searchRaidQuerySchema,
  updateRaidItemSchema,
} from '../request/raid';
import { keyParam } from '../request/refs';
import type { PmoRequestContext } from '../context';
import { itemWriter } from './writes';
import { searchRoute } from './reads';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface RaidRoutesOptions extends RouteOptions {
  raid: RaidStore;
  /** Owners written as refs must be catalog users or groups. */
  catalog: CatalogService;
}

/**
 * The RAID log: `GET /raid`, `GET|POST /projects/:key/raid` and
 * `PATCH|DELETE /raid/:id`, each authorized on its project.
 * @internal
 */
export function registerRaidRoutes(
  router: PmoRouter,
  options: RaidRoutesOptions,
) {
  const { raid, contextOf, catalog } = options;

  router.get(
    '/raid',
    searchRoute(contextOf, searchRaidQuerySchema, query =>
      raid.searchRaidItems(query),
    ),
  );

  router.get('/projects/:key/raid', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const filter = parseInput(raidQuerySchema, req.query, 'query');
    await ctx.readableProject(key);
    res.json({ items: await raid.listRaidItems(key, filter) });
  });

  const writes = itemWriter<RaidItem>(contextOf, {
    kind: 'raid',
    permissions: {
      create: pmoRaidCreatePermission,
      update: pmoRaidUpdatePermission,
      delete: pmoRaidDeletePermission,
    },
    load: id => raid.getRaidItem(id),
    notFound: id => `RAID item ${id} not found`,
    createdMeta: item => ({ type: item.type }),
  });
  // A ref owner receives reminders: it must be a catalog user or group the
  // caller can see. Free text (vendor staff) passes.
  const ownerExists = async (ctx: PmoRequestContext, owner?: string | null) =>
    assertOwnersExist(catalog, [owner], await ctx.catalogCredentials());

  router.post('/projects/:key/raid', async (req, res) => {
    const item = await writes.create(req, async (ctx, key) => {
      const input = parseInput(createRaidItemSchema, req.body, 'body');
      await ownerExists(ctx, input.owner);
      return raid.createRaidItem(key, input, await ctx.actor());
    });
    res.status(201).json(item);
  });

  router.patch('/raid/:id', async (req, res) => {
    const item = await writes.update(req, async (current, ctx, id) => {
      const patch = parseInput(updateRaidItemSchema, req.body, 'body');
      await ownerExists(ctx, patch.owner);
      requireScoresAfterPatch(current, patch);
      return raid.updateRaidItem(id, patch, await ctx.actor());
    });
    res.json(item);
  });

  router.delete('/raid/:id', async (req, res) => {
    await writes.remove(req, async (ctx, id) =>
      raid.deleteRaidItem(id, await ctx.actor()),
    );
    res.status(204).end();
  });
}
