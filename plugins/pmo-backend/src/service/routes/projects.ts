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

import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  computedHealthAfterPatch,
  computedHealthOfNewProject,
  pmoProjectCreatePermission,
  pmoProjectDeletePermission,
  pmoProjectUpdatePermission,
  type HealthThresholds,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type {
  HistoryStore,
  MilestoneStore,
  ProjectStore,
  RaidStore,
} from '../../database/PmoStore';
import { ExternalLinkResolver } from '../externalLinks';
import { systemMemberRefs } from '../requestHelpers';
import { emptyPage } from '../request/lists';
import { parseInput } from '../request/parse';
import {
  createProjectSchema,
  historyQuerySchema,
  listProjectsQuerySchema,
  requireHealthReason,
  updateProjectSchema,
} from '../request/projects';
import { keyParam, requireNewProjectKey } from '../request/refs';
import { projectWrite } from './writes';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface ProjectRoutesOptions extends RouteOptions {
  projects: ProjectStore;
  /** The plan and the RAID log of a project, for its health after a patch. */
  milestones: Pick<MilestoneStore, 'listMilestones'>;
  raid: Pick<RaidStore, 'listRaidItems'>;
  history: HistoryStore;
  /** Members of a System (`GET /projects?system=`). */
  catalog: CatalogService;
  externalLinks?: ExternalLinkResolver;
  thresholds?: HealthThresholds;
  /** For tests. */
  now?: () => Date;
}

/**
 * Projects: `GET|POST /projects`, `GET|PATCH|DELETE /projects/:key` and
 * `GET /projects/:key/history`. A declared health that differs from the
 * computed one (now, or once the patch is applied) needs a reason.
 * @internal
 */
export function registerProjectRoutes(
  router: PmoRouter,
  options: ProjectRoutesOptions,
) {
  const { projects, milestones, raid, history, contextOf, catalog } = options;
  const links = options.externalLinks ?? new ExternalLinkResolver({});
  const thresholds = options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS;
  const now = options.now ?? (() => new Date());
  const decorate = (p: ProjectWithHealth) => links.decorate(p);

  /** Computed health of an existing project once the patch is applied. */
  async function computedAfterPatch(
    current: ProjectWithHealth,
    patch: { phase?: ProjectWithHealth['phase'] },
  ) {
    const [plan, log] = await Promise.all([
      milestones.listMilestones(current.key),
      raid.listRaidItems(current.key),
    ]);
    return computedHealthAfterPatch({
      project: current,
      phase: patch.phase,
      milestones: plan,
      raid: log,
      thresholds,
      now: now(),
    });
  }

  router.get('/projects', async (req, res) => {
    const ctx = await contextOf(req);
    const { system, ...query } = parseInput(
      listProjectsQuerySchema,
      req.query,
      'query',
    );
    const page = await ctx.readFiltered(
      emptyPage<ProjectWithHealth>(),
      async access =>
        projects.listProjects({
          ...query,
          ...(system
            ? {
                entityRefs: await systemMemberRefs(
                  catalog,
                  system,
                  await ctx.catalogCredentials(),
                ),
              }
            : {}),
          access,
        }),
    );
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
        requireNewProjectKey(input.key, options.keyRule);
        requireHealthReason(
          input.declaredHealth,
          computedHealthOfNewProject(input.phase, thresholds, now()),
        );
        return projects.createProject(input, await ctx.actor());
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
    const project = await projectWrite(
      contextOf,
      req,
      {
        eventId: 'project-update',
        permission: pmoProjectUpdatePermission,
        meta: key => ({ key }),
      },
      async (ctx, key, current) => {
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
          requireHealthReason(
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
        return projects.updateProject(key, patch, await ctx.actor());
      },
      p => ({ key: p.key, version: p.version }),
    );
    res.json(decorate(project));
  });

  router.delete('/projects/:key', async (req, res) => {
    await projectWrite(
      contextOf,
      req,
      {
        eventId: 'project-delete',
        permission: pmoProjectDeletePermission,
        meta: key => ({ key }),
      },
      async (ctx, key) => projects.deleteProject(key, await ctx.actor()),
    );
    res.status(204).end();
  });

  router.get('/projects/:key/history', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    await ctx.readableProject(key);
    res.json(await history.listHistory(key, query));
  });
}
