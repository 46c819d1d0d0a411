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

import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// Standalone backend for working on the plugin: `yarn start` in this folder.
// The catalog is an in-memory mock with a few annotated entities, requests
// without a token act as the mock user, and every permission is allowed (no
// permission backend runs here). No demo data: the demo portfolio is a
// module of the repo's app (packages/backend/src/modules/pmoDemoData).
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.userInfo.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'storage', namespace: 'default' },
        spec: { owner: 'group:default/storage-team' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'storage-api',
          namespace: 'default',
          annotations: { 'pmo/projects': 'INFRA-101' },
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'group:default/storage-team',
          system: 'storage',
        },
        relations: [{ type: 'partOf', targetRef: 'system:default/storage' }],
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
