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

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  GROUP_A,
  USER,
  recordFigures,
  reliabilityDatabases,
  scaled,
  startPmoBackend,
} from './harness';

jest.setTimeout(900_000);

/** PATCHes each of the two writers gets acknowledged. */
const WRITES = Number(process.env.PMO_CONCURRENCY_WRITES ?? scaled(1000));
/** Imports racing the edits. */
const IMPORTS = Number(process.env.PMO_CONCURRENCY_IMPORTS ?? scaled(60));

/**
 * The description of a test project holds one counter per writer; each
 * writer increments only its own, always from the version it read. A lost
 * update shows as a counter below the writer's acknowledged PATCHes.
 */
type Counters = Record<string, number>;

async function createProject(server: Server, key: string) {
  const res = await request(server)
    .post('/api/pmo/projects')
    .set('authorization', USER)
    .send({
      key,
      title: `Race ${key}`,
      owner: GROUP_A,
      description: JSON.stringify({}),
      phase: 'execution',
    });
  expect(res.status).toBe(201);
}

async function readProject(server: Server, key: string) {
  const res = await request(server)
    .get(`/api/pmo/projects/${key}`)
    .set('authorization', USER);
  expect(res.status).toBe(200);
  return res.body as { version: number; description: string; title: string };
}

/**
 * One writer: `writes` acknowledged increments of its counter on the
 * given projects (round robin): PATCH with the version last seen, and on
 * 409 read again and retry.
 */
async function writer(
  server: Server,
  name: string,
  keys: string[],
  writes: number,
): Promise<{ acknowledged: Record<string, number>; conflicts: number }> {
  const acknowledged: Record<string, number> = Object.fromEntries(
    keys.map(k => [k, 0]),
  );
  let conflicts = 0;
  // What this writer last saw of each project: its own PATCH answers, or
  // a fresh read after a 409 (a client editing what it displays).
  const seen = new Map<string, { version: number; description: string }>();
  for (let i = 0; i < writes; i++) {
    const key = keys[i % keys.length];
    for (;;) {
      const current = seen.get(key) ?? (await readProject(server, key));
      const counters: Counters = JSON.parse(current.description);
      counters[name] = (counters[name] ?? 0) + 1;
      const res = await request(server)
        .patch(`/api/pmo/projects/${key}`)
        .set('authorization', USER)
        .send({
          version: current.version,
          description: JSON.stringify(counters),
        });
      if (res.status === 200) {
        acknowledged[key]++;
        seen.set(key, res.body);
        break;
      }
      seen.delete(key);
      if (res.status !== 409) {
        throw new Error(
          `${name}: PATCH ${key} answered ${res.status} ${res.text}`,
        );
      }
      conflicts++;
    }
  }
  return { acknowledged, conflicts };
}

describe.each(
  reliabilityDatabases('concurrency').map(db => [db.id, db] as const),
)('concurrency on %s', (id, db) => {
  let knex: Knex;
  let server: Server;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    knex = await db.create();
    ({ server, stop } = await startPmoBackend({ knex }));
  });

  afterAll(async () => {
    await stop?.();
    await db.destroy();
  });

  it(`loses no update of two writers doing ${WRITES} conflicting PATCHes each`, async () => {
    await createProject(server, 'RACE-1');
    const before = await readProject(server, 'RACE-1');
    const t0 = Date.now();
    const [a, b] = await Promise.all([
      writer(server, 'a', ['RACE-1'], WRITES),
      writer(server, 'b', ['RACE-1'], WRITES),
    ]);
    const after = await readProject(server, 'RACE-1');
    const counters: Counters = JSON.parse(after.description);
    const history = await request(server)
      .get('/api/pmo/projects/RACE-1/history?limit=1')
      .set('authorization', USER);
    const updates = await knex('pmo_history')
      .where({
        project_key: 'RACE-1',
        object_type: 'project',
        action: 'update',
      })
      .count({ n: '*' });
    const lost =
      a.acknowledged['RACE-1'] -
      (counters.a ?? 0) +
      (b.acknowledged['RACE-1'] - (counters.b ?? 0));
    recordFigures('concurrency', {
      database: id,
      writers: 2,
      acknowledgedPatches: a.acknowledged['RACE-1'] + b.acknowledged['RACE-1'],
      conflicts409: a.conflicts + b.conflicts,
      lostUpdates: lost,
      historyRows: Number(updates[0].n),
      seconds: Math.round((Date.now() - t0) / 1000),
    });
    expect(counters).toEqual({ a: WRITES, b: WRITES });
    expect(lost).toBe(0);
    // one version and one history row per acknowledged write, no more
    expect(after.version).toBe(before.version + 2 * WRITES);
    expect(Number(updates[0].n)).toBe(2 * WRITES);
    expect(history.body.totalItems).toBe(2 * WRITES + 1);
    // both writers really raced
    expect(a.conflicts + b.conflicts).toBeGreaterThan(0);
  });

  it(`keeps ${IMPORTS} imports racing edits all-or-nothing, and loses no edit`, async () => {
    const keys = ['IMP-1', 'IMP-2', 'IMP-3'];
    for (const key of keys) await createProject(server, key);

    // Edits: increments of a counter, like above, on all three projects.
    const editsPromise = writer(
      server,
      'edit',
      keys,
      Math.max(30, IMPORTS * 3),
    );

    // Imports: each rewrites all three projects from the versions it read
    // (sponsor = its name, description unchanged) and adds two milestones
    // per project with ids chosen here. Like a client, it retries a refused
    // attempt (409, or 400 for a version that moved between its read and
    // its write) with fresh ids; every fourth import carries an invalid
    // last row (a milestone of a project that does not exist: 400, or 403
    // since an unknown key answers like a hidden one) and must apply
    // nothing.
    const attempts: Array<{
      name: string;
      status: number;
      ids: string[];
      broken: boolean;
    }> = [];
    const importer = async () => {
      for (let i = 0; i < IMPORTS; i++) {
        const name = `import-${i}`;
        const broken = i % 4 === 3;
        for (let attempt = 0; ; attempt++) {
          const current: Array<{
            version: number;
            description: string;
            title: string;
          }> = [];
          for (const k of keys) current.push(await readProject(server, k));
          const ids: string[] = [];
          const milestones = keys.flatMap(projectKey =>
            [0, 1].map(j => {
              const milestoneId = randomUUID();
              ids.push(milestoneId);
              return { projectKey, id: milestoneId, title: `${name} #${j}` };
            }),
          );
          if (broken) {
            milestones.push({
              projectKey: 'NOPE-1',
              id: randomUUID(),
              title: 'x',
            });
          }
          const res = await request(server)
            .post('/api/pmo/import')
            .set('authorization', USER)
            .send({
              projects: keys.map((key, k) => ({
                key,
                title: current[k].title,
                owner: GROUP_A,
                phase: 'execution',
                description: current[k].description,
                sponsor: name,
                version: current[k].version,
              })),
              milestones,
            });
          attempts.push({ name, status: res.status, ids, broken });
          const refused = broken ? [400, 403, 409] : [400, 409];
          if (res.status !== 200 && !refused.includes(res.status)) {
            throw new Error(`${name}: ${res.status} ${res.text}`);
          }
          const versionMoved =
            res.status === 400 && /current version/.test(res.text);
          if (broken || !(res.status === 409 || versionMoved)) {
            if (!broken && res.status !== 200) {
              throw new Error(`${name}: ${res.status} ${res.text}`);
            }
            break;
          }
          if (attempt > 500) throw new Error(`${name}: starved by the edits`);
        }
      }
    };
    const [edits] = await Promise.all([editsPromise, importer()]);

    // All or nothing: an applied import has all six milestones, a rejected
    // one none of them (nor its history rows).
    const halfApplied: string[] = [];
    let applied = 0;
    for (const o of attempts) {
      const found = await knex('pmo_milestones').whereIn('id', o.ids).count({
        n: '*',
      });
      const history = await knex('pmo_history')
        .whereIn('object_id', o.ids)
        .count({ n: '*' });
      const n = Number(found[0].n);
      const h = Number(history[0].n);
      const expected = o.status === 200 ? o.ids.length : 0;
      if (o.status === 200) applied++;
      if (n !== expected || h !== expected || (o.broken && o.status === 200)) {
        halfApplied.push(
          `${o.name}: ${o.status}, ${n} milestones, ${h} history rows`,
        );
      }
    }

    // No edit lost: every counter equals its acknowledged PATCHes, although
    // applied imports rewrote the descriptions in between.
    let lost = 0;
    for (const key of keys) {
      const counters: Counters = JSON.parse(
        (await readProject(server, key)).description,
      );
      lost += edits.acknowledged[key] - (counters.edit ?? 0);
    }
    recordFigures('importRace', {
      database: id,
      imports: IMPORTS,
      attempts: attempts.length,
      applied,
      rejected409: attempts.filter(o => o.status === 409).length,
      rejected400: attempts.filter(o => o.status === 400).length,
      rejected403: attempts.filter(o => o.status === 403).length,
      halfApplied: halfApplied.length,
      edits: Object.values(edits.acknowledged).reduce((x, y) => x + y, 0),
      editConflicts409: edits.conflicts,
      lostEdits: lost,
    });
    expect(halfApplied).toEqual([]);
    expect(lost).toBe(0);
    // every valid import went through in the end, no broken one did
    expect(applied).toBe(IMPORTS - Math.floor(IMPORTS / 4));
    expect(attempts.filter(o => o.broken && o.status === 200)).toEqual([]);
  });
});
