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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  DEFAULT_READINESS_TEMPLATES,
  type ReadinessTemplate,
} from '@infra-pmo/plugin-pmo-common';
import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/databases';
import type { PmoStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import { annotationFactRule } from '../../evidence/builtInRules';
import { ChecklistEvidence } from '../../evidence/checklistEvidence';
import { PmoFactRules } from '../../evidence/factRuleRegistry';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { registerTransitionEvidenceRoutes } from './transitionEvidence';
import { registerTransitionRoutes } from './transitions';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-03-02T10:00:00Z');
const DORA = 'user:default/dora'; // delivery-team (owner of INFRA-101)
const OTTO = 'user:default/otto'; // wintel-ops (run owner)
const OLGA = 'user:default/olga'; // other-team: neither
const MEMBERSHIPS: Record<string, string[]> = {
  [DORA]: [DORA, 'group:default/delivery-team'],
  [OTTO]: [OTTO, 'group:default/wintel-ops'],
  [OLGA]: [OLGA, 'group:default/other-team'],
};
const PATH = '/entities/component/default/vm-provisioning/transition';

const template: ReadinessTemplate = {
  ...DEFAULT_READINESS_TEMPLATES['tier-2'],
  id: 'facts',
  items: [
    {
      key: 'on-call',
      title: 'On-call',
      description: '',
      required: true,
      evidenceRequired: false,
      fact: {
        rule: 'annotation',
        annotations: ['pagerduty.com/service-id', 'opsgenie.com/team'],
      },
    },
  ],
};

const service = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'vm-provisioning',
    namespace: 'default',
    annotations: { 'pmo/run-owner': 'wintel-ops', ...annotations },
  },
  spec: { type: 'service', owner: 'wintel-eng', lifecycle: 'experimental' },
});

/** Projects are written by their owners only; reads by everybody. */
function policy(permission: string, user?: string): PolicyDecision {
  if (!user || permission === 'pmo.project.read') {
    return { result: AuthorizeResult.ALLOW };
  }
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'pmo',
    resourceType: 'pmo-project',
    conditions: {
      rule: 'IS_PROJECT_OWNER',
      resourceType: 'pmo-project',
      params: { claims: MEMBERSHIPS[user] ?? [user] },
    },
  };
}

describe.each(databases.eachSupportedId())(
  'checklist evidence routes (%s)',
  databaseId => {
    const permissions = mockServices.permissions.mock();
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    const userInfo = mockServices.userInfo.mock();
    let knex: Knex;
    let pmo: PmoStore;
    let store: TransitionStore;
    let annotations: Record<string, string>;

    const appWith = () => {
      const contextOf = createRequestContextFactory({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth({ pluginId: 'pmo' }),
        userInfo,
        permissions,
        auditor,
        projects: { getProjects: keys => pmo.getProjects(keys) },
      });
      const rules = new PmoFactRules();
      rules.add(annotationFactRule);
      const evidence = new ChecklistEvidence({
        rules,
        store,
        logger: mockServices.logger.mock(),
      });
      const catalog = catalogServiceMock({ entities: [service(annotations)] });
      return routesApp(router => {
        const options = {
          transitions: store,
          projects: pmo,
          contextOf,
          catalog,
          evidence,
          now: () => NOW,
        };
        registerTransitionRoutes(router, {
          ...options,
          templates: {
            'tier-1': template,
            'tier-2': template,
            'tier-3': template,
          },
        });
        registerTransitionEvidenceRoutes(router, options);
      });
    };
    const as = (user: string) => mockCredentials.user.header(user);
    const dbState = async () => ({
      transitions: await knex('pmo_transitions').orderBy('entity_ref'),
      items: await knex('pmo_transition_items').orderBy('item_key'),
      history: await knex('pmo_history').count({ n: '*' }),
      raid: await knex('pmo_raid_items').count({ n: '*' }),
    });

    beforeEach(async () => {
      jest.resetAllMocks();
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      permissions.authorizeConditional.mockImplementation(async (reqs, o) =>
        reqs.map(r =>
          policy(
            r.permission.name,
            (o?.credentials?.principal as any)?.userEntityRef,
          ),
        ),
      );
      auditor.createEvent.mockResolvedValue(auditEvent);
      userInfo.getUserInfo.mockImplementation(async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: MEMBERSHIPS[ref] ?? [ref],
        };
      });
      knex = await databases.init(databaseId);
      const stores = await createTestStores(knex, {
        clock: () => NOW,
        recomputeHealth: false,
      });
      pmo = stores.pmo;
      store = stores.transitions;
      await pmo.createProject(
        {
          key: 'INFRA-101',
          title: 'VMs',
          owner: 'group:default/delivery-team',
        },
        { ref: DORA },
      );
      annotations = {};
    });

    const start = (app: express.Express) =>
      request(app)
        .put(PATH)
        .set('Authorization', as(DORA))
        .send({ projectKey: 'INFRA-101' });
    const recheck = (app: express.Express, user: string) =>
      request(app).post(`${PATH}/evidence`).set('Authorization', as(user));

    it('evidences an item from the catalog on start, with the catalog as attester', async () => {
      annotations = { 'pagerduty.com/service-id': 'PX1' };
      const res = await start(appWith());
      expect(res.status).toBe(201);
      expect(res.body.items[0]).toMatchObject({
        key: 'on-call',
        status: 'done',
        attesterKind: 'catalog',
        evidenceUrl: '/catalog/default/component/vm-provisioning',
        factCheck: { status: 'satisfied' },
      });
      expect(res.body.readinessPercent).toBe(100);
    });

    it('re-checks for a member of the delivery or run owner and reopens what stopped holding', async () => {
      annotations = { 'opsgenie.com/team': 'wintel' };
      await start(appWith());
      annotations = {};
      const res = await recheck(appWith(), OTTO);
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toMatchObject({
        status: 'pending',
        factCheck: {
          status: 'unsatisfied',
          detail: 'needs one of: pagerduty.com/service-id, opsgenie.com/team',
        },
      });
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: expect.objectContaining({ changedItems: ['on-call'] }),
      });
    });

    it('refuses a re-check by a user of another group, changing nothing', async () => {
      annotations = { 'opsgenie.com/team': 'wintel' };
      await start(appWith());
      annotations = {};
      const app = appWith();
      const before = await dbState();
      const res = await recheck(app, OLGA);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'Only members of the delivery or run owner',
      );
      expect(await dbState()).toEqual(before);
    });

    it('answers 403 when pmo.transition.update is denied, changing nothing', async () => {
      annotations = { 'opsgenie.com/team': 'wintel' };
      const app = appWith();
      await start(app);
      const before = await dbState();
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.DENY })),
      );
      const res = await recheck(app, DORA);
      expect(res.status).toBe(403);
      expect(await dbState()).toEqual(before);
    });

    it('refuses to untick a catalog-evidenced item (409, saying why) and an outsider waiver (403), changing nothing', async () => {
      annotations = { 'opsgenie.com/team': 'wintel' };
      const app = appWith();
      const version = (await start(app)).body.version;
      const before = await dbState();
      const untick = await request(app)
        .patch(`${PATH}/items/on-call`)
        .set('Authorization', as(DORA))
        .send({ status: 'pending', version });
      expect(untick.status).toBe(409);
      expect(untick.body.error.message).toBe(
        "status: 'On-call' is evidenced by the catalog (opsgenie.com/team: wintel) and stays done while the rule holds; change the entity, or waive the item",
      );
      const waiver = {
        status: 'waived',
        waiverReason: 'moving to PagerDuty',
        expiresAt: '2026-04-30',
        version,
      };
      const outsider = await request(app)
        .patch(`${PATH}/items/on-call`)
        .set('Authorization', as(OLGA))
        .send(waiver);
      expect(outsider.status).toBe(403);
      expect(await dbState()).toEqual(before);
      const owner = await request(app)
        .patch(`${PATH}/items/on-call`)
        .set('Authorization', as(DORA))
        .send(waiver);
      expect(owner.status).toBe(200);
      expect(owner.body.items[0]).toMatchObject({
        status: 'waived',
        attesterKind: 'user',
        attestedBy: DORA,
      });
    });

    it('rejects unauthenticated re-checks and answers 404 without a transition', async () => {
      const app = appWith();
      const none = await request(app)
        .post(`${PATH}/evidence`)
        .set('Authorization', mockCredentials.none.header());
      expect(none.status).toBe(401);
      expect((await recheck(app, DORA)).status).toBe(404);
    });
  },
);
