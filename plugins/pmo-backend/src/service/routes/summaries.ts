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
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonValue } from '@backstage/types';
import {
  PMO_PROJECTS_ANNOTATION,
  RAID_TYPES,
  lifecycleOf,
  parseProjectsAnnotation,
  pmoTransitionReadPermission,
  toIsoDate,
  type EntitySummary,
  type RaidCounts,
  type TransitionBrief,
} from '@infra-pmo/plugin-pmo-common';
import type { Response as ExpressResponse } from 'express';
import { sendJsonText, type PmoRouter } from '../../schema/typedRouter';
import type {
  LinkStore,
  ProjectAccessFilter,
  SummaryQueries,
} from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import type { PmoRequestContext } from '../context';
import type { PmoReadCache } from '../readCache';
import { parseInput } from '../request/parse';
import { entityParam, entityRefOf, summariesBodySchema } from '../request/refs';
import { getTransitionBriefs } from '../transitionVisibility';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface SummaryRoutesOptions extends RouteOptions {
  /** Annotation links, refreshed from the catalog on a single view. */
  links: Pick<LinkStore, 'listLinks' | 'syncAnnotationLinks'>;
  summaries: Pick<SummaryQueries, 'getEntitySummaries'>;
  /** Run transitions, shown with `pmo.transition.read`. */
  transitions: Pick<TransitionStore, 'getTransitionBriefs'>;
  catalog: CatalogService;
  /** Dedupes the on-demand annotation refresh and the entity lookups. */
  cache?: CacheService;
  /** Caches summaries until the next write; without it, no caching. */
  readCache?: PmoReadCache;
  /** For tests. */
  now?: () => Date;
}

const ANNOTATION_CACHE_TTL = { minutes: 10 };
/**
 * How long an entity page reuses the catalog's answer about its entity
 * (existence, annotation, lifecycle). Far below the catalog's own
 * processing delay after an edit, and it saves a catalog round trip per view.
 */
const ENTITY_LOOKUP_TTL = { seconds: 30 };

/** What an entity page needs from the catalog about its entity. */
type EntityLookup = { ref: string; annotation?: string; lifecycle?: string };

/** The summary of an entity with nothing attached (or nothing readable). */
function emptySummary(
  entityRef: string,
  invalid: string[] = [],
): EntitySummary {
  return {
    entityRef,
    projects: [],
    openRaid: Object.fromEntries(RAID_TYPES.map(t => [t, 0])) as RaidCounts,
    unknownProjectKeys: [],
    invalidProjectKeys: invalid,
  };
}

/**
 * What the PMO knows about catalog entities:
 * `GET /entities/:kind/:namespace/:name/summary` (one entity page) and
 * `POST /entities/summaries` (a batch, for lists of entities). Both read
 * through the read cache and add the run transition when the caller may
 * read transitions and see the entity.
 * @internal
 */
export function registerSummaryRoutes(
  router: PmoRouter,
  options: SummaryRoutesOptions,
) {
  const { links, summaries, transitions, contextOf, catalog } = options;
  const { cache, readCache } = options;
  const now = options.now ?? (() => new Date());

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
    await links.syncAnnotationLinks(new Map([[entityRef, parsed]]));
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
      links.listLinks({ entityRefs: [entityRef] }),
      summaries.getEntitySummaries([entityRef]),
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
  ): Promise<EntityLookup | undefined> {
    const { principal } = ctx.credentials;
    const who =
      principal.type === 'user'
        ? (principal as { userEntityRef: string }).userEntityRef
        : 'service';
    const cacheKey = `entity-lookup:${who}:${entityRef}`;
    const hit = await cache?.get<EntityLookup>(cacheKey);
    if (hit) return hit;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await ctx.catalogCredentials(),
    });
    if (!entity) return undefined;
    const annotation = entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION];
    const lifecycle = lifecycleOf(entity);
    const found: EntityLookup = {
      ref: entityRefOf(entity),
      ...(annotation !== undefined ? { annotation } : {}),
      ...(lifecycle !== undefined ? { lifecycle } : {}),
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
      const fresh = await summaries.getEntitySummaries(refs, access);
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
      const fresh = await summaries.getEntitySummaries(missing, access);
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

  /**
   * Transition briefs of many entities, only with `pmo.transition.read`:
   * one transition query, then one catalog call for the lifecycles of
   * those that have a transition (entities the caller cannot see are left
   * out: their state and tier would reveal them).
   */
  async function transitionBriefs(
    ctx: PmoRequestContext,
    entityRefs: string[],
  ): Promise<Map<string, TransitionBrief>> {
    if (!(await ctx.allows(pmoTransitionReadPermission))) return new Map();
    return getTransitionBriefs(transitions, entityRefs, {
      catalog,
      credentials: await ctx.catalogCredentials(),
    });
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
      const existing = await links.listLinks({ entityRefs: [entityRef] });
      if (existing.length === 0) {
        throw new NotFoundError(`Entity ${entityRef} not found`);
      }
    }
    const [access, mayRead] = await Promise.all([
      ctx.readAccess(),
      ctx.allows(pmoTransitionReadPermission),
    ]);
    // Only for an entity the caller can see in the catalog, whose
    // lifecycle the catalog just returned.
    const lifecycles =
      mayRead && entity ? new Map([[entityRef, entity.lifecycle]]) : undefined;
    const build = async (): Promise<string> => {
      const transition = lifecycles
        ? (
            await getTransitionBriefs(transitions, [entityRef], {
              lifecycles,
            })
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
            lifecycles !== undefined,
            invalid ?? null,
            entity ? entity.lifecycle ?? '' : null,
          ],
          build,
        )
      : await build();
    sendJsonText(res as unknown as ExpressResponse, body);
  });

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
      const found =
        access.result === 'deny'
          ? new Map<string, string>()
          : await entitySummariesJson(refs, access.access);
      const items = entityRefs.map(ref => {
        const transition = briefs.get(ref);
        const summary = found.get(ref);
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
    sendJsonText(res as unknown as ExpressResponse, body);
  });
}
