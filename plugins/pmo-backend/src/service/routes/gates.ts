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
  pmoGateDecidePermission,
  type Milestone,
} from '@infra-pmo/plugin-pmo-common';
import type { GateStore } from '../../database/DecisionStores';
import type { MilestoneStore } from '../../database/PmoStore';
import type { PmoRouter } from '../../schema/typedRouter';
import type { PmoRequestContext } from '../context';
import { gateDecisionSchema } from '../request/decisions';
import { parseInput } from '../request/parse';
import { keyParam } from '../request/refs';
import { memberRefs } from '../transitionOwners';
import type { RouteOptions } from './routeOptions';
import { itemWrite } from './writes';

/** @internal */
export interface GateRoutesOptions extends RouteOptions {
  gates: GateStore;
  milestones: Pick<MilestoneStore, 'getMilestone'>;
}

/**
 * Only the gate's approvers decide it: the caller (a user) must be one of
 * them or a member of an approver group, compared like sign-off owners
 * (lower-cased ownership refs, see memberRefs).
 */
async function requireApprover(ctx: PmoRequestContext, milestone: Milestone) {
  if (ctx.credentials.principal.type !== 'user') {
    throw new NotAllowedError('Only users can decide a stage gate');
  }
  const approvers = milestone.gateApprovers ?? [];
  if (!isGateApprover(approvers, memberRefs(await ctx.userInfo()))) {
    throw new NotAllowedError(decisionMessages.notApprover(approvers));
  }
}

/**
 * Stage gates: `GET /projects/:key/gate-decisions` and
 * `POST /milestones/:id/gate-decisions` (pmo.gate.decide on the project
 * behind the milestone, then approver membership, then the body).
 * @internal
 */
export function registerGateRoutes(
  router: PmoRouter,
  options: GateRoutesOptions,
) {
  const { gates, milestones, contextOf } = options;

  router.get('/projects/:key/gate-decisions', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    res.json({ items: await gates.listGateDecisions(key) });
  });

  router.post('/milestones/:id/gate-decisions', async (req, res) => {
    const decision = await itemWrite(
      contextOf,
      req,
      {
        eventId: 'gate-decide',
        permission: pmoGateDecidePermission,
        item: {
          load: id => milestones.getMilestone(id),
          notFound: id => `Milestone ${id} not found`,
        },
      },
      async (milestone, ctx, id) => {
        await requireApprover(ctx, milestone);
        const input = parseInput(gateDecisionSchema, req.body, 'body');
        return gates.decideGate(id, input, await ctx.actor());
      },
      result => ({
        projectKey: result.projectKey,
        decision: result.decision,
        conditions: result.conditions.length,
        actionIds: result.actionIds,
      }),
    );
    res.status(201).json(decision);
  });
}
