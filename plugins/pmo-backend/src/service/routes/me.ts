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
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MY_ITEMS_DEFAULT_LIMIT,
  MY_ITEMS_MAX_LIMIT,
  pmoProjectReadPermission,
  pmoTransitionReadPermission,
  pmoTransitionSignOffPermission,
  type MyItemsList,
  type MyPmoItems,
  type MyGate,
  type MySignOff,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import { z } from 'zod';
import type {
  MyItemsStore,
  SignOffCandidate,
} from '../../database/MyItemsStore';
import type { GateStore } from '../../database/DecisionStores';
import type { TransitionStore } from '../../database/TransitionStore';
import type { PmoRequestContext } from '../context';
import { limitParam } from '../request/lists';
import { parseInput } from '../request/parse';
import {
  OWNER_FIELDS,
  entityOwner,
  memberRefs,
  runOwnerOf,
} from '../transitionOwners';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface MeRoutesOptions extends RouteOptions {
  myItems: MyItemsStore;
  /** Only the readiness of the pending sign-offs. */
  transitions: Pick<TransitionStore, 'getTransitionBriefs'>;
  catalog: CatalogService;
  /** Pending gate decisions; none listed without it. */
  gates?: Pick<GateStore, 'listPendingGates'>;
}

/**
 * Transitions ready for review that are scanned for pending sign-offs. The
 * state is transient (a few at a time in practice); the bound keeps the one
 * catalog call per request small whatever happens.
 * @internal
 */
export const SIGNOFF_SCAN_LIMIT = 500;

const querySchema = z
  .object({ limit: limitParam(MY_ITEMS_MAX_LIMIT, MY_ITEMS_DEFAULT_LIMIT) })
  .strict();

/**
 * The sign-offs of `candidates` that one of `refs` (lower-cased) can give,
 * decided like `POST .../transition/signoffs`: delivery is held by the
 * project owner, else the entity owner; run by `pmo/run-owner`, else the
 * entity owner. Candidates whose entity the caller cannot see are left out
 * (`entities` is aligned with `candidates`, null when not visible).
 * @internal
 */
export function pendingSignOffs(
  candidates: SignOffCandidate[],
  entities: Array<Entity | null | undefined>,
  refs: ReadonlySet<string>,
): Array<Omit<MySignOff, 'readinessPercent'>> {
  const result: Array<Omit<MySignOff, 'readinessPercent'>> = [];
  candidates.forEach((candidate, i) => {
    const entity = entities[i];
    if (!entity) return;
    for (const role of candidate.unsignedRoles) {
      const owner =
        role === 'delivery'
          ? candidate.projectOwner ?? entityOwner(entity)
          : runOwnerOf(entity);
      if (!owner || !refs.has(owner)) continue;
      result.push({
        entityRef: candidate.entityRef,
        role,
        owner,
        ...(candidate.projectKey ? { projectKey: candidate.projectKey } : {}),
        tier: candidate.tier,
        ...(candidate.targetDate ? { targetDate: candidate.targetDate } : {}),
      });
    }
  });
  return result;
}

/**
 * The pending sign-offs that one of `refs` can give, readiness included;
 * empty without `pmo.transition.read` and `pmo.transition.signoff`. One
 * catalog call, with the caller's own credentials: entities they cannot
 * see are left out, as on the transition board.
 * @internal
 */
export async function listPendingSignOffs(
  deps: Pick<MeRoutesOptions, 'myItems' | 'transitions' | 'catalog'>,
  ctx: PmoRequestContext,
  refs: ReadonlySet<string>,
  limit: number,
): Promise<MyItemsList<MySignOff>> {
  const { myItems: store, transitions, catalog } = deps;
  const allowed = await Promise.all([
    ctx.allows(pmoTransitionReadPermission),
    ctx.allows(pmoTransitionSignOffPermission),
  ]);
  if (!allowed.every(Boolean)) return { items: [], totalItems: 0 };
  const candidates = await store.listSignOffCandidates({
    limit: SIGNOFF_SCAN_LIMIT,
  });
  if (candidates.items.length === 0) return { items: [], totalItems: 0 };
  const { items: entities } = await catalog.getEntitiesByRefs(
    {
      entityRefs: candidates.items.map(c => c.entityRef),
      fields: OWNER_FIELDS,
    },
    { credentials: ctx.credentials },
  );
  const pending = pendingSignOffs(candidates.items, entities, refs);
  const page = pending.slice(0, limit);
  const briefs = await transitions.getTransitionBriefs(
    page.map(p => p.entityRef),
  );
  return {
    totalItems: pending.length,
    items: page.map(p => ({
      ...p,
      readinessPercent: briefs.get(p.entityRef)?.readinessPercent ?? 0,
    })),
  };
}

/**
 * The open gates that one of `refs` is an approver of, on projects the
 * caller may read; `pmo.gate.decide` and the approvers are checked again
 * when the decision is recorded.
 * @internal
 */
export async function listPendingGateDecisions(
  deps: Pick<MeRoutesOptions, 'gates'>,
  ctx: PmoRequestContext,
  refs: readonly string[],
  limit: number,
): Promise<MyItemsList<MyGate>> {
  if (!deps.gates) return { items: [], totalItems: 0 };
  const gates = await deps.gates.listPendingGates({
    approvers: refs,
    limit: SIGNOFF_SCAN_LIMIT,
  });
  const readable = await ctx.readableKeys(gates.map(g => g.projectKey));
  const visible = gates.filter(g => readable.has(g.projectKey));
  return { totalItems: visible.length, items: visible.slice(0, limit) };
}

/**
 * `GET /me/items`: the signed-in user's PMO work for the home page widget —
 * projects owned by the user or their groups, open RAID actions they own,
 * open milestones of their projects that are overdue or due within 14 days,
 * and the run-transition sign-offs waiting for a role they hold.
 *
 * Users only: a service principal has no "me" and gets a 403 that says so.
 * `pmo.project.read` applies (DENY is a 403, a conditional decision filters
 * in SQL); sign-offs need `pmo.transition.read` and `pmo.transition.signoff`
 * and otherwise come back empty.
 * @internal
 */
export function registerMeRoutes(router: PmoRouter, options: MeRoutesOptions) {
  const { myItems: store, contextOf } = options;

  router.get('/me/items', async (req, res) => {
    const ctx = await contextOf(req);
    if (ctx.credentials.principal.type !== 'user') {
      throw new NotAllowedError(
        'GET /me/items lists the items of the signed-in user; a service principal has no user. Use GET /projects?owner=, GET /raid?owner= and GET /transitions instead',
      );
    }
    const { limit } = parseInput(querySchema, req.query, 'query');

    const read = await ctx.readAccess();
    if (read.result === 'deny') {
      throw new NotAllowedError(
        `Not allowed: ${pmoProjectReadPermission.name}`,
      );
    }
    const access = read.access;

    const info = await ctx.userInfo();
    // Stored owners are normalized entity refs: compare lower-cased.
    const refs = memberRefs(info);
    const [items, pending, gates] = await Promise.all([
      store.getMyItems({ refs, access, limit }),
      listPendingSignOffs(options, ctx, new Set(refs), limit),
      listPendingGateDecisions(options, ctx, refs, limit),
    ]);
    const body: MyPmoItems = {
      userEntityRef: info.userEntityRef,
      ownershipEntityRefs: refs,
      ...items,
      signOffs: pending,
      gates,
    };
    res.json(body);
  });
}
