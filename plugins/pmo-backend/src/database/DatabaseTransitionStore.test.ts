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
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  DEFAULT_READINESS_TEMPLATES,
  type ReadinessTemplate,
} from '@infra-pmo/plugin-pmo-common';
import { Knex } from 'knex';
import type { PmoStore } from './PmoStore';
import type { TransitionStore } from './TransitionStore';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const alice = { ref: 'user:default/alice' };
const bob = { ref: 'user:default/bob' };
const ENTITY = 'component:default/storage-api';
const RUN_OWNER = 'group:default/storage-ops';

/** A small template: two required items (one with evidence), one optional. */
const template: ReadinessTemplate = {
  id: 'test-tier-2',
  version: 3,
  tier: 'tier-2',
  hypercareDays: 10,
  items: [
    {
      key: 'runbook',
      title: 'Runbook',
      description: 'Procedures',
      required: true,
      evidenceRequired: true,
    },
    {
      key: 'cmdb',
      title: 'CMDB updated',
      description: 'CIs',
      required: true,
      evidenceRequired: false,
    },
    {
      key: 'pir',
      title: 'PIR scheduled',
      description: 'Review',
      required: false,
      evidenceRequired: false,
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'DatabaseTransitionStore (%s)',
  databaseId => {
    let knex: Knex;
    let store: TransitionStore;
    let pmo: PmoStore;
    let now: Date;

    beforeEach(async () => {
      now = new Date('2026-03-02T09:00:00.000Z');
      knex = await databases.init(databaseId);
      ({ pmo, transitions: store } = await createTestStores(knex, {
        clock: () => now,
      }));
      await pmo.createProject(
        { key: 'INFRA-101', title: 'Storage', owner: 'group:default/pmo' },
        alice,
      );
    });

    /** Linked to INFRA-101 unless `null`. */
    const create = (projectKey: string | null = 'INFRA-101') =>
      store.createTransition(
        {
          entityRef: ENTITY,
          projectKey: projectKey ?? undefined,
          tier: 'tier-2',
          template,
        },
        alice,
      );

    const patch = async (
      itemKey: string,
      body: Record<string, unknown>,
      actor = alice,
    ) => {
      const current = (await store.getTransition(ENTITY))!;
      return store.updateItem(
        ENTITY,
        itemKey,
        { version: current.version, ...body },
        actor,
        { runOwner: RUN_OWNER },
      );
    };

    const version = async () => (await store.getTransition(ENTITY))!.version;

    const move = async (target: any, reason?: string) =>
      store.moveState(
        ENTITY,
        target,
        { reason, version: await version() },
        alice,
      );

    const sign = async (role: 'delivery' | 'run', actor = alice) =>
      store.signOff(ENTITY, role, actor, await version());

    const revoke = async (role: 'delivery' | 'run', actor = alice) =>
      store.revokeSignOff(ENTITY, role, actor, await version());

    /** Everything required done, both signed, in ready_for_review. */
    const readyAndSigned = async () => {
      await create();
      await move('in_progress');
      await patch('runbook', {
        status: 'done',
        evidenceUrl: 'https://wiki.example.com/runbook',
      });
      await patch('cmdb', { status: 'done' });
      await move('ready_for_review');
      await sign('delivery', alice);
      await sign('run', bob);
    };

    it('creates a transition with the template checklist and records history', async () => {
      const t = await create();
      expect(t).toMatchObject({
        entityRef: ENTITY,
        projectKey: 'INFRA-101',
        state: 'not_started',
        tier: 'tier-2',
        templateId: 'test-tier-2',
        templateVersion: 3,
        version: 1,
        signOffs: [],
      });
      expect(t.items.map(i => [i.key, i.status, i.required])).toEqual([
        ['runbook', 'pending', true],
        ['cmdb', 'pending', true],
        ['pir', 'pending', false],
      ]);
      expect(await store.getTransition(ENTITY)).toEqual(t);
      await expect(create()).rejects.toThrow(ConflictError);

      const history = await pmo.listHistory('INFRA-101', { limit: 10 });
      expect(history.items[0]).toMatchObject({
        objectType: 'transition',
        objectId: ENTITY,
        action: 'create',
        actor: alice.ref,
      });
    });

    it('copies the built-in templates with all their items', async () => {
      const t = await store.createTransition(
        {
          entityRef: 'component:default/x',
          tier: 'tier-3',
          template: DEFAULT_READINESS_TEMPLATES['tier-3'],
        },
        alice,
      );
      expect(t.items).toHaveLength(12);
      expect(t.templateId).toBe('default-tier-3');
      expect(t.projectKey).toBeUndefined();
    });

    it('rejects an unknown project on create and update', async () => {
      await expect(create('NOPE-1')).rejects.toThrow(NotFoundError);
      const t = await create(null);
      await expect(
        store.updateTransition(
          ENTITY,
          { projectKey: 'NOPE-1', version: t.version },
          alice,
        ),
      ).rejects.toThrow(NotFoundError);
      const linked = await store.updateTransition(
        ENTITY,
        { projectKey: 'INFRA-101', targetDate: '2026-05-01', version: 1 },
        alice,
      );
      expect(linked).toMatchObject({
        projectKey: 'INFRA-101',
        targetDate: '2026-05-01',
        version: 2,
      });
      await expect(
        store.updateTransition(ENTITY, { targetDate: null, version: 1 }, alice),
      ).rejects.toThrow(/has version 2, but the update is based on version 1/);
    });

    it('updates items with validation, attestation and optimistic versions', async () => {
      await create();
      await expect(patch('runbook', { status: 'done' })).rejects.toThrow(
        /evidenceUrl: is required to mark 'Runbook' done/,
      );
      await expect(patch('cmdb', { status: 'not_applicable' })).rejects.toThrow(
        InputError,
      );
      await expect(patch('nope', { status: 'done' })).rejects.toThrow(
        NotFoundError,
      );
      const { transition } = await patch('runbook', {
        status: 'done',
        evidenceUrl: 'https://wiki.example.com/runbook',
        expiresAt: '2026-03-10',
      });
      expect(transition.version).toBe(2);
      expect(transition.items[0]).toMatchObject({
        status: 'done',
        attestedBy: alice.ref,
        attestedAt: now.toISOString(),
        expiresAt: '2026-03-10',
      });
      const optional = await patch('pir', { status: 'not_applicable' });
      expect(optional.transition.items[2].status).toBe('not_applicable');
      await expect(
        store.updateItem(
          ENTITY,
          'cmdb',
          { status: 'done', version: 1 },
          alice,
          { runOwner: RUN_OWNER },
        ),
      ).rejects.toThrow(ConflictError);
    });

    it('counts expired evidence as pending again', async () => {
      await create();
      await patch('runbook', {
        status: 'done',
        evidenceUrl: 'https://wiki.example.com/runbook',
        expiresAt: '2026-03-10',
      });
      await patch('cmdb', { status: 'done' });
      await patch('pir', { status: 'done' });
      expect(
        (await store.getTransitionBriefs([ENTITY])).get(ENTITY),
      ).toMatchObject({ readinessPercent: 100 });
      now = new Date('2026-03-11T09:00:00.000Z');
      expect(
        (await store.getTransitionBriefs([ENTITY])).get(ENTITY),
      ).toMatchObject({ readinessPercent: 66 });
      await move('in_progress');
      await move('ready_for_review');
      await sign('delivery', alice);
      await sign('run', bob);
      await expect(move('accepted')).rejects.toThrow(
        "Cannot accept into Run: 'Runbook' evidence expired on 2026-03-10",
      );
    });

    it('creates the waiver RAID risk in the same transaction', async () => {
      await create();
      await expect(
        patch('cmdb', { status: 'waived', waiverReason: 'CMDB frozen' }),
      ).rejects.toThrow(/expiresAt: is required to waive/);
      await expect(
        patch('cmdb', { status: 'waived', expiresAt: '2026-04-30' }),
      ).rejects.toThrow(/waiverReason: is required/);

      const result = await patch('cmdb', {
        status: 'waived',
        waiverReason: 'CMDB frozen until April',
        expiresAt: '2026-04-30',
      });
      const item = result.transition.items[1];
      expect(item.raidId).toBe(result.raidId);
      const risk = await pmo.getRaidItem(item.raidId!);
      expect(risk).toMatchObject({
        projectKey: 'INFRA-101',
        type: 'risk',
        title: `Waiver: CMDB updated (${ENTITY})`,
        probability: 3,
        impact: 3,
        score: 9,
        owner: RUN_OWNER,
        dueDate: '2026-04-30',
        status: 'open',
        entityRef: ENTITY,
      });

      // Re-waiving moves the risk's due date instead of adding a risk.
      await patch('cmdb', { expiresAt: '2026-05-31' });
      expect(await pmo.listRaidItems('INFRA-101')).toEqual([
        expect.objectContaining({ id: item.raidId, dueDate: '2026-05-31' }),
      ]);

      // Done after all: the waiver risk is closed and unlinked.
      const done = await patch('cmdb', { status: 'done' });
      expect(done.transition.items[1].raidId).toBeUndefined();
      expect((await pmo.getRaidItem(item.raidId!))!.status).toBe('closed');
    });

    it('rolls back both the item and the RAID risk when the write fails', async () => {
      await create();
      // A stale version fails at the very end, after the item update and
      // the RAID insert have run in the transaction.
      await expect(
        store.updateItem(
          ENTITY,
          'cmdb',
          {
            status: 'waived',
            waiverReason: 'frozen',
            expiresAt: '2026-04-30',
            version: 7,
          },
          alice,
          { runOwner: RUN_OWNER },
        ),
      ).rejects.toThrow(ConflictError);
      expect(await pmo.listRaidItems('INFRA-101')).toEqual([]);
      const t = (await store.getTransition(ENTITY))!;
      expect(t.items[1]).toMatchObject({ status: 'pending' });
      expect(t.items[1].raidId).toBeUndefined();
      expect(t.version).toBe(1);
    });

    it('recomputes the project health with the waiver risk, in the same transaction', async () => {
      await create();
      await pmo.createRaidItem(
        'INFRA-101',
        { type: 'assumption', title: 'Vendor answers', dueDate: '2026-03-05' },
        alice,
      );
      const health = async () =>
        (await pmo.getProject('INFRA-101'))!.computedHealth;
      // The action is overdue now, but nothing has refreshed the stored
      // health yet.
      now = new Date('2026-03-10T09:00:00.000Z');
      expect((await health()).status).toBe('green');

      const waiver = {
        status: 'waived',
        waiverReason: 'CMDB frozen',
        expiresAt: '2026-04-30',
      } as const;
      await expect(
        store.updateItem(ENTITY, 'cmdb', { ...waiver, version: 7 }, alice, {
          runOwner: RUN_OWNER,
        }),
      ).rejects.toThrow(ConflictError);
      expect((await health()).status).toBe('green');

      await patch('cmdb', waiver);
      expect(await health()).toEqual({
        status: 'amber',
        reasons: [expect.objectContaining({ code: 'overdue_action' })],
      });
    });

    it('lists entity states, all or for some entities, ordered by ref', async () => {
      await create();
      for (const ref of ['component:default/b', 'component:default/a']) {
        await store.createTransition(
          { entityRef: ref, tier: 'tier-3', template },
          alice,
        );
      }
      await move('in_progress');
      expect(await store.listStates()).toEqual([
        { entityRef: 'component:default/a', state: 'not_started' },
        { entityRef: 'component:default/b', state: 'not_started' },
        { entityRef: ENTITY, state: 'in_progress' },
      ]);
      expect(
        await store.listStates([ENTITY, 'component:default/a', 'x:default/y']),
      ).toEqual([
        { entityRef: 'component:default/a', state: 'not_started' },
        { entityRef: ENTITY, state: 'in_progress' },
      ]);
      expect(await store.listStates([])).toEqual([]);
    });

    it('refuses a waiver without a linked project', async () => {
      await create(null);
      await expect(
        patch('cmdb', {
          status: 'waived',
          waiverReason: 'x',
          expiresAt: '2026-04-30',
        }),
      ).rejects.toThrow(/needs a linked project/);
    });

    it('revokes both sign-offs when an item changes after sign-off', async () => {
      await readyAndSigned();
      expect((await store.getTransition(ENTITY))!.signOffs).toHaveLength(2);
      const result = await patch('pir', { note: 'Booked for April' });
      expect(result.revokedSignOffs.map(s => s.role)).toEqual([
        'delivery',
        'run',
      ]);
      expect(result.transition.signOffs).toEqual([]);
      const history = await pmo.listHistory('INFRA-101', { limit: 1 });
      expect(history.items[0].changes).toEqual({
        'items.pir.note': [null, 'Booked for April'],
        'signOffs.delivery': [alice.ref, null],
        'signOffs.run': [bob.ref, null],
      });
      await expect(move('accepted')).rejects.toThrow(
        'missing delivery and run sign-off',
      );
    });

    it('lets only the signer revoke, and signs only in review', async () => {
      await create();
      await expect(sign('run', bob)).rejects.toThrow(/ready_for_review/);
      await move('in_progress');
      await move('ready_for_review');
      await sign('run', bob);
      await expect(sign('run', alice)).rejects.toThrow(
        /already given by user:default\/bob/,
      );
      await expect(revoke('run', alice)).rejects.toThrow(NotAllowedError);
      await expect(revoke('delivery', alice)).rejects.toThrow(NotFoundError);
      const t = await revoke('run', bob);
      expect(t.signOffs).toEqual([]);
    });

    it('guards the state machine through hypercare to run', async () => {
      await create();
      await expect(move('accepted')).rejects.toThrow(
        'Cannot move from not_started to accepted; allowed: in_progress',
      );
      await move('in_progress');
      await move('ready_for_review');
      await expect(move('accepted')).rejects.toThrow(/'Runbook' is pending/);
      await move('in_progress');
      await patch('runbook', {
        status: 'done',
        evidenceUrl: 'https://wiki.example.com/runbook',
      });
      await patch('cmdb', { status: 'done' });
      await move('ready_for_review');
      await sign('delivery', alice);
      await sign('run', bob);
      expect((await move('accepted')).state).toBe('accepted');
      await expect(patch('pir', { status: 'done' })).rejects.toThrow(
        /frozen once accepted/,
      );

      const hypercare = await move('hypercare');
      expect(hypercare).toMatchObject({
        state: 'hypercare',
        hypercareStart: '2026-03-02',
        hypercareEnd: '2026-03-11',
      });
      await expect(move('run')).rejects.toThrow(
        /the hypercare window runs until 2026-03-11/,
      );

      // An open high issue on the project blocks the exit, even early.
      const issue = await pmo.createRaidItem(
        'INFRA-101',
        {
          type: 'issue',
          title: 'Backups failing',
          probability: 5,
          impact: 3,
        },
        alice,
      );
      await expect(move('run', 'Stable')).rejects.toThrow(
        /1 open issue scoring 15 or more/,
      );
      await pmo.updateRaidItem(
        issue.id,
        { status: 'closed', version: issue.version },
        alice,
      );
      const early = await move('run', 'Stable for a week');
      expect(early).toMatchObject({
        state: 'run',
        earlyExitReason: 'Stable for a week',
      });
      expect(await store.listStates()).toEqual([
        { entityRef: ENTITY, state: 'run' },
      ]);
    });

    it('leaves hypercare without a reason once the window is over', async () => {
      await readyAndSigned();
      await move('accepted');
      await move('hypercare');
      now = new Date('2026-03-12T09:00:00.000Z');
      const t = await move('run');
      expect(t.state).toBe('run');
      expect(t.earlyExitReason).toBeUndefined();
    });

    it('lists a bounded board page with briefs and mismatch', async () => {
      for (const name of ['a', 'b', 'c']) {
        await store.createTransition(
          { entityRef: `component:default/${name}`, tier: 'tier-2', template },
          alice,
        );
      }
      const first = await store.listTransitions({ limit: 2 });
      expect(first.items.map(t => t.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      const second = await store.listTransitions({
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map(t => t.entityRef)).toEqual([
        'component:default/c',
      ]);
      expect(second.nextCursor).toBeUndefined();
      expect(
        (await store.listTransitions({ limit: 10, states: ['run'] })).items,
      ).toEqual([]);

      const briefs = await store.getTransitionBriefs(
        ['component:default/a', 'component:default/b', 'component:default/zz'],
        new Map([['component:default/a', 'production']]),
      );
      expect(briefs.get('component:default/a')).toEqual({
        state: 'not_started',
        tier: 'tier-2',
        readinessPercent: 0,
        mismatch: true,
      });
      expect(briefs.get('component:default/b')?.mismatch).toBeUndefined();
      expect(briefs.has('component:default/zz')).toBe(false);
    });

    it('ties sign-offs, revocations and moves to the version the caller saw', async () => {
      await create();
      await move('in_progress');
      await move('ready_for_review');
      const seen = await version();
      await patch('pir', { note: 'Booked for April' });
      const before = await store.getTransition(ENTITY);
      // Each is refused before anything is written.
      await expect(store.signOff(ENTITY, 'run', bob, seen)).rejects.toThrow(
        `has version ${seen + 1}, but the update is based on version ${seen}`,
      );
      await expect(
        store.moveState(ENTITY, 'in_progress', { version: seen }, alice),
      ).rejects.toThrow(ConflictError);
      expect(await store.getTransition(ENTITY)).toEqual(before);
      await sign('run', bob);
      const signed = (await store.getTransition(ENTITY))!;
      await expect(
        store.revokeSignOff(ENTITY, 'run', bob, signed.version - 1),
      ).rejects.toThrow(ConflictError);
      expect(await store.getTransition(ENTITY)).toEqual(signed);
    });

    it('changes the project only before ready_for_review, revoking every sign-off', async () => {
      await pmo.createProject(
        { key: 'INFRA-202', title: 'Other', owner: 'group:default/other' },
        alice,
      );
      await readyAndSigned();
      const relink = async (projectKey: string | null) =>
        store.updateTransition(
          ENTITY,
          { projectKey, version: await version() },
          alice,
        );
      for (const key of ['INFRA-202', null]) {
        const before = await store.getTransition(ENTITY);
        await expect(relink(key)).rejects.toThrow(
          /body\.projectKey: .* can change only before ready_for_review .*; it is ready_for_review/,
        );
        expect(await store.getTransition(ENTITY)).toEqual(before);
      }
      // The same key again is not a change: the sign-offs stay.
      expect((await relink('INFRA-101')).signOffs).toHaveLength(2);

      // Back to in_progress: the sign-offs were kept, a relink revokes them.
      await move('in_progress');
      const moved = await relink('INFRA-202');
      expect(moved).toMatchObject({ projectKey: 'INFRA-202', signOffs: [] });
      const changes = {
        projectKey: ['INFRA-101', 'INFRA-202'],
        'signOffs.delivery': [alice.ref, null],
        'signOffs.run': [bob.ref, null],
      };
      for (const key of ['INFRA-101', 'INFRA-202']) {
        const history = await pmo.listHistory(key, { limit: 1 });
        expect(history.items[0]).toMatchObject({
          objectType: 'transition',
          changes,
        });
      }
      const unlinked = await relink(null);
      expect(unlinked.projectKey).toBeUndefined();

      // Accepted and beyond: no unlinking to skip the open-issue check.
      await relink('INFRA-101');
      await move('ready_for_review');
      await sign('delivery', alice);
      await sign('run', bob);
      await move('accepted');
      await move('hypercare');
      await expect(relink(null)).rejects.toThrow(/it is hypercare/);
      expect((await store.getTransition(ENTITY))!.projectKey).toBe('INFRA-101');
    });
  },
);
