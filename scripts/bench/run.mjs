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
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { BATCH_SIZE, catalogYaml, estateShape } from './data.mjs';
import {
  ensurePgDatabases,
  listPgDatabases,
  pluginKnexConfig,
  seedPmo,
} from './seed.mjs';
import { measureFrontend } from './frontend.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ----------------------------------------------------------------- backend

/** Processes to end on exit, by process group. */
const children = new Set();
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  children.delete(child);
}
function cleanup() {
  for (const c of [...children]) killGroup(c);
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

function dbSettings(kind) {
  const t = tierName.toLowerCase();
  if (kind === 'sqlite') {
    return { client: 'sqlite', directory: resolve(outDir, `sqlite-${t}`) };
  }
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

function backendConfig(db, entitiesFile) {
  const database =
    db.client === 'sqlite'
      ? `  database:\n    client: better-sqlite3\n    connection:\n      directory: ${db.directory}\n`
      : `  database:\n    client: pg\n    prefix: ${
          db.prefix
        }\n    connection:\n      host: ${db.connection.host}\n      port: ${
          db.connection.port
        }\n      user: ${db.connection.user}\n${
          db.connection.password
            ? `      password: ${db.connection.password}\n`
            : ''
        }`;
  return `# Generated by scripts/bench/run.mjs
app:
  baseUrl: ${base}
backend:
  baseUrl: ${base}
  listen:
    port: ${port}
    host: 127.0.0.1
  cors:
    origin: ${base}
${database}auth:
  providers:
    guest:
      userEntityRef: user:default/guest
      dangerouslyAllowOutsideDevelopment: true
catalog:
  # Entities are processed on arrival; re-processing every ~2 minutes (the
  # default) would run 20,000 entities through the processors during the
  # measurements, for the PMO and catalog scenarios alike.
  processingInterval: { minutes: 60 }
  locations:
    - type: file
      target: ${entitiesFile}
    - type: file
      target: ${resolve(root, 'examples/org.yaml')}
pmo:
  demoData: false
  # The bench triggers the sync itself once the catalog holds every entity.
  catalogSync:
    frequencyMinutes: 720
search:
  collators:
    catalog:
      schedule:
        frequency: { hours: 24 }
        timeout: { minutes: 30 }
        initialDelay: { hours: 12 }
    pmo:
      schedule:
        frequency: { hours: 24 }
        timeout: { minutes: 30 }
        initialDelay: { hours: 12 }
`;
}

/**
 * The real backend (packages/backend/src/index.ts) with the transform of
 * `backstage-cli package start` but without its file watcher: in a working
 * tree that changes, the dev server would restart in the middle of a run.
 */
function startBackend(configFile, logFile) {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: resolve(root, 'packages/backend'),
      env: {
        ...process.env,
        PMO_API_TOKEN: token,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        ESBK_TSCONFIG_PATH: resolve(root, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  children.add(child);
  // Only the last lines are kept (request logs are many); `seen` counts all.
  const state = { recent: [], seen: 0, exited: null, child };
  const out = createWriteStream(logFile);
  let partial = '';
  const onData = chunk => {
    const text = partial + chunk.toString();
    const lines = text.split('\n');
    partial = lines.pop();
    if (lines.length) out.write(`${lines.join('\n')}\n`);
    for (const line of lines) {
      if (/rootHttpRouter/.test(line)) continue;
      state.recent.push(line);
      state.seen++;
    }
    if (state.recent.length > 2000) state.recent.splice(0, 1000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, signal) => {
    state.exited = { code, signal };
  });
  return state;
}

const headers = {
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
};
async function call(method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, text };
}

async function waitUntil(label, seconds, backend, fn) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    if (backend.exited) {
      process.stdout.write(`${backend.recent.slice(-60).join('\n')}\n`);
      throw new Error(
        `backend exited while waiting for ${label}: ${JSON.stringify(
          backend.exited,
        )}`,
      );
    }
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = String(e);
    }
    await sleep(2000);
  }
  process.stdout.write(`${backend.recent.slice(-40).join('\n')}\n`);
  throw new Error(`timed out waiting for ${label} (last: ${last})`);
}

/** Catalog entity counts per kind (the facets reference, also readiness). */
async function kindCounts() {
  const r = await call('GET', '/api/catalog/entity-facets?facet=kind');
  if (r.status !== 200) return {};
  const counts = {};
  for (const f of JSON.parse(r.text).facets.kind) counts[f.value] = f.count;
  return counts;
}

/** Triggers a scheduled task of the PMO plugin and waits for its log line. */
async function runTask(backend, id, done) {
  const from = backend.seen;
  const t0 = Date.now();
  let triggered = false;
  await waitUntil(`task ${id}`, 900, backend, async () => {
    const fresh = backend.seen - from;
    if (fresh > 0 && backend.recent.slice(-fresh).some(l => done.test(l))) {
      return true;
    }
    if (!triggered) {
      // 409 while it already runs (e.g. its first run at start): just wait.
      await call(
        'POST',
        `/api/pmo/.backstage/scheduler/v1/tasks/${id}/trigger`,
      );
      triggered = true;
    }
    return 'running';
  });
  log(`task ${id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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

async function prepareBackend(kind, shape, entitiesFile, migrationsDir) {
  const db = dbSettings(kind);
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
  if (!seeded) log(`PMO tables already hold tier ${tierName}: reused`);

  const configFile = resolve(
    outDir,
    `app-config.bench-${kind}-${tierName.toLowerCase()}.yaml`,
  );
  writeFileSync(configFile, backendConfig(db, entitiesFile));
  log(`starting the backend on ${base} (${kind})`);
  const t0 = Date.now();
  const logFile = resolve(
    outDir,
    `backend-${kind}-${tierName.toLowerCase()}.log`,
  );
  writeFileSync(logFile, '');
  const backend = startBackend(configFile, logFile);

  await waitUntil('the backend', 300, backend, async () => {
    const r = await call('GET', '/api/pmo/projects?limit=1');
    return r.status === 200 || r.status;
  });
  log(`backend up in ${Math.round((Date.now() - t0) / 1000)} s`);

  const wanted = shape.entities.length;
  let lastCount = -1;
  await waitUntil(
    'the catalog to hold every entity',
    3600,
    backend,
    async () => {
      const c = await kindCounts();
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
    backend,
    'pmo-refresh-computed-health',
    /Refreshed computed health of \d+ projects/,
  );
  const annotated = shape.entities.filter(e => e.projects.length).length;
  await runTask(
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

// --------------------------------------------------------------- scenarios

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

async function drive(name, target, requests) {
  let i = 0;
  const latencies = [];
  const statuses = {};
  const inst = autocannon({
    url: target,
    connections,
    duration,
    headers,
    requests: requests.map(r =>
      r.paths
        ? {
            method: r.method,
            setupRequest: req => ({
              ...req,
              path: r.paths[i++ % r.paths.length],
            }),
          }
        : r,
    ),
  });
  let bytes = 0;
  inst.on('response', (_client, status, resBytes, ms) => {
    bytes += resBytes;
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await inst;
  latencies.sort((a, b) => a - b);
  const seconds = result.duration || duration;
  const row = {
    name,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    errors: result.errors + result.timeouts,
    // Average response size (headers included), to compare payloads.
    kib: bytes / Math.max(1, latencies.length) / 1024,
  };
  log(
    `${name.padEnd(28)} p50 ${row.p50.toFixed(2)} ms, p95 ${row.p95.toFixed(
      2,
    )} ms, p99 ${row.p99.toFixed(2)} ms, ${row.rps.toFixed(
      0,
    )} req/s ${JSON.stringify(statuses)}`,
  );
  return row;
}

function scenarios(shape, deepCursor) {
  const byName = shape.batch.map(
    ref => `/api/catalog/entities/by-name/${ref.replace(':', '/')}`,
  );
  const summary = shape.batch.map(
    ref => `/api/pmo/entities/${ref.replace(':', '/')}/summary`,
  );
  const body = JSON.stringify({ entityRefs: shape.batch });
  // Pairs: the PMO read right after its catalog reference.
  return [
    ['catalog by-name', [{ method: 'GET', paths: byName }]],
    ['pmo entity summary', [{ method: 'GET', paths: summary }]],
    [
      'catalog by-refs (200)',
      [{ method: 'POST', path: '/api/catalog/entities/by-refs', body }],
    ],
    [
      'pmo summaries batch (200)',
      [{ method: 'POST', path: '/api/pmo/entities/summaries', body }],
    ],
    [
      'catalog facets kind',
      [{ method: 'GET', path: '/api/catalog/entity-facets?facet=kind' }],
    ],
    ['pmo portfolio', [{ method: 'GET', path: '/api/pmo/portfolio' }]],
    [
      'pmo projects page 1',
      [{ method: 'GET', path: '/api/pmo/projects?limit=20' }],
    ],
    [
      'pmo projects deep cursor',
      [
        {
          method: 'GET',
          path: `/api/pmo/projects?limit=20&cursor=${encodeURIComponent(
            deepCursor,
          )}`,
        },
      ],
    ],
  ];
}

/** A cursor ~90% deep into the default (key) order, by walking pages. */
async function findDeepCursor(total) {
  let cursor;
  let seen = 0;
  while (seen < total * 0.9) {
    const r = await call(
      'GET',
      `/api/pmo/projects?limit=200${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
    );
    const page = JSON.parse(r.text);
    seen += page.items.length;
    if (!page.pageInfo.nextCursor) break;
    cursor = page.pageInfo.nextCursor;
  }
  return cursor;
}

/**
 * EXPLAIN (ANALYZE) of the store's hot queries on the seeded PostgreSQL
 * database (scripts/bench/explain.ts, run through Backstage's TypeScript
 * transform), into .bench/explain-<tier>.md.
 */
async function explainHotQueries(shape) {
  const db = dbSettings('pg');
  const input = resolve(outDir, `refs-${tierName.toLowerCase()}.json`);
  const output = resolve(outDir, `explain-${tierName.toLowerCase()}.md`);
  writeFileSync(
    input,
    JSON.stringify({ hotRef: shape.batch[0], batch: shape.batch }),
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

function startFloor(bodyFile) {
  const child = spawn(
    process.execPath,
    [resolve(root, 'scripts/bench/floor.mjs'), String(floorPort), bodyFile],
    { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  children.add(child);
  return new Promise((ok, fail) => {
    child.stdout.once('data', () => ok(child));
    child.once('exit', code => fail(new Error(`floor exited ${code}`)));
  });
}

async function benchDatabase(kind, shape, entitiesFile, migrationsDir) {
  const { backend } = await prepareBackend(
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
    const deepCursor = await findDeepCursor(shape.tier.projects);

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
      rows.push(await drive(name, base, requests));
      if (backend.exited) throw new Error('backend exited during the run');
    }
    const floor = await startFloor(bodyFile);
    try {
      rows.push(
        await drive('floor (bare node http)', `http://127.0.0.1:${floorPort}`, [
          { method: 'GET', paths: Object.keys(bodies) },
        ]),
      );
    } finally {
      killGroup(floor);
    }
    if (kind === 'pg' && explain) {
      await explainHotQueries(shape);
    }
    // The built app is served by the same backend (app-backend).
    const front =
      frontend && kind === kinds[0]
        ? await measureFrontend({ root, log, base, total: shape.tier.projects })
        : undefined;
    return { rows, frontend: front };
  } finally {
    killGroup(backend.child);
    await sleep(1500);
  }
}

// ------------------------------------------------------------------ report

const TARGETS = [
  {
    label: 'summary p95 / catalog by-name p95',
    num: ['pmo entity summary', 'p95'],
    den: ['catalog by-name', 'p95'],
    max: 1.0,
  },
  {
    label: 'batch p95 / catalog by-refs p95',
    num: ['pmo summaries batch (200)', 'p95'],
    den: ['catalog by-refs (200)', 'p95'],
    max: 1.0,
  },
  {
    label: 'portfolio p95 / catalog facets p95',
    num: ['pmo portfolio', 'p95'],
    den: ['catalog facets kind', 'p95'],
    max: 0.5,
  },
  {
    label: 'summary p50 / floor p50',
    num: ['pmo entity summary', 'p50'],
    den: ['floor (bare node http)', 'p50'],
    max: 3.0,
  },
];

function ratios(rows) {
  const get = ([name, f]) => rows.find(r => r.name === name)?.[f];
  return TARGETS.map(t => {
    const value = get(t.num) / get(t.den);
    return {
      label: t.label,
      value,
      target: t.max,
      pass: Number.isFinite(value) && value <= t.max,
    };
  });
}

function table(kind, rows) {
  const lines = [
    `| ${kind} | p50 ms | p95 ms | p99 ms | req/s | KiB/resp | non-2xx |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const bad = Object.entries(r.statuses)
      .filter(([s]) => Number(s) >= 300)
      .reduce((n, [, c]) => n + c, 0);
    lines.push(
      `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(
        2,
      )} | ${r.p99.toFixed(2)} | ${r.rps.toFixed(0)} | ${r.kib.toFixed(1)} | ${
        bad + r.errors
      } |`,
    );
  }
  lines.push('', '| ratio | value | target | result |', '|---|---:|---:|---|');
  for (const q of ratios(rows)) {
    lines.push(
      `| ${q.label} | ${q.value.toFixed(2)} | <= ${q.target.toFixed(1)} | ${
        q.pass ? 'PASS' : 'MISS'
      } |`,
    );
  }
  return lines.join('\n');
}

async function pgVersion() {
  const knex = require('knex')(pluginKnexConfig(dbSettings('pg'), 'pmo'));
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
