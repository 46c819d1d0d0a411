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

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { isIsoDate, type HistoryEntry } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import type { Actor } from './PmoStore';

/**
 * Stay well below the bound-variable limits of SQLite and PostgreSQL
 * (SQLite's default limit is far above this).
 */
const CHUNK_SIZE = 500;

/** @internal */
export function chunks<T>(values: readonly T[], size = CHUNK_SIZE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < values.length; i += size) {
    result.push(values.slice(i, i + size));
  }
  return result;
}

/**
 * Rows grouped by a key they carry, in row order (`into` collects groups
 * across several calls, e.g. one per chunk of a batched query).
 * @internal
 */
export function groupBy<R, T = R>(
  rows: readonly R[],
  keyOf: (row: R) => string,
  map: (row: R) => T = row => row as unknown as T,
  into: Map<string, T[]> = new Map(),
): Map<string, T[]> {
  for (const row of rows) {
    const key = keyOf(row);
    const list = into.get(key) ?? [];
    list.push(map(row));
    into.set(key, list);
  }
  return into;
}

/**
 * Rows of a child table (milestones, RAID items) mapped and grouped by
 * their project, in row order.
 * @internal
 */
export function groupByProject<R extends { project_key: string }, T>(
  rows: readonly R[],
  map: (row: R) => T,
): Map<string, T[]> {
  return groupBy(rows, row => row.project_key, map);
}

/** @internal */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * null → undefined, so that optional fields are omitted.
 * @internal
 */
export function opt<T>(value: T | null | undefined): T | undefined {
  return value === null || value === undefined ? undefined : value;
}

/**
 * Drops keys whose value is undefined, so that results compare cleanly.
 * @internal
 */
export function compact<T extends object>(value: T): T {
  for (const k of Object.keys(value) as Array<keyof T>) {
    if (value[k] === undefined) delete value[k];
  }
  return value;
}

/** @internal */
export function checkDate(field: string, value: string | null | undefined) {
  if (value !== undefined && value !== null && !isIsoDate(value)) {
    throw new InputError(`${field} must be an ISO date (YYYY-MM-DD)`);
  }
}

/**
 * Unique-key violation on PostgreSQL or SQLite.
 * @internal
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/**
 * Field-level changes between two snapshots: field -> [before, after], with
 * absent values as null (JSON has no undefined). Fields are sorted and
 * recorded under `prefix` + field.
 * @internal
 */
export function diffSnapshots(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string = '',
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of [...fields].sort()) {
    const b = before[field] ?? null;
    const a = after[field] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) {
      changes[`${prefix}${field}`] = [b, a];
    }
  }
  return changes;
}

/**
 * Appends one entry to `pmo_history`, at the given ISO timestamp. The row
 * carries the incarnation of its project (`pmo_projects.uid`, read in the
 * same statement), so that a project re-created under a deleted key never
 * shows the history of the deleted one. `projectUid` overrides the lookup
 * (the project row is already gone when its deletion is recorded).
 * @internal
 */
export async function writeHistory(
  trx: Knex.Transaction,
  at: string,
  entry: Omit<HistoryEntry, 'id' | 'at' | 'actor'> & {
    actor: Actor;
    projectUid?: string | null;
  },
): Promise<void> {
  await trx('pmo_history').insert({
    project_key: entry.projectKey,
    project_uid:
      entry.projectUid !== undefined
        ? entry.projectUid
        : trx('pmo_projects').select('uid').where('key', entry.projectKey),
    object_type: entry.objectType,
    object_id: entry.objectId,
    action: entry.action,
    actor: entry.actor.ref,
    at,
    changes: JSON.stringify(entry.changes),
  });
}

/**
 * NotFoundError unless the project exists, inside the write's transaction.
 * @internal
 */
export async function requireProject(
  trx: Knex.Transaction,
  key: string,
): Promise<void> {
  const row = await trx('pmo_projects').where({ key }).first('key');
  if (!row) throw new NotFoundError(`Project '${key}' not found`);
}

/**
 * Optimistic locking: a write based on another version than the stored one
 * is refused.
 * @internal
 */
export function checkVersion(label: string, current: number, given: number) {
  if (current !== given) {
    throw new ConflictError(
      `${label} has version ${current}, but the update is based on version ${given}; reload and retry`,
    );
  }
}

/**
 * The version matched when read, but the guarded UPDATE found another
 * writer had bumped it first.
 * @internal
 */
export function concurrentConflict(label: string, given: number) {
  return new ConflictError(
    `${label} was changed concurrently; version ${given} is no longer current, reload and retry`,
  );
}
