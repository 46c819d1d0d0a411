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
  DEFAULT_READINESS_TEMPLATES,
  type MyPmoItems,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import {
  createTestContext,
  createTestDatabases,
} from '../__testUtils__/databases';
import type { MyItemsStore } from './MyItemsStore';
import type { PmoStore } from './PmoStore';
import type { TransitionStore } from './TransitionStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const NOW = new Date('2026-03-02T09:00:00.000Z');
const JANE = 'user:default/jane';
const PMO = 'group:default/pmo';
const OTHER = 'group:default/other';
const actor = { ref: 'user:default/admin' };
/** Jane and her group, as the router passes them (lower-cased). */
const JANE_REFS = [JANE, PMO];

describe.each(databases.eachSupportedId())(
  'DatabaseMyItemsStore (%s)',
  databaseId => {
    let knex: Knex;
    let pmo: PmoStore;
    let transitions: TransitionStore;
    let store: MyItemsStore;
    const ids: Record<string, string> = {};

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      ({
        pmo,
        transitions,
        myItems: store,
      } = await createTestContext(knex, { clock: () => NOW }));

      await pmo.createProject(
        {
          key: 'JANE-1',
          title: 'Jane alone',
          owner: JANE,
          phase: 'execution',
          declaredHealth: { status: 'red', reason: 'Vendor late' },
        },
        actor,
      );
      await pmo.createProject(
        {
          key: 'PMO-1',
          title: 'Group project',
          owner: PMO,
          phase: 'execution',
        },
        actor,
      );
      await pmo.createProject(
        { key: 'PMO-2', title: 'Group intake', owner: PMO, phase: 'intake' },
        actor,
      );
      await pmo.createProject(
        {
          key: 'OTH-1',
          title: 'Not hers',
          owner: OTHER,
          phase: 'execution',
        },
        actor,
      );

      const raid = async (
        key: string,
        name: string,
        body: Record<string, unknown>,
      ) => {
        const item = await pmo.createRaidItem(
          key,
          { type: 'issue', title: name, ...body },
          actor,
        );
        ids[name] = item.id;
      };
      // Free-text owner, spelled differently: still Jane's.
      await raid('OTH-1', 'overdue-on-other', {
        owner: 'User:Default/Jane',
        dueDate: '2026-03-01',
        probability: 2,
        impact: 2,
      });
      await raid('PMO-1', 'group-mitigating', {
        owner: PMO,
        status: 'mitigating',
        dueDate: '2026-03-10',
        probability: 5,
        impact: 5,
      });
      await raid('PMO-1', 'group-closed', { owner: PMO, status: 'closed' });
      await raid('JANE-1', 'bobs', { owner: 'user:default/bob' });
      await raid('PMO-2', 'undated-on-intake', { owner: JANE });

      const milestone = async (
        key: string,
        name: string,
        body: Record<string, unknown>,
      ) => {
        const m = await pmo.createMilestone(
          key,
          { title: name, ...body },
          actor,
        );
        ids[name] = m.id;
      };
      await milestone('PMO-1', 'late', {
        baselineDate: '2026-02-20',
        forecastDate: '2026-03-01',
      });
      await milestone('PMO-1', 'in-14-days', { baselineDate: '2026-03-16' });
      await milestone('PMO-1', 'in-15-days', { forecastDate: '2026-03-17' });
      await milestone('PMO-1', 'done', {
        baselineDate: '2026-03-05',
        status: 'done',
      });
      await milestone('PMO-1', 'undated', {});
      await milestone('OTH-1', 'others', { baselineDate: '2026-03-03' });
    });

    it('lists the projects of the user and their groups, worst health first', async () => {
      const { projects } = await store.getMyItems({
        refs: JANE_REFS,
        limit: 20,
      });
      expect(projects.totalItems).toBe(3);
      expect(projects.items.map(p => p.key)).toEqual([
        'JANE-1',
        'PMO-1',
        'PMO-2',
      ]);
      const [jane, group] = projects.items;
      expect(jane).toMatchObject({
        owner: JANE,
        health: 'red',
        declaredHealth: 'red',
        phase: 'execution',
      });
      // PMO-1 has an overdue milestone: computed health is not green, and
      // its next milestone is the overdue one.
      expect(group.computedHealth).not.toBe('green');
      expect(group.health).toBe(group.computedHealth);
      expect(group.nextMilestone).toMatchObject({
        id: ids.late,
        date: '2026-03-01',
        daysToGo: -1,
        slipDays: 9,
      });
      expect(projects.items[2].nextMilestone).toBeUndefined();
    });

    it('matches refs case-insensitively and never shows other owners', async () => {
      const upper = await store.getMyItems({
        refs: ['User:Default/JANE', 'Group:Default/PMO'],
        limit: 20,
      });
      const lower = await store.getMyItems({ refs: JANE_REFS, limit: 20 });
      expect(upper).toEqual(lower);

      const none = await store.getMyItems({
        refs: ['user:default/nobody'],
        limit: 20,
      });
      expect(none).toEqual<
        Omit<MyPmoItems, 'userEntityRef' | 'ownershipEntityRefs' | 'signOffs'>
      >({
        projects: { items: [], totalItems: 0 },
        actions: { items: [], totalItems: 0 },
        milestones: { items: [], totalItems: 0 },
      });
      const empty = await store.getMyItems({ refs: [], limit: 20 });
      expect(empty.projects.totalItems).toBe(0);
    });

    it('lists open actions owned by the user or their groups, overdue first', async () => {
      const { actions } = await store.getMyItems({
        refs: JANE_REFS,
        limit: 20,
      });
      expect(actions.totalItems).toBe(3);
      expect(actions.items.map(a => a.id)).toEqual([
        ids['overdue-on-other'],
        ids['group-mitigating'],
        ids['undated-on-intake'],
      ]);
      expect(actions.items[0]).toMatchObject({
        projectKey: 'OTH-1',
        projectTitle: 'Not hers',
        owner: 'User:Default/Jane',
        dueDate: '2026-03-01',
        overdue: true,
        status: 'open',
      });
      expect(actions.items[1]).toMatchObject({
        status: 'mitigating',
        score: 25,
        overdue: false,
      });
      expect(actions.items[2].overdue).toBe(false);
      expect(actions.items[2].dueDate).toBeUndefined();
    });

    it('lists open milestones of their projects due within 14 days, overdue included', async () => {
      const { milestones } = await store.getMyItems({
        refs: JANE_REFS,
        limit: 20,
      });
      expect(milestones.totalItems).toBe(2);
      expect(milestones.items).toEqual([
        expect.objectContaining({
          id: ids.late,
          projectKey: 'PMO-1',
          projectTitle: 'Group project',
          date: '2026-03-01',
          daysToGo: -1,
          overdue: true,
        }),
        expect.objectContaining({
          id: ids['in-14-days'],
          date: '2026-03-16',
          daysToGo: 14,
          overdue: false,
        }),
      ]);
    });

    it('applies the access filter to every list', async () => {
      // A policy hiding intake projects.
      const noIntake = await store.getMyItems({
        refs: JANE_REFS,
        limit: 20,
        access: {
          field: 'phase',
          values: ['initiation', 'planning', 'execution', 'closing', 'closed'],
        },
      });
      expect(noIntake.projects.items.map(p => p.key)).toEqual([
        'JANE-1',
        'PMO-1',
      ]);
      expect(noIntake.actions.items.map(a => a.projectKey)).toEqual([
        'OTH-1',
        'PMO-1',
      ]);

      // A policy allowing only the other group's projects: Jane's action
      // there stays, her own projects and milestones are hidden.
      const onlyOther = await store.getMyItems({
        refs: JANE_REFS,
        limit: 20,
        access: { field: 'owner', values: [OTHER] },
      });
      expect(onlyOther.projects).toEqual({ items: [], totalItems: 0 });
      expect(onlyOther.milestones).toEqual({ items: [], totalItems: 0 });
      expect(onlyOther.actions.items.map(a => a.id)).toEqual([
        ids['overdue-on-other'],
      ]);
      expect(onlyOther.actions.totalItems).toBe(1);

      const nothing = await store.getMyItems({
        refs: JANE_REFS,
        limit: 20,
        access: { field: 'key', values: [] },
      });
      expect(nothing.actions.totalItems).toBe(0);
      expect(nothing.projects.totalItems).toBe(0);
    });

    it('limits each list but counts all items', async () => {
      const items = await store.getMyItems({ refs: JANE_REFS, limit: 1 });
      expect(items.projects.items).toHaveLength(1);
      expect(items.projects.totalItems).toBe(3);
      expect(items.actions.items).toHaveLength(1);
      expect(items.actions.totalItems).toBe(3);
      expect(items.milestones.items).toHaveLength(1);
      expect(items.milestones.totalItems).toBe(2);
    });

    describe('sign-off candidates', () => {
      const template = DEFAULT_READINESS_TEMPLATES['tier-3'];

      /** A transition brought to `ready_for_review`, signed for `roles`. */
      async function ready(
        entityRef: string,
        options: {
          projectKey?: string;
          targetDate?: string;
          signed?: Array<'delivery' | 'run'>;
          state?: 'in_progress' | 'ready_for_review';
        } = {},
      ) {
        let t = await transitions.createTransition(
          {
            entityRef,
            projectKey: options.projectKey,
            targetDate: options.targetDate,
            tier: 'tier-3',
            template,
          },
          actor,
        );
        t = await transitions.moveState(
          entityRef,
          'in_progress',
          { version: t.version },
          actor,
        );
        if (options.state === 'in_progress') return;
        t = await transitions.moveState(
          entityRef,
          'ready_for_review',
          { version: t.version },
          actor,
        );
        for (const role of options.signed ?? []) {
          t = await transitions.signOff(entityRef, role, actor, t.version);
        }
      }

      it('lists transitions ready for review with an unsigned role', async () => {
        await ready('component:default/a', {
          projectKey: 'PMO-1',
          targetDate: '2026-03-20',
        });
        await ready('component:default/b', { signed: ['delivery'] });
        await ready('component:default/c', { state: 'in_progress' });
        await ready('component:default/d', { signed: ['delivery', 'run'] });
        await ready('component:default/e', {
          projectKey: 'OTH-1',
          targetDate: '2026-03-10',
          signed: ['run'],
        });

        const result = await store.listSignOffCandidates({ limit: 10 });
        expect(result).toEqual({
          truncated: false,
          items: [
            {
              entityRef: 'component:default/e',
              projectKey: 'OTH-1',
              projectOwner: OTHER,
              tier: 'tier-3',
              targetDate: '2026-03-10',
              unsignedRoles: ['delivery'],
            },
            {
              entityRef: 'component:default/a',
              projectKey: 'PMO-1',
              projectOwner: PMO,
              tier: 'tier-3',
              targetDate: '2026-03-20',
              unsignedRoles: ['delivery', 'run'],
            },
            {
              entityRef: 'component:default/b',
              tier: 'tier-3',
              unsignedRoles: ['run'],
            },
          ],
        });

        const first = await store.listSignOffCandidates({ limit: 2 });
        expect(first.truncated).toBe(true);
        expect(first.items.map(c => c.entityRef)).toEqual([
          'component:default/e',
          'component:default/a',
        ]);
      });

      it('is empty without transitions', async () => {
        expect(await store.listSignOffCandidates({ limit: 10 })).toEqual({
          items: [],
          truncated: false,
        });
      });
    });
  },
);
