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
import {
  AuthorizeResult,
  type ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import type { PersistenceContext } from '../../database/persistenceContext';
import {
  createTestContext,
  createTestDatabases,
} from '../../__testUtils__/databases';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { registerGateRoutes } from './gates';
import { registerMeRoutes } from './me';
import { registerMilestoneRoutes } from './milestones';
import { registerRebaselineRoutes } from './rebaselines';

jest.setTimeout(120_000);

const A_TEAM = 'group:default/a-team';
const B_TEAM = 'group:default/b-team';
const ARCH = 'group:default/arch';
const PMO = 'group:default/pmo';
/** Member of a-team and of the gate's approver group. */
const ANN = 'user:default/ann';
/** Member of a-team only: may edit, not decide. */
const BEN = 'user:default/ben';
/** Member of b-team and of arch and pmo: an approver in another group. */
const BOB = 'user:default/bob';
/** The sponsor of APP-1. */
const SUE = 'user:default/sue';
const MEMBERSHIPS: Record<string, string[]> = {
  [ANN]: [ANN, A_TEAM, ARCH],
  [BEN]: [BEN, A_TEAM],
  [BOB]: [BOB, B_TEAM, ARCH, PMO],
  [SUE]: [SUE, A_TEAM],
};

const ownerOf = (claims: string[]): ConditionalPolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'pmo',
  resourceType: 'pmo-project',
  conditions: {
    rule: 'IS_PROJECT_OWNER',
    resourceType: 'pmo-project',
    params: { claims },
  },
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'gate decision and re-baseline routes (%s)',
  databaseId => {
    let knex: Knex;
    let stores: PersistenceContext;
    let app: express.Express;
    const permissions = mockServices.permissions.mock();
    const userInfo = mockServices.userInfo.mock();
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    let gateId: string;
    /** When false, users read only their groups' projects. */
    let readAll = true;
    let plainId: string;
    const as = (user: string) => mockCredentials.user.header(user);

    beforeEach(async () => {
      jest.resetAllMocks();
      readAll = true;
      knex = await databases.init(databaseId);
      stores = await createTestContext(knex, {
        clock: () => new Date('2026-03-02T09:00:00.000Z'),
      });
      auditor.createEvent.mockResolvedValue(auditEvent);
      userInfo.getUserInfo.mockImplementation(async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return { userEntityRef: ref, ownershipEntityRefs: MEMBERSHIPS[ref] };
      });
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      // Everyone reads everything; writes are allowed on the projects
      // owned by one of the caller's groups (IS_PROJECT_OWNER).
      permissions.authorizeConditional.mockImplementation(
        async (reqs, { credentials }) => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return reqs.map(r =>
            r.permission.name === 'pmo.project.read' && readAll
              ? { result: AuthorizeResult.ALLOW }
              : ownerOf(MEMBERSHIPS[ref]),
          );
        },
      );
      const contextOf = createRequestContextFactory({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth(),
        userInfo,
        permissions,
        auditor,
        projects: stores.projects,
      });
      app = routesApp(router => {
        registerMilestoneRoutes(router, {
          milestones: stores.milestones,
          contextOf,
        });
        registerGateRoutes(router, {
          gates: stores.gates,
          milestones: stores.milestones,
          contextOf,
        });
        registerRebaselineRoutes(router, {
          rebaselines: stores.rebaselines,
          contextOf,
          approverGroups: [PMO],
        });
        registerMeRoutes(router, {
          myItems: stores.myItems,
          transitions: stores.transitions,
          gates: stores.gates,
          catalog: {} as any,
          contextOf,
        });
      });
      const actor = { ref: ANN };
      await stores.projects.createProject(
        { key: 'APP-1', title: 'Storage refresh', owner: A_TEAM, sponsor: SUE },
        actor,
      );
      const gate = await stores.milestones.createMilestone(
        'APP-1',
        {
          title: 'Design approved',
          gate: true,
          gateApprovers: [ARCH],
          baselineDate: '2026-04-01',
          forecastDate: '2026-04-20',
        },
        actor,
      );
      gateId = gate.id;
      plainId = (
        await stores.milestones.createMilestone(
          'APP-1',
          { title: 'Cutover', baselineDate: '2026-06-01' },
          actor,
        )
      ).id;
    });

    const state = async () => ({
      decisions: await knex('pmo_gate_decisions').orderBy('id'),
      raid: await knex('pmo_raid_items').orderBy('id'),
      rebaselines: await knex('pmo_rebaselines').orderBy('id'),
      baselines: await knex('pmo_milestone_baselines').orderBy('milestone_id'),
      milestones: await knex('pmo_milestones').orderBy('id'),
    });

    const decide = (user: string, body: object, id = gateId) =>
      request(app)
        .post(`/milestones/${id}/gate-decisions`)
        .set('Authorization', as(user))
        .send(body);

    const withCondition = {
      decision: 'go-with-conditions',
      rationale: 'Design is sound',
      conditions: [
        {
          text: 'Backup design signed by ops',
          owner: 'group:default/ops',
          dueDate: '2026-03-20',
        },
      ],
    };

    describe('gate decisions', () => {
      it('records a decision by an approver and its condition as a RAID action', async () => {
        const res = await decide(ANN, withCondition);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          decision: 'go-with-conditions',
          decidedBy: ANN,
          projectKey: 'APP-1',
        });
        const raid = await stores.raid.listRaidItems('APP-1');
        expect(raid.map(r => r.id)).toEqual(res.body.actionIds);
        expect(raid[0]).toMatchObject({
          owner: 'group:default/ops',
          dueDate: '2026-03-20',
        });
        const list = await request(app)
          .get('/projects/APP-1/gate-decisions')
          .set('Authorization', as(BEN));
        expect(list.body.items).toHaveLength(1);
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({ eventId: 'gate-decide' }),
        );
        expect(auditEvent.success).toHaveBeenCalledWith({
          meta: expect.objectContaining({ decision: 'go-with-conditions' }),
        });
      });

      it('refuses a member of the project group who is no approver (403, nothing written)', async () => {
        const before = await state();
        const res = await decide(BEN, withCondition);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          "Only the gate's approvers (group:default/arch)",
        );
        expect(await state()).toEqual(before);
      });

      it("refuses another group's user even when an approver (403, nothing written)", async () => {
        const before = await state();
        const res = await decide(BOB, withCondition);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          'pmo.gate.decide on project APP-1',
        );
        expect(await state()).toEqual(before);
      });

      it('validates the decision, naming the field', async () => {
        const before = await state();
        const noConditions = await decide(ANN, {
          decision: 'go-with-conditions',
          rationale: 'x',
        });
        expect(noConditions.status).toBe(400);
        expect(noConditions.body.error.message).toContain(
          'body.conditions: must name at least one condition',
        );
        const noGo = await decide(ANN, { ...withCondition, decision: 'no-go' });
        expect(noGo.body.error.message).toContain(
          'body.conditions: must be empty',
        );
        // A milestone that is no gate names no approvers: nobody decides it.
        const noGate = await decide(
          ANN,
          { decision: 'go', rationale: 'x' },
          plainId,
        );
        expect(noGate.status).toBe(403);
        expect(noGate.body.error.message).toContain('names no approvers');
        expect(await state()).toEqual(before);
      });

      it('lists a pending gate in my items for its approvers only', async () => {
        const mine = async (user: string) =>
          (await request(app).get('/me/items').set('Authorization', as(user)))
            .body.gates;
        expect((await mine(ANN)).items.map((g: any) => g.milestoneId)).toEqual([
          gateId,
        ]);
        expect((await mine(BEN)).items).toEqual([]);
        await decide(ANN, { decision: 'go', rationale: 'ready' });
        expect((await mine(ANN)).items).toEqual([]);
      });
    });

    describe('re-baselines', () => {
      const requestRebaseline = (user: string, body?: object) =>
        request(app)
          .post('/projects/APP-1/rebaselines')
          .set('Authorization', as(user))
          .send(
            body ?? {
              reason: 'Vendor delivery moved by three weeks',
              changes: [{ milestoneId: gateId, baselineDate: '2026-04-22' }],
            },
          );
      const decideRebaseline = (user: string, id: string, body: object) =>
        request(app)
          .post(`/rebaselines/${id}/decision`)
          .set('Authorization', as(user))
          .send(body);

      it('moves a baseline only through an approved request, keeping the original', async () => {
        const patch = await request(app)
          .patch(`/milestones/${gateId}`)
          .set('Authorization', as(BEN))
          .send({ baselineDate: '2026-04-22', version: 1 });
        expect(patch.status).toBe(400);
        expect(patch.body.error.message).toContain(
          'body.baselineDate: the baseline of a milestone that has one changes only through an approved re-baseline request (POST /projects/{key}/rebaselines)',
        );
        const created = await requestRebaseline(BEN);
        expect(created.status).toBe(201);
        expect(created.body.status).toBe('pending');

        // The requester's group may not approve it: only the sponsor or PMO.
        const refused = await decideRebaseline(BEN, created.body.id, {
          decision: 'approve',
          reason: 'mine',
        });
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toContain(
          'Only the project sponsor or a member of group:default/pmo',
        );

        const approved = await decideRebaseline(SUE, created.body.id, {
          decision: 'approve',
          reason: 'Steering committee agreed',
        });
        expect(approved.status).toBe(200);
        expect(approved.body).toMatchObject({
          status: 'approved',
          baselineNumber: 1,
          decidedBy: SUE,
        });
        const list = await request(app)
          .get('/projects/APP-1/rebaselines')
          .set('Authorization', as(BEN));
        expect(list.body.baselineNumber).toBe(1);
        expect(list.body.baselines).toEqual([
          {
            milestoneId: gateId,
            baselineNumber: 0,
            baselineDate: '2026-04-01',
          },
          {
            milestoneId: gateId,
            baselineNumber: 1,
            baselineDate: '2026-04-22',
          },
        ]);
        const again = await decideRebaseline(SUE, created.body.id, {
          decision: 'reject',
          reason: 'late',
        });
        expect(again.status).toBe(409);
      });

      it("refuses another group's user on every route (403, nothing changes)", async () => {
        const created = await requestRebaseline(BEN);
        const before = await state();
        const req = await requestRebaseline(BOB);
        expect(req.status).toBe(403);
        // BOB is in the PMO group but may not approve on a-team's project
        // without pmo.baseline.approve there.
        const dec = await decideRebaseline(BOB, created.body.id, {
          decision: 'approve',
          reason: 'x',
        });
        expect(dec.status).toBe(403);
        expect(dec.body.error.message).toContain(
          'pmo.baseline.approve on project APP-1',
        );
        expect(await state()).toEqual(before);
      });

      it("hides a project's decisions and re-baselines from another group that may not read it (404)", async () => {
        readAll = false;
        for (const path of [
          '/projects/APP-1/gate-decisions',
          '/projects/APP-1/rebaselines',
        ]) {
          const res = await request(app)
            .get(path)
            .set('Authorization', as(BOB));
          expect(res.status).toBe(404);
          const own = await request(app)
            .get(path)
            .set('Authorization', as(BEN));
          expect(own.status).toBe(200);
        }
        const before = await state();
        expect((await decide(BOB, withCondition)).status).toBe(404);
        expect((await requestRebaseline(BOB)).status).toBe(404);
        expect(await state()).toEqual(before);
      });

      it('validates requests, naming the field', async () => {
        const before = await state();
        const empty = await requestRebaseline(BEN, {
          reason: 'x',
          changes: [],
        });
        expect(empty.status).toBe(400);
        expect(empty.body.error.message).toContain(
          'body.changes: must propose at least one baseline date',
        );
        const twice = await requestRebaseline(BEN, {
          reason: 'x',
          changes: [
            { milestoneId: gateId, baselineDate: '2026-05-01' },
            { milestoneId: gateId, baselineDate: '2026-05-02' },
          ],
        });
        expect(twice.body.error.message).toContain('twice');
        const noReason = await requestRebaseline(BEN, {
          reason: ' ',
          changes: [{ milestoneId: gateId, baselineDate: '2026-05-01' }],
        });
        expect(noReason.body.error.message).toContain('body.reason');
        expect(await state()).toEqual(before);
      });
    });
  },
);
