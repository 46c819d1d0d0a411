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

// Issue #12, counts past read filters: with READ owner-conditional too
// (src/reliability/policy.ts, mode owner-read; the catalog hides other
// teams' entities), no response may show or count another team's projects
// or entities: portfolio, transitions board, snapshots (seeded through
// POST /snapshots, so the snapshot, trends and report routes run past
// their validation), batch summaries, transition views, import dry runs.
// The snapshot routes are also exercised with read allowed (owner-writes).

import type { Server } from 'node:http';
import type { Knex } from 'knex';
import {
  GROUP_A,
  GROUP_B,
  SECRET_B,
  type Seeded,
  type SpecOperation,
  isWrite,
  loadOperations,
  recordFigures,
  reliabilityDatabases,
  seed,
  validBody,
  validParams,
} from './harness';
import { ADMIN, ALICE, BOB, startPolicyBackend } from './policy';
import { call, csvOf, describeResponse, ok } from './trustApi';

jest.setTimeout(300_000);

const operations = loadOperations();
const reads = operations.filter(op => !isWrite(op));

/** What one user may see, and what must never show. */
interface View {
  user: string;
  own: string[];
  foreign: string[];
  /** Text of the other team's rows (titles, owner ref). */
  markers: string[];
  /** Entities of the other team, hidden by the catalog. */
  hiddenEntities: string[];
}

const sum = (o: Record<string, number> | undefined) =>
  Object.values(o ?? {}).reduce((n, v) => n + Number(v), 0);

describe.each(reliabilityDatabases('aggregates'))('aggregates on %s', db => {
  let knex: Knex;
  let ownerRead: Server;
  let readAll: Server;
  let seeded: Seeded;
  let snapshotId: string;
  const stops: Array<() => Promise<void>> = [];
  const figures = { database: db.id, reads: 0, aggregateChecks: 0 };

  const views = (): View[] => [
    {
      user: ALICE,
      own: seeded.a.keys,
      foreign: seeded.b.keys,
      markers: [SECRET_B, GROUP_B],
      hiddenEntities: ['component:default/beta-svc'],
    },
    {
      user: BOB,
      own: seeded.b.keys,
      foreign: seeded.a.keys,
      markers: ['Alpha', GROUP_A],
      hiddenEntities: [
        'component:default/alpha-svc',
        'component:default/shared-svc',
      ],
    },
  ];

  beforeAll(async () => {
    knex = await db.create();
    const a = await startPolicyBackend({ knex, mode: 'owner-read' });
    stops.push(a.stop);
    ownerRead = a.server;
    // every write before the second backend starts (its own read cache)
    seeded = await seed(ownerRead);
    ok(
      await call(
        ownerRead,
        'put',
        '/entities/component/default/beta-svc/transition',
        { user: ADMIN },
        { projectKey: seeded.b.keys[0] },
      ),
      'beta-svc transition',
    );
    snapshotId = String(
      ok(
        await call(ownerRead, 'post', '/snapshots', { user: ADMIN }),
        'snapshot',
      ).id,
    );
    const b = await startPolicyBackend({ knex, mode: 'owner-writes' });
    stops.push(b.stop);
    readAll = b.server;
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
    await db.destroy();
    recordFigures('aggregates', figures);
  });

  /** Path values of a read, snapshot ids included. */
  function paramsOf(op: SpecOperation, side: 'a' | 'b') {
    const params = validParams(op, seeded, side);
    if (op.path.startsWith('/snapshots/')) params.id = snapshotId;
    return params;
  }

  it("shows no other team's project, entity or count on any read route", async () => {
    const wrong: string[] = [];
    for (const v of views()) {
      for (const op of reads) {
        // the other side's objects only where the path names one
        const sides = op.path.includes('{') ? (['a', 'b'] as const) : ['a'];
        for (const side of sides as Array<'a' | 'b'>) {
          const params = paramsOf(op, side);
          const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) =>
            encodeURIComponent(params[n]),
          );
          const res = await call(
            ownerRead,
            op.method,
            path,
            { user: v.user },
            validBody(op, seeded),
          );
          figures.reads++;
          // what the caller sent itself may come back (a 404 names the key);
          // kind and namespace values ('default') are part of every ref
          let shown = res.text;
          for (const name of ['key', 'id', 'name']) {
            if (params[name]) shown = shown.split(params[name]).join('');
          }
          // (hidden entity refs may show as links of an own project; the
          // transition test below checks what is said about them)
          const leaked = [...v.foreign, ...v.markers].filter(m =>
            shown.includes(m),
          );
          const what = `${v.user} ${op.method.toUpperCase()} ${path}`;
          if (res.status >= 500 || leaked.length > 0) {
            wrong.push(`${what}: ${res.status} shows ${leaked.join(', ')}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('counts only readable projects: portfolio, snapshots, trends, status report', async () => {
    const wrong: string[] = [];
    const sid = snapshotId;
    for (const v of views()) {
      const as = { user: v.user };
      const n = v.own.length;
      const check = (what: string, got: unknown, want: unknown) => {
        figures.aggregateChecks++;
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          wrong.push(
            `${v.user} ${what}: ${JSON.stringify(got)}, want ${JSON.stringify(
              want,
            )}`,
          );
        }
      };
      const projects = ok(
        await call(ownerRead, 'get', '/projects?limit=200', as),
        'projects',
      );
      check('GET /projects totalItems', projects.totalItems, n);
      const portfolio = ok(
        await call(ownerRead, 'get', '/portfolio', as),
        'portfolio',
      );
      check('GET /portfolio totalProjects', portfolio.totalProjects, n);
      check('GET /portfolio byHealth total', sum(portfolio.byHealth), n);
      const snapshots = ok(
        await call(ownerRead, 'get', '/snapshots', as),
        'snapshots',
      );
      const listed = snapshots.items.find(
        (s: { id: number }) => String(s.id) === sid,
      );
      check(`GET /snapshots projectCount of ${sid}`, listed?.projectCount, n);
      for (const id of [snapshotId, 'latest']) {
        const page = ok(
          await call(
            ownerRead,
            'get',
            `/snapshots/${id}/projects?limit=200`,
            as,
          ),
          `snapshot ${id}`,
        );
        check(`GET /snapshots/${id}/projects totalItems`, page.totalItems, n);
        check(
          `GET /snapshots/${id}/projects byHealth total`,
          sum(page.byHealth),
          n,
        );
        check(
          `GET /snapshots/${id}/projects snapshot.projectCount`,
          page.snapshot?.projectCount,
          n,
        );
        check(
          `GET /snapshots/${id}/projects keys`,
          page.items.map((p: { projectKey: string }) => p.projectKey).sort(),
          [...v.own].sort(),
        );
      }
      const trends = ok(await call(ownerRead, 'get', '/trends', as), 'trends');
      const point = trends.points.find(
        (p: { snapshotId: number }) => String(p.snapshotId) === sid,
      );
      check('GET /trends totalProjects', point?.totalProjects, n);
      check('GET /trends byHealth total', sum(point?.byHealth), n);
      for (const format of ['md', 'csv']) {
        const report = await call(
          ownerRead,
          'get',
          `/reports/status.${format}`,
          as,
        );
        if (report.status !== 200) {
          wrong.push(
            describeResponse(`${v.user} GET /reports/status.${format}`, report),
          );
          continue;
        }
        check(
          `GET /reports/status.${format} own keys`,
          v.own.filter(k => !report.text.includes(k)),
          [],
        );
        const foreign = await call(
          ownerRead,
          'get',
          `/reports/status.${format}?project=${v.foreign[0]}`,
          as,
        );
        if (![403, 404].includes(foreign.status)) {
          wrong.push(
            describeResponse(`${v.user} report of ${v.foreign[0]}`, foreign),
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('counts only visible transitions: board countsByState, portfolio byState, batch summaries', async () => {
    const wrong: string[] = [];
    for (const v of views()) {
      const as = { user: v.user };
      const board = ok(
        await call(ownerRead, 'get', '/transitions?limit=500', as),
        'board',
      );
      const rows: Array<{ entityRef: string; projectKey?: string }> =
        board.items;
      figures.aggregateChecks += 4;
      if (sum(board.countsByState) !== rows.length) {
        wrong.push(
          `${v.user} GET /transitions countsByState ${JSON.stringify(
            board.countsByState,
          )} counts ${sum(board.countsByState)} transitions, the board shows ${
            rows.length
          }`,
        );
      }
      for (const row of rows) {
        if (v.hiddenEntities.includes(row.entityRef)) {
          wrong.push(
            `${v.user} GET /transitions shows hidden ${row.entityRef}`,
          );
        }
        if (row.projectKey && !v.own.includes(row.projectKey)) {
          wrong.push(
            `${v.user} GET /transitions shows ${row.entityRef} linked to ${row.projectKey}`,
          );
        }
      }
      const portfolio = ok(
        await call(ownerRead, 'get', '/portfolio', as),
        'portfolio',
      );
      if (sum(portfolio.transitions?.byState) !== rows.length) {
        wrong.push(
          `${v.user} GET /portfolio transitions.byState counts ${sum(
            portfolio.transitions?.byState,
          )}, the board shows ${rows.length}`,
        );
      }
      const refs = [
        'component:default/alpha-svc',
        'component:default/beta-svc',
        'component:default/shared-svc',
      ];
      const summaries = ok(
        await call(ownerRead, 'post', '/entities/summaries', as, {
          entityRefs: refs,
        }),
        'summaries',
      );
      refs.forEach((ref, i) => {
        const item = summaries.items[i];
        if (v.hiddenEntities.includes(ref) && item?.transition !== undefined) {
          wrong.push(
            `${
              v.user
            } POST /entities/summaries shows the transition of hidden ${ref}: ${JSON.stringify(
              item.transition,
            )}`,
          );
        }
      });
    }
    expect(wrong).toEqual([]);
  });

  it('answers an import dry run on a hidden key as on an unknown one', async () => {
    const wrong: string[] = [];
    const hidden = seeded.a.keys[0];
    const unknown = 'NOPE-1';
    const send = (kind: string, row: Record<string, unknown>, form: string) =>
      form === 'json'
        ? call(
            ownerRead,
            'post',
            '/import',
            { user: BOB },
            { [kind]: [row], dryRun: true },
          )
        : call(
            ownerRead,
            'post',
            `/import?kind=${kind}&dryRun=true`,
            { user: BOB },
            csvOf([row]),
            'text/csv',
          );
    for (const form of ['json', 'csv']) {
      for (const [kind, rowOf] of [
        ['milestones', (key: string) => ({ projectKey: key, title: 'Probe' })],
        [
          'raid',
          (key: string) => ({
            projectKey: key,
            type: 'assumption',
            title: 'Probe',
          }),
        ],
      ] as const) {
        const a = await send(kind, rowOf(hidden), form);
        const b = await send(kind, rowOf(unknown), form);
        const got = `${a.status} ${a.text.split(hidden).join('KEY')}`;
        const want = `${b.status} ${b.text.split(unknown).join('KEY')}`;
        if (got !== want) {
          wrong.push(
            `B dry-run ${kind} row (${form}) on hidden ${hidden}: ${got.slice(
              0,
              300,
            )} | on unknown ${unknown}: ${want.slice(0, 300)}`,
          );
        }
      }
      const res = await send(
        'projects',
        { key: hidden, title: 'Probe', owner: GROUP_B, version: 1 },
        form,
      );
      const leaked = ['Alpha', GROUP_A].filter(m => res.text.includes(m));
      if (leaked.length > 0 || res.body?.counts?.projects?.updated > 0) {
        wrong.push(
          `B dry-run project row (${form}) on hidden ${hidden} reveals it: ${describeResponse(
            '',
            res,
          )}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('serves the snapshot routes past validation with read allowed (owner-writes)', async () => {
    const wrong: string[] = [];
    const as = { user: ALICE };
    const all = [...seeded.a.keys, ...seeded.b.keys];
    const expect200 = async (path: string) => {
      const res = await call(readAll, 'get', path, as);
      figures.aggregateChecks++;
      if (res.status !== 200) wrong.push(describeResponse(`GET ${path}`, res));
      return res;
    };
    const list = (await expect200('/snapshots')).body;
    const listed = list?.items?.find(
      (s: { id: number }) => String(s.id) === snapshotId,
    );
    if (listed?.projectCount !== all.length) {
      wrong.push(
        `GET /snapshots projectCount ${listed?.projectCount}, want ${all.length}`,
      );
    }
    for (const id of [snapshotId, 'latest']) {
      const page = (await expect200(`/snapshots/${id}/projects?limit=200`))
        .body;
      if (
        page?.totalItems !== all.length ||
        sum(page?.byHealth) !== all.length
      ) {
        wrong.push(
          `GET /snapshots/${id}/projects totalItems ${
            page?.totalItems
          }, byHealth ${JSON.stringify(page?.byHealth)}, want ${all.length}`,
        );
      }
    }
    const trends = (await expect200('/trends')).body;
    if (
      !trends?.points?.some(
        (p: { totalProjects: number }) => p.totalProjects === all.length,
      )
    ) {
      wrong.push(
        `GET /trends: no point of ${all.length} projects: ${JSON.stringify(
          trends,
        )}`,
      );
    }
    for (const format of ['md', 'csv']) {
      const report = await expect200(
        `/reports/status.${format}?snapshot=${snapshotId}`,
      );
      const missing = all.filter(k => !report.text.includes(k));
      if (missing.length) {
        wrong.push(
          `GET /reports/status.${format} misses ${missing.join(', ')}`,
        );
      }
      await expect200(`/reports/status.${format}?project=${seeded.a.keys[0]}`);
      const none = await call(
        readAll,
        'get',
        `/reports/status.${format}?snapshot=999999`,
        as,
      );
      if (none.status !== 404) {
        wrong.push(
          describeResponse(
            `GET /reports/status.${format}?snapshot=999999`,
            none,
          ),
        );
      }
    }
    const missingSnapshot = await call(
      readAll,
      'get',
      '/snapshots/999999/projects',
      as,
    );
    if (missingSnapshot.status !== 404) {
      wrong.push(
        describeResponse('GET /snapshots/999999/projects', missingSnapshot),
      );
    }
    expect(wrong).toEqual([]);
  });
});
