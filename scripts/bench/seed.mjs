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

// Writes the synthetic estate straight into the PMO plugin's own database
// (the one the backend opens: <dir>/pmo.sqlite or <prefix>pmo on
// PostgreSQL), after running the plugin's migrations exactly as the backend
// does. Entity links are NOT written here: the backend's real annotation
// sync produces them from the catalog (see run.mjs).

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateRows } from './data.mjs';

const require = createRequire(import.meta.url);
const knexFactory = require('knex');

const PMO_TABLES = [
  'pmo_history',
  'pmo_entity_links',
  'pmo_entity_annotations',
  'pmo_raid_items',
  'pmo_milestones',
  'pmo_projects',
];

/** knex config of a plugin database, as the backend names it. */
export function pluginKnexConfig(db, pluginId) {
  if (db.client === 'sqlite') {
    mkdirSync(db.directory, { recursive: true });
    return {
      client: 'better-sqlite3',
      connection: { filename: resolve(db.directory, `${pluginId}.sqlite`) },
      useNullAsDefault: true,
    };
  }
  return {
    client: 'pg',
    connection: { ...db.connection, database: `${db.prefix}${pluginId}` },
    pool: { min: 0, max: 2 },
  };
}

/** Creates (or, with `fresh`, recreates) the plugin databases on PostgreSQL. */
export async function ensurePgDatabases(db, pluginIds, fresh) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...db.connection, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    for (const id of pluginIds) {
      const name = `${db.prefix}${id}`;
      if (!/^pmo_bench_[a-z0-9_]+$/.test(name)) {
        throw new Error(`refusing to touch database ${name}`);
      }
      const { rows } = await admin.raw(
        'SELECT 1 FROM pg_database WHERE datname = ?',
        [name],
      );
      if (rows.length && fresh) {
        await admin.raw(`DROP DATABASE "${name}" WITH (FORCE)`);
      }
      if (!rows.length || fresh) {
        await admin.raw(`CREATE DATABASE "${name}"`);
      }
    }
  } finally {
    await admin.destroy();
  }
}

/** Lists the bench databases of a prefix (for --reseed on PostgreSQL). */
export async function listPgDatabases(db) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...db.connection, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    const { rows } = await admin.raw(
      "SELECT datname FROM pg_database WHERE datname LIKE 'pmo\\_bench\\_%'",
    );
    return rows
      .map(r => r.datname)
      .filter(n => n.startsWith(db.prefix))
      .map(n => n.slice(db.prefix.length));
  } finally {
    await admin.destroy();
  }
}

/**
 * Seeds the PMO tables unless they already hold exactly this tier.
 * Returns what was done.
 */
export async function seedPmo({ db, shape, migrationsDir, today, log }) {
  const knex = knexFactory(pluginKnexConfig(db, 'pmo'));
  try {
    await knex.migrate.latest({ directory: migrationsDir });
    // A backend stopped in the middle of a scheduled task leaves the task
    // leased ("running") in this database until its timeout; the tasks
    // register again on start.
    if (await knex.schema.hasTable('backstage_backend_tasks__tasks')) {
      await knex('backstage_backend_tasks__tasks').delete();
    }
    const [{ n }] = await knex('pmo_projects').count({ n: '*' });
    const [{ m }] = await knex('pmo_milestones').count({ m: '*' });
    if (
      Number(n) === shape.tier.projects &&
      Number(m) === shape.tier.milestones
    ) {
      return { seeded: false };
    }
    log(`seeding the PMO tables (${JSON.stringify(shape.tier)})`);
    const t0 = Date.now();
    await knex.transaction(async trx => {
      for (const table of PMO_TABLES) await trx(table).delete();
      await generateRows(shape, today, async (table, rows) => {
        // Limits: PostgreSQL 65,535 bindings; knex inserts many rows into
        // SQLite as one compound SELECT, at most 500 terms.
        const per = Math.min(
          db.client === 'sqlite' ? 500 : Infinity,
          Math.floor(30_000 / Object.keys(rows[0]).length),
        );
        for (let i = 0; i < rows.length; i += per) {
          await trx(table).insert(rows.slice(i, i + per));
        }
      });
    });
    if (db.client === 'pg') {
      // Statistics and the visibility map (index-only scans), as
      // autovacuum would eventually do after a bulk load.
      for (const table of PMO_TABLES) await knex.raw(`VACUUM ANALYZE ${table}`);
    }
    log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { seeded: true };
  } finally {
    await knex.destroy();
  }
}
