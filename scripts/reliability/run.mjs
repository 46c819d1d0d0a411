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

// `yarn test:reliability`: the bounded reliability suite.
//
//  1. In-process (jest, plugins/pmo-backend/reliability/*.reliability.ts,
//     on a SQLite file and on PostgreSQL): auth matrix, fuzz (10,000+
//     requests from the OpenAPI spec), two writers x 1,000 conflicting
//     PATCHes, imports racing edits.
//  2. Process-level, on the real backend: two backends on one PostgreSQL
//     (ports 7701/7702), kill -9 during a burst of writes on a SQLite file
//     and on PostgreSQL (port 7703), and the soak (scripts/soak.mjs, port
//     7710; 2 minutes when CI=true, 10 otherwise).
//
// PostgreSQL parts run when PostgreSQL answers on 127.0.0.1:5432 (and
// PMO_TEST_POSTGRES is not 0); otherwise they are skipped with a message.
//
//   yarn test:reliability
//   yarn test:reliability --soak-minutes 1 --skip jest,two,crash,soak
//
// While developing, run some in-process suites on one database only:
//
//   yarn test:reliability --skip two,crash,soak --suites trust,tokenScope \
//     --databases SQLITE_FILE
//
// (--suites: names of plugins/pmo-backend/reliability/<name>.reliability.ts:
// authMatrix, fuzz, concurrency, trust, aggregates, tokenScope; --databases:
// SQLITE_FILE and/or POSTGRES, comma-separated.)
//
// Ends with a summary of the figures; exits non-zero when any part failed.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { log, portFree, postgresAnswers, root } from './backend.mjs';
import { crash } from './crash.mjs';
import { twoBackends } from './twoBackends.mjs';

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const ci = Boolean(process.env.CI) && process.env.CI !== 'false';
const soakMinutes = Number(opt('soak-minutes', ci ? 2 : 10));
const skip = new Set(String(opt('skip', '')).split(',').filter(Boolean));
const suites = String(opt('suites', '')).split(',').filter(Boolean);
const databases = opt('databases', undefined);
const t0 = Date.now();

const outDir = mkdtempSync(join(tmpdir(), 'pmo-reliability-'));
const results = [];
const failures = [];

function run(cmd, args, options) {
  return new Promise(ok => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    child.on('exit', code => ok(code ?? 1));
  });
}

let postgres = false;
if (process.env.PMO_TEST_POSTGRES === '0') {
  log('main', 'PMO_TEST_POSTGRES=0: PostgreSQL parts skipped');
} else if (await postgresAnswers()) {
  postgres = true;
  log('main', 'PostgreSQL answers on 127.0.0.1:5432: SQLite and PostgreSQL');
} else {
  log(
    'main',
    'no PostgreSQL on 127.0.0.1:5432: PostgreSQL parts SKIPPED (SQLite only)',
  );
}

// ------------------------------------------------------------ 1. in-process
if (!skip.has('jest')) {
  log('main', '== in-process suites (jest *.reliability.ts) ==');
  const env = {
    ...process.env,
    CI: 'true',
    BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    PMO_RELIABILITY_OUT: outDir,
  };
  if (databases) env.PMO_RELIABILITY_DATABASES = databases;
  if (postgres && !env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
      'postgresql://postgres@127.0.0.1:5432/postgres';
  }
  if (!postgres)
    delete env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const code = await run(
    'yarn',
    [
      'backstage-cli',
      'package',
      'test',
      ...(suites.length ? suites : ['*']).flatMap(name => [
        '--testMatch',
        `**/pmo-backend/reliability/${name}.reliability.ts`,
      ]),
      '--maxWorkers=2',
    ],
    { cwd: resolve(root, 'plugins/pmo-backend'), env },
  );
  if (code !== 0) failures.push(`jest reliability suites exited ${code}`);
  const file = join(outDir, 'figures.jsonl');
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      results.push(JSON.parse(line));
    }
  }
}

// ---------------------------------------------------------- 2. processes
async function part(name, ports, fn) {
  if (skip.has(name)) return;
  for (const port of ports) {
    if (!(await portFree(port))) {
      failures.push(`${name}: port ${port} is in use`);
      return;
    }
  }
  const started = Date.now();
  try {
    const figures = await fn();
    figures.seconds = Math.round((Date.now() - started) / 1000);
    results.push(figures);
    if (figures.problems?.length) {
      failures.push(`${name}: ${figures.problems.join('; ')}`);
    }
  } catch (e) {
    failures.push(`${name}: ${e.stack ?? e}`);
  }
}

if (postgres) {
  log('main', '== two backends on one PostgreSQL ==');
  await part('two', [7701, 7702], () =>
    twoBackends({ outDir, observeSeconds: 40 }),
  );
} else if (!skip.has('two')) {
  log('main', 'two backends on one PostgreSQL: SKIPPED (no PostgreSQL)');
}

log('main', '== kill -9 during a burst of writes ==');
await part('crash', [7703], () =>
  crash({
    outDir,
    db: { client: 'sqlite', directory: join(outDir, 'sqlite') },
  }),
);
if (postgres) {
  await part('crash', [7703], () =>
    crash({ outDir, db: { client: 'pg', prefix: 'pmo_rel_crash_' } }),
  );
} else if (!skip.has('crash')) {
  log('main', 'kill -9 on PostgreSQL: SKIPPED (no PostgreSQL)');
}

if (!skip.has('soak')) {
  log('main', `== soak, ${soakMinutes} min ==`);
  const resultFile = resolve(root, '.soak/result.json');
  rmSync(resultFile, { force: true });
  const code = await run(
    process.execPath,
    [
      resolve(root, 'scripts/soak.mjs'),
      '--minutes',
      String(soakMinutes),
      '--port',
      '7710',
      '--sample-seconds',
      '10',
      '--max-rss-drift',
      '10',
    ],
    { cwd: root },
  );
  if (existsSync(resultFile)) {
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    results.push({
      section: 'soak',
      minutes: r.minutes,
      requests: r.requests,
      errors: r.errors,
      rssStartMiB: r.rssStart,
      rssEndMiB: r.rssEnd,
      rssAfterWarmupMiB: r.rssWarm && Math.round(r.rssWarm),
      rssSteadyEndMiB: r.rssSteadyEnd && Math.round(r.rssSteadyEnd),
      rssDriftPercent: r.rssDriftPercent,
      crashed: r.crashed,
    });
  }
  if (code !== 0)
    failures.push(`soak exited ${code} (errors, crash or RSS drift)`);
}

// ------------------------------------------------------------- summary
const by = section => results.filter(r => r.section === section);
const sum = (xs, f) => xs.reduce((n, x) => n + (Number(f(x)) || 0), 0);
const lines = [];
const fuzz = by('fuzz');
if (fuzz.length) {
  lines.push(
    `fuzz: ${sum(fuzz, f => f.requests)} requests over ${
      fuzz[0].operations
    } operations (${fuzz
      .map(f => `${f.database} ${f.requests}`)
      .join(', ')}); 5xx: ${sum(
      fuzz,
      f => f.serverErrors,
    )}; 400 naming the field: ${sum(
      fuzz,
      f => f.badRequestsNamingField,
    )}; 400 without: ${sum(
      fuzz,
      f => f.badRequestsWithoutField,
    )}; 4xx without a message: ${sum(fuzz, f => f.clientErrorsWithoutMessage)}`,
  );
}
for (const a of by('auth')) {
  lines.push(
    `auth (${a.database}): ${a.operations} operations; ${a.unauthenticated} unauthenticated requests -> 401; ${a.deniedWrites} writes under deny-all -> 403; ${a.deniedReads} reads under deny-all show nothing; ${a.conditionalReads} conditional reads equal the A-only data`,
  );
}
for (const t of by('trust')) {
  lines.push(
    `trust (${t.database}): ${t.projectWriteRoutes} write routes of one project (from the spec): ${t.deniedWrites} B writes on A's project, ${t.ownerWrites} owner writes; ${t.deniedImportRequests} B import requests on A's project (JSON, CSV, dry runs); ${t.transitionChecks} sign-off/relink/waiver checks`,
  );
}
for (const a of by('aggregates')) {
  lines.push(
    `aggregates, owner-read policy (${a.database}): ${a.reads} reads scanned for other teams' data, ${a.aggregateChecks} counts checked (portfolio, board, snapshots, trends, report)`,
  );
}
for (const t of by('tokenScope')) {
  lines.push(
    `automation token scope (${t.database}): ${t.tokenRequests} token requests, ${t.deniedTokenWrites} writes outside its scope`,
  );
}
for (const c of by('concurrency')) {
  lines.push(
    `concurrency (${c.database}): ${c.writers} writers, ${c.acknowledgedPatches} acknowledged PATCHes, ${c.conflicts409} 409s, lost updates ${c.lostUpdates}, ${c.historyRows} history rows, ${c.seconds} s`,
  );
}
for (const c of by('importRace')) {
  lines.push(
    `imports racing edits (${c.database}): ${c.imports} imports in ${
      c.attempts
    } attempts, ${c.applied} applied, ${c.rejected409} x 409 + ${
      c.rejected400
    } x 400 + ${c.rejected403 ?? 0} x 403 applied nothing, half-applied ${
      c.halfApplied
    }; ${c.edits} edits (${c.editConflicts409} x 409), lost edits ${
      c.lostEdits
    }`,
  );
}
for (const t of by('twoBackends')) {
  lines.push(
    `two backends: ${
      t.crossReads
    }/20 writes read on the other process; cached portfolio on B after a write on A: ${
      t.cachedReadAfterWrite
    }; stale version across processes -> ${
      t.staleVersionAcrossProcesses
    }; health refresh runs ${JSON.stringify(
      t.healthRefreshRuns,
    )}; catalog sync runs ${JSON.stringify(
      t.catalogSyncRuns,
    )}, taken over by B once A stopped: ${
      t.syncTakenOverByB
    }; task rows ${JSON.stringify(t.taskRows)}`,
  );
}
for (const c of by('crash')) {
  lines.push(
    `crash (${c.database}): ${c.writesSent} writes sent, ${
      c.acknowledged
    } acknowledged (${c.acknowledgedMilestones} milestones, ${
      c.acknowledgedRaid
    } RAID, ${c.acknowledgedPatches} PATCHes); found after kill -9: ${
      c.foundMilestones
    } milestones, ${c.foundRaid} RAID; half-written ${
      c.halfWritten
    }; served after restart ${
      c.servedAfterRestart
    }; automation token (read/create/import/delete) ${JSON.stringify(
      c.automationToken ?? {},
    )}`,
  );
}
for (const s of by('soak')) {
  lines.push(
    `soak: ${s.minutes} min, ${s.requests} requests, ${s.errors} errors, RSS start ${s.rssStartMiB} MiB / end ${s.rssEndMiB} MiB, after warm-up ${s.rssAfterWarmupMiB} -> ${s.rssSteadyEndMiB} MiB (drift ${s.rssDriftPercent} %), crashed ${s.crashed}`,
  );
}
const skipped = [];
if (!postgres) {
  skipped.push(
    'PostgreSQL parts (PMO_TEST_POSTGRES=0, or no PostgreSQL on 127.0.0.1:5432)',
  );
}
if (skip.size) skipped.push(`--skip ${[...skip].join(',')}`);

process.stdout.write('\n==== reliability summary ====\n');
for (const l of lines) process.stdout.write(`  ${l}\n`);
if (skipped.length) process.stdout.write(`  skipped: ${skipped.join('; ')}\n`);
process.stdout.write(
  `  total ${Math.round((Date.now() - t0) / 1000)} s; logs in ${outDir}\n`,
);
if (failures.length) {
  process.stdout.write(
    `FAILED:\n${failures.map(f => `  - ${f}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('reliability: all checks passed\n');
