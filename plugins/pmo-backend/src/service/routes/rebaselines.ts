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

import { NotAllowedError } from '@backstage/errors';
import {
  decisionMessages,
  isGateApprover,
  pmoBaselineApprovePermission,
  pmoBaselineRequestPermission,
  rebaselineApprovers,
} from '@infra-pmo/plugin-pmo-common';
import type { RebaselineStore } from '../../database/DecisionStores';
import type { PmoRouter } from '../../schema/typedRouter';
import {
  rebaselineDecisionSchema,
  rebaselineRequestSchema,
} from '../request/decisions';
import { parseInput } from '../request/parse';
import { keyParam } from '../request/refs';
import { memberRefs } from '../transitionOwners';
import type { RouteOptions } from './routeOptions';
import { itemWrite, projectWrite } from './writes';

/** @internal */
export interface RebaselineRoutesOptions extends RouteOptions {
  rebaselines: RebaselineStore;
  /** `pmo.baselines.approverGroups`, normalized. */
  approverGroups: readonly string[];
}

/**
 * Re-baselining: `GET|POST /projects/:key/rebaselines` and
 * `POST /rebaselines/:id/decision`. Requesting takes pmo.milestone.update;
 * deciding takes pmo.baseline.approve on the project and the sponsor or a
 * member of a configured PMO group.
 * @internal
 */
export function registerRebaselineRoutes(
  router: PmoRouter,
  options: RebaselineRoutesOptions,
) {
  const { rebaselines, contextOf, approverGroups } = options;

  router.get('/projects/:key/rebaselines', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const project = await ctx.readableProject(key);
    const [items, baselines] = await Promise.all([
      rebaselines.listRebaselines(key),
      rebaselines.listBaselines(key),
    ]);
    res.json({
      items,
      baselines,
      baselineNumber: project.baselineNumber ?? 0,
    });
  });

  router.post('/projects/:key/rebaselines', async (req, res) => {
    const created = await projectWrite(
      contextOf,
      req,
      {
        eventId: 'rebaseline-request',
        permission: pmoBaselineRequestPermission,
        meta: key => ({ projectKey: key }),
      },
      async (ctx, key) => {
        const input = parseInput(rebaselineRequestSchema, req.body, 'body');
        return rebaselines.requestRebaseline(key, input, await ctx.actor());
      },
      (result, key) => ({
        projectKey: key,
        id: result.id,
        milestones: result.changes.length,
      }),
    );
    res.status(201).json(created);
  });

  router.post('/rebaselines/:id/decision', async (req, res) => {
    const decided = await itemWrite(
      contextOf,
      req,
      {
        eventId: 'rebaseline-decide',
        permission: pmoBaselineApprovePermission,
        item: {
          load: id => rebaselines.getRebaseline(id),
          notFound: id => `Re-baseline ${id} not found`,
        },
      },
      async (current, ctx, id) => {
        if (ctx.credentials.principal.type !== 'user') {
          throw new NotAllowedError('Only users can decide a re-baseline');
        }
        const project = await ctx.readableProject(current.projectKey);
        const approvers = rebaselineApprovers(project.sponsor, approverGroups);
        if (!isGateApprover(approvers, memberRefs(await ctx.userInfo()))) {
          throw new NotAllowedError(
            decisionMessages.notBaselineApprover(approverGroups),
          );
        }
        const body = parseInput(rebaselineDecisionSchema, req.body, 'body');
        return rebaselines.decideRebaseline(
          id,
          { approve: body.decision === 'approve', reason: body.reason },
          await ctx.actor(),
        );
      },
      result => ({
        projectKey: result.projectKey,
        status: result.status,
        ...(result.baselineNumber
          ? { baselineNumber: result.baselineNumber }
          : {}),
      }),
    );
    res.json(decided);
  });
}
