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

import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  HealthThresholds,
  ReadinessTemplate,
  ServiceTier,
  ProjectKeyRule,
} from '@infra-pmo/plugin-pmo-common';
import { createPmoRouter, type PmoRouter } from '../schema/typedRouter';
import type { PersistenceContext } from '../database/persistenceContext';
import type { SnapshotStore } from '../snapshots/SnapshotStore';
import type { RequestContextFactory } from './context';
import type { ExternalLinkResolver } from './externalLinks';
import type { PmoReadCache } from './readCache';
import { parseRequestBody, rejectInvalidPercentEncoding } from './request/body';
import { CatalogRadiusReader } from './cutover/catalogRadius';
import type { CutoverConfig } from './cutover/config';
import { registerCalendarRoutes } from './routes/calendar';
import { registerCollisionRoutes } from './routes/collisions';
import { registerCutoverRoutes } from './routes/cutover';
import { registerImportRoutes } from './routes/imports';
import { registerKeyRoutes } from './routes/keys';
import { registerLinkRoutes } from './routes/links';
import { registerGroupRoutes } from './routes/groups';
import { registerGateRoutes } from './routes/gates';
import { registerRebaselineRoutes } from './routes/rebaselines';
import { registerMeRoutes } from './routes/me';
import { registerMilestoneRoutes } from './routes/milestones';
import { registerPortfolioRoutes } from './routes/portfolio';
import { registerProjectRoutes } from './routes/projects';
import { registerRaidRoutes } from './routes/raid';
import { registerSnapshotRoutes } from './routes/snapshots';
import { registerSummaryRoutes } from './routes/summaries';
import { registerTransitionRoutes } from './routes/transitions';
import { registerTransitionEvidenceRoutes } from './routes/transitionEvidence';
import { ChecklistEvidence } from '../evidence/checklistEvidence';
import { PmoFactRules } from '../evidence/factRuleRegistry';

/**
 * The stores behind the routes, one per aggregate (those of the
 * persistence context); each route file takes only the ones, and the
 * methods, it uses.
 * @internal
 */
export type RouterStores = Pick<
  PersistenceContext,
  | 'projects'
  | 'milestones'
  | 'raid'
  | 'links'
  | 'summaries'
  | 'history'
  | 'transfer'
  | 'transitions'
  | 'myItems'
  | 'windows'
  | 'freezes'
  | 'collisionAcks'
  | 'gates'
  | 'rebaselines'
> & { snapshots: SnapshotStore };

/** @internal */
export interface RouterOptions {
  stores: RouterStores;
  /** The one decision point: credentials, permissions, actor, audit. */
  contextOf: RequestContextFactory;
  catalog: CatalogService;
  logger: LoggerService;
  /** Dedupes the on-demand annotation refresh of entity summaries. */
  cache?: CacheService;
  /**
   * Caches entity summaries and the portfolio until the next write (every
   * write route invalidates it). Without it, every read hits the database.
   */
  readCache?: PmoReadCache;
  thresholds?: HealthThresholds;
  /** Readiness checklists per tier; defaults to the built-in templates. */
  templates?: Record<ServiceTier, ReadinessTemplate>;
  externalLinks?: ExternalLinkResolver;
  /** The rule of new project keys (`pmo.projectKeys.pattern`). */
  keyRule?: ProjectKeyRule;
  /** `pmo.cutover.*`: blast-radius depth and config freezes. */
  cutover?: CutoverConfig;
  /** Checklist evidence from catalog facts (evidence/). */
  evidence?: ChecklistEvidence;
  /** `pmo.baselines.approverGroups`: re-baseline deciders besides sponsors. */
  baselineApproverGroups?: string[];
  /** For tests. */
  now?: () => Date;
}

/**
 * A router with what every PMO route relies on, before any of them runs:
 * read-cache invalidation on writes, the percent-encoding guard and the
 * body parsers (see request/body.ts).
 * @internal
 */
export function createBaseRouter(
  options: { readCache?: PmoReadCache } = {},
): PmoRouter {
  const router = createPmoRouter();
  // A successful write bumps the read cache before its response is sent.
  if (options.readCache) router.use(options.readCache.invalidateOnWrite());
  router.use(rejectInvalidPercentEncoding);
  router.use(parseRequestBody());
  return router;
}

/**
 * The `/api/pmo` routes, one file per resource under routes/. Every route
 * requires user or service credentials and authorizes through its request
 * context (`contextOf`); errors are thrown as `@backstage/errors` and mapped
 * to HTTP statuses by the backend (no error middleware here).
 * @internal
 */
export async function createRouter(options: RouterOptions): Promise<PmoRouter> {
  const { stores, contextOf, catalog, logger, cache, readCache } = options;
  const { thresholds, templates, externalLinks, keyRule, now } = options;
  const router = createBaseRouter({ readCache });

  registerProjectRoutes(router, {
    projects: stores.projects,
    milestones: stores.milestones,
    raid: stores.raid,
    history: stores.history,
    contextOf,
    catalog,
    externalLinks,
    thresholds,
    keyRule,
    now,
  });
  registerMilestoneRoutes(router, { milestones: stores.milestones, contextOf });
  registerRaidRoutes(router, { raid: stores.raid, contextOf, catalog });
  registerLinkRoutes(router, { links: stores.links, contextOf, catalog });
  registerSummaryRoutes(router, {
    links: stores.links,
    summaries: stores.summaries,
    transitions: stores.transitions,
    contextOf,
    catalog,
    cache,
    readCache,
    now,
  });
  registerPortfolioRoutes(router, {
    summaries: stores.summaries,
    transitions: stores.transitions,
    contextOf,
    catalog,
    readCache,
    now,
  });
  registerImportRoutes(router, {
    projects: stores.projects,
    transfer: stores.transfer,
    contextOf,
    catalog,
    logger,
    thresholds,
    keyRule,
    now,
  });
  registerTransitionRoutes(router, {
    transitions: stores.transitions,
    projects: stores.projects,
    contextOf,
    catalog,
    templates,
    evidence: options.evidence,
    now,
  });
  registerTransitionEvidenceRoutes(router, {
    transitions: stores.transitions,
    projects: stores.projects,
    contextOf,
    catalog,
    // Without the plugin's rules every fact rule reports unknown.
    evidence:
      options.evidence ??
      new ChecklistEvidence({
        rules: new PmoFactRules(),
        store: stores.transitions,
        logger,
      }),
    now,
  });
  registerSnapshotRoutes(router, {
    snapshots: stores.snapshots,
    links: stores.links,
    contextOf,
    catalog,
    now,
  });
  registerGateRoutes(router, {
    gates: stores.gates,
    milestones: stores.milestones,
    contextOf,
  });
  registerRebaselineRoutes(router, {
    rebaselines: stores.rebaselines,
    contextOf,
    approverGroups: options.baselineApproverGroups ?? [],
  });
  const ownerLists = {
    myItems: stores.myItems,
    gates: stores.gates,
    transitions: stores.transitions,
    contextOf,
    catalog,
  };
  registerMeRoutes(router, ownerLists);
  registerGroupRoutes(router, ownerLists);
  registerKeyRoutes(router, {
    projects: stores.projects,
    links: stores.links,
    contextOf,
  });
  const cutover = {
    windows: stores.windows,
    freezes: stores.freezes,
    acks: stores.collisionAcks,
    links: stores.links,
    radius: new CatalogRadiusReader({
      catalog,
      readCache,
      maxDepth: options.cutover?.maxDepth,
    }),
    configFreezes: options.cutover?.freezes ?? [],
    hypercare: stores.transitions,
  };
  registerCutoverRoutes(router, {
    contextOf,
    cutover,
    milestones: stores.milestones,
  });
  registerCollisionRoutes(router, { contextOf, cutover, now });
  registerCalendarRoutes(router, { contextOf, cutover, now });
  return router;
}
