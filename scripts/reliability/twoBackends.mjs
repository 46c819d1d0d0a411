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

// Two backend processes on one PostgreSQL (databases pmo_rel_two_*):
// writes on one are read on the other, and the plugin's scheduled tasks
// (global scope) run once across both.

import {
  call,
  dropDatabases,
  log,
  redisAnswers,
  require,
  sleep,
  startBackend,
} from './backend.mjs';

const PREFIX = 'pmo_rel_two_';
/** Catalog annotation sync period in the test (seconds). */
const SYNC_SECONDS = 12;

export async function twoBackends({
  outDir,
  ports = [7701, 7702],
  observeSeconds = 45,
}) {
  const figures = { section: 'twoBackends' };
  await dropDatabases(PREFIX);
  // Replicas share Backstage's cache service (Redis/Valkey in production):
  // the PMO read cache is invalidated by a write on either process.
  const redis = await redisAnswers();
  const config = {
    pmo: { catalogSync: { frequencyMinutes: SYNC_SECONDS / 60 } },
    ...(redis
      ? {
          backend: {
            cache: { store: 'redis', connection: 'redis://127.0.0.1:6379' },
          },
        }
      : {}),
  };
  // One after the other, like a rolling deployment: two Backstage backends
  // cold-starting at the same instant on EMPTY databases race in the core
  // services' own migrations (backstage_backend_public_keys, the catalog's
  // migration lock), before any PMO code runs.
  const start = (port, i) =>
    startBackend({
      name: `two-${'ab'[i]}`,
      port,
      db: { client: 'pg', prefix: PREFIX },
      config,
      outDir,
    });
  const a = start(ports[0], 0);
  let b = { kill: async () => {} };
  const problems = [];
  try {
    await a.ready();
    b = start(ports[1], 1);
    await b.ready();
    const t0 = Date.now();
    log('two', `both backends ready (pids ${a.pid}, ${b.pid})`);

    // Writes on A are read on B, and the other way round.
    let crossReads = 0;
    for (let i = 1; i <= 20; i++) {
      const [writer, reader] = i % 2 ? [a, b] : [b, a];
      const key = `TWO-${i}`;
      const created = await call(writer, 'POST', '/api/pmo/projects', {
        key,
        title: `Written on ${writer.name}`,
        owner: 'group:default/pmo',
      });
      if (created.status !== 201) {
        problems.push(
          `POST ${key} on ${writer.name}: ${created.status} ${created.text}`,
        );
        continue;
      }
      const milestone = await call(
        writer,
        'POST',
        `/api/pmo/projects/${key}/milestones`,
        { title: 'Cutover', baselineDate: '2026-12-31' },
      );
      const read = await call(reader, 'GET', `/api/pmo/projects/${key}`);
      const plan = await call(
        reader,
        'GET',
        `/api/pmo/projects/${key}/milestones`,
      );
      const patched = await call(reader, 'PATCH', `/api/pmo/projects/${key}`, {
        version: read.json?.version,
        title: `Edited on ${reader.name}`,
      });
      const back = await call(writer, 'GET', `/api/pmo/projects/${key}`);
      if (
        read.status !== 200 ||
        read.json.title !== `Written on ${writer.name}` ||
        plan.json?.items?.[0]?.id !== milestone.json?.id ||
        patched.status !== 200 ||
        back.json?.title !== `Edited on ${reader.name}`
      ) {
        problems.push(
          `${key}: written on ${writer.name}, read on ${reader.name}: ${
            read.status
          } ${read.text.slice(0, 200)}`,
        );
      } else {
        crossReads++;
      }
    }
    figures.crossReads = crossReads;

    // Cached reads: B caches the portfolio, A writes, B's next read shows
    // the write (the cache generation lives in the shared cache).
    if (redis) {
      const total = async h =>
        (await call(h, 'GET', '/api/pmo/portfolio')).json?.totalProjects;
      const before = await total(b);
      await total(b); // served from B's cache
      const created = await call(a, 'POST', '/api/pmo/projects', {
        key: 'TWO-99',
        title: 'Written on A while B had the portfolio cached',
        owner: 'group:default/pmo',
      });
      const after = await total(b);
      figures.cachedReadAfterWrite = `${before} -> ${after}`;
      if (created.status !== 201 || after !== before + 1) {
        problems.push(
          `portfolio cached on B did not see A's write: ${before} -> ${after} (POST ${created.status})`,
        );
      }
    } else {
      figures.cachedReadAfterWrite = 'skipped: no Redis on 127.0.0.1:6379';
      log('two', 'no Redis on 127.0.0.1:6379: shared-cache check skipped');
    }
    // A stale version from the other process is a 409, not a lost update.
    const stale = await call(b, 'PATCH', '/api/pmo/projects/TWO-1', {
      version: 1,
      title: 'stale',
    });
    figures.staleVersionAcrossProcesses = stale.status;
    if (stale.status !== 409)
      problems.push(`stale PATCH on B: ${stale.status}`);

    // Scheduled work: observe for a while, then count runs per task.
    const waitMs = Math.max(0, t0 + observeSeconds * 1000 - Date.now());
    log(
      'two',
      `observing the scheduled tasks for ${Math.round(waitMs / 1000)} s`,
    );
    await sleep(waitMs);

    const runsOf = pattern =>
      [a, b]
        .flatMap(h =>
          h.lines
            .filter(l => pattern.test(l.text))
            .map(l => ({ at: l.at, on: h.name })),
        )
        .sort((x, y) => x.at - y.at);
    const health = runsOf(/Refreshed computed health of \d+ projects/);
    const syncs = runsOf(/Synced pmo\/projects of \d+ catalog entities/);
    const snapshots = runsOf(/Took weekly PMO snapshot/);
    figures.healthRefreshRuns = health.map(r => r.on);
    figures.catalogSyncRuns = syncs.map(r => r.on);
    figures.weeklySnapshotsTaken = snapshots.length;
    // hourly, run at start: once across both processes
    if (health.length !== 1) {
      problems.push(`health refresh ran ${health.length} times (want 1)`);
    }
    // every SYNC_SECONDS after a 30 s delay, one run per period across both
    // processes. Runs are logged when they END, so one process's gaps vary
    // with the run time; a second process running the same period would
    // end right next to the first one.
    if (syncs.length === 0) problems.push('catalog sync never ran');
    for (let i = 1; i < syncs.length; i++) {
      const gap = (syncs[i].at - syncs[i - 1].at) / 1000;
      if (syncs[i].on !== syncs[i - 1].on && gap < SYNC_SECONDS * 0.5) {
        problems.push(
          `catalog sync ran on both processes within ${gap.toFixed(1)} s`,
        );
      }
    }
    if (syncs.length > 1) {
      const span = (syncs[syncs.length - 1].at - syncs[0].at) / 1000;
      const most = Math.floor(span / SYNC_SECONDS) + 2;
      if (syncs.length > most) {
        problems.push(
          `catalog sync ran ${syncs.length} times in ${span.toFixed(
            0,
          )} s (period ${SYNC_SECONDS} s)`,
        );
      }
    }
    // B has the task too: with A gone, B takes the next period over.
    await a.kill();
    const takeoverDeadline = Date.now() + (2 * SYNC_SECONDS + 10) * 1000;
    let takeover;
    while (!takeover && Date.now() < takeoverDeadline) {
      await sleep(1000);
      takeover = runsOf(/Synced pmo\/projects of \d+ catalog entities/).find(
        r => r.on === b.name,
      );
    }
    figures.syncTakenOverByB = Boolean(takeover);
    if (!takeover) {
      problems.push('B never ran the catalog sync after A stopped');
    }
    if (snapshots.length > 1)
      problems.push(`${snapshots.length} weekly snapshots`);

    // One row per task id in the scheduler's table of the plugin database.
    const knex = require('knex')({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: `${PREFIX}pmo`,
      },
      pool: { min: 0, max: 1 },
    });
    try {
      const rows = await knex('backstage_backend_tasks__tasks').select('id');
      const ids = rows.map(r => r.id).sort();
      figures.taskRows = ids;
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (dupes.length) problems.push(`duplicate task rows: ${dupes}`);
      for (const id of [
        'pmo-catalog-annotation-sync',
        'pmo-refresh-computed-health',
      ]) {
        if (!ids.includes(id)) problems.push(`no task row for ${id}`);
      }
    } finally {
      await knex.destroy();
    }
  } catch (e) {
    problems.push(String(e));
  } finally {
    await Promise.all([a.kill(), b.kill()]);
    figures.droppedDatabases = (await dropDatabases(PREFIX)).length;
  }
  figures.problems = problems;
  return figures;
}
