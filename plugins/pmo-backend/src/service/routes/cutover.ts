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

import { NotFoundError } from '@backstage/errors';
import {
  pmoFreezeManagePermission,
  pmoChangeWindowWritePermission,
  type ChangeWindow,
} from '@infra-pmo/plugin-pmo-common';
import type { MilestoneStore } from '../../database/PmoStore';
import type { PmoRouter } from '../../schema/typedRouter';
import { allFreezes, type CutoverDeps } from '../cutover/collisions';
import {
  assertZonedInterval,
  createFreezeSchema,
  createWindowSchema,
  updateFreezeSchema,
  updateWindowSchema,
  windowsQuerySchema,
} from '../request/cutover';
import { parseInput } from '../request/parse';
import { keyParam } from '../request/refs';
import { z } from 'zod';
import type { RouteOptions } from './routeOptions';
import { auditedWrite, itemWrite } from './writes';

/** @internal */
export interface CutoverRoutesOptions extends RouteOptions {
  cutover: CutoverDeps;
  milestones: Pick<MilestoneStore, 'getMilestone'>;
}

/**
 * Change windows (`GET /projects/:key/windows`, `POST
 * /milestones/:id/windows`, `PATCH|DELETE /windows/:id`, authorized with
 * pmo.milestone.update on the project behind the milestone or window) and
 * freezes (`GET|POST /freezes`, `PATCH|DELETE /freezes/:id`, written with
 * pmo.freeze.manage; config freezes are read-only).
 * @internal
 */
export function registerCutoverRoutes(
  router: PmoRouter,
  options: CutoverRoutesOptions,
) {
  const { contextOf, cutover, milestones } = options;
  const { windows, freezes } = cutover;
  const windowLookup = {
    load: (id: string) => windows.getWindow(id),
    notFound: (id: string) => `Change window ${id} not found`,
  };
  const windowMeta = (w: ChangeWindow) => ({
    id: w.id,
    projectKey: w.projectKey,
    version: w.version,
  });

  router.get('/projects/:key/windows', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    res.json({ items: await windows.listWindows({ projectKeys: [key] }) });
  });

  // Every readable project's windows in a range: the change calendar.
  router.get('/windows', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(windowsQuerySchema, req.query, 'query');
    const access = await ctx.requireReadFilter();
    res.json({ items: await windows.listWindows({ ...query, access }) });
  });

  router.post('/milestones/:id/windows', async (req, res) => {
    const created = await itemWrite(
      contextOf,
      req,
      {
        eventId: 'window-create',
        permission: pmoChangeWindowWritePermission,
        item: {
          load: id => milestones.getMilestone(id),
          notFound: id => `Milestone ${id} not found`,
        },
      },
      async (_milestone, ctx, id) => {
        const input = parseInput(createWindowSchema, req.body, 'body');
        assertZonedInterval(input, { requireEnd: true });
        return windows.createWindow(id, input, await ctx.actor());
      },
      windowMeta,
    );
    res.status(201).json(created);
  });

  router.patch('/windows/:id', async (req, res) => {
    const updated = await itemWrite(
      contextOf,
      req,
      {
        eventId: 'window-update',
        permission: pmoChangeWindowWritePermission,
        item: windowLookup,
      },
      async (current, ctx, id) => {
        const patch = parseInput(updateWindowSchema, req.body, 'body');
        assertZonedInterval(
          {
            start: patch.start ?? current.start,
            end: patch.end ?? current.end,
            timeZone: patch.timeZone ?? current.timeZone,
          },
          { requireEnd: true },
        );
        return windows.updateWindow(id, patch, await ctx.actor());
      },
      windowMeta,
    );
    res.json(updated);
  });

  router.delete('/windows/:id', async (req, res) => {
    await itemWrite(
      contextOf,
      req,
      {
        eventId: 'window-delete',
        permission: pmoChangeWindowWritePermission,
        item: windowLookup,
      },
      async (_current, ctx, id) => windows.deleteWindow(id, await ctx.actor()),
    );
    res.status(204).end();
  });

  router.get('/freezes', async (req, res) => {
    const ctx = await contextOf(req);
    await ctx.requireReadFilter();
    res.json({ items: await allFreezes(cutover) });
  });

  router.post('/freezes', async (req, res) => {
    const created = await auditedWrite(
      contextOf,
      req,
      {
        eventId: 'freeze-create',
        permission: pmoFreezeManagePermission,
        meta: {},
      },
      async ctx => {
        const input = parseInput(createFreezeSchema, req.body, 'body');
        assertZonedInterval(input, { requireEnd: false });
        return freezes.createFreeze(input, await ctx.actor());
      },
      freeze => ({ id: freeze.id, title: freeze.title }),
    );
    res.status(201).json(created);
  });

  /** A freeze id: a uuid, or `config:<id>` (read-only, a 404 below). */
  const freezeId = (req: { params: { id?: string } }) =>
    parseInput(
      z.string().regex(/^[A-Za-z0-9_:.-]{1,200}$/, 'must be a freeze id'),
      req.params.id,
      'params.id',
    );

  /** Config freezes are not in the store: a 404 that says why. */
  const loadFreeze = async (id: string) => {
    const freeze = await freezes.getFreeze(id);
    if (!freeze) {
      throw new NotFoundError(
        `Freeze ${id} not found (freezes from config are read-only)`,
      );
    }
    return freeze;
  };

  router.patch('/freezes/:id', async (req, res) => {
    const id = freezeId(req);
    const updated = await auditedWrite(
      contextOf,
      req,
      {
        eventId: 'freeze-update',
        permission: pmoFreezeManagePermission,
        meta: { id },
      },
      async () => {
        const current = await loadFreeze(id);
        const patch = parseInput(updateFreezeSchema, req.body, 'body');
        assertZonedInterval(
          {
            start: patch.start ?? current.start,
            end: patch.end === null ? undefined : patch.end ?? current.end,
            timeZone: patch.timeZone ?? current.timeZone,
          },
          { requireEnd: false },
        );
        return freezes.updateFreeze(id, patch);
      },
      freeze => ({ id, version: freeze.version }),
    );
    res.json(updated);
  });

  router.delete('/freezes/:id', async (req, res) => {
    const id = freezeId(req);
    await auditedWrite(
      contextOf,
      req,
      {
        eventId: 'freeze-delete',
        permission: pmoFreezeManagePermission,
        meta: { id },
      },
      async () => {
        await loadFreeze(id);
        await freezes.deleteFreeze(id);
      },
    );
    res.status(204).end();
  });
}
