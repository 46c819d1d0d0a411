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
  decisionMessages,
  isBaselineEditRefused,
  type Milestone,
  pmoMilestoneCreatePermission,
  pmoMilestoneDeletePermission,
  pmoMilestoneUpdatePermission,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type { MilestoneStore } from '../../database/PmoStore';
import {
  createMilestoneSchema,
  searchMilestonesQuerySchema,
  updateMilestoneSchema,
} from '../request/milestones';
import { invalidRequest, parseInput } from '../request/parse';
import { idParam, keyParam } from '../request/refs';
import { itemWriter } from './writes';
import { searchRoute } from './reads';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface MilestoneRoutesOptions extends RouteOptions {
  milestones: MilestoneStore;
}

/**
 * Milestones: `GET /milestones`, `GET|POST /projects/:key/milestones` and
 * `GET|PATCH|DELETE /milestones/:id`, each authorized on its project.
 * @internal
 */
export function registerMilestoneRoutes(
  router: PmoRouter,
  options: MilestoneRoutesOptions,
) {
  const { milestones, contextOf } = options;

  router.get(
    '/milestones',
    searchRoute(contextOf, searchMilestonesQuerySchema, query =>
      milestones.searchMilestones(query),
    ),
  );

  router.get('/projects/:key/milestones', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    res.json({ items: await milestones.listMilestones(key) });
  });

  const writes = itemWriter<Milestone>(contextOf, {
    kind: 'milestone',
    permissions: {
      create: pmoMilestoneCreatePermission,
      update: pmoMilestoneUpdatePermission,
      delete: pmoMilestoneDeletePermission,
    },
    load: id => milestones.getMilestone(id),
    notFound: id => `Milestone ${id} not found`,
  });

  router.post('/projects/:key/milestones', async (req, res) => {
    const milestone = await writes.create(req, async (ctx, key) => {
      const input = parseInput(createMilestoneSchema, req.body, 'body');
      return milestones.createMilestone(key, input, await ctx.actor());
    });
    res.status(201).json(milestone);
  });

  // One milestone with its version, e.g. for a pipeline that sets the
  // actual date (scripts/pmo-ci.mjs). Hidden like its project: 404.
  router.get('/milestones/:id', async (req, res) => {
    const ctx = await contextOf(req);
    const id = idParam(req);
    const milestone = await milestones.getMilestone(id);
    if (!milestone) throw new NotFoundError(`Milestone ${id} not found`);
    try {
      await ctx.readableProject(milestone.projectKey);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(`Milestone ${id} not found`);
      }
      throw error;
    }
    res.json(milestone);
  });

  router.patch('/milestones/:id', async (req, res) => {
    const updated = await writes.update(req, async (current, ctx, id) => {
      const patch = parseInput(updateMilestoneSchema, req.body, 'body');
      // A set baseline moves only through an approved re-baseline, so that
      // a slipping project cannot erase its slip (routes/rebaselines.ts).
      if (isBaselineEditRefused(current.baselineDate, patch.baselineDate)) {
        throw invalidRequest([
          decisionMessages.baselineLocked('body.baselineDate'),
        ]);
      }
      return milestones.updateMilestone(id, patch, await ctx.actor());
    });
    res.json(updated);
  });

  router.delete('/milestones/:id', async (req, res) => {
    await writes.remove(req, async (ctx, id) =>
      milestones.deleteMilestone(id, await ctx.actor()),
    );
    res.status(204).end();
  });
}
