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

// The bench's databases and backend: seeds (or reuses) the estate of a tier
// on SQLite or PostgreSQL, starts the real backend on it through the
// scripts' launcher (scripts/lib/backend.mjs), waits until the catalog
// holds every entity and runs the plugin's scheduled tasks once.
// `ctx` is the bench's context (see run.mjs).

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { require, startBackend } from '../lib/backend.mjs';
import {
  ensurePgDatabases,
  listPgDatabases,
  pluginKnexConfig,
  seedPmo,
} from './seed.mjs';

/** Where a tier lives: .bench/sqlite-<tier>/ or pmo_bench_<tier>_*. */
export function dbSettings(ctx, kind) {
  const t = ctx.tierName.toLowerCase();
  if (kind === 'sqlite') {
    return { client: 'sqlite', directory: resolve(ctx.outDir, `sqlite-${t}`) };
  }
  const { pgUrl } = ctx;
  return {
    client: 'pg',
    prefix: `pmo_bench_${t}_`,
    connection: {
      host: pgUrl.hostname,
      port: Number(pgUrl.port || 5432),
      user: decodeURIComponent(pgUrl.username || 'postgres'),
      ...(pgUrl.password
        ? { password: decodeURIComponent(pgUrl.password) }
        : {}),
    },
  };
}

/** The bench's configuration over app-config.yaml. */
function benchConfig(ctx, entitiesFile) {
  return {
    backend: {
      listen: { host: '127.0.0.1' },
      cors: { origin: ctx.base },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      // Entities are processed on arrival; re-processing every ~2 minutes
      // (the default) would run 20,000 entities through the processors
      // during the measurements, for the PMO and catalog scenarios alike.
      processingInterval: { minutes: 60 },
      locations: [
        { type: 'file', target: entitiesFile },
        { type: 'file', target: resolve(ctx.root, 'examples/org.yaml') },
      ],
    },
    pmo: {
      demoData: false,
      // The bench triggers the sync itself once the catalog holds every
      // entity.
      catalogSync: { frequencyMinutes: 720 },
    },
    search: {
      collators: Object.fromEntries(
        ['catalog', 'pmo'].map(id => [
          id,
          {
            schedule: {
              frequency: { hours: 24 },
              timeout: { minutes: 30 },
              initialDelay: { hours: 12 },
            },
          },
        ]),
      ),
    },
  };
}

/** Catalog entity counts per kind (the facets reference, also readiness). */
async function kindCounts(ctx) {
  const r = await ctx.call('GET', '/api/catalog/entity-facets?facet=kind');
  if (r.status !== 200) return {};
  const counts = {};
  for (const f of JSON.parse(r.text).facets.kind) counts[f.value] = f.count;
  return counts;
}

/** Polls with the bench's interval; prints the backend's log on failure. */
async function waitUntil(backend, label, seconds, fn) {
  try {
    await backend.waitFor(fn, {
      label,
      timeoutMs: seconds * 1000,
      intervalMs: 2000,
    });
  } catch (e) {
    process.stdout.write(`${backend.tail(backend.exited ? 60 : 40)}\n`);
    throw e;
  }
}

/** Triggers a scheduled task of the PMO plugin and waits for its log line. */
async function runTask(ctx, backend, id, done) {
  const from = backend.seen;
  const t0 = Date.now();
  let triggered = false;
  await waitUntil(backend, `task ${id}`, 900, async () => {
    const fresh = backend.seen - from;
    if (fresh > 0 && backend.lines.slice(-fresh).some(l => done.test(l.text))) {
      return true;
    }
    if (!triggered) {
      // 409 while it already runs (e.g. its first run at start): just wait.
      await ctx.call(
        'POST',
        `/api/pmo/.backstage/scheduler/v1/tasks/${id}/trigger`,
      );
      triggered = true;
    }
    return 'running';
  });
  ctx.log(`task ${id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Entities in the catalog's own database (0 when there is none yet). */
async function catalogEntityCount(db) {
  if (db.client === 'sqlite') {
    if (!existsSync(resolve(db.directory, 'catalog.sqlite'))) return 0;
  } else if (!(await listPgDatabases(db)).includes('catalog')) {
    return 0;
  }
  const knex = require('knex')(pluginKnexConfig(db, 'catalog'));
  try {
    const rows = await knex('final_entities')
      .whereNotNull('final_entity')
      .where(q =>
        q
          .where('entity_ref', 'like', 'component:%')
          .orWhere('entity_ref', 'like', 'resource:%'),
      )
      .count({ n: '*' });
    return Number(rows[0].n);
  } catch {
    return 0;
  } finally {
    await knex.destroy();
  }
}

/** Seeds (or reuses) the databases of `kind` for the tier. */
async function prepareDatabases(ctx, kind, shape, migrationsDir) {
  const { log, reseed } = ctx;
  const db = dbSettings(ctx, kind);
  if (kind === 'pg') {
    const existing = await listPgDatabases(db);
    if (reseed && existing.length) {
      log(`--reseed: dropping ${existing.map(n => db.prefix + n).join(', ')}`);
    }
    await ensurePgDatabases(db, reseed ? existing : [], true);
    await ensurePgDatabases(db, ['pmo'], false);
  } else if (reseed && existsSync(db.directory)) {
    rmSync(db.directory, { recursive: true, force: true });
  }
  // A catalog that holds the whole estate is reused (ingesting 20,000
  // entities takes minutes); one left incomplete by a stopped run starts
  // over, as its locations stay leased until the next processing interval.
  const ingested = await catalogEntityCount(db);
  if (ingested >= shape.entities.length) {
    log(`catalog already holds ${ingested} entities: reused`);
  } else if (kind === 'pg') {
    await ensurePgDatabases(db, ['catalog'], true);
  } else {
    rmSync(resolve(db.directory, 'catalog.sqlite'), { force: true });
  }
  const today = new Date().toISOString().slice(0, 10);
  const { seeded } = await seedPmo({ db, shape, migrationsDir, today, log });
  if (!seeded) log(`PMO tables already hold tier ${ctx.tierName}: reused`);
  return db;
}

/**
 * Seeds the estate, starts the backend on it and brings it to the state
 * the scenarios measure: every entity in the catalog, computed health and
 * annotation links up to date. Returns the launcher's handle and the
 * database settings.
 */
export async function prepareBackend(
  ctx,
  kind,
  shape,
  entitiesFile,
  migrationsDir,
) {
  const { log } = ctx;
  const db = await prepareDatabases(ctx, kind, shape, migrationsDir);
  const name = `backend-${kind}-${ctx.tierName.toLowerCase()}`;
  log(`starting the backend on ${ctx.base} (${kind})`);
  const t0 = Date.now();
  writeFileSync(resolve(ctx.outDir, `${name}.log`), '');
  const backend = startBackend({
    name,
    port: ctx.port,
    db,
    config: benchConfig(ctx, entitiesFile),
    outDir: ctx.outDir,
    env: {
      PMO_API_TOKEN: ctx.token,
      LOG_LEVEL: 'info',
      ESBK_TSCONFIG_PATH: resolve(ctx.root, 'tsconfig.json'),
    },
  });

  await waitUntil(backend, 'the backend', 300, async () => {
    const r = await ctx.call('GET', '/api/pmo/projects?limit=1');
    return r.status === 200 || `HTTP ${r.status}`;
  });
  log(`backend up in ${Math.round((Date.now() - t0) / 1000)} s`);

  const wanted = shape.entities.length;
  let lastCount = -1;
  await waitUntil(
    backend,
    'the catalog to hold every entity',
    3600,
    async () => {
      const c = await kindCounts(ctx);
      const n = (c.Component ?? 0) + (c.Resource ?? 0);
      if (
        n !== lastCount &&
        Math.floor(n / 2000) !== Math.floor(lastCount / 2000)
      ) {
        log(`catalog: ${n} / ${wanted} entities`);
      }
      lastCount = n;
      return n >= wanted || `${n} entities`;
    },
  );
  log(`catalog complete after ${Math.round((Date.now() - t0) / 1000)} s`);

  // The plugin's own scheduled tasks compute the stored health and the
  // annotation links; run them now (scheduler API) that the catalog is
  // complete, and wait for their log lines.
  await runTask(
    ctx,
    backend,
    'pmo-refresh-computed-health',
    /Refreshed computed health of \d+ projects/,
  );
  const annotated = shape.entities.filter(e => e.projects.length).length;
  await runTask(
    ctx,
    backend,
    'pmo-catalog-annotation-sync',
    new RegExp(`Synced pmo/projects of ${annotated} catalog`),
  );
  log(`annotation links synced (${annotated} annotated entities)`);
  if (kind === 'pg') {
    // The tasks rewrote projects and links: what autovacuum does on a live
    // database (statistics, visibility map for index-only scans), now.
    const knex = require('knex')(pluginKnexConfig(db, 'pmo'));
    try {
      await knex.raw('VACUUM ANALYZE');
    } finally {
      await knex.destroy();
    }
  }

  return { backend, db };
}
