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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { pmoPlugin } from './plugin';

jest.setTimeout(120_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: { 'pmo/service-tier': 'tier-3' },
    },
    spec: { type: 'service', owner: 'storage-team', lifecycle: 'production' },
  },
];

// The wiring does not depend on the dialect (the stores' suites cover it).
// PostgreSQL too when a server is configured (see __testUtils__/databases.ts).
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'pmoPlugin run transitions (%s)',
  databaseId => {
    it('mounts the transition routes with the configured templates', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          pmoPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              pmo: {
                transition: {
                  templates: {
                    'tier-3': {
                      id: 'wintel-tier-3',
                      version: 4,
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
      const path = '/api/pmo/entities/component/default/storage-api/transition';
      const created = await request(server).put(path).send({});
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        tier: 'tier-3',
        templateId: 'wintel-tier-3',
        templateVersion: 4,
        items: [expect.objectContaining({ key: 'runbook', required: true })],
        lifecycleMismatch: true,
      });
      const board = await request(server).get('/api/pmo/transitions');
      expect(board.status).toBe(200);
      expect(board.body.countsByState.not_started).toBe(1);
      expect(board.body.items).toHaveLength(1);
    });
  },
);
