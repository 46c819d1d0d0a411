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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createProjectKeyRule,
  pmoValidationMessages as messages,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import request from 'supertest';
import type { PmoStore } from '../../database/PmoStore';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { registerProjectRoutes } from './projects';

/*
 * Project keys as PMOs write them (issue 14): the base rule accepts
 * ServiceNow numbers and multi-segment keys, a configured pattern narrows
 * new keys only, and a refusal names the field.
 */

const stored = (key: string): ProjectWithHealth => ({
  key,
  title: 'Data-centre move',
  phase: 'intake',
  methodology: 'waterfall',
  owner: 'group:default/dc-team',
  priority: 'medium',
  externalLinks: [],
  version: 1,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  computedHealth: { status: 'green', reasons: [] },
  watermelon: false,
});

function appWith(pattern?: string) {
  const auditor = mockServices.auditor.mock();
  auditor.createEvent.mockResolvedValue({
    success: jest.fn(),
    fail: jest.fn(),
  } as any);
  const store = {
    createProject: jest.fn(async (input: { key: string }) => stored(input.key)),
    getProject: jest.fn(async (key: string) => stored(key)),
    getProjects: jest.fn(async (keys: string[]) => keys.map(stored)),
  };
  const app = routesApp(router =>
    registerProjectRoutes(router, {
      projects: store as unknown as PmoStore,
      milestones: store as unknown as PmoStore,
      raid: store as unknown as PmoStore,
      history: store as unknown as PmoStore,
      catalog: catalogServiceMock(),
      keyRule: createProjectKeyRule(pattern),
      contextOf: createRequestContextFactory({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth({ pluginId: 'pmo' }),
        userInfo: mockServices.userInfo(),
        permissions: mockServices.permissions(),
        auditor,
        projects: store as unknown as PmoStore,
      }),
    }),
  );
  return { app, store };
}

const body = (key: string) => ({
  key,
  title: 'Data-centre move',
  owner: 'group:default/dc-team',
});

describe('project keys in the API', () => {
  it.each(['INFRA-101', 'prj0012345', 'DC-MIG-01', 'net-2027-04'])(
    'creates %s, upper-cased',
    async key => {
      const { app, store } = appWith();
      const res = await request(app).post('/projects').send(body(key));
      expect(res.status).toBe(201);
      expect(res.body.key).toBe(key.toUpperCase());
      expect(store.createProject).toHaveBeenCalledWith(
        expect.objectContaining({ key: key.toUpperCase() }),
        expect.anything(),
      );
    },
  );

  it.each(['-DC', 'DC MIG', 'DC/MIG', 'X'.repeat(41), ''])(
    'refuses %j naming body.key',
    async key => {
      const { app, store } = appWith();
      const res = await request(app).post('/projects').send(body(key));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `Invalid request: body.key: ${messages.projectKey}`,
      );
      expect(store.createProject).not.toHaveBeenCalled();
    },
  );

  it('reads an existing multi-segment key through the URL', async () => {
    const { app, store } = appWith();
    const res = await request(app).get('/projects/dc-mig-01');
    expect(res.status).toBe(200);
    expect(store.getProjects).toHaveBeenCalledWith(['DC-MIG-01']);
  });

  it('narrows new keys to pmo.projectKeys.pattern, naming the field', async () => {
    const { app, store } = appWith('PRJ[0-9]{7}');
    const refused = await request(app).post('/projects').send(body('DC-1'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      `Invalid request: body.key: ${messages.projectKeyPattern('PRJ[0-9]{7}')}`,
    );
    expect(store.createProject).not.toHaveBeenCalled();
    const created = await request(app)
      .post('/projects')
      .send(body('prj0012345'));
    expect(created.status).toBe(201);
    // Existing keys outside the pattern keep working.
    const read = await request(app).get('/projects/INFRA-101');
    expect(read.status).toBe(200);
  });
});
