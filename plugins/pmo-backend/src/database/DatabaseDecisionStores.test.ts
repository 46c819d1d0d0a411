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

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  alice,
  bob,
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'gate and re-baseline stores (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    async function gate(extra: Record<string, unknown> = {}) {
      await t.project('INFRA-1');
      return t.stores.milestones.createMilestone(
        'INFRA-1',
        {
          title: 'Design approved',
          gate: true,
          gateApprovers: ['group:default/Arch'],
          baselineDate: '2026-04-01',
          ...extra,
        },
        alice,
      );
    }

    describe('gate decisions', () => {
      it('keeps every decision and creates one RAID action per condition in the same transaction', async () => {
        const m = await gate();
        expect(m.gateApprovers).toEqual(['group:default/arch']);
        const deferred = await t.stores.gates.decideGate(
          m.id,
          { decision: 'deferred', rationale: 'Waiting for the HLD review' },
          alice,
        );
        t.now = new Date('2026-03-03T09:00:00.000Z');
        const go = await t.stores.gates.decideGate(
          m.id,
          {
            decision: 'go-with-conditions',
            rationale: 'Design is sound',
            conditions: [
              {
                text: 'Backup design signed by ops',
                owner: 'group:default/ops',
                dueDate: '2026-03-20',
              },
            ],
          },
          bob,
        );
        expect(go.actionIds).toHaveLength(1);
        const decisions = await t.stores.gates.listMilestoneDecisions(m.id);
        expect(decisions.map(d => d.decision)).toEqual([
          'deferred',
          'go-with-conditions',
        ]);
        expect(decisions[0]).toEqual(deferred);
        expect(decisions[1]).toMatchObject({ decidedBy: bob.ref });
        const raid = await t.stores.raid.listRaidItems('INFRA-1');
        expect(raid).toHaveLength(1);
        expect(raid[0]).toMatchObject({
          id: go.actionIds[0],
          type: 'dependency',
          owner: 'group:default/ops',
          action: 'Backup design signed by ops',
          dueDate: '2026-03-20',
          status: 'open',
        });
        expect(await t.stores.gates.listGateDecisions('INFRA-1')).toHaveLength(
          2,
        );
        const history = await t.stores.history.listHistory('INFRA-1', {
          limit: 50,
        });
        expect(
          history.items.some(h => h.changes.gateDecision?.[1] === 'deferred'),
        ).toBe(true);
      });

      it('refuses a milestone that is no gate or does not exist, and writes nothing', async () => {
        await t.project('INFRA-1');
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Plain' },
          alice,
        );
        await expect(
          t.stores.gates.decideGate(
            m.id,
            {
              decision: 'go-with-conditions',
              rationale: 'x',
              conditions: [
                {
                  text: 'c',
                  owner: 'group:default/ops',
                  dueDate: '2026-03-20',
                },
              ],
            },
            alice,
          ),
        ).rejects.toThrow(InputError);
        await expect(
          t.stores.gates.decideGate(
            '6f0c3c5e-2d0b-4a55-8a57-6f7d8d2b1a99',
            { decision: 'go', rationale: 'x' },
            alice,
          ),
        ).rejects.toThrow(NotFoundError);
        expect(await t.stores.raid.listRaidItems('INFRA-1')).toEqual([]);
        expect(await t.stores.gates.listGateDecisions('INFRA-1')).toEqual([]);
      });

      it('lists a gate as pending for its approvers until decided other than deferred', async () => {
        const m = await gate();
        const pending = () =>
          t.stores.gates.listPendingGates({
            approvers: ['group:default/arch'],
            limit: 10,
          });
        expect((await pending()).map(p => p.milestoneId)).toEqual([m.id]);
        expect(
          await t.stores.gates.listPendingGates({
            approvers: ['group:default/other'],
            limit: 10,
          }),
        ).toEqual([]);
        await t.stores.gates.decideGate(
          m.id,
          { decision: 'deferred', rationale: 'later' },
          alice,
        );
        expect(await pending()).toHaveLength(1);
        t.now = new Date('2026-03-03T09:00:00.000Z');
        await t.stores.gates.decideGate(
          m.id,
          { decision: 'no-go', rationale: 'not ready' },
          alice,
        );
        expect(await pending()).toEqual([]);
      });
    });

    describe('re-baselines', () => {
      it('keeps the original and numbers approved baselines', async () => {
        const m = await gate({ forecastDate: '2026-05-01' });
        const first = await t.stores.rebaselines.requestRebaseline(
          'INFRA-1',
          {
            reason: 'Vendor delivery moved',
            changes: [{ milestoneId: m.id, baselineDate: '2026-04-15' }],
          },
          alice,
        );
        expect(first.status).toBe('pending');
        const approved = await t.stores.rebaselines.decideRebaseline(
          first.id,
          { approve: true, reason: 'Steering committee 2026-03-02' },
          bob,
        );
        expect(approved).toMatchObject({
          status: 'approved',
          baselineNumber: 1,
          decidedBy: bob.ref,
        });
        const second = await t.stores.rebaselines.requestRebaseline(
          'INFRA-1',
          {
            reason: 'Again',
            changes: [{ milestoneId: m.id, baselineDate: '2026-04-25' }],
          },
          alice,
        );
        await t.stores.rebaselines.decideRebaseline(
          second.id,
          { approve: true, reason: 'ok' },
          bob,
        );
        expect(await t.stores.rebaselines.listBaselines('INFRA-1')).toEqual([
          { milestoneId: m.id, baselineNumber: 0, baselineDate: '2026-04-01' },
          { milestoneId: m.id, baselineNumber: 1, baselineDate: '2026-04-15' },
          { milestoneId: m.id, baselineNumber: 2, baselineDate: '2026-04-25' },
        ]);
        const after = await t.stores.milestones.getMilestone(m.id);
        expect(after).toMatchObject({
          baselineDate: '2026-04-25',
          version: m.version + 2,
        });
        const [project] = await t.stores.projects.getProjects(['INFRA-1']);
        expect(project.baselineNumber).toBe(2);
        // Decided once: a second decision is a conflict and changes nothing.
        await expect(
          t.stores.rebaselines.decideRebaseline(
            first.id,
            { approve: false, reason: 'late' },
            alice,
          ),
        ).rejects.toThrow(ConflictError);
        expect(
          (await t.stores.rebaselines.getRebaseline(first.id))?.status,
        ).toBe('approved');
      });

      it('leaves the baseline alone when rejected', async () => {
        const m = await gate();
        const r = await t.stores.rebaselines.requestRebaseline(
          'INFRA-1',
          {
            reason: 'Hide the slip',
            changes: [{ milestoneId: m.id, baselineDate: '2026-06-01' }],
          },
          alice,
        );
        const rejected = await t.stores.rebaselines.decideRebaseline(
          r.id,
          { approve: false, reason: 'No new scope' },
          bob,
        );
        expect(rejected).toMatchObject({
          status: 'rejected',
          decisionReason: 'No new scope',
        });
        expect(rejected.baselineNumber).toBeUndefined();
        expect(
          (await t.stores.milestones.getMilestone(m.id))?.baselineDate,
        ).toBe('2026-04-01');
        expect(await t.stores.rebaselines.listBaselines('INFRA-1')).toEqual([]);
        const [project] = await t.stores.projects.getProjects(['INFRA-1']);
        expect(project.baselineNumber).toBeUndefined();
      });

      it('refuses a milestone of another project', async () => {
        const m = await gate();
        await t.project('NET-2');
        await expect(
          t.stores.rebaselines.requestRebaseline(
            'NET-2',
            {
              reason: 'x',
              changes: [{ milestoneId: m.id, baselineDate: '2026-06-01' }],
            },
            alice,
          ),
        ).rejects.toThrow(/changes\[0\]\.milestoneId/);
        expect(await t.stores.rebaselines.listRebaselines('NET-2')).toEqual([]);
      });
    });
  },
);
