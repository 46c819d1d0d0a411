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

// EXPLAIN (ANALYZE) of the SQL that the PMO backend really sends for the
// hot reads, on a seeded PostgreSQL bench database. The plugin runs
// in-process as any backend would run it (its package's default export,
// in a test backend with a mock catalog holding the bench's entities and
// every permission allowed); its database is the bench database, through a
// knex instance that records every query with its bindings. Each hot read
// is then requested over HTTP and the SQL it caused is explained. No
// source file of the plugin is imported: the plugin is free to change how
// it builds its queries.
//
// Run by `yarn bench --explain`; standalone:
//   node --require @backstage/cli-node/config/nodeTransform.cjs \
//     scripts/bench/explain.ts <database> <input.json> <output.md>
// where input.json is {"hotRef": "...", "batch": ["..."], "entitiesFile":
// "<catalog YAML of the estate>"}.

import {
  coreServices,
  createServiceFactory,
  type CacheService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import pmoPlugin from '@infra-pmo/plugin-pmo-backend';
import { readFileSync, writeFileSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';
import { parseAllDocuments } from 'yaml';

type Captured = { sql: string; bindings: readonly unknown[] };

/**
 * The plugin's summaries and portfolio are cached until the next write
 * (its read cache, keys `read-cache:*`). The explained reads are the
 * misses, the queries a page view costs after a write: the read cache's
 * entries are dropped before each recorded request. The other entries
 * (annotation and entity lookups) stay warm, as on a running backend.
 */
class MemoryCache implements CacheService {
  readonly entries = new Map<string, JsonValue>();
  async get<T extends JsonValue>(key: string): Promise<T | undefined> {
    return this.entries.get(key) as T | undefined;
  }
  async set(key: string, value: JsonValue): Promise<void> {
    this.entries.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
  withOptions(): CacheService {
    return this;
  }
  dropReadCache() {
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith('read-cache:')) this.entries.delete(key);
    }
  }
}

function pgConnection(database: string) {
  return process.env.PMO_BENCH_PG
    ? { connectionString: `${process.env.PMO_BENCH_PG}/${database}` }
    : { host: '127.0.0.1', port: 5432, user: 'postgres', database };
}

async function main() {
  const [database, inputFile, outputFile] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as {
    hotRef: string;
    batch: string[];
    entitiesFile: string;
  };
  const entities = parseAllDocuments(readFileSync(input.entitiesFile, 'utf8'))
    .map(doc => doc.toJS() as Entity | null)
    .filter((e): e is Entity => Boolean(e));
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: pgConnection(database),
    pool: { min: 0, max: 2 },
  });
  const cache = new MemoryCache();
  const backend = await startTestBackend({
    features: [
      pmoPlugin,
      catalogServiceMock.factory({ entities }),
      // The bench database is migrated already.
      mockServices.database.factory({ knex, migrations: { skip: true } }),
      createServiceFactory({
        service: coreServices.cache,
        deps: {},
        factory: () => cache,
      }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}/api/pmo`;
  const headers = {
    authorization: mockCredentials.user.header(),
    'content-type': 'application/json',
  };
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers });
    if (res.status !== 200) {
      throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    }
    return res.json();
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (res.status !== 200) {
      throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    }
    return res.json();
  };

  let captured: Captured[] = [];
  knex.on('query', (q: { sql: string; bindings?: readonly unknown[] }) => {
    captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
  });
  /** Warms the caches with one request, then records the next one's SQL. */
  async function record(
    title: string,
    fn: () => Promise<unknown>,
  ): Promise<[string, Captured[]]> {
    await fn();
    cache.dropReadCache();
    captured = [];
    await fn();
    const result = captured;
    captured = [];
    if (result.length === 0) {
      throw new Error(
        `${title}: no SQL recorded (does the plugin's read cache still use keys read-cache:*?)`,
      );
    }
    return [title, result];
  }

  // A cursor ~90% deep into the default (key) order, by walking pages (the
  // same walk as run.mjs: the last page's cursor is kept).
  let cursor: string | undefined;
  let seen = 0;
  let total = Infinity;
  while (seen < total * 0.9) {
    const page = await get(
      `/projects?limit=200${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
    );
    total = page.totalItems;
    seen += page.items.length;
    if (!page.pageInfo.nextCursor) break;
    cursor = page.pageInfo.nextCursor;
  }

  const sections: Array<[string, Captured[]]> = [
    await record(`Entity summary (${input.hotRef}, a shared platform)`, () =>
      get(`/entities/${input.hotRef.replace(':', '/')}/summary`),
    ),
    await record(`Batched summaries (${input.batch.length} refs)`, () =>
      post('/entities/summaries', { entityRefs: input.batch }),
    ),
    await record('Portfolio', () => get('/portfolio')),
    await record('Projects list, page 1 (limit 20, by key)', () =>
      get('/projects?limit=20'),
    ),
    await record('Projects list, deep cursor (~90%, limit 20)', () =>
      get(`/projects?limit=20&cursor=${encodeURIComponent(cursor ?? '')}`),
    ),
  ];
  await backend.stop();

  // The SQL as sent by knex (with $n placeholders), explained through a
  // plain client.
  const pg = new Client(pgConnection(database));
  await pg.connect();
  const out: string[] = [];
  let seqScans = 0;
  for (const [title, queries] of sections) {
    out.push(`#### ${title}`, '');
    for (const q of queries) {
      const { rows } = await pg.query(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${q.sql}`,
        q.bindings as unknown[],
      );
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']);
      const seq = plan.filter((l: string) => /Seq Scan/.test(l));
      seqScans += seq.length;
      out.push(
        '```sql',
        q.sql.length > 600 ? `${q.sql.slice(0, 600)} ...` : q.sql,
        '```',
        '```',
        ...plan,
        '```',
        '',
      );
    }
  }
  out.unshift(`Sequential scans in these plans: ${seqScans}`, '');
  writeFileSync(outputFile, `${out.join('\n')}\n`);
  process.stdout.write(`seq scans: ${seqScans}\n`);
  await pg.end();
  await knex.destroy();
}

main().catch(e => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
