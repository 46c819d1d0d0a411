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

// EXPLAIN (ANALYZE) of the SQL that the PMO store really sends for the hot
// reads, on a seeded PostgreSQL bench database. Runs the store itself
// (DatabasePmoStore, through Backstage's TypeScript transform), records
// every query with its bindings, then explains each one. Run by
// `yarn bench --explain`; standalone:
//   node --require @backstage/cli-node/config/nodeTransform.cjs \
//     scripts/bench/explain.ts <database> <input.json> <output.md>
// where input.json is {"hotRef": "...", "batch": ["..."]}.

import { readFileSync, writeFileSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { Client } from 'pg';
import { DatabasePmoStore } from '../../plugins/pmo-backend/src/database/DatabasePmoStore';

type Captured = { sql: string; bindings: readonly unknown[] };

async function main() {
  const [database, inputFile, outputFile] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as {
    hotRef: string;
    batch: string[];
  };
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: process.env.PMO_BENCH_PG
      ? `${process.env.PMO_BENCH_PG}/${database}`
      : { host: '127.0.0.1', port: 5432, user: 'postgres', database },
    pool: { min: 0, max: 2 },
  });
  const store = await DatabasePmoStore.create({
    database: {
      getClient: async () => knex,
      migrations: { skip: true },
    },
  });

  let captured: Captured[] = [];
  knex.on('query', (q: { sql: string; bindings?: readonly unknown[] }) => {
    captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
  });
  async function record(fn: () => Promise<unknown>): Promise<Captured[]> {
    captured = [];
    await fn();
    const result = captured;
    captured = [];
    return result;
  }

  const first = await store.listProjects({ limit: 200 });
  let cursor = first.pageInfo.nextCursor;
  let seen = first.items.length;
  while (cursor && seen < first.totalItems * 0.9) {
    const page = await store.listProjects({ limit: 200, cursor });
    seen += page.items.length;
    cursor = page.pageInfo.nextCursor;
  }

  const sections: Array<[string, Captured[]]> = [
    [
      `Entity summary (${input.hotRef}, a shared platform)`,
      await record(() => store.getEntitySummaries([input.hotRef])),
    ],
    [
      `Batched summaries (${input.batch.length} refs)`,
      await record(() => store.getEntitySummaries(input.batch)),
    ],
    ['Portfolio', await record(() => store.getPortfolio({}))],
    [
      'Projects list, page 1 (limit 20, by key)',
      await record(() => store.listProjects({ limit: 20 })),
    ],
    [
      'Projects list, deep cursor (~90%, limit 20)',
      await record(() => store.listProjects({ limit: 20, cursor })),
    ],
  ];

  // The SQL as sent by knex (with $n placeholders), explained through a
  // plain client.
  const pg = new Client(
    process.env.PMO_BENCH_PG
      ? { connectionString: `${process.env.PMO_BENCH_PG}/${database}` }
      : { host: '127.0.0.1', port: 5432, user: 'postgres', database },
  );
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
