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

// Issue #12: the automation token (static token, subject pmo-automation,
// app-config.yaml backend.auth.externalAccess) may read, record checklist
// evidence (pmo.transition.update) and milestone actual dates
// (pmo.milestone.update), and nothing else. Checked with the real auth,
// httpAuth and permissions services of @backstage/backend-defaults, the
// token configured (a) with the restrictions issue #12 asks for and (b)
// with the accessRestrictions read from app-config.yaml itself.

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { pmoPermissions } from '@infra-pmo/plugin-pmo-common';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { parse } from 'yaml';
import {
  GROUP_A,
  type Seeded,
  type SpecOperation,
  isWrite,
  loadOperations,
  recordFigures,
  reliabilityDatabases,
  seed,
  startPmoBackend,
  validBody,
  validParams,
  seedDecisions,
  withDecisionIds,
  type SeededDecisions,
} from './harness';
import { call, dayOffset, describeResponse, ok, unchangedBy } from './trustApi';

jest.setTimeout(300_000);

const TOKEN = 'pmo-reliability-scope-token';
const AS_TOKEN = { header: `Bearer ${TOKEN}` };

/** PMO permissions of the automation token (issue #12). */
const TOKEN_PMO_PERMISSIONS = [
  'pmo.project.read',
  'pmo.transition.read',
  'pmo.transition.update',
  'pmo.milestone.update',
];

/** Write routes the token may call by design (pmo.milestone.update, pmo.transition.update). */
const TOKEN_WRITES = [
  'UpdateMilestone',
  'UpdateTransitionItem',
  'PutTransition',
  'MoveTransitionState',
  // re-reads the catalog facts of a checklist (pmo.transition.update): the
  // evidence a pipeline is there to keep current, nothing a person decided
  'RecheckTransitionEvidence',
];

const EXPECTED_RESTRICTIONS = [
  { plugin: 'pmo', permission: TOKEN_PMO_PERMISSIONS },
  { plugin: 'catalog', permissionAttribute: { action: ['read'] } },
];

type Restriction = {
  plugin: string;
  permission?: string | string[];
  permissionAttribute?: { action?: string | string[] };
};

/** The externalAccess entry of the automation token in app-config.yaml. */
function appConfigAutomationEntry(): { accessRestrictions?: Restriction[] } {
  const config = parse(
    readFileSync(
      resolvePackagePath(
        '@infra-pmo/plugin-pmo-backend',
        '../../app-config.yaml',
      ),
      'utf8',
    ),
  );
  const entries: any[] = config?.backend?.auth?.externalAccess ?? [];
  const entry = entries.find(e => e?.options?.subject === 'pmo-automation');
  if (!entry) throw new Error('app-config.yaml: no pmo-automation token');
  return entry;
}

const list = (v: string | string[] | undefined) =>
  v === undefined
    ? undefined
    : (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(/[ ,]/))
        .filter(Boolean);

/** The PMO permissions restrictions let through (backend-defaults semantics). */
function allowedPmoPermissions(restrictions: Restriction[] | undefined) {
  if (!restrictions) return pmoPermissions.map(p => p.name).sort();
  const pmo = restrictions.find(r => r.plugin === 'pmo');
  if (!pmo) return [];
  const names = list(pmo.permission);
  const actions = list(pmo.permissionAttribute?.action);
  return pmoPermissions
    .filter(p => !names || names.includes(p.name))
    .filter(p => !actions || actions.includes(p.attributes.action ?? ''))
    .map(p => p.name)
    .sort();
}

const operations = loadOperations();

const variants: Array<[string, () => Restriction[] | undefined]> = [
  ['the restrictions of issue #12', () => EXPECTED_RESTRICTIONS],
  [
    'the restrictions of app-config.yaml',
    () => appConfigAutomationEntry().accessRestrictions,
  ],
];

describe('the automation token in app-config.yaml', () => {
  it('is restricted to reads, checklist evidence and milestone dates (plus catalog reads)', () => {
    const restrictions = appConfigAutomationEntry().accessRestrictions;
    const catalog = restrictions?.find(r => r.plugin === 'catalog');
    expect({
      plugins: (restrictions ?? []).map(r => r.plugin).sort(),
      pmo: allowedPmoPermissions(restrictions),
      catalog: list(catalog?.permissionAttribute?.action),
    }).toEqual({
      plugins: ['catalog', 'pmo'],
      pmo: [...TOKEN_PMO_PERMISSIONS].sort(),
      catalog: ['read'],
    });
  });
});

describe.each(reliabilityDatabases('token'))('token scope on %s', db => {
  const stops: Array<() => Promise<void>> = [];
  const figures = { database: db.id, tokenRequests: 0, deniedTokenWrites: 0 };

  afterAll(async () => {
    for (const stop of stops) await stop();
    await db.destroy();
    recordFigures('tokenScope', figures);
  });

  describe.each(variants)('configured with %s', (_name, restrictionsOf) => {
    let knex: Knex;
    let server: Server;
    let seeded: Seeded;
    /** A change window and a re-baseline request of the third A project. */
    let decisions: SeededDecisions;

    beforeAll(async () => {
      knex = await db.create();
      const seeder = await startPmoBackend({ knex });
      stops.push(seeder.stop);
      seeded = await seed(seeder.server);
      decisions = await seedDecisions(seeder.server, seeded);
      const restrictions = restrictionsOf();
      const started = await startPmoBackend({
        knex,
        overrides: [
          authServiceFactory,
          httpAuthServiceFactory,
          permissionsServiceFactory,
        ],
        config: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'pmo-automation' },
                  ...(restrictions ? { accessRestrictions: restrictions } : {}),
                },
              ],
            },
          },
          permission: { enabled: true },
          pmo: {},
        },
      });
      stops.push(started.stop);
      server = started.server;
    });

    const entityPath = () =>
      `/entities/${seeded.entity.kind}/${seeded.entity.namespace}/${seeded.entity.name}/transition`;

    it('reads projects (200)', async () => {
      const res = await call(server, 'get', '/projects', AS_TOKEN);
      figures.tokenRequests++;
      expect(describeResponse('GET /projects', res)).toMatch(
        /^GET \/projects -> 200 /,
      );
      expect(res.body.items.length).toBeGreaterThan(0);
    });

    it('sets a milestone actual date (200)', async () => {
      const id = seeded.a.milestones[0];
      const m = ok(
        await call(server, 'get', `/milestones/${id}`, AS_TOKEN),
        id,
      );
      const res = await call(server, 'patch', `/milestones/${id}`, AS_TOKEN, {
        version: m.version,
        actualDate: dayOffset(0),
      });
      figures.tokenRequests++;
      expect(describeResponse('PATCH /milestones/{id}', res)).toMatch(
        /-> 200 /,
      );
    });

    it('records checklist evidence (200)', async () => {
      const t = ok(
        await call(server, 'get', entityPath(), AS_TOKEN),
        'transition',
      );
      const res = await call(
        server,
        'patch',
        `${entityPath()}/items/${seeded.itemKey}`,
        AS_TOKEN,
        {
          version: t.version,
          status: 'done',
          evidenceUrl: 'https://ci.example.com/pipelines/1',
        },
      );
      figures.tokenRequests++;
      expect(describeResponse('PATCH checklist item', res)).toMatch(/-> 200 /);
    });

    it('is refused DELETE /projects/{key}, POST /import and POST /projects (403), changing nothing', async () => {
      const wrong: string[] = [];
      const key = seeded.a.keys[0];
      const attempts: Array<[string, () => ReturnType<typeof call>]> = [
        [
          `DELETE /projects/${key}`,
          () => call(server, 'delete', `/projects/${key}`, AS_TOKEN),
        ],
        [
          'POST /import (JSON)',
          () =>
            call(server, 'post', '/import', AS_TOKEN, {
              projects: [{ key: 'TOKEN-1', title: 'By token', owner: GROUP_A }],
            }),
        ],
        [
          'POST /import (CSV)',
          () =>
            call(
              server,
              'post',
              '/import?kind=projects',
              AS_TOKEN,
              `key,title,owner\r\nTOKEN-2,By token,${GROUP_A}`,
              'text/csv',
            ),
        ],
        [
          'POST /projects',
          () =>
            call(server, 'post', '/projects', AS_TOKEN, {
              key: 'TOKEN-3',
              title: 'By token',
              owner: GROUP_A,
            }),
        ],
      ];
      for (const [what, send] of attempts) {
        wrong.push(
          ...(await unchangedBy(knex, what, async () => {
            const res = await send();
            figures.tokenRequests++;
            figures.deniedTokenWrites++;
            if (res.status !== 403) wrong.push(describeResponse(what, res));
          })),
        );
      }
      expect(wrong).toEqual([]);
    });

    it('is refused every other write route of the OpenAPI document (403), changing nothing', async () => {
      const wrong: string[] = [];
      const srv = server;
      const data = seeded;
      // deletes last, the project's at the very end: one that wrongly
      // succeeds must not hide the others
      const rank = (op: SpecOperation) => {
        if (op.method !== 'delete') return 0;
        return op.path === '/projects/{key}' ? 2 : 1;
      };
      const sweep = operations
        .filter(op => isWrite(op) && !TOKEN_WRITES.includes(op.operationId))
        .sort((x, y) => rank(x) - rank(y));
      for (const op of sweep) {
        // the third A project: the checks above may have deleted the first
        const params = validParams(op, data, 'a');
        if (params.key) params.key = data.a.keys[2];
        if (op.path.startsWith('/milestones/'))
          params.id = data.a.milestones[4];
        if (op.path.startsWith('/raid/')) params.id = data.a.raid[4];
        const aimed = withDecisionIds(op, params, decisions);
        const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) =>
          encodeURIComponent(aimed[n]),
        );
        const what = `token ${op.method.toUpperCase()} ${op.path}`;
        wrong.push(
          ...(await unchangedBy(knex, what, async () => {
            const res = await call(
              srv,
              op.method,
              path,
              AS_TOKEN,
              validBody(op, data),
            );
            figures.tokenRequests++;
            figures.deniedTokenWrites++;
            if (res.status !== 403) wrong.push(describeResponse(what, res));
          })),
        );
      }
      expect(wrong).toEqual([]);
    });

    it('is refused relinking a run transition to another project (no pmo.project.update)', async () => {
      const t = ok(
        await call(server, 'get', entityPath(), AS_TOKEN),
        'transition',
      );
      const what = `token relinks ${seeded.entity.name} to ${seeded.a.keys[1]}`;
      const wrong: string[] = [];
      wrong.push(
        ...(await unchangedBy(knex, what, async () => {
          const res = await call(server, 'put', entityPath(), AS_TOKEN, {
            projectKey: seeded.a.keys[1],
            version: t.version,
          });
          figures.tokenRequests++;
          if (res.status !== 403) wrong.push(describeResponse(what, res));
        })),
      );
      expect(wrong).toEqual([]);
    });
  });
});
