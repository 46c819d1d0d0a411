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

// "Changes nothing", read from the database itself: every row of every
// pmo_* table (projects, milestones, RAID, links, transitions, items,
// sign-offs, history, snapshots...), so row counts and every version and
// column are compared, including those of tables added later.

import type { Knex } from 'knex';

/** Table -> its rows as JSON, sorted. */
export type DbState = Record<string, string[]>;

async function pmoTables(knex: Knex): Promise<string[]> {
  const isPg = String(knex.client.config.client).includes('pg');
  const names: string[] = isPg
    ? (
        await knex('pg_tables')
          .where({ schemaname: 'public' })
          .andWhere('tablename', 'like', 'pmo\\_%')
          .select('tablename')
      ).map((r: { tablename: string }) => r.tablename)
    : (
        await knex('sqlite_master')
          .where({ type: 'table' })
          .andWhere('name', 'like', 'pmo_%')
          .select('name')
      ).map((r: { name: string }) => r.name);
  // knex's own bookkeeping is not data
  return names.filter(n => !n.includes('knex_migrations')).sort();
}

/** Every row of every pmo_* table. */
export async function dbState(knex: Knex): Promise<DbState> {
  const out: DbState = {};
  for (const table of await pmoTables(knex)) {
    const rows = await knex(table).select('*');
    out[table] = rows.map(r => JSON.stringify(r)).sort();
  }
  return out;
}

/** The differences, one line per table: empty when nothing changed. */
export function diffState(before: DbState, after: DbState): string[] {
  const out: string[] = [];
  for (const table of new Set([
    ...Object.keys(before),
    ...Object.keys(after),
  ])) {
    const b = before[table] ?? [];
    const a = after[table] ?? [];
    const bs = new Set(b);
    const as = new Set(a);
    const removed = b.filter(r => !as.has(r));
    const added = a.filter(r => !bs.has(r));
    if (removed.length === 0 && added.length === 0) continue;
    out.push(
      `${table}: ${b.length} -> ${a.length} rows, ${
        removed.length
      } gone/changed, ${added.length} new/changed${
        added.length ? ` (e.g. ${added[0].slice(0, 200)})` : ''
      }`,
    );
  }
  return out;
}
