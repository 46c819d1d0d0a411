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
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { pmoPlugin } from '../plugin';
import { pmoProjectConditions } from '../service/rules';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice'; // storage-team: owns INFRA-101
const BOB = 'user:default/bob'; // network-team: owns NET-7

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: { 'pmo/projects': 'INFRA-101, NET-7' },
    },
    spec: { type: 'service', owner: 'storage-team', lifecycle: 'production' },
  },
];

const databases = createTestDatabases();

// The permission policy of a real installation, in short: a user reads the
// projects their group owns.
const groupOf: Record<string, string> = {
  [ALICE]: 'group:default/storage-team',
  [BOB]: 'group:default/network-team',
};
const permissions = mockServices.permissions.mock({
  async authorize(requests) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
  },
  async authorizeConditional(requests, options) {
    const principal = (options.credentials as BackstageCredentials)
      .principal as { type: string; userEntityRef?: string };
    const user = principal.userEntityRef ?? '';
    return requests.map(() => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'pmo',
      resourceType: 'pmo-project',
      conditions: pmoProjectConditions.isProjectOwner({
        claims: [groupOf[user] ?? 'group:default/nobody'],
      }),
    }));
  },
});

describe.each(databases.eachSupportedId())(
  'PMO actions for AI assistants on %s',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const registry = actionsRegistryServiceMock();
      const backend = await startTestBackend({
        features: [
          pmoPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          permissions.factory,
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => registry,
          }),
        ],
      });
      const as = (user: string) => mockCredentials.user.header(user) as string;
      for (const [user, key, owner] of [
        [ALICE, 'INFRA-101', 'group:default/storage-team'],
        [BOB, 'NET-7', 'group:default/network-team'],
      ]) {
        const created = await request(backend.server)
          .post('/api/pmo/projects')
          .set('Authorization', as(user))
          .send({
            key,
            title: `${key} project`,
            owner,
            phase: 'execution',
            startDate: '2026-01-01',
            targetDate: '2027-12-31',
          });
        expect(created.status).toBe(201);
        const risk = await request(backend.server)
          .post(`/api/pmo/projects/${key}/raid`)
          .set('Authorization', as(user))
          .send({
            type: 'risk',
            title: `${key} risk`,
            probability: 4,
            impact: 4,
            status: 'open',
          });
        expect(risk.status).toBe(201);
      }
      const invoke = (user: string, name: string, input: object = {}) =>
        registry.invoke({
          id: `test:${name}`,
          input: input as any,
          credentials: mockCredentials.user(user),
        });
      return { backend, registry, invoke };
    }

    it('registers four read-only actions', async () => {
      const { registry, backend } = await start();
      const { actions } = await registry.list();
      expect(actions.map(a => [a.name, a.attributes.readOnly]).sort()).toEqual([
        ['get-pmo-entity-status', true],
        ['get-pmo-project-status', true],
        ['list-my-pmo-signoffs', true],
        ['list-pmo-open-risks', true],
      ]);
      await backend.stop();
    });

    it("a service's status and open risks show only the caller's readable projects", async () => {
      const { invoke, backend } = await start();
      const ref = 'component:default/storage-api';

      const forAlice = (await invoke(ALICE, 'get-pmo-entity-status', {
        entityRef: ref,
      })) as any;
      expect(forAlice.output.summary.projects.map((p: any) => p.key)).toEqual([
        'INFRA-101',
      ]);
      const forBob = (await invoke(BOB, 'get-pmo-entity-status', {
        entityRef: ref,
      })) as any;
      expect(forBob.output.summary.projects.map((p: any) => p.key)).toEqual([
        'NET-7',
      ]);

      const risksAlice = (await invoke(ALICE, 'list-pmo-open-risks', {
        entityRef: ref,
      })) as any;
      expect(risksAlice.output.risks.map((r: any) => r.title)).toEqual([
        'INFRA-101 risk',
      ]);
      const risksBob = (await invoke(BOB, 'list-pmo-open-risks', {
        entityRef: ref,
      })) as any;
      expect(risksBob.output.risks.map((r: any) => r.title)).toEqual([
        'NET-7 risk',
      ]);
      await backend.stop();
    });

    it("a project's status report for its owners, NotFound for another group's user", async () => {
      const { invoke, backend } = await start();
      const report = (await invoke(ALICE, 'get-pmo-project-status', {
        projectKey: 'infra-101',
      })) as any;
      expect(report.output.project).toMatchObject({
        key: 'INFRA-101',
        phase: 'execution',
      });
      expect(report.output.openRaid.map((r: any) => r.title)).toEqual([
        'INFRA-101 risk',
      ]);

      await expect(
        invoke(BOB, 'get-pmo-project-status', { projectKey: 'INFRA-101' }),
      ).rejects.toThrow(/not found/i);
      await expect(
        invoke(BOB, 'get-pmo-project-status', {
          projectKey: 'INFRA 101!',
        }),
      ).rejects.toThrow('projectKey: must be a project key like INFRA-101');
      await backend.stop();
    });

    it("lists the caller's pending sign-offs (none here)", async () => {
      const { invoke, backend } = await start();
      const result = (await invoke(ALICE, 'list-my-pmo-signoffs')) as any;
      expect(result.output).toEqual({
        userEntityRef: ALICE,
        signOffs: [],
        totalItems: 0,
      });
      await backend.stop();
    });
  },
);
