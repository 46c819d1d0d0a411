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

import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { parse } from 'yaml';
// The pipeline CLI, as in service/pmoCi.test.ts.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { main as pmoCi } from '../../../scripts/pmo-ci.mjs';
import { pmoPlugin } from './plugin';

/*
 * The automation token of the root app-config.yaml, as the real backend
 * reads it (real auth, HTTP auth and permission services): a pipeline can
 * read, record checklist evidence and set milestone actual dates, and
 * nothing else. A second, unrestricted test token seeds the data.
 */

jest.setTimeout(120_000);

const appConfig = parse(
  fs.readFileSync(`${__dirname}/../../../app-config.yaml`, 'utf8'),
);
const token = randomBytes(24).toString('base64url');
const adminToken = randomBytes(24).toString('base64url');

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storage-api', namespace: 'default' },
    spec: { type: 'service', owner: 'storage-team', lifecycle: 'production' },
  },
];

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function start() {
  const externalAccess = JSON.parse(
    JSON.stringify(appConfig.backend.auth.externalAccess).replaceAll(
      '${PMO_API_TOKEN}',
      token,
    ),
  );
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      pmoPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            auth: {
              externalAccess: [
                ...externalAccess,
                {
                  type: 'static',
                  options: { token: adminToken, subject: 'test-admin' },
                },
              ],
            },
          },
          permission: appConfig.permission,
          pmo: {
            demoData: false,
            transition: {
              templates: {
                'tier-3': {
                  id: 'test',
                  version: 1,
                  hypercareDays: 7,
                  items: [{ key: 'runbook', title: 'Runbook' }],
                },
              },
            },
          },
        },
      }),
    ],
  });
  const as =
    (bearer: string) =>
    (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string) =>
      request(server)
        [method](`/api/pmo${path}`)
        .set('authorization', `Bearer ${bearer}`);
  return { pipeline: as(token), admin: as(adminToken), as, server };
}

/** scripts/pmo-ci.mjs with the automation token; its exit code and output. */
async function runPmoCi(server: Server, args: string[]) {
  const out: string[] = [];
  const code = await pmoCi(
    args,
    { PMO_API_TOKEN: token, PMO_BASE_URL: 'http://pmo.test' },
    {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
    },
    async (url: string, init: any) => {
      const { pathname, search } = new URL(url);
      let req = (request(server) as any)[String(init.method).toLowerCase()](
        pathname + search,
      );
      for (const [name, value] of Object.entries(init.headers ?? {})) {
        req = req.set(name, value);
      }
      const res = await (init.body ? req.send(init.body) : req);
      return {
        ok: res.status < 400,
        status: res.status,
        statusText: String(res.status),
        text: async () => res.text,
      };
    },
  );
  return { code, out: out.join('') };
}

describe('the automation token of app-config.yaml', () => {
  it('is a static token for pmo-automation read from PMO_API_TOKEN', () => {
    expect(appConfig.backend.auth.externalAccess).toEqual([
      expect.objectContaining({
        type: 'static',
        options: { token: '${PMO_API_TOKEN}', subject: 'pmo-automation' },
      }),
    ]);
  });

  it('reads, records evidence and sets actual dates, and nothing else', async () => {
    const { pipeline, admin, as, server } = await start();
    const transition = '/entities/component/default/storage-api/transition';

    // Seeded with the unrestricted test token.
    expect(
      (
        await admin('post', '/projects').send({
          key: 'PIPE-1',
          title: 'Pipeline',
          owner: 'group:default/storage-team',
        })
      ).status,
    ).toBe(201);
    const milestone = await admin('post', '/projects/PIPE-1/milestones').send({
      title: 'Cutover',
      baselineDate: '2026-04-01',
    });
    expect(milestone.status).toBe(201);
    const started = await admin('put', transition).send({
      projectKey: 'PIPE-1',
    });
    expect(started.status).toBe(201);

    // What a pipeline needs (scripts/pmo-ci.mjs).
    expect((await pipeline('get', '/projects')).status).toBe(200);
    expect((await pipeline('get', '/projects/PIPE-1')).status).toBe(200);
    expect((await pipeline('get', transition)).status).toBe(200);
    expect((await pipeline('get', '/projects/PIPE-1/history')).status).toBe(
      200,
    );
    expect(
      await runPmoCi(server, [
        'milestone',
        milestone.body.id,
        '--actual',
        '2026-04-02',
      ]),
    ).toMatchObject({ code: 0 });
    expect(
      await runPmoCi(server, [
        'evidence',
        'component:default/storage-api',
        'runbook',
        '--url',
        'https://ci.example.com/runbook/42',
        '--status',
        'done',
      ]),
    ).toMatchObject({ code: 0 });
    expect(
      (await pipeline('get', `/milestones/${milestone.body.id}`)).body,
    ).toMatchObject({ actualDate: '2026-04-02' });

    // Everything else is refused.
    const refused = [
      await pipeline('delete', '/projects/PIPE-1'),
      await pipeline('post', '/import').send({
        dryRun: true,
        projects: [{ key: 'PIPE-2', title: 'x', owner: 'group:default/a' }],
      }),
      await pipeline('post', '/projects').send({
        key: 'PIPE-3',
        title: 'x',
        owner: 'group:default/a',
      }),
      await pipeline('patch', '/projects/PIPE-1').send({
        version: 1,
        title: 'Renamed',
      }),
      await pipeline('post', '/projects/PIPE-1/milestones').send({
        title: 'More',
      }),
      await pipeline('delete', `/milestones/${milestone.body.id}`),
      await pipeline('post', '/projects/PIPE-1/raid').send({
        type: 'issue',
        title: 'x',
        probability: 3,
        impact: 3,
      }),
      await pipeline('post', `${transition}/signoffs`).send({ role: 'run' }),
      await pipeline('post', '/snapshots').send({}),
    ];
    expect(refused.map(r => r.status)).toEqual(refused.map(() => 403));
    expect((await pipeline('get', '/projects/PIPE-1')).status).toBe(200);
    // Any other token is no one.
    expect((await as('not-the-token')('get', '/projects')).status).toBe(401);
  });
});
