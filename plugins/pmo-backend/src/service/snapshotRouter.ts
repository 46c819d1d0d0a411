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

import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HEALTH_VALUES,
  PROJECT_PHASES,
  pmoProjectReadPermission,
  pmoSnapshotCreatePermission,
  type Health,
  type Snapshot,
  type SnapshotProjectsPage,
  type Trends,
} from '@infra-pmo/plugin-pmo-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { PmoStore, ProjectAccessFilter } from '../database/PmoStore';
import type { PmoRequestContext, RequestContextFactory } from './context';
import { statusReportCsv, statusReportMarkdown } from '../snapshots/report';
import type {
  SnapshotProjectFilter,
  SnapshotStore,
} from '../snapshots/SnapshotStore';
import { systemMemberRefs } from './requestHelpers';
import {
  entityRefSchema,
  list,
  parseInput,
  projectKeySchema,
  single,
  systemRefSchema,
} from './validation';

/** @internal */
export interface SnapshotRouterOptions {
  store: SnapshotStore;
  /** Only `listLinks`: the System filter uses today's project links. */
  pmoStore: Pick<PmoStore, 'listLinks'>;
  /** The one decision point: credentials, permissions, actor, audit. */
  contextOf: RequestContextFactory;
  catalog: CatalogService;
  /** For tests. */
  now?: () => Date;
}

const DEFAULT_WEEKS = 26;
const MAX_WEEKS = 104;
const MAX_PAGE = 200;
/** Projects in one report; the Markdown page shows the worst of them. */
const MAX_REPORT_PROJECTS = 5000;

const intParam = (min: number, max: number) =>
  single(
    z
      .string()
      .regex(/^\d+$/, `must be an integer between ${min} and ${max}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `must be an integer between ${min} and ${max}`)
          .max(max, `must be an integer between ${min} and ${max}`),
      ),
  );

/** A snapshot id or `latest`. */
const snapshotIdSchema = z
  .string()
  .regex(/^(latest|[1-9]\d{0,9})$/, 'must be a snapshot id or latest')
  .transform(v => (v === 'latest' ? ('latest' as const) : Number(v)));

const portfolioFilters = {
  owner: list(entityRefSchema('group')).optional(),
  phase: list(z.enum(PROJECT_PHASES)).optional(),
  health: list(z.enum(HEALTH_VALUES)).optional(),
  system: systemRefSchema.optional(),
};

const listQuerySchema = z
  .object({ limit: intParam(1, 500).optional() })
  .strict();

const asOfQuerySchema = z
  .object({
    ...portfolioFilters,
    limit: intParam(1, MAX_PAGE).optional(),
    cursor: single(z.string().min(1).max(2000)).optional(),
  })
  .strict();

const trendsQuerySchema = z
  .object({
    weeks: intParam(1, MAX_WEEKS).optional(),
    owner: portfolioFilters.owner,
    system: portfolioFilters.system,
  })
  .strict();

const reportQuerySchema = z
  .object({
    ...portfolioFilters,
    snapshot: single(snapshotIdSchema).optional(),
    project: single(projectKeySchema).optional(),
  })
  .strict();

const formatSchema = z.enum(['md', 'csv'], {
  errorMap: () => ({ message: 'must be md or csv' }),
});

const createBodySchema = z.object({}).strict().optional();

function emptyByHealth(): Record<Health, number> {
  return Object.fromEntries(HEALTH_VALUES.map(h => [h, 0])) as Record<
    Health,
    number
  >;
}

/**
 * Snapshots, trends and status reports: `/snapshots`, `/trends` and
 * `/reports/status.{md,csv}`. Reading needs `pmo.project.read`, whose
 * conditional decision filters the snapshot rows in SQL against the project
 * as it was in the snapshot (owner, phase, key); taking a manual snapshot
 * needs `pmo.snapshot.create`. Nothing updates or deletes a snapshot.
 * @internal
 */
export function createSnapshotRouter(
  options: SnapshotRouterOptions,
): express.Router {
  const { store, pmoStore, contextOf, catalog } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  router.use(express.json({ limit: '10kb' }));

  /**
   * A snapshot's project count is of the whole portfolio; a caller who
   * reads only some projects sees the count of those.
   */
  async function visible(
    snapshots: Snapshot[],
    access: ProjectAccessFilter | undefined,
  ): Promise<Snapshot[]> {
    if (!access || snapshots.length === 0) return snapshots;
    const counts = await store.countSnapshotProjects(
      snapshots.map(x => x.id),
      access,
    );
    return snapshots.map(x => ({ ...x, projectCount: counts.get(x.id) ?? 0 }));
  }

  /** Keys of the projects linked today to the System or its members. */
  async function systemProjectKeys(
    systemRef: string,
    ctx: PmoRequestContext,
  ): Promise<string[]> {
    const links = await pmoStore.listLinks({
      entityRefs: await systemMemberRefs(
        catalog,
        systemRef,
        await ctx.catalogCredentials(),
      ),
    });
    return [...new Set(links.map(l => l.projectKey))];
  }

  async function requireSnapshot(id: number | 'latest'): Promise<Snapshot> {
    const snapshot = await store.getSnapshot(id);
    if (!snapshot) {
      throw new NotFoundError(
        id === 'latest'
          ? 'No snapshot has been taken yet'
          : `Snapshot ${id} not found`,
      );
    }
    return snapshot;
  }

  router.get('/snapshots', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(listQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      res.json({ items: [] });
      return;
    }
    res.json({
      items: await visible(
        await store.listSnapshots({ limit: query.limit }),
        access.access,
      ),
    });
  });

  router.post('/snapshots', async (req, res) => {
    const ctx = await contextOf(req);
    const { snapshot } = await ctx.audited(
      'snapshot-create',
      { kind: 'manual' },
      async () => {
        await ctx.authorize(pmoSnapshotCreatePermission);
        parseInput(
          createBodySchema,
          req.body && Object.keys(req.body).length ? req.body : undefined,
          'body',
        );
        const actor = await ctx.actor();
        return store.takeSnapshot({ kind: 'manual', actor: actor.ref });
      },
      result => ({
        snapshotId: result.snapshot.id,
        period: result.snapshot.period,
        projectCount: result.snapshot.projectCount,
      }),
    );
    res.status(201).json(snapshot);
  });

  router.get('/snapshots/:id/projects', async (req, res) => {
    const ctx = await contextOf(req);
    const id = parseInput(snapshotIdSchema, req.params.id, 'params.id');
    const { system, limit, cursor, ...filter } = parseInput(
      asOfQuerySchema,
      req.query,
      'query',
    );
    const access = await ctx.readAccess();
    const [snapshot] = await visible(
      [await requireSnapshot(id)],
      access.result === 'allow' ? access.access : undefined,
    );
    if (access.result === 'deny') {
      const empty: SnapshotProjectsPage = {
        snapshot,
        items: [],
        totalItems: 0,
        pageInfo: {},
        byHealth: emptyByHealth(),
        watermelons: 0,
      };
      res.json(empty);
      return;
    }
    const page = await store.listSnapshotProjects(snapshot, {
      ...filter,
      ...(system ? { projectKeys: await systemProjectKeys(system, ctx) } : {}),
      access: access.access,
      limit: limit ?? 50,
      cursor,
    });
    const body: SnapshotProjectsPage = { snapshot, ...page };
    res.json(body);
  });

  router.get('/trends', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(trendsQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      const empty: Trends = { points: [] };
      res.json(empty);
      return;
    }
    const weeks = query.weeks ?? DEFAULT_WEEKS;
    const since = new Date(
      now().getTime() - weeks * 7 * 86_400_000,
    ).toISOString();
    const points = await store.trends({
      since,
      owner: query.owner,
      ...(query.system
        ? { projectKeys: await systemProjectKeys(query.system, ctx) }
        : {}),
      access: access.access,
    });
    const body: Trends = { points };
    res.json(body);
  });

  router.get('/reports/status.:format', async (req, res) => {
    const ctx = await contextOf(req);
    const format = parseInput(formatSchema, req.params.format, 'params.format');
    const {
      snapshot: snapshotId,
      project,
      system,
      ...filter
    } = parseInput(reportQuerySchema, req.query, 'query');
    const access = await ctx.readAccess();
    if (access.result === 'deny') {
      throw new NotAllowedError(
        `Not allowed: ${pmoProjectReadPermission.name}`,
      );
    }
    const [snapshot] = await visible(
      [await requireSnapshot(snapshotId ?? 'latest')],
      access.access,
    );
    const projectFilter: SnapshotProjectFilter = {
      ...filter,
      access: access.access,
    };
    if (project) projectFilter.projectKeys = [project];
    if (system) {
      const keys = await systemProjectKeys(system, ctx);
      projectFilter.projectKeys = project
        ? keys.filter(k => k === project)
        : keys;
    }
    const { items, totalItems } = await store.reportProjects(snapshot.id, {
      ...projectFilter,
      limit: MAX_REPORT_PROJECTS,
    });
    if (project && items.length === 0) {
      // Hidden and absent look the same.
      throw new NotFoundError(
        `Project ${project} is not in snapshot ${snapshot.id}`,
      );
    }
    const scope = describeScope({ project, system, ...filter });
    const input = {
      snapshot,
      projects: items,
      totalProjects: totalItems,
      scope,
      single: Boolean(project),
    };
    await ctx.audited(
      'status-report',
      { snapshotId: snapshot.id, format, projects: items.length },
      async () => undefined,
    );
    const name = `pmo-status-${snapshot.period}${project ? `-${project}` : ''}`;
    if (format === 'md') {
      res
        .status(200)
        .type('text/markdown; charset=utf-8')
        .attachment(`${name}.md`)
        .send(statusReportMarkdown(input));
    } else {
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .attachment(`${name}.csv`)
        .send(statusReportCsv(input));
    }
  });

  return router;
}

function describeScope(filter: {
  project?: string;
  system?: string;
  owner?: string[];
  phase?: string[];
  health?: string[];
}): string {
  const parts: string[] = [];
  if (filter.project) parts.push(`project ${filter.project}`);
  if (filter.system) parts.push(`system ${filter.system}`);
  if (filter.owner) parts.push(`owner ${filter.owner.join(', ')}`);
  if (filter.phase) parts.push(`phase ${filter.phase.join(', ')}`);
  if (filter.health) parts.push(`health ${filter.health.join(', ')}`);
  return parts.length ? parts.join('; ') : 'all projects';
}
