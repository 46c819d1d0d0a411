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

import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HEALTH_VALUES,
  pmoSnapshotCreatePermission,
  type Health,
  type Snapshot,
  type SnapshotProjectsPage,
  type Trends,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type { LinkStore, ProjectAccessFilter } from '../../database/PmoStore';
import { statusReportCsv } from '../../snapshots/reportCsv';
import { statusReportMarkdown } from '../../snapshots/reportMarkdown';
import type {
  SnapshotProjectFilter,
  SnapshotStore,
} from '../../snapshots/SnapshotStore';
import type { PmoRequestContext } from '../context';
import { systemMemberRefs } from '../requestHelpers';
import { parseInput } from '../request/parse';
import {
  createSnapshotBodySchema,
  listSnapshotsQuerySchema,
  reportFormatSchema,
  reportQuerySchema,
  snapshotIdSchema,
  snapshotProjectsQuerySchema,
  trendsQuerySchema,
} from '../request/snapshots';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface SnapshotRoutesOptions extends RouteOptions {
  snapshots: SnapshotStore;
  /** Only `listLinks`: the System filter uses today's project links. */
  links: Pick<LinkStore, 'listLinks'>;
  catalog: CatalogService;
  /** For tests. */
  now?: () => Date;
}

/** Projects in one report; the Markdown page shows the worst of them. */
const MAX_REPORT_PROJECTS = 5000;

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
export function registerSnapshotRoutes(
  router: PmoRouter,
  options: SnapshotRoutesOptions,
) {
  const { snapshots: store, links, contextOf, catalog } = options;
  const now = options.now ?? (() => new Date());

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
    const found = await links.listLinks({
      entityRefs: await systemMemberRefs(
        catalog,
        systemRef,
        await ctx.catalogCredentials(),
      ),
    });
    return [...new Set(found.map(l => l.projectKey))];
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
    const query = parseInput(listSnapshotsQuerySchema, req.query, 'query');
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
          createSnapshotBodySchema,
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
      snapshotProjectsQuerySchema,
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
      limit,
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
    const since = new Date(
      now().getTime() - query.weeks * 7 * 86_400_000,
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
    const format = parseInput(
      reportFormatSchema,
      req.params.format,
      'params.format',
    );
    const {
      snapshot: snapshotId,
      project,
      system,
      ...filter
    } = parseInput(reportQuerySchema, req.query, 'query');
    const access = await ctx.requireReadFilter();
    const [snapshot] = await visible(
      [await requireSnapshot(snapshotId ?? 'latest')],
      access,
    );
    const projectFilter: SnapshotProjectFilter = { ...filter, access };
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
