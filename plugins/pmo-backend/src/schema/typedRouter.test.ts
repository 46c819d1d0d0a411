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

import { mockErrorHandler } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { createPmoRouter } from './typedRouter';

describe('generated OpenAPI types', () => {
  // generate.mjs records the sha256 of the document it read.
  const spec = readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8');
  const hash = createHash('sha256')
    .update(spec.replace(/\r\n/g, '\n'))
    .digest('hex');

  it.each(['openapi.ts', 'endpoints.ts'])(
    'generated/%s matches openapi.yaml (else run yarn build:openapi)',
    file => {
      const generated = readFileSync(
        resolve(__dirname, 'openapi/generated', file),
        'utf8',
      );
      expect(generated).toContain(`// openapi.yaml sha256: ${hash}\n`);
    },
  );
});

describe('createPmoRouter', () => {
  function app() {
    const router = createPmoRouter();
    router.get('/projects/:key', async (req, res) => {
      if (req.params.key === 'NONE-1') throw new NotFoundError('no project');
      res.json({ key: req.params.key } as any);
    });
    router.patch('/milestones/:id', async (req, res) => {
      res.json({ id: req.params.id, version: req.body.version } as any);
    });
    return express().use(express.json()).use(router).use(mockErrorHandler());
  }

  it('types routes from the spec (checked by yarn tsc)', () => {
    // Registered on a router that is never mounted: the assertions are the
    // expected type errors below, and `yarn tsc` fails once one compiles.
    const router = createPmoRouter();
    // @ts-expect-error not an operation of the spec
    router.get('/nope', async () => {});
    // @ts-expect-error the spec has no POST on this path
    router.post('/projects/:key', async () => {});
    router.get('/milestones/:id', async (req, res) => {
      // @ts-expect-error the path has no :key
      res.json(req.params.key);
    });
    router.get('/projects/:key', async (_req, res) => {
      // @ts-expect-error neither a ProjectWithHealth nor an error body
      res.json({ wrong: 1 });
    });
    router.patch('/milestones/:id', async (req, res) => {
      // @ts-expect-error the spec's version is a number
      const version: string = req.body.version;
      res.json({ id: req.params.id, version } as any);
    });
    expect(router.stack).toHaveLength(5);
  });

  it('is an express-promise-router: a rejected handler reaches the error handler', async () => {
    const res = await request(app()).get('/projects/NONE-1');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('no project');
  });

  it('routes and parses like a plain router (no validation of its own)', async () => {
    expect((await request(app()).get('/projects/INFRA-1')).body).toEqual({
      key: 'INFRA-1',
    });
    // A body the spec would refuse still reaches the handler: zod decides.
    const res = await request(app())
      .patch('/milestones/abc')
      .send({ version: 'not a number' });
    expect(res.body).toEqual({ id: 'abc', version: 'not a number' });
  });
});
