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
import { emptyPage } from '../request/lists';
import { parseInput } from '../request/parse';
import {
  createRaidItemSchema,
  raidQuerySchema,
  requireScoresAfterPatch,
  searchRaidQuerySchema,
  updateRaidItemSchema,
} from '../request/raid';
import { keyParam } from '../request/refs';
import { itemWrite, projectWrite, type ItemLookup } from './itemWrite';
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

  router.get('/raid', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(searchRaidQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json(emptyPage());
      return;
    }
    res.json(await raid.searchRaidItems({ ...query, access: access.access }));
  });

  router.get('/projects/:key/raid', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const filter = parseInput(raidQuerySchema, req.query, 'query');
    await ctx.readableProject(key);
    res.json({ items: await raid.listRaidItems(key, filter) });
  });

  router.post('/projects/:key/raid', async (req, res) => {
    const item = await projectWrite(
      contextOf,
      req,
      {
        eventId: 'raid-create',
        permission: pmoRaidCreatePermission,
        meta: key => ({ projectKey: key }),
      },
      async (ctx, key) => {
        const input = parseInput(createRaidItemSchema, req.body, 'body');
        // A ref owner receives reminders: it must be a catalog user or
        // group the caller can see. Free text (vendor staff) passes.
        await assertOwnersExist(
          catalog,
          [input.owner],
          await ctx.catalogCredentials(),
        );
        return raid.createRaidItem(key, input, await ctx.actor());
      },
      (r, key) => ({ projectKey: key, id: r.id, type: r.type }),
    );
    res.status(201).json(item);
  });

  const raidLookup: ItemLookup<RaidItem> = {
    load: id => raid.getRaidItem(id),
    notFound: id => `RAID item ${id} not found`,
  };

  router.patch('/raid/:id', async (req, res) => {
    const item = await itemWrite(
      contextOf,
      req,
      {
        eventId: 'raid-update',
        permission: pmoRaidUpdatePermission,
        item: raidLookup,
      },
      async (current, ctx, id) => {
        const patch = parseInput(updateRaidItemSchema, req.body, 'body');
        await assertOwnersExist(
          catalog,
          [patch.owner],
          await ctx.catalogCredentials(),
        );
        requireScoresAfterPatch(current, patch);
        return raid.updateRaidItem(id, patch, await ctx.actor());
      },
      (r, id) => ({ id, projectKey: r.projectKey, version: r.version }),
    );
    res.json(item);
  });

  router.delete('/raid/:id', async (req, res) => {
    await itemWrite(
      contextOf,
      req,
      {
        eventId: 'raid-delete',
        permission: pmoRaidDeletePermission,
        item: raidLookup,
      },
      async (_current, ctx, id) => raid.deleteRaidItem(id, await ctx.actor()),
    );
    res.status(204).end();
  });
}
