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

// Bounded soak of the real backend on the embedded SQLite (in memory):
// starts packages/backend on a spare loopback port, drives catalog and PMO
// reads with a fixed number of concurrent loops until the deadline, and
// prints requests, errors, status codes and the backend's RSS at start and
// end. Exits non-zero on a crash (backend exit), any 5xx or network error.
//
//   yarn soak                     # 10 minutes
//   yarn soak --minutes 2         # shorter
//   yarn soak --concurrency 16
//   yarn soak --minutes 2 --sample-seconds 10 --max-rss-drift 10
//
// RSS is sampled every --sample-seconds; after the warm-up (--warmup-seconds,
// default half the run, between 30 and 120 s) the mean of the first fifth of
// the samples is compared with the mean of the last fifth: a drift above
// --max-rss-drift percent (default 10) fails the run, like an error does.
//
// Why: better-sqlite3 aborts during GC under some Node versions (see
// README "Toolchain"); a long, GC-heavy run is the proof that ours does not.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiClient, portFree, root, startBackend } from './lib/backend.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const minutes = arg('minutes', 10);
const concurrency = arg('concurrency', 8);
const port = arg('port', 7117);
const sampleSeconds = arg('sample-seconds', 30);
// V8 heaps and caches grow for the first minute or so under load
const warmupSeconds = arg(
  'warmup-seconds',
  Math.max(30, Math.min(120, minutes * 30)),
);
const maxRssDrift = arg('max-rss-drift', 10);
// Reads only: the automation token's scope (app-config.yaml) is enough. The
// backend started below is given this random token.
const token =
  process.env.PMO_API_TOKEN || randomBytes(24).toString('base64url');
const base = `http://127.0.0.1:${port}`;

function log(msg) {
  process.stdout.write(
    `[soak ${new Date().toISOString().slice(11, 19)}] ${msg}\n`,
  );
}

/** RSS (MiB) of a process and all its descendants, from /proc. */
function treeRssMiB(pid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* process went away */
    }
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+)/.exec(
        readFileSync(`/proc/${p}/status`, 'utf8'),
      );
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
    stack.push(...(children.get(p) ?? []));
  }
  return Math.round(kb / 1024);
}

if (!(await portFree(port))) {
  log(`Error: port ${port} is in use; pass --port`);
  process.exit(1);
}

const outDir = resolve(root, '.soak');
mkdirSync(outDir, { recursive: true });

log(
  `node ${process.version}; starting backend on ${base} (SQLite in memory) for a ${minutes} min soak, ${concurrency} concurrent loops`,
);
// The backend as one node process (scripts/lib/backend.mjs), so that the
// RSS measured is the backend's; its log is .soak/backend.log.
writeFileSync(resolve(outDir, 'backend.log'), '');
const backend = startBackend({
  name: 'backend',
  port,
  db: 'memory',
  outDir,
  env: { PMO_API_TOKEN: token },
});

function stopBackend() {
  backend.signal('SIGTERM');
}
process.on('SIGINT', () => {
  stopBackend();
  process.exit(130);
});

const call = apiClient({ base, token });

/** Waits until the catalog has processed the demo services. */
function waitReady() {
  return backend.waitFor(
    async () => {
      const r = await call(
        'GET',
        '/api/catalog/entities/by-query?limit=500&fields=kind,metadata.namespace,metadata.name',
      );
      if (r.status !== 200) return `HTTP ${r.status}`;
      const items = JSON.parse(r.text).items ?? [];
      return items.filter(e => e.kind === 'Component').length >= 5
        ? items
        : `${items.length} entities`;
    },
    { label: 'the demo catalog', timeoutMs: 240_000 },
  );
}

const t0 = Date.now();
let entities;
try {
  entities = await waitReady();
} catch (e) {
  log(String(e));
  process.stdout.write(`${backend.tail(60)}\n`);
  stopBackend();
  process.exit(1);
}
const refs = entities
  .filter(e => ['Component', 'Resource', 'System'].includes(e.kind))
  .map(
    e => `${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`,
  );
log(
  `backend ready in ${Math.round((Date.now() - t0) / 1000)} s with ${
    entities.length
  } catalog entities`,
);

const routes = [
  i => [
    'GET',
    `/api/catalog/entities/by-name/${refs[i % refs.length].replace(':', '/')}`,
  ],
  () => ['POST', '/api/catalog/entities/by-refs', { entityRefs: refs }],
  () => ['GET', '/api/catalog/entity-facets?facet=kind'],
  () => ['GET', '/api/pmo/projects?limit=20'],
  i => [
    'GET',
    `/api/pmo/entities/${refs[i % refs.length].replace(':', '/')}/summary`,
  ],
  () => ['POST', '/api/pmo/entities/summaries', { entityRefs: refs }],
  () => ['GET', '/api/pmo/portfolio'],
];

const stats = { requests: 0, errors: 0, byStatus: {}, byRoute: {} };
const rssStart = treeRssMiB(backend.pid);
log(`RSS at start: ${rssStart} MiB (backend process tree)`);
const deadline = Date.now() + minutes * 60_000;
let lastReport = Date.now();
const samples = [];
const sampleTimes = [];
const soakStart = Date.now();

process.on('uncaughtException', e => {
  log(`soak driver failed: ${e.stack}`);
  stopBackend();
  process.exit(1);
});

async function loop(worker) {
  let i = worker;
  while (Date.now() < deadline && !backend.exited) {
    const [method, path, body] = routes[i % routes.length](i);
    const key = `${method} ${path
      .replace(/\/(component|resource|system)\/default\/[^/]+/, '/{ref}')
      .replace(/\?.*/, '')}`;
    i += concurrency;
    try {
      const r = await call(method, path, body);
      stats.requests++;
      stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + 1;
      stats.byRoute[key] = stats.byRoute[key] ?? { n: 0, bad: 0 };
      stats.byRoute[key].n++;
      if (r.status >= 500) {
        stats.errors++;
        stats.byRoute[key].bad++;
        if (stats.errors <= 5)
          log(`${r.status} on ${method} ${path}: ${r.text.slice(0, 300)}`);
      }
    } catch (e) {
      stats.errors++;
      if (stats.errors <= 5) log(`network error on ${method} ${path}: ${e}`);
    }
    if (Date.now() - lastReport > sampleSeconds * 1000) {
      lastReport = Date.now();
      const rss = treeRssMiB(backend.pid);
      samples.push(rss);
      sampleTimes.push(Date.now());
      log(`${stats.requests} requests, ${stats.errors} errors, RSS ${rss} MiB`);
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, w) => loop(w)));
const rssEnd = treeRssMiB(backend.pid);
const crashed = backend.exited !== null;
stopBackend();

const seconds = (Date.now() - deadline + minutes * 60_000) / 1000;
log('--- soak result ---');
log(
  `duration ${seconds.toFixed(0)} s, ${stats.requests} requests (${(
    stats.requests / seconds
  ).toFixed(0)} req/s), errors (5xx or network) ${stats.errors}`,
);
log(`status codes ${JSON.stringify(stats.byStatus)}`);
for (const [k, v] of Object.entries(stats.byRoute))
  log(`  ${k}: ${v.n} requests, ${v.bad} 5xx`);
log(
  `RSS start ${rssStart} MiB, end ${rssEnd} MiB${
    samples.length
      ? `, min ${Math.min(...samples)} / max ${Math.max(...samples)} MiB over ${
          samples.length
        } samples`
      : ''
  }`,
);
log(
  `backend crashed: ${
    crashed ? `YES ${JSON.stringify(backend.exited)}` : 'no'
  }`,
);

// RSS after the warm-up: first fifth of the samples against the last fifth.
const steady = samples.filter(
  (_, i) => sampleTimes[i] - soakStart >= warmupSeconds * 1000,
);
const fifth = Math.max(1, Math.floor(steady.length / 5));
const mean = xs => xs.reduce((a, b) => a + b, 0) / xs.length;
const rssWarm = steady.length >= 2 ? mean(steady.slice(0, fifth)) : undefined;
const rssSteadyEnd =
  steady.length >= 2 ? mean(steady.slice(-fifth)) : undefined;
const rssDriftPercent =
  rssWarm !== undefined
    ? Math.round(((rssSteadyEnd - rssWarm) / rssWarm) * 1000) / 10
    : undefined;
const rssFlat = rssDriftPercent === undefined || rssDriftPercent <= maxRssDrift;
log(
  rssDriftPercent === undefined
    ? `RSS drift: too few samples after the ${warmupSeconds} s warm-up to judge`
    : `RSS after warm-up ${rssWarm.toFixed(0)} MiB -> ${rssSteadyEnd.toFixed(
        0,
      )} MiB: drift ${rssDriftPercent} % (limit ${maxRssDrift} %) ${
        rssFlat ? 'flat' : 'NOT FLAT'
      }`,
);
writeFileSync(
  resolve(outDir, 'result.json'),
  JSON.stringify(
    {
      node: process.version,
      minutes,
      concurrency,
      seconds,
      ...stats,
      rssStart,
      rssEnd,
      samples,
      warmupSeconds,
      rssWarm,
      rssSteadyEnd,
      rssDriftPercent,
      maxRssDrift,
      rssFlat,
      crashed,
    },
    null,
    2,
  ),
);
if (crashed) process.stdout.write(`${backend.tail(60)}\n`);
const non2xx = Object.entries(stats.byStatus).filter(([s]) => Number(s) >= 400);
if (non2xx.length)
  log(`note: non-2xx responses ${JSON.stringify(Object.fromEntries(non2xx))}`);
process.exit(crashed || stats.errors > 0 || !rssFlat ? 1 : 0);
