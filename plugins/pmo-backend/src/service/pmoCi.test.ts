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

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Server } from 'node:http';
import request from 'supertest';
// The pipeline CLI (scripts/pmo-ci.mjs) is a dependency-free script, not a
// package; its request building and retry are tested here against the real
// plugin, which is what it talks to.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  buildRequests,
  main,
  parseArgs,
  readEnv,
  run,
} from '../../../../scripts/pmo-ci.mjs';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/databases';
import type { PmoStore } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';
import { pmoPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const ENTITY = 'component:default/storage-api';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: { 'pmo/run-owner': 'storage-ops' },
    },
    spec: { type: 'service', owner: 'storage-team' },
  },
];

const SERVICE_TOKEN = mockCredentials.service.token();
const SERVICE_SUBJECT = mockCredentials.service().principal.subject;
const BASE = 'http://pmo.test';

/**
 * A `fetch` that sends through supertest to the in-process backend (the
 * test environment rejects real network requests).
 */
function fetchVia(
  server: Server,
  onRequest?: (method: string, path: string) => Promise<void>,
) {
  return jest.fn(async (url: string, init: any) => {
    const { pathname, search } = new URL(url);
    const method = String(init.method).toLowerCase();
    await onRequest?.(init.method, pathname);
    let req = (request(server) as any)[method](pathname + search);
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
  });
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  };
}

describe('pmo-ci command line', () => {
  it('builds the evidence requests: read the transition, PATCH the item with its version', () => {
    const cmd = parseArgs([
      'evidence',
      'Component:default/storage-api',
      'runbook',
      '--url',
      'https://wiki.example.com/runbook',
      '--note',
      'from pipeline 42',
      '--status=done',
    ]);
    const requests = buildRequests(cmd, {
      baseUrl: 'https://portal.example.com',
      token: 'secret',
    });
    expect(requests.read).toEqual({
      method: 'GET',
      url: 'https://portal.example.com/api/pmo/entities/Component/default/storage-api/transition',
      headers: { authorization: 'Bearer secret', accept: 'application/json' },
    });
    const write = requests.write(7);
    expect(write).toMatchObject({
      method: 'PATCH',
      url: 'https://portal.example.com/api/pmo/entities/Component/default/storage-api/transition/items/runbook',
      headers: {
        authorization: 'Bearer secret',
        'content-type': 'application/json',
      },
    });
    expect(JSON.parse(write.body)).toEqual({
      evidenceUrl: 'https://wiki.example.com/runbook',
      note: 'from pipeline 42',
      status: 'done',
      version: 7,
    });
    // The namespace defaults like the catalog's.
    expect(
      parseArgs(['evidence', 'resource:san', 'dr-test', '--url', 'http://x/y'])
        .entity,
    ).toEqual({ kind: 'resource', namespace: 'default', name: 'san' });
  });

  it('builds the milestone requests: GET it, PATCH the actual date and done with its version', () => {
    const cmd = parseArgs(['milestone', 'abc-1', '--actual', '2026-03-31']);
    const requests = buildRequests(cmd, { baseUrl: BASE, token: 't' });
    expect(requests.read).toMatchObject({
      method: 'GET',
      url: `${BASE}/api/pmo/milestones/abc-1`,
    });
    expect(JSON.parse(requests.write(3).body)).toEqual({
      actualDate: '2026-03-31',
      status: 'done',
      version: 3,
    });
  });

  it.each([
    [
      ['evidence', 'storage-api', 'runbook', '--url', 'https://x'],
      /entity ref/,
    ],
    [['evidence', ENTITY, 'runbook'], /--url/],
    [['evidence', ENTITY, 'runbook', '--url', 'ftp://x'], /http\(s\)/],
    [
      ['evidence', ENTITY, 'runbook', '--url', 'https://x', '--status', 'ok'],
      /--status/,
    ],
    [['evidence', ENTITY, '--url', 'https://x'], /<itemKey>/],
    [['evidence', ENTITY, 'runbook', '--url'], /needs a value/],
    [
      ['evidence', ENTITY, 'runbook', '--link', 'https://x'],
      /Unknown option --link/,
    ],
    [['milestone', 'abc', '--actual', '31/03/2026'], /YYYY-MM-DD/],
    [['milestone', '--actual', '2026-03-31'], /<id>/],
    [['deploy'], /Unknown command/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('reads the token and base URL from the environment', () => {
    expect(readEnv({ PMO_API_TOKEN: 't' })).toEqual({
      token: 't',
      baseUrl: 'http://localhost:7007',
    });
    expect(
      readEnv({ PMO_API_TOKEN: 't', PMO_BASE_URL: 'https://p.example.com/' }),
    ).toEqual({ token: 't', baseUrl: 'https://p.example.com' });
    expect(() => readEnv({})).toThrow('PMO_API_TOKEN is not set');
  });

  it('exits 2 with the usage on a usage error, without calling the server', async () => {
    const streams = io();
    const fetchImpl = jest.fn();
    expect(
      await main(
        ['milestone', 'x'],
        { PMO_API_TOKEN: 't' },
        streams,
        fetchImpl,
      ),
    ).toBe(2);
    expect(streams.err.join('')).toMatch(/--actual <YYYY-MM-DD>[\s\S]*Usage:/);
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});

describe.each(databases.eachSupportedId())(
  'pmo-ci against the plugin (%s)',
  databaseId => {
    let server: Server;
    let pmo: PmoStore;
    let transitions: TransitionStore;
    let milestoneId: string;
    const env = { PMO_API_TOKEN: SERVICE_TOKEN, PMO_BASE_URL: BASE };

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          pmoPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
        ],
      }));
      ({ pmo, transitions } = await createTestStores(knex));
      const admin = { ref: 'user:default/admin' };
      await pmo.createProject(
        { key: 'INFRA-101', title: 'Storage', owner: 'group:default/pmo' },
        admin,
      );
      milestoneId = (
        await pmo.createMilestone(
          'INFRA-101',
          { title: 'Cutover', baselineDate: '2026-03-20' },
          admin,
        )
      ).id;
      // Started by a user, as in the product.
      const started = await request(server)
        .put('/api/pmo/entities/component/default/storage-api/transition')
        .set('Authorization', mockCredentials.user.header())
        .send({ projectKey: 'INFRA-101' });
      if (started.status !== 201) {
        throw new Error(`PUT transition: ${started.status} ${started.text}`);
      }
    });

    it('lets a service principal record evidence; the attester is the service', async () => {
      const streams = io();
      const fetchImpl = fetchVia(server);
      const code = await main(
        [
          'evidence',
          ENTITY,
          'runbook',
          '--url',
          'https://ci.example.com/runbook/42',
          '--status',
          'done',
          '--note',
          'published by pipeline 42',
        ],
        env,
        streams,
        fetchImpl,
      );
      expect(streams.err).toEqual([]);
      expect(code).toBe(0);
      expect(streams.out.join('')).toMatch(
        /^component:default\/storage-api runbook: done, evidence https:\/\/ci\.example\.com\/runbook\/42 \(transition version 2, readiness \d+%\)\n$/,
      );
      expect(fetchImpl.mock.calls.map(([, init]) => init.method)).toEqual([
        'GET',
        'PATCH',
      ]);
      const item = (await transitions.getTransition(ENTITY))!.items.find(
        i => i.key === 'runbook',
      );
      expect(item).toMatchObject({
        status: 'done',
        evidenceUrl: 'https://ci.example.com/runbook/42',
        note: 'published by pipeline 42',
        attestedBy: SERVICE_SUBJECT,
      });
    });

    it('prints the server message and exits 1 when the server refuses', async () => {
      const streams = io();
      const code = await main(
        ['evidence', ENTITY, 'no-such-item', '--url', 'https://x.example.com'],
        env,
        streams,
        fetchVia(server),
      );
      expect(code).toBe(1);
      expect(streams.err.join('')).toBe(
        "pmo-ci: 404 Checklist item 'no-such-item' not found on the transition of component:default/storage-api\n",
      );
    });

    it('sets the actual date of a milestone with its current version', async () => {
      const streams = io();
      const code = await main(
        ['milestone', milestoneId, '--actual', '2026-03-18'],
        env,
        streams,
        fetchVia(server),
      );
      expect(streams.err).toEqual([]);
      expect(code).toBe(0);
      expect(streams.out.join('')).toBe(
        `milestone ${milestoneId} (INFRA-101) 'Cutover': actual 2026-03-18, status done (version 2)\n`,
      );
      expect(await pmo.getMilestone(milestoneId)).toMatchObject({
        actualDate: '2026-03-18',
        status: 'done',
        version: 2,
      });
    });

    it('reads again and retries once after a 409', async () => {
      let writes = 0;
      // Someone else edits the milestone between the CLI's read and write,
      // the first time only.
      const fetchImpl = fetchVia(server, async method => {
        if (method === 'PATCH' && writes++ === 0) {
          const m = (await pmo.getMilestone(milestoneId))!;
          await pmo.updateMilestone(
            milestoneId,
            { forecastDate: '2026-03-22', version: m.version },
            { ref: 'user:default/pm' },
          );
        }
      });
      const cmd = parseArgs([
        'milestone',
        milestoneId,
        '--actual',
        '2026-03-18',
      ]);
      const line = await run(cmd, readEnv(env), fetchImpl);
      expect(line).toMatch(/actual 2026-03-18.*\(version 3\)$/);
      expect(fetchImpl.mock.calls.map(([, init]) => init.method)).toEqual([
        'GET',
        'PATCH',
        'GET',
        'PATCH',
      ]);
      expect(await pmo.getMilestone(milestoneId)).toMatchObject({
        forecastDate: '2026-03-22',
        actualDate: '2026-03-18',
      });
    });

    it('gives up after the second 409', async () => {
      const fetchImpl = fetchVia(server, async method => {
        if (method === 'PATCH') {
          const m = (await pmo.getMilestone(milestoneId))!;
          await pmo.updateMilestone(
            milestoneId,
            { title: `Cutover ${m.version}`, version: m.version },
            { ref: 'user:default/pm' },
          );
        }
      });
      const streams = io();
      const code = await main(
        ['milestone', milestoneId, '--actual', '2026-03-18'],
        env,
        streams,
        fetchImpl,
      );
      expect(code).toBe(1);
      expect(streams.err.join('')).toMatch(/^pmo-ci: 409 .*version/);
      expect(fetchImpl).toHaveBeenCalledTimes(4);
    });

    it('answers GET /milestones/{id} with 404 for an unknown milestone', async () => {
      const streams = io();
      const code = await main(
        [
          'milestone',
          '00000000-0000-4000-8000-000000000000',
          '--actual',
          '2026-03-18',
        ],
        env,
        streams,
        fetchVia(server),
      );
      expect(code).toBe(1);
      expect(streams.err.join('')).toBe(
        'pmo-ci: 404 Milestone 00000000-0000-4000-8000-000000000000 not found\n',
      );
    });
  },
);
