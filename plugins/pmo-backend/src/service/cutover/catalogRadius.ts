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

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  blastRadius,
  type CutoverEntityFacts,
  type RadiusEntry,
} from '@infra-pmo/plugin-pmo-common';
import { chunks } from '../../database/helpers';
import type { PmoReadCache } from '../readCache';

/** `pmo.cutover.maxDepth` when not configured. @internal */
export const DEFAULT_CUTOVER_MAX_DEPTH = 3;
/** The annotation the tier of a service is read from. @internal */
export const SERVICE_TIER_ANNOTATION = 'pmo/service-tier';

/**
 * The part of the catalog's dependency graph around some roots: the
 * dependents (`dependencyOf` targets) of every entity read and the facts
 * of every entity reached. Plain JSON, so that it can be cached.
 * @internal
 */
export interface CatalogGraph {
  dependents: Record<string, string[]>;
  facts: CutoverEntityFacts[];
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The facts the freeze scopes and the tier-1 policy read. */
function factsOf(ref: string, entity: Entity): CutoverEntityFacts {
  const groups = new Set<string>();
  let system: string | undefined;
  for (const relation of entity.relations ?? []) {
    if (relation.type === 'ownedBy') groups.add(lower(relation.targetRef));
    if (
      relation.type === 'partOf' &&
      relation.targetRef.startsWith('system:')
    ) {
      system = lower(relation.targetRef);
    }
  }
  const tier = entity.metadata.annotations?.[SERVICE_TIER_ANNOTATION];
  return {
    ref,
    groups: [...groups].sort(),
    ...(system ? { system } : {}),
    ...(tier ? { tier } : {}),
  };
}

/**
 * The radius of `roots` within a graph read for a superset of them: every
 * entity within `maxDepth` of a root was read when the graph was, so the
 * walk needs no catalog request.
 * @internal
 */
export function radiusIn(
  graph: CatalogGraph,
  roots: readonly string[],
  maxDepth: number,
): Promise<RadiusEntry[]> {
  return blastRadius(
    roots.map(lower),
    async refs =>
      new Map(refs.map(ref => [ref, graph.dependents[ref] ?? []] as const)),
    maxDepth,
  );
}

/**
 * Reads the dependency graph around some roots from the catalog: one
 * `getEntitiesByRefs` per level (in chunks of 500 refs), never a request
 * per entity, with the caller's credentials so that hidden entities stay
 * out of the radius. Cached through the read cache: its generation changes
 * on every write of the plugin (a window moved or added), and entries live
 * a few minutes, which is how a change in the catalog is picked up.
 * @internal
 */
export class CatalogRadiusReader {
  readonly #catalog: CatalogService;
  readonly #readCache?: PmoReadCache;
  readonly maxDepth: number;

  constructor(options: {
    catalog: CatalogService;
    readCache?: PmoReadCache;
    maxDepth?: number;
  }) {
    this.#catalog = options.catalog;
    this.#readCache = options.readCache;
    this.maxDepth = options.maxDepth ?? DEFAULT_CUTOVER_MAX_DEPTH;
  }

  /**
   * The graph around `roots`; `cacheScope` names whose view of the catalog
   * it is (the caller's ref), part of the cache key.
   */
  async graphOf(
    roots: readonly string[],
    credentials: BackstageCredentials,
    cacheScope: string,
  ): Promise<CatalogGraph> {
    const sorted = [...new Set(roots.map(lower))].sort();
    if (sorted.length === 0) return { dependents: {}, facts: [] };
    if (!this.#readCache) return this.#read(sorted, credentials);
    return (await this.#readCache.wrap(
      'cutover-graph',
      [cacheScope, this.maxDepth, sorted],
      async () => (await this.#read(sorted, credentials)) as any,
    )) as unknown as CatalogGraph;
  }

  async #read(
    roots: string[],
    credentials: BackstageCredentials,
  ): Promise<CatalogGraph> {
    const facts = new Map<string, CutoverEntityFacts>();
    const dependents: Record<string, string[]> = {};
    const fetched = new Set<string>();
    const load = async (refs: string[]) => {
      const todo = refs.filter(ref => !fetched.has(ref));
      for (const chunk of chunks(todo, 500)) {
        const { items } = await this.#catalog.getEntitiesByRefs(
          {
            entityRefs: chunk,
            fields: ['kind', 'metadata', 'relations'],
          },
          { credentials },
        );
        chunk.forEach((ref, i) => {
          fetched.add(ref);
          const entity = items[i];
          if (!entity) return;
          facts.set(ref, factsOf(ref, entity));
          dependents[ref] = (entity.relations ?? [])
            .filter(r => r.type === 'dependencyOf')
            .map(r => lower(r.targetRef));
        });
      }
      return new Map(refs.map(ref => [ref, dependents[ref] ?? []] as const));
    };
    const entries = await blastRadius(roots, load, this.maxDepth);
    // The last level's facts (tier, System, owners) for the freeze scopes.
    await load(entries.map(e => e.ref));
    return { dependents, facts: [...facts.values()] };
  }
}
