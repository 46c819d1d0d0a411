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
import {
  normalizeProjectKey,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { TransferStore } from '../../database/PmoStore';
import type { PmoRequestContext } from '../context';
import type { ImportRows } from '../importRows';
import type { MspdiPlan } from './mspdi';

/*
 * Plans from planning tools (MS Project) become ordinary import rows, which
 * the one import pipeline validates, authorizes row by row and applies all
 * or nothing (importPlan.ts, DatabaseTransferStore.importBatch).
 *
 * The planning tool is the master of what it exports: a milestone row that
 * names an existing milestone by its external id (and not by `id`) updates
 * it at its current version, and keeps the fields the tool knows nothing of
 * (gate, change record, entity). The store still refuses the write when the
 * milestone changed between this read and the transaction.
 */

/**
 * The import rows of an MSPDI plan for project `projectKey`. A new project
 * is created with the plan's title and dates (and `owner`, which it
 * requires); an existing one (readable by the caller) takes the plan's
 * start and finish dates, keeps its title, and is left out when the dates
 * do not change.
 * @internal
 */
export async function mspdiImportRows(
  plan: MspdiPlan,
  options: {
    projectKey: string;
    owner?: string;
    ctx: Pick<PmoRequestContext, 'readableProject'>;
  },
): Promise<ImportRows> {
  const key = normalizeProjectKey(options.projectKey);
  const current = await options.ctx
    .readableProject(key)
    .catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
  const projects: unknown[] = [];
  const { title, startDate, targetDate } = plan.project;
  if (!current) {
    projects.push({
      key,
      title: title ?? key,
      ...(options.owner ? { owner: options.owner } : {}),
      ...(startDate ? { startDate } : {}),
      ...(targetDate ? { targetDate } : {}),
    });
  } else if (
    (startDate && startDate !== current.startDate) ||
    (targetDate && targetDate !== current.targetDate)
  ) {
    projects.push({
      ...projectRowOf(current),
      ...(startDate ? { startDate } : {}),
      ...(targetDate ? { targetDate } : {}),
    });
  }
  return {
    projects,
    milestones: plan.milestones.map(m => ({ ...m, projectKey: key })),
  };
}

/** An existing project as a complete import row at its version. */
function projectRowOf(p: ProjectWithHealth): Record<string, unknown> {
  const row: Record<string, unknown> = {
    key: p.key,
    title: p.title,
    phase: p.phase,
    methodology: p.methodology,
    owner: p.owner,
    priority: p.priority,
    externalLinks: p.externalLinks.map(({ system, key, url }) =>
      url ? { system, key, url } : { system, key },
    ),
    version: p.version,
  };
  for (const field of [
    'description',
    'sponsor',
    'startDate',
    'targetDate',
    'budget',
  ] as const) {
    if (p[field] !== undefined && p[field] !== null) row[field] = p[field];
  }
  return row;
}

/**
 * Milestone rows with an `externalId` and no `id` get the id, the version
 * and the other fields of the milestone of that external id in their
 * project, when the caller may read the project (a hidden project's
 * milestones stay unknown: the row is then judged like any other).
 * @internal
 */
export async function matchExternalIds(
  rows: unknown[] | undefined,
  deps: {
    transfer: Pick<TransferStore, 'milestonesByExternalId'>;
    ctx: Pick<PmoRequestContext, 'readableKeys'>;
  },
): Promise<unknown[] | undefined> {
  const wanted = new Map<string, string[]>();
  const candidate = (row: unknown) => {
    const r = row as Record<string, unknown> | null;
    if (!r || typeof r !== 'object' || r.id !== undefined) return undefined;
    if (typeof r.externalId !== 'string' || typeof r.projectKey !== 'string') {
      return undefined;
    }
    return {
      key: normalizeProjectKey(r.projectKey),
      externalId: r.externalId.trim(),
    };
  };
  for (const row of rows ?? []) {
    const c = candidate(row);
    if (c) wanted.set(c.key, [...(wanted.get(c.key) ?? []), c.externalId]);
  }
  if (!rows || wanted.size === 0) return rows;
  const readable = await deps.ctx.readableKeys([...wanted.keys()]);
  const existing = new Map<string, Record<string, unknown>>();
  for (const key of readable) {
    for (const m of await deps.transfer.milestonesByExternalId(
      key,
      wanted.get(key)!,
    )) {
      const { createdAt, updatedAt, ...fields } = m;
      existing.set(`${key}\n${m.externalId}`, fields);
    }
  }
  return rows.map(row => {
    const c = candidate(row);
    const match = c && existing.get(`${c.key}\n${c.externalId}`);
    return match ? { ...match, ...(row as object), id: match.id } : row;
  });
}
