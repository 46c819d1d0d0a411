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
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/databases';
import type { PmoStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { registerTransitionRoutes } from './transitions';

jest.setTimeout(60_000);

// The routes do not depend on the dialect; the stores' own suites cover
// PostgreSQL. A real store keeps versions, revocation and rollback honest.
// PostgreSQL too when a server is configured (see __testUtils__/databases.ts).
const databases = createTestDatabases();

const NOW = new Date('2026-03-02T10:00:00Z');
const DORA = 'user:default/dora'; // delivery-team
const OTTO = 'user:default/otto'; // storage-ops (run owner)
const MALLORY = 'user:default/mallory'; // nobody
const OLGA = 'user:default/olga'; // other-team (owner of OTHER-1)
const ADMIN = 'user:default/admin'; // both delivery groups

const MEMBERSHIPS: Record<string, string[]> = {
  [DORA]: [DORA, 'group:default/delivery-team'],
  [OTTO]: [OTTO, 'group:default/Storage-Ops'],
  [MALLORY]: [MALLORY],
  [OLGA]: [OLGA, 'group:default/other-team'],
  [ADMIN]: [ADMIN, 'group:default/delivery-team', 'group:default/other-team'],
};

const userOf = (credentials: any): string | undefined =>
  credentials?.principal?.userEntityRef;

/**
 * The test policy: every basic permission; projects are read by their
 * owners and by everybody but Mallory (who reads nothing), and written by
 * their owners only (a conditional decision on the caller's groups).
 */
function policy(permission: string, user: string | undefined): PolicyDecision {
  if (!user) return { result: AuthorizeResult.ALLOW };
  const claims = MEMBERSHIPS[user] ?? [user];
  if (permission === 'pmo.project.read' && user !== MALLORY) {
    return { result: AuthorizeResult.ALLOW };
  }
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'pmo',
    resourceType: 'pmo-project',
    conditions: {
      rule: 'IS_PROJECT_OWNER',
      resourceType: 'pmo-project',
      params: { claims },
    },
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storage-api',
      namespace: 'default',
      annotations: {
        'pmo/run-owner': 'storage-ops',
        'pmo/service-tier': 'tier-1',
      },
    },
    spec: { type: 'service', owner: 'storage-team', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'lonely', namespace: 'default' },
    spec: { type: 'service', owner: 'lonely-team', lifecycle: 'experimental' },
  },
];

const PATH = '/entities/component/default/storage-api/transition';

describe.each(databases.eachSupportedId())(
  'transition routes (%s)',
  databaseId => {
    const permissions = mockServices.permissions.mock();
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    const userInfo = mockServices.userInfo.mock();
    let app: express.Express;
    let knex: Knex;
    let pmo: PmoStore;
    let transitionStore: TransitionStore;

    const as = (user: string) => mockCredentials.user.header(user);

    const appWith = (catalog: CatalogService) => {
      const contextOf = createRequestContextFactory({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth({ pluginId: 'pmo' }),
        userInfo,
        permissions,
        auditor,
        projects: { getProjects: keys => pmo.getProjects(keys) },
      });
      return routesApp(router =>
        registerTransitionRoutes(router, {
          transitions: transitionStore,
          projects: pmo,
          contextOf,
          catalog,
          now: () => NOW,
        }),
      );
    };

    /** Every row a transition write could touch. */
    const dbState = async () => ({
      transitions: await knex('pmo_transitions').orderBy('entity_ref'),
      items: await knex('pmo_transition_items').orderBy([
        'entity_ref',
        'item_key',
      ]),
      signOffs: await knex('pmo_transition_signoffs').orderBy([
        'entity_ref',
        'role',
      ]),
      raid: await knex('pmo_raid_items').orderBy('id'),
      history: await knex('pmo_history').count({ n: '*' }),
    });

    beforeEach(async () => {
      jest.resetAllMocks();
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      permissions.authorizeConditional.mockImplementation(async (reqs, o) =>
        reqs.map(r => policy(r.permission.name, userOf(o?.credentials))),
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
      const store = stores.transitions;
      transitionStore = store;
      await pmo.createProject(
        {
          key: 'INFRA-101',
          title: 'Storage',
          owner: 'group:default/delivery-team',
        },
        { ref: DORA },
      );
      await pmo.createProject(
        { key: 'OTHER-1', title: 'Other', owner: 'group:default/other-team' },
        { ref: OLGA },
      );
      app = appWith(catalogServiceMock({ entities }));
    });

    const start = () =>
      request(app)
        .put(PATH)
        .set('Authorization', as(DORA))
        .send({ projectKey: 'infra-101', targetDate: '2026-04-30' });

    const version = async () =>
      (await request(app).get(PATH).set('Authorization', as(DORA))).body
        .version as number;

    const patchItem = async (
      key: string,
      body: object,
      user = DORA,
    ): Promise<request.Response> =>
      request(app)
        .patch(`${PATH}/items/${key}`)
        .set('Authorization', as(user))
        .send({ version: await version(), ...body });

    const move = async (target: string, reason?: string) =>
      request(app)
        .post(`${PATH}/state`)
        .set('Authorization', as(DORA))
        .send({ target, reason, version: await version() });

    const sign = async (role: string, user: string) =>
      request(app)
        .post(`${PATH}/signoffs`)
        .set('Authorization', as(user))
        .send({ role, version: await version() });

    const revoke = async (role: string, user: string) =>
      request(app)
        .delete(`${PATH}/signoffs/${role}`)
        .query({ version: await version() })
        .set('Authorization', as(user));

    const relink = async (projectKey: string | null, user = DORA) =>
      request(app)
        .put(PATH)
        .set('Authorization', as(user))
        .send({ projectKey, version: await version() });

    /** Every required item done (or waived), in ready_for_review. */
    const toReview = async () => {
      await start();
      await move('in_progress');
      const t = (await request(app).get(PATH).set('Authorization', as(DORA)))
        .body;
      for (const item of t.items.filter((i: any) => i.required)) {
        const res = await patchItem(item.key, {
          status: 'done',
          evidenceUrl: 'https://wiki.example.com/evidence',
        });
        expect(res.status).toBe(200);
      }
      expect((await move('ready_for_review')).status).toBe(200);
    };

    const ROUTES: Array<[string, string]> = [
      ['get', PATH],
      ['put', PATH],
      ['patch', `${PATH}/items/runbook`],
      ['post', `${PATH}/signoffs`],
      ['delete', `${PATH}/signoffs/run`],
      ['post', `${PATH}/state`],
      ['get', '/transitions'],
    ];

    it.each(ROUTES)(
      '%s %s rejects unauthenticated calls',
      async (method, path) => {
        const res = await (request(app) as any)
          [method](path)
          .set('Authorization', mockCredentials.none.header())
          .send({});
        expect(res.status).toBe(401);
      },
    );

    it.each([
      ['get', PATH, 'pmo.transition.read'],
      ['put', PATH, 'pmo.transition.update'],
      ['patch', `${PATH}/items/runbook`, 'pmo.transition.update'],
      ['post', `${PATH}/state`, 'pmo.transition.update'],
      ['post', `${PATH}/signoffs`, 'pmo.transition.signoff'],
      ['delete', `${PATH}/signoffs/run`, 'pmo.transition.signoff'],
      ['get', '/transitions', 'pmo.transition.read'],
    ])(
      '%s %s answers 403 when %s is denied, changing nothing',
      async (method, path, name) => {
        await start();
        const before = await dbState();
        permissions.authorize.mockImplementation(async reqs =>
          reqs.map(() => ({ result: AuthorizeResult.DENY })),
        );
        const res = await (request(app) as any)
          [method](path)
          .query(method === 'delete' ? { version: 1 } : {})
          .set('Authorization', as(DORA))
          .send({ version: 1, role: 'run', target: 'in_progress' });
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(name);
        expect(await dbState()).toEqual(before);
      },
    );

    it('creates a transition from the tier template, then updates it with its version', async () => {
      const created = await start();
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'component:default/storage-api',
        projectKey: 'INFRA-101',
        targetDate: '2026-04-30',
        state: 'not_started',
        tier: 'tier-1',
        templateId: 'default-tier-1',
        templateVersion: 1,
        readinessPercent: 0,
        deliveryOwner: 'group:default/delivery-team',
        runOwner: 'group:default/storage-ops',
        lifecycle: 'production',
        lifecycleMismatch: true,
        version: 1,
      });
      expect(created.body.items).toHaveLength(12);
      expect(created.body.blocking).toHaveLength(12);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'transition-upsert',
          meta: { entityRef: 'component:default/storage-api' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalled();

      const noVersion = await request(app)
        .put(PATH)
        .set('Authorization', as(DORA))
        .send({ targetDate: '2026-05-31' });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.message).toContain('body.version');

      const updated = await request(app)
        .put(PATH)
        .set('Authorization', as(DORA))
        .send({ targetDate: '2026-05-31', version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        targetDate: '2026-05-31',
        version: 2,
      });

      const stale = await request(app)
        .put(PATH)
        .set('Authorization', as(DORA))
        .send({ targetDate: null, version: 1 });
      expect(stale.status).toBe(409);
      expect(auditEvent.fail).toHaveBeenCalled();
    });

    it('uses the default tier and the entity owner without annotations or project', async () => {
      const res = await request(app)
        .put('/entities/Component/default/Lonely/transition')
        .set('Authorization', as(DORA))
        .send({});
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/lonely',
        tier: 'tier-2',
        deliveryOwner: 'group:default/lonely-team',
        runOwner: 'group:default/lonely-team',
        lifecycleMismatch: false,
      });
      expect(res.body.projectKey).toBeUndefined();
    });

    it('answers 404 for an unknown entity or a missing transition', async () => {
      for (const [method, path, body] of [
        ['get', '/entities/component/default/ghost/transition', {}],
        ['put', '/entities/component/default/ghost/transition', {}],
        [
          'post',
          '/entities/component/default/ghost/transition/state',
          { target: 'in_progress', version: 1 },
        ],
      ] as const) {
        const res = await (request(app) as any)
          [method](path)
          .set('Authorization', as(DORA))
          .send(body);
        expect(res.status).toBe(404);
        expect(res.body.error.message).toContain('component:default/ghost');
      }
      const none = await request(app).get(PATH).set('Authorization', as(DORA));
      expect(none.status).toBe(404);
      expect(none.body.error.message).toContain('no run transition');
      const project = await request(app)
        .put(PATH)
        .set('Authorization', as(DORA))
        .send({ projectKey: 'NOPE-1' });
      expect(project.status).toBe(404);
    });

    it.each([
      ['put', PATH, { projectKey: 'not a key' }, 'body.projectKey'],
      ['put', PATH, { targetDate: '2026-02-30' }, 'body.targetDate'],
      ['put', PATH, { version: -1 }, 'body.version'],
      ['put', PATH, { owner: 'x' }, "Unrecognized key(s) in object: 'owner'"],
      ['patch', `${PATH}/items/runbook`, { status: 'done' }, 'body.version'],
      [
        'patch',
        `${PATH}/items/runbook`,
        { status: 'ok', version: 1 },
        'body.status',
      ],
      [
        'patch',
        `${PATH}/items/runbook`,
        { evidenceUrl: 'file:///etc/passwd', version: 1 },
        'body.evidenceUrl: must be an http(s) URL',
      ],
      [
        'patch',
        `${PATH}/items/runbook`,
        { expiresAt: 'tomorrow', version: 1 },
        'body.expiresAt',
      ],
      [
        'patch',
        `${PATH}/items/runbook`,
        { waiverReason: 'x'.repeat(2001), version: 1 },
        'body.waiverReason',
      ],
      ['patch', `${PATH}/items/Bad_Key`, { version: 1 }, 'params.itemKey'],
      ['post', `${PATH}/signoffs`, { role: 'cab', version: 1 }, 'body.role'],
      ['post', `${PATH}/signoffs`, { role: 'run' }, 'body.version'],
      ['delete', `${PATH}/signoffs/cab?version=1`, {}, 'params.role'],
      ['delete', `${PATH}/signoffs/run`, {}, 'query.version'],
      ['delete', `${PATH}/signoffs/run?version=x`, {}, 'query.version'],
      ['post', `${PATH}/state`, { target: 'done', version: 1 }, 'body.target'],
      ['post', `${PATH}/state`, { target: 'in_progress' }, 'body.version'],
      ['get', '/transitions?limit=0', {}, 'query.limit'],
      ['get', '/transitions?state=live', {}, 'query.state'],
      ['get', '/transitions?mismatch=yes', {}, 'query.mismatch'],
      ['get', '/entities/component/default/x!/transition', {}, 'params'],
    ])(
      '%s %s answers 400 naming the field',
      async (method, path, body, field) => {
        await start();
        const before = await dbState();
        const res = await (request(app) as any)
          [method](path)
          .set('Authorization', as(DORA))
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(field);
        expect(await dbState()).toEqual(before);
      },
    );

    it('answers 400 for business rules of an item, naming the field', async () => {
      await start();
      const res = await patchItem('runbook', { status: 'done' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('evidenceUrl: is required');
      const waiver = await patchItem('runbook', {
        status: 'waived',
        waiverReason: 'Vendor late',
      });
      expect(waiver.status).toBe(400);
      expect(waiver.body.error.message).toContain('expiresAt: is required');
    });

    it('answers 409 for an illegal move and a stale version', async () => {
      await start();
      const illegal = await move('accepted');
      expect(illegal.status).toBe(409);
      expect(illegal.body.error.message).toBe(
        'Cannot move from not_started to accepted; allowed: in_progress',
      );
      await move('in_progress');
      await move('ready_for_review');
      const blocked = await move('accepted');
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toContain(
        'missing delivery and run sign-off',
      );

      const stale = await request(app)
        .patch(`${PATH}/items/pir`)
        .set('Authorization', as(DORA))
        .send({ status: 'done', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('based on version 1');
    });

    it('lets only members of the owning groups sign, and only the signer revoke', async () => {
      await toReview();
      const outsider = await sign('delivery', OLGA);
      expect(outsider.status).toBe(403);
      expect(outsider.body.error.message).toBe(
        'Only members of group:default/delivery-team can give the delivery sign-off',
      );
      // The owner of a project hidden from the caller is not named.
      const blind = await sign('delivery', MALLORY);
      expect(blind.status).toBe(403);
      expect(blind.body.error.message).toBe(
        'Only members of the owner group of the linked project can give the delivery sign-off',
      );
      const wrongGroup = await sign('run', DORA);
      expect(wrongGroup.status).toBe(403);
      expect(wrongGroup.body.error.message).toContain(
        'group:default/storage-ops',
      );

      expect((await sign('delivery', DORA)).status).toBe(201);
      const run = await sign('run', OTTO);
      expect(run.status).toBe(201);
      expect(run.body.signOffs).toEqual([
        { role: 'delivery', signedBy: DORA, signedAt: NOW.toISOString() },
        { role: 'run', signedBy: OTTO, signedAt: NOW.toISOString() },
      ]);

      const notMine = await revoke('run', DORA);
      expect(notMine.status).toBe(403);
      const mine = await revoke('run', OTTO);
      expect(mine.status).toBe(200);
      expect(mine.body.signOffs.map((s: any) => s.role)).toEqual(['delivery']);

      const service = await request(app)
        .post(`${PATH}/signoffs`)
        .set('Authorization', mockCredentials.service.header())
        .send({ role: 'run', version: await version() });
      expect(service.status).toBe(403);
    });

    it('revokes both sign-offs when an item changes, then accepts once re-signed', async () => {
      await toReview();
      await sign('delivery', DORA);
      await sign('run', OTTO);
      const edit = await patchItem('runbook', {
        evidenceUrl: 'https://wiki.example.com/runbook-v2',
      });
      expect(edit.status).toBe(200);
      expect(edit.body.revokedSignOffs.map((s: any) => s.role)).toEqual([
        'delivery',
        'run',
      ]);
      expect(edit.body.signOffs).toEqual([]);
      const history = await pmo.listHistory('INFRA-101', { limit: 1 });
      expect(history.items[0]).toMatchObject({
        objectType: 'transition',
        changes: {
          'items.runbook.evidenceUrl': [
            'https://wiki.example.com/evidence',
            'https://wiki.example.com/runbook-v2',
          ],
          'signOffs.delivery': [DORA, null],
          'signOffs.run': [OTTO, null],
        },
      });

      await sign('delivery', DORA);
      await sign('run', OTTO);
      const accepted = await move('accepted');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        state: 'accepted',
        lifecycleMismatch: false,
      });
      const hypercare = await move('hypercare');
      expect(hypercare.body).toMatchObject({
        hypercareStart: '2026-03-02',
        hypercareEnd: '2026-04-15', // tier-1: 45 days
      });
      expect((await move('run')).status).toBe(409);
      expect((await move('run', 'Stable, PIR done')).body.state).toBe('run');
    });

    it('creates the waiver risk owned by the run owner', async () => {
      await start();
      const res = await patchItem('dr-test', {
        status: 'waived',
        waiverReason: 'DR site not built yet',
        expiresAt: '2026-06-30',
      });
      expect(res.status).toBe(200);
      const item = res.body.items.find((i: any) => i.key === 'dr-test');
      expect(await pmo.getRaidItem(item.raidId)).toMatchObject({
        title: 'Waiver: Disaster recovery test (component:default/storage-api)',
        owner: 'group:default/storage-ops',
        dueDate: '2026-06-30',
      });
    });

    it('lists the board with mismatch and state filters', async () => {
      await start();
      await request(app)
        .put('/entities/component/default/lonely/transition')
        .set('Authorization', as(DORA))
        .send({});
      const all = await request(app)
        .get('/transitions')
        .set('Authorization', as(DORA));
      expect(all.status).toBe(200);
      expect(all.body.items.map((r: any) => r.entityRef)).toEqual([
        'component:default/lonely',
        'component:default/storage-api',
      ]);
      expect(all.body.countsByState).toMatchObject({ not_started: 2 });
      expect(all.body.items[1]).toMatchObject({
        projectKey: 'INFRA-101',
        tier: 'tier-1',
        readinessPercent: 0,
        lifecycle: 'production',
        lifecycleMismatch: true,
        signOffs: [],
      });

      const mismatched = await request(app)
        .get('/transitions?mismatch=true')
        .set('Authorization', as(DORA));
      expect(mismatched.body.items.map((r: any) => r.entityRef)).toEqual([
        'component:default/storage-api',
      ]);
      const paged = await request(app)
        .get('/transitions?limit=1&state=not_started,in_progress')
        .set('Authorization', as(DORA));
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.pageInfo.nextCursor).toEqual(expect.any(String));
      const none = await request(app)
        .get('/transitions?state=run')
        .set('Authorization', as(DORA));
      expect(none.body.items).toEqual([]);
    });

    it('reads the catalog as the plugin for a service caller', async () => {
      await start();
      const seen: string[] = [];
      const restricted = catalogServiceMock({ entities });
      const original = restricted.getEntityByRef.bind(restricted);
      jest
        .spyOn(restricted, 'getEntityByRef')
        .mockImplementation(async (ref, opts) => {
          const p = (
            opts as {
              credentials: { principal: { type: string; subject?: string } };
            }
          ).credentials.principal;
          seen.push(`${p.type}:${p.subject ?? ''}`);
          if (p.type === 'service' && p.subject !== 'plugin:pmo') {
            throw new NotAllowedError(
              "Access to target plugin 'catalog' is restricted and cannot be delegated",
            );
          }
          return original(ref, opts);
        });
      const serviceApp = appWith(restricted);
      const res = await request(serviceApp)
        .get(PATH)
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/storage-api');
      expect(seen).toEqual(['service:plugin:pmo']);
    });

    it('keeps the project of a signed-off transition: no relink or unlink from ready_for_review on', async () => {
      await toReview();
      expect((await sign('delivery', DORA)).status).toBe(201);
      const before = await dbState();
      // Dora signed as delivery owner; moving the transition under another
      // group's project (or none) must not keep her sign-off.
      for (const [key, user] of [
        ['OTHER-1', ADMIN],
        [null, DORA],
      ] as const) {
        const res = await relink(key, user);
        expect(res.status).toBe(409);
        expect(res.body.error.message).toContain('body.projectKey');
        expect(res.body.error.message).toContain('it is ready_for_review');
      }
      expect(await dbState()).toEqual(before);
      // The same key again is not a change.
      const same = await relink('infra-101');
      expect(same.status).toBe(200);
      expect(same.body.signOffs).toHaveLength(1);
    });

    it('refuses to unlink the project in hypercare (which would skip the open-issue check)', async () => {
      await toReview();
      await sign('delivery', DORA);
      await sign('run', OTTO);
      await move('accepted');
      await move('hypercare');
      await pmo.createRaidItem(
        'INFRA-101',
        { type: 'issue', title: 'Backups failing', probability: 5, impact: 3 },
        { ref: DORA },
      );
      const before = await dbState();
      const unlink = await relink(null);
      expect(unlink.status).toBe(409);
      expect(unlink.body.error.message).toContain('it is hypercare');
      expect(await dbState()).toEqual(before);
      const run = await move('run', 'Stable');
      expect(run.status).toBe(409);
      expect(run.body.error.message).toContain('open issue');
    });

    it('relinks only with pmo.project.update on the old and the new project, revoking the sign-offs', async () => {
      await toReview();
      await sign('delivery', DORA);
      await sign('run', OTTO);
      await move('in_progress');
      const before = await dbState();
      // Dora owns INFRA-101 but not OTHER-1; Olga the reverse; Mallory can
      // read neither (the new one is a 404, like a missing project).
      for (const [user, status, message] of [
        [DORA, 403, 'Not allowed: pmo.project.update on project OTHER-1'],
        [OLGA, 403, 'Not allowed: pmo.project.update on project INFRA-101'],
        [MALLORY, 404, 'Project OTHER-1 not found'],
      ] as const) {
        const res = await relink('OTHER-1', user);
        expect(res.status).toBe(status);
        expect(res.body.error.message).toBe(message);
      }
      // Unlinking needs update on the old project too.
      const unlink = await relink(null, OLGA);
      expect(unlink.status).toBe(403);
      expect(await dbState()).toEqual(before);
      expect(auditEvent.fail).toHaveBeenCalled();

      const moved = await relink('other-1', ADMIN);
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ projectKey: 'OTHER-1', signOffs: [] });
      const history = await pmo.listHistory('OTHER-1', { limit: 1 });
      expect(history.items[0].changes).toEqual({
        projectKey: ['INFRA-101', 'OTHER-1'],
        'signOffs.delivery': [DORA, null],
        'signOffs.run': [OTTO, null],
      });
      expect(auditEvent.success).toHaveBeenLastCalledWith({
        meta: expect.objectContaining({
          projectKey: 'OTHER-1',
          revokedSignOffs: 2,
        }),
      });
    });

    it('refuses to start a transition linked to a project the caller may not update', async () => {
      const before = await dbState();
      const res = await request(app)
        .put(PATH)
        .set('Authorization', as(OLGA))
        .send({ projectKey: 'INFRA-101' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed: pmo.project.update on project INFRA-101',
      );
      expect(await dbState()).toEqual(before);
    });

    it('needs pmo.raid.create on the linked project to waive an item', async () => {
      await start();
      const before = await dbState();
      const waiver = {
        status: 'waived',
        waiverReason: 'DR site not built yet',
        expiresAt: '2026-06-30',
      };
      const res = await patchItem('dr-test', waiver, OLGA);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed: pmo.raid.create on project INFRA-101',
      );
      expect(await dbState()).toEqual(before);
      // Other changes of the checklist need no RAID permission.
      const done = await patchItem(
        'runbook',
        { status: 'done', evidenceUrl: 'https://wiki.example.com/rb' },
        OLGA,
      );
      expect(done.status).toBe(200);
      expect((await patchItem('dr-test', waiver)).status).toBe(200);
    });

    it('ties sign-offs, revocations and moves to the version the caller saw', async () => {
      await toReview();
      const seen = await version();
      await patchItem('pir', { note: 'Booked for April' });
      const before = await dbState();
      const stale = [
        await request(app)
          .post(`${PATH}/signoffs`)
          .set('Authorization', as(DORA))
          .send({ role: 'delivery', version: seen }),
        await request(app)
          .post(`${PATH}/state`)
          .set('Authorization', as(DORA))
          .send({ target: 'in_progress', version: seen }),
      ];
      for (const res of stale) {
        expect(res.status).toBe(409);
        expect(res.body.error.message).toContain(
          `but the update is based on version ${seen}`,
        );
      }
      expect(await dbState()).toEqual(before);
      expect((await sign('delivery', DORA)).status).toBe(201);
      const signed = await dbState();
      const revokeStale = await request(app)
        .delete(`${PATH}/signoffs/delivery`)
        .query({ version: seen })
        .set('Authorization', as(DORA));
      expect(revokeStale.status).toBe(409);
      expect(await dbState()).toEqual(signed);
      expect((await revoke('delivery', DORA)).status).toBe(200);
    });

    it('audits parsed values only', async () => {
      await toReview();
      const res = await request(app)
        .post(`${PATH}/signoffs`)
        .set('Authorization', as(DORA))
        .send({ role: 'x'.repeat(5000), version: await version() });
      expect(res.status).toBe(400);
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'transition-signoff',
          meta: { entityRef: 'component:default/storage-api' },
        }),
      );
      expect((await sign('run', OTTO)).status).toBe(201);
      expect(auditEvent.success).toHaveBeenLastCalledWith({
        meta: {
          entityRef: 'component:default/storage-api',
          role: 'run',
          version: expect.any(Number),
        },
      });
    });

    it('redacts a linked project the caller may not read', async () => {
      await start();
      const single = await request(app)
        .get(PATH)
        .set('Authorization', as(MALLORY));
      expect(single.status).toBe(200);
      expect(single.body).toMatchObject({
        projectHidden: true,
        deliveryOwner: '',
        runOwner: 'group:default/storage-ops',
      });
      expect(single.body.projectKey).toBeUndefined();
      expect(JSON.stringify(single.body)).not.toContain('INFRA-101');
      expect(JSON.stringify(single.body)).not.toContain('delivery-team');

      const board = await request(app)
        .get('/transitions')
        .set('Authorization', as(MALLORY));
      expect(board.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/storage-api',
          projectHidden: true,
        }),
      ]);
      expect(board.body.items[0].projectKey).toBeUndefined();

      const owner = await request(app).get(PATH).set('Authorization', as(DORA));
      expect(owner.body).toMatchObject({
        projectKey: 'INFRA-101',
        deliveryOwner: 'group:default/delivery-team',
      });
      expect(owner.body.projectHidden).toBeUndefined();
    });

    it('counts and lists only transitions whose entity the caller can see, read with her credentials', async () => {
      await start();
      await request(app)
        .put('/entities/component/default/lonely/transition')
        .set('Authorization', as(DORA))
        .send({});
      // Mallory cannot see `lonely` in the catalog.
      const catalog = catalogServiceMock({ entities });
      const readers: string[] = [];
      const byRefs = catalog.getEntitiesByRefs.bind(catalog);
      jest
        .spyOn(catalog, 'getEntitiesByRefs')
        .mockImplementation(async (req, opts) => {
          const user = userOf((opts as any)?.credentials);
          readers.push(user ?? 'service');
          const result = await byRefs(req, opts);
          if (user !== MALLORY) return result;
          return {
            items: result.items.map(e =>
              e?.metadata.name === 'lonely' ? undefined : e,
            ),
          };
        });
      const mallory = appWith(catalog);
      const board = await request(mallory)
        .get('/transitions')
        .set('Authorization', as(MALLORY));
      expect(board.status).toBe(200);
      expect(board.body.items.map((r: any) => r.entityRef)).toEqual([
        'component:default/storage-api',
      ]);
      expect(board.body.countsByState).toMatchObject({ not_started: 1 });
      expect(new Set(readers)).toEqual(new Set([MALLORY]));
      const dora = await request(mallory)
        .get('/transitions')
        .set('Authorization', as(DORA));
      expect(dora.body.countsByState).toMatchObject({ not_started: 2 });
    });
  },
);
