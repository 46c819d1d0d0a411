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

import {
  effectiveHealth,
  SEARCH_PROJECTS_DEFAULT_LIMIT,
  SEARCH_PROJECTS_MAX_LIMIT,
  type ProjectKeysResponse,
  type SearchProject,
  type SearchProjectsPage,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import { z } from 'zod';
import type { LinkStore, ProjectStore } from '../../database/PmoStore';
import { cursorParam, limitParam } from '../request/lists';
import { parseInput } from '../request/parse';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface KeyRoutesOptions extends RouteOptions {
  projects: Pick<ProjectStore, 'listProjects'>;
  /** The entities linked to each project of a search page. */
  links: Pick<LinkStore, 'listLinks'>;
  /** Store page size behind `GET /project-keys`; for tests. */
  keysPageSize?: number;
}

/**
 * Page size of the store reads behind `GET /project-keys`: large, since a
 * row is small and every page costs a count and a select.
 */
const KEYS_PAGE_SIZE = 2000;

const searchQuerySchema = z
  .object({
    limit: limitParam(SEARCH_PROJECTS_MAX_LIMIT, SEARCH_PROJECTS_DEFAULT_LIMIT),
    cursor: cursorParam,
  })
  .strict();

/**
 * Bulk read routes for other backends, mounted into `/api/pmo`:
 *
 * - `GET /project-keys`: every readable project key, for the catalog
 *   processor that reports unknown keys in `pmo/projects`.
 * - `GET /search/projects`: pages of projects with their linked entity refs,
 *   for the search collator (one store page and one link query per page,
 *   never a request per project).
 *
 * Both apply `pmo.project.read` with its conditional filter like the lists
 * do, but a DENY is a 403 rather than an empty list: an empty key set would
 * make the catalog report every key as unknown, and an empty collation would
 * wipe the search index.
 * @internal
 */
export function registerKeyRoutes(
  router: PmoRouter,
  options: KeyRoutesOptions,
) {
  const { projects, links, contextOf } = options;
  const keysPageSize = options.keysPageSize ?? KEYS_PAGE_SIZE;

  router.get('/project-keys', async (req, res) => {
    const ctx = await contextOf(req);
    parseInput(z.object({}).strict(), req.query, 'query');
    const access = await ctx.requireReadFilter();
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await projects.listProjects({
        orderBy: 'key',
        limit: keysPageSize,
        cursor,
        access,
      });
      keys.push(...page.items.map(p => p.key));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const body: ProjectKeysResponse = { keys };
    res.json(body);
  });

  router.get('/search/projects', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(searchQuerySchema, req.query, 'query');
    const access = await ctx.requireReadFilter();
    const page = await projects.listProjects({
      orderBy: 'key',
      limit: query.limit,
      cursor: query.cursor,
      access,
    });
    const refsByKey = new Map<string, Set<string>>();
    if (page.items.length > 0) {
      const linked = await links.listLinks({
        projectKeys: page.items.map(p => p.key),
      });
      for (const link of linked) {
        const refs = refsByKey.get(link.projectKey) ?? new Set<string>();
        refs.add(link.entityRef);
        refsByKey.set(link.projectKey, refs);
      }
    }
    const items = page.items.map(
      (p): SearchProject => ({
        key: p.key,
        title: p.title,
        ...(p.description ? { description: p.description } : {}),
        phase: p.phase,
        health: effectiveHealth(
          p.declaredHealth?.status,
          p.computedHealth.status,
        ),
        owner: p.owner,
        entityRefs: [...(refsByKey.get(p.key) ?? [])].sort(),
      }),
    );
    const body: SearchProjectsPage = { items, pageInfo: page.pageInfo };
    res.json(body);
  });
}
