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

// `yarn bench` (run it through the toolchain: ./scripts/bench): seeds a
// synthetic estate (tier S, M or L) into SQLite and/or PostgreSQL, registers
// the same entities in the catalog, starts the real backend
// (packages/backend) on loopback and drives it with autocannon, scenario by
// scenario, each bounded in time. Every PMO read is measured next to a
// catalog read of the same backend at the same time (the reference) and a
// bare Node HTTP server returning the same JSON (the floor). Prints a table
// and the target ratios, and writes .bench/<timestamp>-<tier>.json.
//
//   ./scripts/bench                         # tier S, SQLite and PostgreSQL
//   ./scripts/bench --tier M --db pg --duration 10 --connections 10
//   ./scripts/bench --tier M --frontend     # + chunk size and time-to-table
//   ./scripts/bench --reseed                # re-create the bench databases
//
// Databases are kept between runs (.bench/sqlite-<tier>/ and the PostgreSQL
// databases pmo_bench_<tier>_*) and reused when they hold the same tier.

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { apiClient, require, root, sleep, stopAll } from '../lib/backend.mjs';
import { BATCH_SIZE, catalogYaml, estateShape } from './data.mjs';
import { measureFrontend } from './frontend.mjs';
import { dbSettings, prepareBackend } from './prepare.mjs';
import { ratios, table } from './report.mjs';
import { pluginKnexConfig } from './seed.mjs';
import { drive, findDeepCursor, scenarios, startFloor } from './scenarios.mjs';

const outDir = resolve(root, '.bench');

// ------------------------------------------------------------------ options

function option(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
}
const tierName = String(option('tier', 'S')).toUpperCase();
const dbOpt = String(option('db', 'both'));
const duration = Number(option('duration', 10));
const connections = Number(option('connections', 10));
const port = Number(option('port', 7600));
const floorPort = port + 1;
const reseed = Boolean(option('reseed', false));
const frontend = Boolean(option('frontend', false));
const explain = Boolean(option('explain', false));

const only = option('only', undefined);
const pgUrl = new URL(
  process.env.PMO_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432',
);
const token = 'pmo-bench-token-loopback-only';
const base = `http://127.0.0.1:${port}`;

if (!['sqlite', 'pg', 'both'].includes(dbOpt)) {
  throw new Error('--db must be sqlite, pg or both');
}
if (!(duration > 0 && duration <= 120)) {
  throw new Error('--duration must be 1..120 seconds per scenario');
}
const major = Number(process.versions.node.split('.')[0]);
if (major !== 22 && major !== 24) {
  process.stderr.write(
    `Node ${process.version} is not the toolchain's: run ./scripts/bench (or put .toolchain/node/bin first on PATH)\n`,
  );
  process.exit(1);
}

const log = msg =>
  process.stdout.write(
    `[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`,
  );

const headers = {
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
};
const call = apiClient({ base, token, timeoutMs: 60_000 });

/** What the bench's modules share (prepare.mjs, scenarios.mjs). */
const ctx = {
  root,
  outDir,
  tierName,
  duration,
  connections,
  port,
  floorPort,
  reseed,
  pgUrl,
  token,
  base,
  headers,
  log,
  call,
};

function cleanup() {
  // The launcher's exit hook stops the backend; the floor stops on exit.
  stopAll();
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
process.on('SIGTERM', () => {
  cleanup();
  process.exit(143);
});
process.on('uncaughtException', e => {
  // Errors of bulk inserts quote their SQL: keep the message readable.
  log(`failed: ${String(e.stack).slice(0, 1500)}`);
  cleanup();
  process.exit(1);
});

// --------------------------------------------------------------- scenarios

/**
 * EXPLAIN (ANALYZE) of the SQL of the hot reads on the seeded PostgreSQL
 * database (scripts/bench/explain.ts, run through Backstage's TypeScript
 * transform), into .bench/explain-<tier>.md.
 */
async function explainHotQueries(shape, entitiesFile) {
  const db = dbSettings(ctx, 'pg');
  const input = resolve(outDir, `refs-${tierName.toLowerCase()}.json`);
  const output = resolve(outDir, `explain-${tierName.toLowerCase()}.md`);
  writeFileSync(
    input,
    JSON.stringify({
      hotRef: shape.batch[0],
      batch: shape.batch,
      entitiesFile,
    }),
  );
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      resolve(root, 'scripts/bench/explain.ts'),
      `${db.prefix}pmo`,
      input,
      output,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', d => {
    out += d;
  });
  const code = await new Promise(ok => child.on('exit', ok));
  log(`EXPLAIN of the hot queries: ${out.trim()} -> ${output} (exit ${code})`);
}

async function benchDatabase(kind, shape, entitiesFile, migrationsDir) {
  const { backend } = await prepareBackend(
    ctx,
    kind,
    shape,
    entitiesFile,
    migrationsDir,
  );
  try {
    // Sanity: the PMO sees what was seeded, the batch is non-trivial.
    const list = JSON.parse(
      (await call('GET', '/api/pmo/projects?limit=1')).text,
    );
    if (list.totalItems !== shape.tier.projects) {
      throw new Error(
        `expected ${shape.tier.projects} projects, the API lists ${list.totalItems}`,
      );
    }
    const batch = JSON.parse(
      (
        await call('POST', '/api/pmo/entities/summaries', {
          entityRefs: shape.batch,
        })
      ).text,
    );
    const linked = batch.items.filter(s => s && s.projects.length).length;
    const hot = batch.items[0];
    const batchBytes = JSON.stringify(batch).length;
    log(
      `batch of ${BATCH_SIZE}: ${linked} entities with projects; the first (shared platform) is on ${hot?.projects.length} projects; ${batchBytes} B`,
    );
    const deepCursor = await findDeepCursor(ctx, shape.tier.projects);

    // Warm-up: every summary, lookup and list once (JIT, annotation cache,
    // catalog caches), as a page view would.
    // The floor answers each summary path with that summary's bytes.
    const bodies = {};
    for (const ref of shape.batch) {
      const path = `/api/pmo/entities/${ref.replace(':', '/')}/summary`;
      bodies[path] = (await call('GET', path)).text;
      await call(
        'GET',
        `/api/catalog/entities/by-name/${ref.replace(':', '/')}`,
      );
    }
    const bodyFile = resolve(outDir, `floor-bodies-${kind}.json`);
    writeFileSync(bodyFile, JSON.stringify(bodies));
    const sizes = Object.values(bodies).map(b => b.length);
    log(
      `summary bodies: median ${sizes.sort((a, b) => a - b)[100]} B, largest ${
        sizes[sizes.length - 1]
      } B`,
    );

    const rows = [];
    for (const [name, requests] of scenarios(shape, deepCursor)) {
      if (only && !name.includes(only)) continue;
      rows.push(await drive(ctx, name, base, requests));
      if (backend.exited) throw new Error('backend exited during the run');
    }
    const stopFloor = await startFloor(ctx, bodyFile);
    try {
      rows.push(
        await drive(
          ctx,
          'floor (bare node http)',
          `http://127.0.0.1:${floorPort}`,
          [{ method: 'GET', paths: Object.keys(bodies) }],
        ),
      );
    } finally {
      stopFloor();
    }
    if (kind === 'pg' && explain) {
      await explainHotQueries(shape, entitiesFile);
    }
    // The built app is served by the same backend (app-backend).
    const front =
      frontend && kind === kinds[0]
        ? await measureFrontend({ root, log, base, total: shape.tier.projects })
        : undefined;
    return { rows, frontend: front };
  } finally {
    await backend.kill();
    await sleep(1500);
  }
}

async function pgVersion() {
  const knex = require('knex')(pluginKnexConfig(dbSettings(ctx, 'pg'), 'pmo'));
  try {
    const { rows } = await knex.raw('SHOW server_version');
    return rows[0].server_version;
  } catch {
    return undefined;
  } finally {
    await knex.destroy();
  }
}

// -------------------------------------------------------------------- main

mkdirSync(outDir, { recursive: true });
const shape = estateShape(tierName);
const entitiesFile = resolve(outDir, `entities-${tierName.toLowerCase()}.yaml`);
writeFileSync(entitiesFile, catalogYaml(shape));
const migrationsDir = resolve(root, 'plugins/pmo-backend/migrations');
const kinds = dbOpt === 'both' ? ['sqlite', 'pg'] : [dbOpt];
const started = new Date();
log(
  `tier ${tierName} ${JSON.stringify(shape.tier)}; ${kinds.join(
    ' + ',
  )}; ${duration} s per scenario, ${connections} connections; Node ${
    process.version
  }`,
);

const results = {};
for (const kind of kinds) {
  results[kind] = await benchDatabase(kind, shape, entitiesFile, migrationsDir);
}
cleanup();

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: kinds.includes('pg') ? await pgVersion() : undefined,
};
process.stdout.write('\n');
for (const kind of kinds) {
  process.stdout.write(
    `${table(
      `${kind === 'pg' ? 'PostgreSQL' : 'SQLite'}, tier ${tierName}`,
      results[kind].rows,
    )}\n\n`,
  );
}
const frontendResult = kinds.map(k => results[k].frontend).find(Boolean);
if (frontendResult) {
  process.stdout.write(`${JSON.stringify(frontendResult, null, 2)}\n`);
}
const file = resolve(
  outDir,
  `${started.toISOString().replace(/[:.]/g, '-')}-${tierName}.json`,
);
writeFileSync(
  file,
  JSON.stringify(
    {
      date: started.toISOString(),
      tier: tierName,
      sizes: shape.tier,
      duration,
      connections,
      machine,
      results: Object.fromEntries(
        kinds.map(k => [k, { ...results[k], ratios: ratios(results[k].rows) }]),
      ),
      frontend: frontendResult,
    },
    null,
    2,
  ),
);
log(`wrote ${file}`);
process.exit(0);
