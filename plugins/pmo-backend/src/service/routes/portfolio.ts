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
import type { JsonValue } from '@backstage/types';
import {
  HEALTH_VALUES,
  PROJECT_PHASES,
  lifecycleMismatch,
  lifecycleMismatchReason,
  pmoTransitionReadPermission,
  toIsoDate,
  type Health,
  type Portfolio,
  type PortfolioTransitions,
  type TransitionMismatch,
} from '@infra-pmo/plugin-pmo-common';
import type { Response as ExpressResponse } from 'express';
import { sendJsonText, type PmoRouter } from '../../schema/typedRouter';
import type { SummaryQueries } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import type { PmoRequestContext } from '../context';
import type { PmoReadCache } from '../readCache';
import { systemMemberRefs } from '../requestHelpers';
import { parseInput } from '../request/parse';
import { portfolioQuerySchema } from '../request/projects';
import {
  countTransitionsByState,
  visibleTransitionStates,
} from '../transitionVisibility';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface PortfolioRoutesOptions extends RouteOptions {
  summaries: Pick<SummaryQueries, 'getPortfolio'>;
  /** Run transitions per state, shown with `pmo.transition.read`. */
  transitions: Pick<TransitionStore, 'listStates'>;
  catalog: CatalogService;
  /** Caches the roll-up until the next write; without it, no caching. */
  readCache?: PmoReadCache;
  /** For tests. */
  now?: () => Date;
}

/** Longest mismatch list of the portfolio, like its other lists. */
const MAX_PORTFOLIO_MISMATCHES = 50;

function emptyTransitions(): PortfolioTransitions {
  return { byState: countTransitionsByState([]), mismatches: [] };
}

function emptyPortfolio(): Portfolio {
  return {
    totalProjects: 0,
    byHealth: Object.fromEntries(HEALTH_VALUES.map(h => [h, 0])) as Record<
      Health,
      number
    >,
    byPhase: Object.fromEntries(
      PROJECT_PHASES.map(p => [p, 0]),
    ) as Portfolio['byPhase'],
    heatMap: Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]),
    overdueMilestones: [],
    slippingMilestones: [],
    staleProjects: [],
    watermelons: [],
    transitions: emptyTransitions(),
  };
}

/**
 * `GET /portfolio`: the roll-up of the readable projects (of an owner, of
 * the projects linked to a System), cached until the next write, with the
 * run transitions computed live.
 * @internal
 */
export function registerPortfolioRoutes(
  router: PmoRouter,
  options: PortfolioRoutesOptions,
) {
  const { summaries, transitions, contextOf, catalog, readCache } = options;
  const now = options.now ?? (() => new Date());

  /**
   * Transitions per state (of the System's entities when filtered by one;
   * the owner filter is about projects and does not apply) and the
   * entities whose catalog lifecycle contradicts their transition, read in
   * one catalog call. Entities the caller cannot see are left out.
   */
  async function portfolioTransitions(
    ctx: PmoRequestContext,
    entityRefs: string[] | undefined,
  ): Promise<PortfolioTransitions> {
    if (!(await ctx.allows(pmoTransitionReadPermission))) {
      return emptyTransitions();
    }
    const states = await visibleTransitionStates(
      transitions,
      { catalog, credentials: await ctx.catalogCredentials() },
      entityRefs,
    );
    const mismatches: TransitionMismatch[] = [];
    for (const { entityRef, state, lifecycle } of states) {
      if (!lifecycle || !lifecycleMismatch(lifecycle, state)) continue;
      mismatches.push({
        entityRef,
        state,
        lifecycle,
        reason: lifecycleMismatchReason(lifecycle, state),
      });
    }
    return {
      // Counted like the list: only entities the caller can see.
      byState: countTransitionsByState(states),
      mismatches: mismatches.slice(0, MAX_PORTFOLIO_MISMATCHES),
    };
  }

  router.get('/portfolio', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(portfolioQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json(emptyPortfolio());
      return;
    }
    const entityRefs = query.system
      ? await systemMemberRefs(
          catalog,
          query.system,
          await ctx.catalogCredentials(),
        )
      : undefined;
    const filter = { owner: query.owner, entityRefs, access: access.access };
    // JSON text of the roll-up without its transitions (computed live
    // below), cached as text: a hit is sent without a parse and serialize.
    const rollUp = async () =>
      JSON.stringify({
        ...(await summaries.getPortfolio(filter)),
        transitions: undefined,
      });
    const [portfolio, transitionRollUp] = await Promise.all([
      readCache
        ? readCache.wrap(
            'portfolio',
            // Overdue and stale lists are relative to today.
            [toIsoDate(now()), filter as unknown as JsonValue],
            rollUp,
          )
        : rollUp(),
      portfolioTransitions(ctx, entityRefs),
    ]);
    sendJsonText(
      res as unknown as ExpressResponse,
      `${portfolio.slice(0, -1)},"transitions":${JSON.stringify(
        transitionRollUp,
      )}}`,
    );
  });
}
