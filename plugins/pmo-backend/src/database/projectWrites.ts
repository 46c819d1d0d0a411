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

import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  CreateProjectRequest,
  UpdateProjectRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { recomputeHealth } from './health';
import {
  checkDate,
  checkVersion,
  concurrentConflict,
  diffSnapshots,
  isUniqueViolation,
  writeHistory,
} from './helpers';
import { mapColumns } from './itemColumns';
import type { Actor } from './PmoStore';
import { projectSnapshot, type RawDbProjectRow } from './rows';
import { isoNow, type WriteOptions } from './storeOptions';

/*
 * Project writes inside the caller's transaction, shared by the project
 * store and the bulk import: each records its history and, unless told
 * otherwise, recomputes the project's health.
 */

/** The project columns written from a create request. @internal */
export function projectCreateColumns(
  input: CreateProjectRequest,
  actor: Actor,
  now: string,
): Partial<RawDbProjectRow> {
  checkDate('startDate', input.startDate);
  checkDate('targetDate', input.targetDate);
  return {
    key: input.key,
    title: input.title,
    description: input.description ?? null,
    phase: input.phase ?? 'intake',
    methodology: input.methodology ?? 'waterfall',
    owner: input.owner,
    sponsor: input.sponsor ?? null,
    start_date: input.startDate ?? null,
    target_date: input.targetDate ?? null,
    budget_planned: input.budget?.planned ?? null,
    budget_actual: input.budget?.actual ?? null,
    budget_currency: input.budget?.currency ?? null,
    priority: input.priority ?? 'medium',
    declared_health: input.declaredHealth?.status ?? null,
    declared_reason: input.declaredHealth?.reason ?? null,
    declared_set_at: input.declaredHealth ? now : null,
    declared_set_by: input.declaredHealth ? actor.ref : null,
    external_links: JSON.stringify(input.externalLinks ?? []),
  };
}

/**
 * The project columns changed by a patch. `undefined` leaves a field as is;
 * `null` clears an optional field (and the declared health).
 * @internal
 */
export function projectPatchColumns(
  patch: Omit<UpdateProjectRequest, 'version'>,
  actor: Actor,
  now: string,
): Partial<RawDbProjectRow> {
  const cols = mapColumns<RawDbProjectRow>(patch, {
    required: [
      ['title', 'title'],
      ['phase', 'phase'],
      ['methodology', 'methodology'],
      ['owner', 'owner'],
      ['priority', 'priority'],
    ],
    optional: [
      ['description', 'description'],
      ['sponsor', 'sponsor'],
      ['startDate', 'start_date', 'date'],
      ['targetDate', 'target_date', 'date'],
    ],
  });
  if (patch.budget !== undefined) {
    const budget = patch.budget as CreateProjectRequest['budget'] | null;
    cols.budget_planned = budget?.planned ?? null;
    cols.budget_actual = budget?.actual ?? null;
    cols.budget_currency = budget?.currency ?? null;
  }
  if (patch.externalLinks !== undefined) {
    cols.external_links = JSON.stringify(patch.externalLinks ?? []);
  }
  if (patch.declaredHealth === null) {
    cols.declared_health = null;
    cols.declared_reason = null;
    cols.declared_set_at = null;
    cols.declared_set_by = null;
  } else if (patch.declaredHealth !== undefined) {
    cols.declared_health = patch.declaredHealth.status;
    cols.declared_reason = patch.declaredHealth.reason ?? null;
    cols.declared_set_at = now;
    cols.declared_set_by = actor.ref;
  }
  return cols;
}

async function readProject(
  trx: Knex.Transaction,
  key: string,
): Promise<RawDbProjectRow | undefined> {
  return trx<RawDbProjectRow>('pmo_projects').where({ key }).first();
}

/**
 * Inserts a project (a new incarnation of its key) with its history; the
 * import recomputes once at the end instead (`recompute: false`).
 * @internal
 */
export async function insertProject(
  trx: Knex.Transaction,
  options: WriteOptions,
  input: CreateProjectRequest,
  actor: Actor,
  recompute = true,
): Promise<RawDbProjectRow> {
  const now = isoNow(options.clock);
  const cols = projectCreateColumns(input, actor, now);
  try {
    await trx('pmo_projects').insert({
      ...cols,
      // This incarnation of the key: its history rows carry it.
      uid: randomUUID(),
      version: 1,
      created_at: now,
      updated_at: now,
      computed_health: 'green',
      computed_reasons: '[]',
      health: 'green',
      computed_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`Project '${input.key}' already exists`);
    }
    throw error;
  }
  const row = (await readProject(trx, input.key))!;
  await writeHistory(trx, isoNow(options.clock), {
    projectKey: input.key,
    objectType: 'project',
    objectId: input.key,
    action: 'create',
    actor,
    changes: diffSnapshots({}, projectSnapshot(row)),
  });
  if (!recompute) return row;
  await recomputeHealth(trx, [input.key], options);
  return (await readProject(trx, input.key))!;
}

/**
 * Optimistic update: the version must match, and the UPDATE repeats the
 * check so that of two concurrent writers with the same version only one
 * changes a row.
 * @internal
 */
export async function updateProjectRow(
  trx: Knex.Transaction,
  options: WriteOptions,
  update: {
    key: string;
    cols: Partial<RawDbProjectRow>;
    version: number;
    actor: Actor;
    recompute?: boolean;
  },
): Promise<RawDbProjectRow> {
  const { key, cols, version, actor, recompute = true } = update;
  const before = await readProject(trx, key);
  if (!before) {
    throw new NotFoundError(`Project '${key}' not found`);
  }
  checkVersion(`Project '${key}'`, Number(before.version), version);
  const updated = await trx('pmo_projects')
    .where({ key, version })
    .update({
      ...cols,
      version: version + 1,
      updated_at: isoNow(options.clock),
    });
  if (updated !== 1) {
    throw concurrentConflict(`Project '${key}'`, version);
  }
  let after = (await readProject(trx, key))!;
  const changes = diffSnapshots(
    projectSnapshot(before),
    projectSnapshot(after),
  );
  if (Object.keys(changes).length > 0) {
    await writeHistory(trx, isoNow(options.clock), {
      projectKey: key,
      objectType: 'project',
      objectId: key,
      action: 'update',
      actor,
      changes,
    });
  }
  if (recompute) {
    await recomputeHealth(trx, [key], options);
    after = (await readProject(trx, key))!;
  }
  return after;
}
