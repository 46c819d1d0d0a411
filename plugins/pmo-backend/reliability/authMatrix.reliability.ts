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

import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { pmoProjectReadPermission } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import {
  GROUP_A,
  SECRET_B,
  type Seeded,
  USER,
  isWrite,
  knowsAllParams,
  loadOperations,
  recordFigures,
  reliabilityDatabases,
  seed,
  seedDecisions,
  send,
  startPmoBackend,
  tableCounts,
  validBody,
  validParams,
  withDecisionIds,
  type SeededDecisions,
} from './harness';
import { pmoProjectConditions } from '../src/service/rules';

jest.setTimeout(300_000);

const operations = loadOperations();
const reads = operations.filter(op => !isWrite(op));
const writes = operations.filter(isWrite);

/** A policy that denies everything (and every conditional decision). */
const denyAll: Partial<PermissionsService> = {
  authorize: async reqs => reqs.map(() => ({ result: AuthorizeResult.DENY })),
  authorizeConditional: async reqs =>
    reqs.map(() => ({ result: AuthorizeResult.DENY })),
};

/**
 * A policy that lets the reader see only the projects owned by the A team:
 * a CONDITIONAL decision for pmo.project.read that the plugin turns into
 * SQL, ALLOW for everything else.
 */
const onlyTeamA: Partial<PermissionsService> = {
  authorize: async reqs => reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async reqs =>
    reqs.map(r =>
      r.permission.name === pmoProjectReadPermission.name &&
      isResourcePermission(r.permission)
        ? {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'pmo',
            resourceType: r.permission.resourceType,
            conditions: pmoProjectConditions.isProjectOwner({
              claims: [GROUP_A],
            }),
          }
        : { result: AuthorizeResult.ALLOW },
    ) as any,
};

/**
 * The numbers of a response (every numeric leaf by its path, array
 * lengths): equal between "A and B, filtered to A" and "A only" means
 * that no count leaks B.
 */
function numericShape(body: unknown): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const add = (path: string, v: unknown) => {
    (out[path] = out[path] ?? []).push(v);
  };
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      add(`${path}.length`, node.length);
      node.forEach(n => walk(n, `${path}[]`));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        // versions count writes, which differ between the two seeds only
        // by the B rows' own history; ids and dates are strings anyway.
        // `projectHidden` says that a transition is linked to a project
        // the reader cannot see (the A-only data has no such link).
        if (k === 'version' || k === 'projectHidden') continue;
        walk(v, `${path}.${k}`);
      }
    } else if (typeof node === 'number' || typeof node === 'boolean') {
      add(path, node);
    }
  };
  walk(body, '$');
  for (const k of Object.keys(out)) {
    out[k].sort((x, y) => String(x).localeCompare(String(y)));
  }
  return out;
}

/**
 * The response text without what the caller sent itself (a 404 names the
 * key it was asked for) and, on the run-transition routes, without the
 * transition's own project link: transitions are governed by
 * pmo.transition.read, and a transition's `projectKey` is part of it.
 */
function shownText(
  op: { path: string },
  text: string,
  params: Record<string, string>,
): string {
  let out = text;
  for (const v of Object.values(params)) out = out.split(v).join('');
  if (op.path.includes('transition')) {
    out = out.replace(/"projectKey":"[^"]*"/g, '');
  }
  return out;
}

describe.each(reliabilityDatabases('auth'))('auth matrix on %s', db => {
  let knex: Knex;
  let seeded: Seeded;
  let decisions: SeededDecisions;
  const stops: Array<() => Promise<void>> = [];
  const figures = {
    database: db.id,
    operations: operations.length,
    unauthenticated: 0,
    deniedWrites: 0,
    deniedReads: 0,
    conditionalReads: 0,
  };

  async function backend(options: Parameters<typeof startPmoBackend>[0]) {
    const started = await startPmoBackend(options);
    stops.push(started.stop);
    return started.server;
  }

  beforeAll(async () => {
    knex = await db.create();
    const seeder = await backend({ knex });
    seeded = await seed(seeder);
    decisions = await seedDecisions(seeder, seeded);
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
    await db.destroy();
    recordFigures('auth', figures);
  });

  it('answers 401 on every route without credentials or with a bad token', async () => {
    const server = await backend({
      knex,
      defaultCredentials: mockCredentials.none(),
    });
    const wrong: string[] = [];
    for (const op of operations) {
      const params = validParams(op, seeded, 'a');
      for (const auth of [undefined, 'Bearer not-a-token']) {
        const res = await send(server, op, params, {
          auth,
          body: validBody(op, seeded),
        });
        figures.unauthenticated++;
        if (res.status !== 401) {
          wrong.push(
            `${op.method} ${op.path} (${auth ?? 'none'}): ${res.status}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 on every write under a deny-all policy, changes nothing and shows nothing', async () => {
    const server = await backend({ knex, permissions: denyAll });
    const before = await tableCounts(knex);
    const wrong: string[] = [];
    for (const op of writes) {
      const params = withDecisionIds(
        op,
        validParams(op, seeded, 'a'),
        decisions,
      );
      const res = await send(server, op, params, {
        auth: USER,
        body: validBody(op, seeded),
      });
      figures.deniedWrites++;
      // A route added later whose path names objects this suite cannot
      // seed may look them up first: 404 is fine there, success never.
      const expected = knowsAllParams(op) ? [403] : [403, 404];
      if (!expected.includes(res.status)) {
        wrong.push(`${op.method} ${op.path}: ${res.status} ${res.text}`);
      }
    }
    for (const op of reads) {
      const params = validParams(op, seeded, 'a');
      const res = await send(server, op, params, {
        auth: USER,
        body: validBody(op, seeded),
      });
      figures.deniedReads++;
      const shown = shownText(op, res.text, params);
      const leaked = [
        ...seeded.a.keys,
        ...seeded.b.keys,
        SECRET_B,
        'Alpha',
      ].filter(marker => shown.includes(marker));
      if (res.status >= 500 || leaked.length > 0) {
        wrong.push(
          `${op.method} ${op.path}: ${res.status} shows ${leaked.join(', ')}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(await tableCounts(knex)).toEqual(before);
  });

  it('filters reads in SQL by the conditional decision, counts included', async () => {
    const server = await backend({ knex, permissions: onlyTeamA });
    // The same A data alone, read with allow-all: what the filtered reads
    // must equal, numbers and all.
    const aOnlyDb = await db.create();
    const reference = await backend({ knex: aOnlyDb });
    const aOnly = await seed(reference, { only: 'a' });
    await seedDecisions(reference, aOnly);

    const wrong: string[] = [];
    for (const op of reads) {
      for (const side of ['a', 'b'] as const) {
        const params = validParams(op, seeded, side);
        const res = await send(server, op, params, {
          auth: USER,
          body: validBody(op, seeded),
        });
        figures.conditionalReads++;
        const shown = shownText(op, res.text, params);
        const leaked = [...seeded.b.keys, SECRET_B].filter(m =>
          shown.includes(m),
        );
        if (res.status >= 500 || leaked.length > 0) {
          wrong.push(
            `${op.method} ${op.path} (${side}): ${
              res.status
            } shows ${leaked.join(', ')}`,
          );
        }
        if (side === 'b' && op.path.includes('{key}') && res.status !== 404) {
          wrong.push(`${op.method} ${op.path} on a B project: ${res.status}`);
        }
        // A binary answer (the XLSX workbook) has no numbers to compare as
        // text: it is written from the same filtered export rows as
        // /export/{kind}.csv (routes/imports.ts `readable`), which this
        // loop compares.
        const binary =
          !res.type.includes('json') && !res.type.startsWith('text/');
        if (side !== 'a' || !res.ok || binary) continue;
        const ref = await send(reference, op, validParams(op, aOnly, 'a'), {
          auth: USER,
          body: validBody(op, aOnly),
        });
        const got = numericShape(
          res.type.includes('json') ? res.body : res.text.split('\n').length,
        );
        const want = numericShape(
          ref.type.includes('json') ? ref.body : ref.text.split('\n').length,
        );
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          wrong.push(
            `${op.method} ${
              op.path
            }: numbers differ from the A-only data: ${JSON.stringify(
              got,
            )} vs ${JSON.stringify(want)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
