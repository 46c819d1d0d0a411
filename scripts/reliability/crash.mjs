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

// kill -9 of the backend during a burst of writes, on a SQLite file and on
// PostgreSQL. Every acknowledged (2xx) write must be there after the
// restart, and nothing may be half-written. The store writes an object and
// its history row in one transaction, so "half-written" is concretely:
//   - a milestone or RAID item without its `create` history row,
//   - a `create` history row without its milestone or RAID item,
//   - a project whose version does not match its update history
//     (version = 1 + updates: every acknowledged PATCH bumps both at once),
//   - (SQLite) a failed PRAGMA integrity_check.

import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  TOKEN,
  call,
  dropDatabases,
  log,
  require,
  sleep,
  startBackend,
} from './backend.mjs';

const PROJECTS = ['CRASH-1', 'CRASH-2', 'CRASH-3'];

/** The plugin's own database, opened directly (the backend is dead). */
function openPmoDatabase(db) {
  const knex = require('knex');
  return db.client === 'sqlite'
    ? knex({
        client: 'better-sqlite3',
        connection: { filename: resolve(db.directory, 'pmo.sqlite') },
        useNullAsDefault: true,
      })
    : knex({
        client: 'pg',
        connection: {
          host: '127.0.0.1',
          port: 5432,
          user: 'postgres',
          database: `${db.prefix}pmo`,
        },
        pool: { min: 0, max: 1 },
      });
}

async function consistency(knex, db) {
  const problems = [];
  for (const [table, type] of [
    ['pmo_milestones', 'milestone'],
    ['pmo_raid_items', 'raid'],
  ]) {
    const withoutHistory = await knex(`${table} as o`)
      .leftJoin('pmo_history as h', function join() {
        // ids are uuid on PostgreSQL, history object ids text
        this.on('h.object_id', '=', knex.raw('CAST(o.id AS TEXT)'))
          .andOn('h.object_type', '=', knex.raw('?', [type]))
          .andOn('h.action', '=', knex.raw('?', ['create']));
      })
      .whereNull('h.id')
      .count({ n: '*' });
    if (Number(withoutHistory[0].n) > 0) {
      problems.push(`${withoutHistory[0].n} ${type} rows without history`);
    }
    const orphanHistory = await knex('pmo_history as h')
      .leftJoin(`${table} as o`, knex.raw('CAST(o.id AS TEXT)'), 'h.object_id')
      .where({ 'h.object_type': type, 'h.action': 'create' })
      .whereNull('o.id')
      .count({ n: '*' });
    if (Number(orphanHistory[0].n) > 0) {
      problems.push(
        `${orphanHistory[0].n} ${type} history rows without object`,
      );
    }
  }
  for (const key of PROJECTS) {
    const project = await knex('pmo_projects').where({ key }).first();
    const [{ n }] = await knex('pmo_history')
      .where({ project_key: key, object_type: 'project', action: 'update' })
      .count({ n: '*' });
    if (project && Number(project.version) !== 1 + Number(n)) {
      problems.push(
        `${key}: version ${project.version} but ${n} update history rows`,
      );
    }
  }
  if (db.client === 'sqlite') {
    const [row] = await knex.raw('PRAGMA integrity_check');
    const result = Object.values(row)[0];
    if (result !== 'ok') problems.push(`integrity_check: ${result}`);
  }
  return problems;
}

/**
 * One crash run: start, create the projects, fire concurrent writers
 * (milestones, RAID items, PATCHes), kill -9 mid-burst, check the files
 * directly, restart, check through the API.
 */
export async function crash({
  outDir,
  port = 7703,
  db,
  burstMs = 4000,
  workers = 12,
}) {
  const label = db.client === 'sqlite' ? 'SQLite file' : 'PostgreSQL';
  const figures = { section: 'crash', database: label };
  const problems = [];
  if (db.client === 'sqlite') {
    rmSync(db.directory, { recursive: true, force: true });
    mkdirSync(db.directory, { recursive: true });
  } else {
    await dropDatabases(db.prefix);
  }
  let backend = startBackend({ name: `crash-${db.client}`, port, db, outDir });
  try {
    await backend.ready();
    for (const key of PROJECTS) {
      const r = await call(backend, 'POST', '/api/pmo/projects', {
        key,
        title: key,
        owner: 'group:default/pmo',
      });
      if (r.status !== 201)
        throw new Error(`create ${key}: ${r.status} ${r.text}`);
    }

    // The burst: acknowledged writes are recorded as they come back.
    const acked = { milestone: [], raid: [], patch: {}, patches: 0 };
    let sent = 0;
    let failed = 0;
    let stop = false;
    const worker = async w => {
      for (let i = 0; !stop; i++) {
        const key = PROJECTS[(w + i) % PROJECTS.length];
        const kind = i % 3;
        sent++;
        try {
          if (kind === 0) {
            const r = await call(
              backend,
              'POST',
              `/api/pmo/projects/${key}/milestones`,
              {
                title: `w${w}-${i}`,
                baselineDate: '2026-12-31',
                forecastDate: '2027-01-20',
              },
            );
            if (r.status === 201) acked.milestone.push(r.json.id);
          } else if (kind === 1) {
            const r = await call(
              backend,
              'POST',
              `/api/pmo/projects/${key}/raid`,
              {
                type: 'risk',
                title: `w${w}-${i}`,
                probability: 1 + (i % 5),
                impact: 1 + (w % 5),
              },
            );
            if (r.status === 201) acked.raid.push(r.json.id);
          } else {
            const current = await call(
              backend,
              'GET',
              `/api/pmo/projects/${key}`,
            );
            const r = await call(backend, 'PATCH', `/api/pmo/projects/${key}`, {
              version: current.json?.version,
              description: `w${w}-${i}`,
            });
            if (r.status === 200) {
              acked.patches++;
              acked.patch[key] = Math.max(
                acked.patch[key] ?? 0,
                r.json.version,
              );
            }
          }
        } catch {
          failed++;
          if (stop) return;
        }
      }
    };
    const burst = Promise.all(
      Array.from({ length: workers }, (_, w) => worker(w)),
    );
    await sleep(burstMs);
    log('crash', `${label}: kill -9 ${backend.pid} after ${sent} writes sent`);
    stop = true;
    process.kill(backend.pid, 'SIGKILL');
    await backend.exitPromise;
    await burst;
    figures.writesSent = sent;
    figures.acknowledged =
      acked.milestone.length + acked.raid.length + acked.patches;
    figures.acknowledgedPatches = acked.patches;
    figures.acknowledgedMilestones = acked.milestone.length;
    figures.acknowledgedRaid = acked.raid.length;
    figures.lostInFlight = failed;

    // Straight from the files / database, before anything restarts.
    const knex = openPmoDatabase(db);
    try {
      const foundMilestones = await knex('pmo_milestones')
        .whereIn('id', acked.milestone)
        .count({ n: '*' });
      const foundRaid = await knex('pmo_raid_items')
        .whereIn('id', acked.raid)
        .count({ n: '*' });
      figures.foundMilestones = Number(foundMilestones[0].n);
      figures.foundRaid = Number(foundRaid[0].n);
      if (figures.foundMilestones !== acked.milestone.length) {
        problems.push(
          `acknowledged milestones missing: ${
            acked.milestone.length - figures.foundMilestones
          }`,
        );
      }
      if (figures.foundRaid !== acked.raid.length) {
        problems.push(
          `acknowledged RAID items missing: ${
            acked.raid.length - figures.foundRaid
          }`,
        );
      }
      for (const [key, version] of Object.entries(acked.patch)) {
        const row = await knex('pmo_projects').where({ key }).first();
        if (!row || Number(row.version) < version) {
          problems.push(
            `${key}: acknowledged version ${version}, stored ${row?.version}`,
          );
        }
      }
      const half = await consistency(knex, db);
      figures.halfWritten = half.length;
      problems.push(...half);
      const [{ n }] = await knex('pmo_milestones').count({ n: '*' });
      figures.storedMilestones = Number(n);
    } finally {
      await knex.destroy();
    }

    // Restart on the same data: it starts, and serves every acked write.
    backend = startBackend({
      name: `crash-${db.client}-restart`,
      port,
      db,
      outDir,
    });
    await backend.ready();
    let served = 0;
    for (const key of PROJECTS) {
      const plan = await call(
        backend,
        'GET',
        `/api/pmo/projects/${key}/milestones`,
      );
      const raid = await call(backend, 'GET', `/api/pmo/projects/${key}/raid`);
      const ids = new Set([
        ...(plan.json?.items ?? []).map(m => m.id),
        ...(raid.json?.items ?? []).map(r => r.id),
      ]);
      served += [...acked.milestone, ...acked.raid].filter(id =>
        ids.has(id),
      ).length;
    }
    figures.servedAfterRestart = served;
    if (served !== acked.milestone.length + acked.raid.length) {
      problems.push(
        `after restart ${served} of ${
          acked.milestone.length + acked.raid.length
        } acknowledged writes served`,
      );
    }

    // The automation token exactly as app-config.yaml configures it (issue
    // #12): it reads, and may not create, import or delete.
    const probe = {
      read: (
        await call(
          backend,
          'GET',
          '/api/pmo/projects?limit=1',
          undefined,
          TOKEN,
        )
      ).status,
      create: (
        await call(
          backend,
          'POST',
          '/api/pmo/projects',
          {
            key: 'CRASH-9',
            title: 'By automation',
            owner: 'group:default/pmo',
          },
          TOKEN,
        )
      ).status,
      import: (
        await call(
          backend,
          'POST',
          '/api/pmo/import',
          {
            projects: [
              {
                key: 'CRASH-8',
                title: 'By automation',
                owner: 'group:default/pmo',
              },
            ],
          },
          TOKEN,
        )
      ).status,
      delete: (
        await call(
          backend,
          'DELETE',
          `/api/pmo/projects/${PROJECTS[0]}`,
          undefined,
          TOKEN,
        )
      ).status,
    };
    figures.automationToken = probe;
    if (
      probe.read !== 200 ||
      probe.create !== 403 ||
      probe.import !== 403 ||
      probe.delete !== 403
    ) {
      problems.push(
        `automation token of app-config.yaml: ${JSON.stringify(
          probe,
        )}, want read 200 and 403 for create, import and delete`,
      );
    }
  } catch (e) {
    problems.push(String(e));
  } finally {
    await backend.kill();
    if (db.client === 'sqlite') {
      rmSync(db.directory, { recursive: true, force: true });
    } else {
      await dropDatabases(db.prefix);
    }
  }
  figures.problems = problems;
  return figures;
}
