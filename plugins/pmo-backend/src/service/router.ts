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

import type { CacheService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonValue } from '@backstage/types';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  HEALTH_VALUES,
  PMO_PROJECTS_ANNOTATION,
  PROJECT_PHASES,
  RAID_TYPES,
  TRANSITION_STATES,
  computeHealth,
  lifecycleMismatch,
  parseProjectsAnnotation,
  pmoMilestoneCreatePermission,
  pmoMilestoneDeletePermission,
  pmoMilestoneUpdatePermission,
  pmoProjectCreatePermission,
  pmoProjectDeletePermission,
  pmoProjectUpdatePermission,
  pmoRaidCreatePermission,
  pmoRaidDeletePermission,
  pmoRaidUpdatePermission,
  pmoTransitionReadPermission,
  toIsoDate,
  type EntitySummary,
  type Health,
  type HealthThresholds,
  type Portfolio,
  type PortfolioTransitions,
  type ProjectWithHealth,
  type RaidCounts,
  type TransitionBrief,
  type TransitionMismatch,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { PmoStore, ProjectAccessFilter } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';
import { entityRefOf } from './catalogSync';
import type { PmoReadCache } from './readCache';
import { ExternalLinkResolver } from './externalLinks';
import type { PmoRequestContext, RequestContextFactory } from './context';
import { assertOwnersExist } from './ownerRefs';
import { entityParam, systemMemberRefs } from './requestHelpers';
import {
  computedHealthOfNewProject,
  requireReasonIfDiffers,
} from './projectRules';
import {
  SCORED_RAID_TYPES,
  bodyParserError,
  createMilestoneSchema,
  createProjectSchema,
  createRaidItemSchema,
  historyQuerySchema,
  listProjectsQuerySchema,
  parseInput,
  portfolioQuerySchema,
  projectKeySchema,
  raidQuerySchema,
  searchMilestonesQuerySchema,
  searchRaidQuerySchema,
  summariesBodySchema,
  updateMilestoneSchema,
  updateProjectSchema,
  updateRaidItemSchema,
} from './validation';

/** @internal */
export interface RouterOptions {
  store: PmoStore;
  /** The one decision point: credentials, permissions, actor, audit. */
  contextOf: RequestContextFactory;
  catalog: CatalogService;
  externalLinks?: ExternalLinkResolver;
  /**
   * Run transitions shown in entity summaries and the portfolio; without
   * it both leave transitions out.
   */
  transitions?: Pick<TransitionStore, 'getTransitionBriefs' | 'listStates'>;
  /** Dedupes the on-demand annotation refresh of entity summaries. */
  cache?: CacheService;
  /**
   * Caches entity summaries and the portfolio until the next write; its
   * `invalidateOnWrite()` middleware must run before every router of the
   * plugin (see plugin.ts). Without it, every read hits the database.
   */
  readCache?: PmoReadCache;
  thresholds?: HealthThresholds;
  /** For tests. */
  now?: () => Date;
}

const JSON_LIMIT = '1mb';
const ANNOTATION_CACHE_TTL = { minutes: 10 };
/**
 * How long an entity page reuses the catalog's answer about its entity
 * (existence, annotation, lifecycle). Far below the catalog's own
 * processing delay after an edit, and it saves a catalog round trip per view.
 */
const ENTITY_LOOKUP_TTL = { seconds: 30 };
/** Longest mismatch list of the portfolio, like its other lists. */
const MAX_PORTFOLIO_MISMATCHES = 50;
/** What the transition enrichment reads from the catalog. */
const LIFECYCLE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.lifecycle',
];

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a milestone or RAID item id');

function emptyRaidCounts(): RaidCounts {
  return Object.fromEntries(RAID_TYPES.map(t => [t, 0])) as RaidCounts;
}

function emptySummary(
  entityRef: string,
  invalid: string[] = [],
): EntitySummary {
  return {
    entityRef,
    projects: [],
    openRaid: emptyRaidCounts(),
    unknownProjectKeys: [],
    invalidProjectKeys: invalid,
  };
}

function emptyTransitions(): PortfolioTransitions {
  return {
    byState: Object.fromEntries(TRANSITION_STATES.map(t => [t, 0])) as Record<
      TransitionState,
      number
    >,
    mismatches: [],
  };
}

function lifecycleOf(entity: Entity | null | undefined): string | undefined {
  const value = entity?.spec?.lifecycle;
  return typeof value === 'string' ? value : undefined;
}

/** Why lifecycleMismatch flagged an entity, for people. */
function mismatchReason(lifecycle: string, state: TransitionState): string {
  return lifecycle.trim().toLocaleLowerCase('en-US') === 'production'
    ? `Lifecycle is ${lifecycle} but the run transition is ${state}: not yet accepted into Run`
    : `Lifecycle is still ${lifecycle} although the run transition is ${state}`;
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

function emptyPage() {
  return { items: [], totalItems: 0, pageInfo: {} };
}

/**
 * The `/api/pmo` routes. Every route requires user or service credentials;
 * errors are thrown as `@backstage/errors` and mapped to HTTP statuses by
 * the backend (no error middleware here).
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    transitions,
    contextOf,
    catalog,

    cache,
    readCache,
  } = options;
  const links = options.externalLinks ?? new ExternalLinkResolver({});
  const thresholds = options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS;
  const now = options.now ?? (() => new Date());

  const router = Router();
  // Express answers a path parameter that is not valid percent-encoding
  // with a bare URIError; this router runs first for every PMO route.
  router.use((req, _res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      throw new InputError(
        'Invalid request: params: the path is not valid percent-encoding',
      );
    }
    next();
  });
  const json = express.json({ limit: JSON_LIMIT });
  // The import accepts larger bodies, as JSON or CSV; everything else 1mb.
  router.use((req, res, next) =>
    req.path === '/import'
      ? next()
      : json(req, res, error => next(error && bodyParserError(error))),
  );

  // ---------------------------------------------------------------- helpers

  /** Transitions are shown only with their own read permission. */
  async function mayReadTransitions(ctx: PmoRequestContext) {
    return Boolean(transitions) && ctx.allows(pmoTransitionReadPermission);
  }

  const keyParam = (req: Request) =>
    parseInput(projectKeySchema, req.params.key, 'params.key');
  const idParam = (req: Request) =>
    parseInput(idSchema, req.params.id, 'params.id');

  const computedForNewProject = (phase: string | undefined) =>
    computedHealthOfNewProject(phase, thresholds, now());

  /** Computed health of an existing project once the patch is applied. */
  async function computedAfterPatch(
    current: ProjectWithHealth,
    patch: { phase?: ProjectWithHealth['phase'] },
  ): Promise<Health> {
    const [milestones, raid] = await Promise.all([
      store.listMilestones(current.key),
      store.listRaidItems(current.key),
    ]);
    const at = now().toISOString();
    return computeHealth({
      project: {
        phase: patch.phase ?? current.phase,
        createdAt: current.createdAt,
        updatedAt: at,
        // Declaring health now resets the status age (stale_status).
        declaredHealth: { status: 'green', setAt: at },
      },
      milestones,
      raid,
      today: toIsoDate(now()),
      thresholds,
    }).status;
  }

  const decorate = (p: ProjectWithHealth) => links.decorate(p);

  /**
   * Refs of the system and of the entities that are part of it, in one
   * catalog call (GET /projects?system= and GET /portfolio?system=).
   */
  async function systemMembers(
    systemRef: string,
    ctx: PmoRequestContext,
  ): Promise<string[]> {
    return systemMemberRefs(catalog, systemRef, await ctx.catalogCredentials());
  }

  // --------------------------------------------------------------- projects

  router.get('/projects', async (req, res) => {
    const ctx = await contextOf(req);
    const { system, ...query } = parseInput(
      listProjectsQuerySchema,
      req.query,
      'query',
    );
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json(emptyPage());
      return;
    }
    const page = await store.listProjects({
      ...query,
      ...(system ? { entityRefs: await systemMembers(system, ctx) } : {}),
      access: access.access,
    });
    res.json({ ...page, items: page.items.map(decorate) });
  });

  router.post('/projects', async (req, res) => {
    const ctx = await contextOf(req);
    const project = await ctx.audited(
      'project-create',
      { key: String(req.body?.key ?? '') },
      async () => {
        await ctx.authorize(pmoProjectCreatePermission);
        const input = parseInput(createProjectSchema, req.body, 'body');
        requireReasonIfDiffers(
          input.declaredHealth,
          computedForNewProject(input.phase),
        );
        return store.createProject(input, await ctx.actor());
      },
      p => ({ key: p.key, version: p.version }),
    );
    res.status(201).json(decorate(project));
  });

  router.get('/projects/:key', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    res.json(decorate(await ctx.readableProject(key)));
  });

  router.patch('/projects/:key', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const project = await ctx.audited(
      'project-update',
      { key },
      async () => {
        const current = await ctx.authorizeProject(
          pmoProjectUpdatePermission,
          key,
        );
        const { key: bodyKey, ...patch } = parseInput(
          updateProjectSchema,
          req.body,
          'body',
        );
        if (bodyKey !== undefined && bodyKey.toUpperCase() !== key) {
          throw new InputError(
            'Invalid request: body.key: is immutable; create a new project instead',
          );
        }
        if (patch.declaredHealth && !patch.declaredHealth.reason) {
          requireReasonIfDiffers(
            patch.declaredHealth,
            await computedAfterPatch(current, patch),
          );
        }
        if (patch.owner !== undefined || patch.phase !== undefined) {
          // The project as it would be: no giving it away to an owner
          // (or moving it to a phase) the caller could not update.
          await ctx.authorizeProjects(pmoProjectUpdatePermission, [
            {
              ...current,
              ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
              ...(patch.phase !== undefined ? { phase: patch.phase } : {}),
            },
          ]);
        }
        return store.updateProject(key, patch, await ctx.actor());
      },
      p => ({ key: p.key, version: p.version }),
    );
    res.json(decorate(project));
  });

  router.delete('/projects/:key', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.audited('project-delete', { key }, async () => {
      await ctx.authorizeProject(pmoProjectDeletePermission, key);
      await store.deleteProject(key, await ctx.actor());
    });
    res.status(204).end();
  });

  router.get('/projects/:key/history', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    await ctx.readableProject(key);
    res.json(await store.listHistory(key, query));
  });

  router.get('/projects/:key/entities', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    res.json({ items: await store.listLinks({ projectKeys: [key] }) });
  });

  // ------------------------------------------------------------- milestones

  router.get('/milestones', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(searchMilestonesQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json(emptyPage());
      return;
    }
    res.json(await store.searchMilestones({ ...query, access: access.access }));
  });

  router.get('/projects/:key/milestones', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    res.json({ items: await store.listMilestones(key) });
  });

  router.post('/projects/:key/milestones', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const milestone = await ctx.audited(
      'milestone-create',
      { projectKey: key },
      async () => {
        await ctx.authorizeProject(pmoMilestoneCreatePermission, key);
        const input = parseInput(createMilestoneSchema, req.body, 'body');
        return store.createMilestone(key, input, await ctx.actor());
      },
      m => ({ projectKey: key, id: m.id }),
    );
    res.status(201).json(milestone);
  });

  // One milestone with its version, e.g. for a pipeline that sets the
  // actual date (scripts/pmo-ci.mjs). Hidden like its project: 404.
  router.get('/milestones/:id', async (req, res) => {
    const ctx = await contextOf(req);
    const id = idParam(req);
    const milestone = await store.getMilestone(id);
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
    const ctx = await contextOf(req);
    const id = idParam(req);
    const milestone = await ctx.audited(
      'milestone-update',
      { id },
      async () => {
        const current = await store.getMilestone(id);
        if (!current) throw new NotFoundError(`Milestone ${id} not found`);
        await ctx.authorizeProject(
          pmoMilestoneUpdatePermission,
          current.projectKey,
        );
        const patch = parseInput(updateMilestoneSchema, req.body, 'body');
        return store.updateMilestone(id, patch, await ctx.actor());
      },
      m => ({ id, projectKey: m.projectKey, version: m.version }),
    );
    res.json(milestone);
  });

  router.delete('/milestones/:id', async (req, res) => {
    const ctx = await contextOf(req);
    const id = idParam(req);
    await ctx.audited('milestone-delete', { id }, async () => {
      const current = await store.getMilestone(id);
      if (!current) throw new NotFoundError(`Milestone ${id} not found`);
      await ctx.authorizeProject(
        pmoMilestoneDeletePermission,
        current.projectKey,
      );
      await store.deleteMilestone(id, await ctx.actor());
    });
    res.status(204).end();
  });

  // ------------------------------------------------------------------- RAID

  router.get('/raid', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(searchRaidQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json(emptyPage());
      return;
    }
    res.json(await store.searchRaidItems({ ...query, access: access.access }));
  });

  router.get('/projects/:key/raid', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const filter = parseInput(raidQuerySchema, req.query, 'query');
    await ctx.readableProject(key);
    res.json({ items: await store.listRaidItems(key, filter) });
  });

  router.post('/projects/:key/raid', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const item = await ctx.audited(
      'raid-create',
      { projectKey: key },
      async () => {
        await ctx.authorizeProject(pmoRaidCreatePermission, key);
        const input = parseInput(createRaidItemSchema, req.body, 'body');
        // A ref owner receives reminders: it must be a catalog user or
        // group the caller can see. Free text (vendor staff) passes.
        await assertOwnersExist(
          catalog,
          [input.owner],
          await ctx.catalogCredentials(),
        );
        return store.createRaidItem(key, input, await ctx.actor());
      },
      r => ({ projectKey: key, id: r.id, type: r.type }),
    );
    res.status(201).json(item);
  });

  router.patch('/raid/:id', async (req, res) => {
    const ctx = await contextOf(req);
    const id = idParam(req);
    const item = await ctx.audited(
      'raid-update',
      { id },
      async () => {
        const current = await store.getRaidItem(id);
        if (!current) throw new NotFoundError(`RAID item ${id} not found`);
        await ctx.authorizeProject(pmoRaidUpdatePermission, current.projectKey);
        const patch = parseInput(updateRaidItemSchema, req.body, 'body');
        await assertOwnersExist(
          catalog,
          [patch.owner],
          await ctx.catalogCredentials(),
        );
        const type = patch.type ?? current.type;
        if (SCORED_RAID_TYPES.includes(type)) {
          const missing = (['probability', 'impact'] as const).filter(
            f => patch[f] === null || (patch[f] === undefined && !current[f]),
          );
          if (missing.length) {
            throw new InputError(
              `Invalid request: ${missing
                .map(f => `body.${f}: is required for a ${type}`)
                .join('; ')}`,
            );
          }
        }
        return store.updateRaidItem(id, patch, await ctx.actor());
      },
      r => ({ id, projectKey: r.projectKey, version: r.version }),
    );
    res.json(item);
  });

  router.delete('/raid/:id', async (req, res) => {
    const ctx = await contextOf(req);
    const id = idParam(req);
    await ctx.audited('raid-delete', { id }, async () => {
      const current = await store.getRaidItem(id);
      if (!current) throw new NotFoundError(`RAID item ${id} not found`);
      await ctx.authorizeProject(pmoRaidDeletePermission, current.projectKey);
      await store.deleteRaidItem(id, await ctx.actor());
    });
    res.status(204).end();
  });

  // ------------------------------------------------------------ entity links

  router.put(
    '/projects/:key/entities/:kind/:namespace/:name',
    async (req, res) => {
      const ctx = await contextOf(req);
      const key = keyParam(req);
      const entityRef = entityParam(req);
      const created = await ctx.audited(
        'entity-link',
        { key, entityRef, action: 'add' },
        async () => {
          await ctx.authorizeProject(pmoProjectUpdatePermission, key);
          // Checked with the caller's credentials: no links to entities
          // that do not exist or that the caller cannot see.
          const entity = await catalog.getEntityByRef(entityRef, {
            credentials: await ctx.catalogCredentials(),
          });
          if (!entity) {
            throw new NotFoundError(`Entity ${entityRef} not found`);
          }
          return store.addManualLink(key, entityRef, await ctx.actor());
        },
        c => ({ key, entityRef, action: 'add', created: c }),
      );
      res
        .status(created ? 201 : 200)
        .json({ projectKey: key, entityRef, source: 'manual', created });
    },
  );

  router.delete(
    '/projects/:key/entities/:kind/:namespace/:name',
    async (req, res) => {
      const ctx = await contextOf(req);
      const key = keyParam(req);
      const entityRef = entityParam(req);
      await ctx.audited(
        'entity-link',
        { key, entityRef, action: 'remove' },
        async () => {
          await ctx.authorizeProject(pmoProjectUpdatePermission, key);
          const removed = await store.removeManualLink(
            key,
            entityRef,
            await ctx.actor(),
          );
          if (!removed) {
            throw new NotFoundError(
              `Project ${key} has no manual link to ${entityRef} (annotation links are removed by editing the entity's ${PMO_PROJECTS_ANNOTATION} annotation)`,
            );
          }
        },
      );
      res.status(204).end();
    },
  );

  // -------------------------------------------------------- entity summaries

  /**
   * Refreshes the annotation links of one entity from its current catalog
   * state, so that a just-edited annotation shows without waiting for the
   * scheduled sync. The cache avoids a write on every page view.
   */
  async function refreshAnnotation(entityRef: string, raw: string | undefined) {
    const parsed = parseProjectsAnnotation(raw);
    const cacheKey = `annotation:${entityRef}`;
    const value = raw ?? '';
    if (cache && (await cache.get<string>(cacheKey)) === value) return parsed;
    const changed = readCache
      ? await annotationWouldChange(entityRef, parsed)
      : false;
    await store.syncAnnotationLinks(new Map([[entityRef, parsed]]));
    // Only a real change invalidates the read cache: the first view of
    // every entity after the annotation cache expired must not flush it.
    if (changed) await readCache?.bump();
    await cache?.set(cacheKey, value, { ttl: ANNOTATION_CACHE_TTL });
    return parsed;
  }

  /**
   * Whether syncing this annotation changes what summaries show: its
   * annotation links (unknown keys included) or its stored invalid tokens.
   */
  async function annotationWouldChange(
    entityRef: string,
    parsed: { keys: string[]; invalid: string[] },
  ): Promise<boolean> {
    const [current, before] = await Promise.all([
      store.listLinks({ entityRefs: [entityRef] }),
      store.getEntitySummaries([entityRef]),
    ]);
    const linked = new Set(
      current.filter(l => l.source === 'annotation').map(l => l.projectKey),
    );
    const wanted = new Set(parsed.keys);
    if (linked.size !== wanted.size || [...wanted].some(k => !linked.has(k))) {
      return true;
    }
    const stored = before.get(entityRef)?.invalidProjectKeys ?? [];
    const invalid = [...new Set(parsed.invalid)];
    return (
      stored.length !== invalid.length ||
      stored.some((t, i) => t !== invalid[i])
    );
  }

  /**
   * The catalog's answer about an entity, reused for a few seconds per
   * caller (users see the catalog with their own visibility; services read
   * as this plugin). Misses are never cached: a new entity shows at once.
   */
  async function lookupEntity(
    ctx: PmoRequestContext,
    entityRef: string,
  ): Promise<
    { ref: string; annotation?: string; lifecycle?: string } | undefined
  > {
    const { principal } = ctx.credentials;
    const who =
      principal.type === 'user'
        ? (principal as { userEntityRef: string }).userEntityRef
        : 'service';
    const cacheKey = `entity-lookup:${who}:${entityRef}`;
    const hit = await cache?.get<{
      ref: string;
      annotation?: string;
      lifecycle?: string;
    }>(cacheKey);
    if (hit) return hit;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await ctx.catalogCredentials(),
    });
    if (!entity) return undefined;
    const found = {
      ref: entityRefOf(entity),
      ...(entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION] !== undefined
        ? {
            annotation: entity.metadata.annotations[PMO_PROJECTS_ANNOTATION],
          }
        : {}),
      ...(lifecycleOf(entity) !== undefined
        ? { lifecycle: lifecycleOf(entity) }
        : {}),
    };
    await cache?.set(cacheKey, found, { ttl: ENTITY_LOOKUP_TTL });
    return found;
  }

  /**
   * Store summaries as JSON text, through the read cache: one entry per
   * entity ref (a batch reuses what single views and other batches
   * computed). Kept as text so that a hit is sent without being parsed and
   * serialized again. Refs without a summary are absent from the map.
   */
  async function entitySummariesJson(
    refs: string[],
    access: ProjectAccessFilter | undefined,
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (!readCache) {
      const fresh = await store.getEntitySummaries(refs, access);
      for (const [ref, summary] of fresh) {
        result.set(ref, JSON.stringify(summary));
      }
      return result;
    }
    const generation = await readCache.generation();
    // Milestone briefs count days from today.
    const today = toIsoDate(now());
    const accessKey = (access ?? null) as unknown as JsonValue;
    const keys = new Map(
      refs.map(ref => [
        ref,
        readCache.key(generation, 'summary', [today, ref, accessKey]),
      ]),
    );
    const hits = await Promise.all(
      refs.map(ref => readCache.get<string>(keys.get(ref)!)),
    );
    const missing: string[] = [];
    refs.forEach((ref, i) => {
      const hit = hits[i];
      if (hit === undefined) missing.push(ref);
      else if (hit !== 'null') result.set(ref, hit);
    });
    if (missing.length > 0) {
      const fresh = await store.getEntitySummaries(missing, access);
      await Promise.all(
        missing.map(ref => {
          const summary = fresh.get(ref);
          const text = summary ? JSON.stringify(summary) : 'null';
          if (summary) result.set(ref, text);
          return readCache.set(keys.get(ref)!, text);
        }),
      );
    }
    return result;
  }

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const ctx = await contextOf(req);
    const entityRef = entityParam(req);
    const entity = await lookupEntity(ctx, entityRef);
    let invalid: string[] | undefined;
    if (entity) {
      invalid = (await refreshAnnotation(entity.ref, entity.annotation))
        .invalid;
    } else {
      const existing = await store.listLinks({ entityRefs: [entityRef] });
      if (existing.length === 0) {
        throw new NotFoundError(`Entity ${entityRef} not found`);
      }
    }
    const [access, mayRead] = await Promise.all([
      ctx.readAccess(),
      mayReadTransitions(ctx),
    ]);
    // Only for an entity the caller can see in the catalog.
    const withTransition = mayRead && entity !== undefined;
    const build = async (): Promise<string> => {
      // The lifecycle is known only for an entity the catalog returned.
      const transition = withTransition
        ? (
            await transitions!.getTransitionBriefs(
              [entityRef],
              entity ? new Map([[entityRef, entity.lifecycle]]) : undefined,
            )
          ).get(entityRef)
        : undefined;
      let summary: EntitySummary = emptySummary(entityRef);
      if (access.result !== 'deny') {
        const stored = (
          await entitySummariesJson([entityRef], access.access)
        ).get(entityRef);
        if (stored) summary = JSON.parse(stored);
      }
      return JSON.stringify({
        ...summary,
        ...(invalid ? { invalidProjectKeys: invalid } : {}),
        ...(transition ? { transition } : {}),
      });
    };
    // The whole body is cached: everything it depends on is in the key
    // (PMO and transition data through the generation, the catalog's
    // answer and the caller's permissions explicitly).
    const body = readCache
      ? await readCache.wrap(
          'entity-summary',
          [
            toIsoDate(now()),
            entityRef,
            access as unknown as JsonValue,
            withTransition,
            invalid ?? null,
            entity ? entity.lifecycle ?? '' : null,
          ],
          build,
        )
      : await build();
    res.type('application/json').send(body);
  });

  /**
   * Transition briefs of many entities: one transition query, then one
   * catalog call for the lifecycles of those that have a transition.
   */
  async function transitionBriefs(
    ctx: PmoRequestContext,
    entityRefs: string[],
  ): Promise<Map<string, TransitionBrief>> {
    if (!(await mayReadTransitions(ctx))) return new Map();
    const briefs = await transitions!.getTransitionBriefs(entityRefs);
    if (briefs.size === 0) return briefs;
    const refs = [...briefs.keys()];
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: LIFECYCLE_FIELDS },
      { credentials: await ctx.catalogCredentials() },
    );
    refs.forEach((ref, i) => {
      const entity = items[i];
      // The transition of an entity the caller cannot see in the catalog
      // is not shown (its state and tier would reveal the entity).
      if (!entity) {
        briefs.delete(ref);
        return;
      }
      const brief = briefs.get(ref)!;
      briefs.set(ref, {
        ...brief,
        mismatch: lifecycleMismatch(lifecycleOf(entity), brief.state),
      });
    });
    return briefs;
  }

  router.post('/entities/summaries', async (req, res) => {
    const ctx = await contextOf(req);
    const { entityRefs } = parseInput(summariesBodySchema, req.body, 'body');
    const refs = [...new Set(entityRefs)];
    const [access, briefs] = await Promise.all([
      ctx.readAccess(),
      transitionBriefs(ctx, refs),
    ]);
    // Assembled from the JSON of each summary (see entitySummariesJson).
    const build = async () => {
      const summaries =
        access.result === 'deny'
          ? new Map<string, string>()
          : await entitySummariesJson(refs, access.access);
      const items = entityRefs.map(ref => {
        const transition = briefs.get(ref);
        const summary = summaries.get(ref);
        if (!transition) return summary ?? 'null';
        // A transition alone is something attached to the entity.
        return JSON.stringify({
          ...(summary ? JSON.parse(summary) : emptySummary(ref)),
          transition,
        });
      });
      return `{"items":[${items.join(',')}]}`;
    };
    // A page asks for the same list again and again: without transitions
    // (their lifecycle check reads the catalog), the whole answer is cached.
    const body =
      readCache && briefs.size === 0
        ? await readCache.wrap(
            'summaries',
            [toIsoDate(now()), access as unknown as JsonValue, entityRefs],
            build,
          )
        : await build();
    res.type('application/json').send(body);
  });

  // -------------------------------------------------------------- portfolio

  router.get('/portfolio', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(portfolioQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json(emptyPortfolio());
      return;
    }
    const entityRefs = query.system
      ? await systemMembers(query.system, ctx)
      : undefined;
    const filter = { owner: query.owner, entityRefs, access: access.access };
    // JSON text of the roll-up without its transitions (computed live
    // below), cached as text: a hit is sent without a parse and serialize.
    const rollUp = async () =>
      JSON.stringify({
        ...(await store.getPortfolio(filter)),
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
    res
      .type('application/json')
      .send(
        `${portfolio.slice(0, -1)},"transitions":${JSON.stringify(
          transitionRollUp,
        )}}`,
      );
  });

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
    const result = emptyTransitions();
    if (!(await mayReadTransitions(ctx))) return result;
    const states = await transitions!.listStates(entityRefs);
    if (states.length === 0) return result;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: states.map(t => t.entityRef), fields: LIFECYCLE_FIELDS },
      { credentials: await ctx.catalogCredentials() },
    );
    const mismatches: TransitionMismatch[] = [];
    states.forEach(({ entityRef, state }, i) => {
      // Counted like the list: only entities the caller can see.
      if (!items[i]) return;
      result.byState[state] += 1;
      const lifecycle = lifecycleOf(items[i]);
      if (!lifecycle || !lifecycleMismatch(lifecycle, state)) return;
      mismatches.push({
        entityRef,
        state,
        lifecycle,
        reason: mismatchReason(lifecycle, state),
      });
    });
    result.mismatches = mismatches.slice(0, MAX_PORTFOLIO_MISMATCHES);
    return result;
  }

  return router;
}
