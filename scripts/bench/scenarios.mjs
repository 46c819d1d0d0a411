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

// The bench's load: autocannon over the scenarios (PMO reads next to
// their catalog references) and the bare-HTTP floor. `ctx` is the bench's
// context (see run.mjs).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const autocannon = createRequire(import.meta.url)('autocannon');

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

/** Drives `requests` at `target` for the bench's duration; one result row. */
export async function drive(ctx, name, target, requests) {
  const { connections, duration, headers, log } = ctx;
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

/** The scenarios, each PMO read right after its catalog reference. */
export function scenarios(shape, deepCursor) {
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
export async function findDeepCursor(ctx, total) {
  let cursor;
  let seen = 0;
  while (seen < total * 0.9) {
    const r = await ctx.call(
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
 * The floor (floor.mjs) on ctx.floorPort, answering each path with the
 * bytes in `bodyFile`. Resolves with a stop function once it listens.
 */
export function startFloor(ctx, bodyFile) {
  const child = spawn(
    process.execPath,
    [
      resolve(ctx.root, 'scripts/bench/floor.mjs'),
      String(ctx.floorPort),
      bodyFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Not detached: it ends with the bench, Ctrl-C included.
  const stop = () => {
    try {
      child.kill('SIGTERM');
    } catch {
      /* gone */
    }
  };
  process.once('exit', stop);
  return new Promise((ok, fail) => {
    child.stdout.once('data', () => ok(stop));
    child.once('exit', code => fail(new Error(`floor exited ${code}`)));
  });
}
