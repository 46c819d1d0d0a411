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

import { InputError } from '@backstage/errors';
import {
  alice,
  bob,
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseHistoryStore (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('history', () => {
      it('records field-level changes with the actor, newest first, paginated', async () => {
        await t.project('INFRA-1');
        t.now = new Date('2026-03-02T10:00:00.000Z');
        await t.stores.projects.updateProject(
          'INFRA-1',
          { version: 1, title: 'New title' },
          bob,
        );
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Cutover', baselineDate: '2026-04-01' },
          alice,
        );
        await t.stores.milestones.updateMilestone(
          m.id,
          { version: 1, forecastDate: '2026-04-03' },
          bob,
        );
        await t.stores.links.addManualLink(
          'INFRA-1',
          'component:default/a',
          alice,
        );

        const all = await t.stores.history.listHistory('INFRA-1', {
          limit: 50,
        });
        expect(all.totalItems).toBe(5);
        expect(all.items.map(h => [h.objectType, h.action])).toEqual([
          ['link', 'create'],
          ['milestone', 'update'],
          ['milestone', 'create'],
          ['project', 'update'],
          ['project', 'create'],
        ]);
        expect(all.items[1]).toMatchObject({
          objectId: m.id,
          actor: 'user:default/bob',
          changes: { forecastDate: [null, '2026-04-03'] },
        });
        expect(all.items[3]).toMatchObject({
          actor: 'user:default/bob',
          at: '2026-03-02T10:00:00.000Z',
          changes: { title: ['Project INFRA-1', 'New title'] },
        });
        expect(all.items[4].changes.owner).toEqual([null, 'group:default/pmo']);

        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await t.stores.history.listHistory('INFRA-1', {
            limit: 2,
            cursor,
          });
          seen.push(...page.items.map(h => h.id));
          cursor = page.pageInfo.nextCursor;
        } while (cursor);
        expect(seen).toEqual(all.items.map(h => h.id));
        await expect(
          t.stores.history.listHistory('INFRA-1', {
            limit: 2,
            cursor: 'garbage!',
          }),
        ).rejects.toThrow(InputError);
      });

      it('starts a project re-created under a deleted key with an empty history and keeps the old rows', async () => {
        await t.project('SECH-1', { title: 'Old security hardening' });
        const m = await t.stores.milestones.createMilestone(
          'SECH-1',
          { title: 'Old cutover' },
          alice,
        );
        await t.stores.milestones.updateMilestone(
          m.id,
          { version: 1, title: 'Moved' },
          bob,
        );
        await t.stores.links.addManualLink(
          'SECH-1',
          'component:default/a',
          alice,
        );
        await t.stores.projects.deleteProject('SECH-1', bob);
        // The store still answers the deleted incarnation's history.
        expect(
          (await t.stores.history.listHistory('SECH-1', { limit: 50 }))
            .totalItems,
        ).toBe(5);

        // Same millisecond as the delete: timestamps do not separate them.
        await t.project('SECH-1', { title: 'New security hardening' });
        const fresh = await t.stores.history.listHistory('SECH-1', {
          limit: 50,
        });
        expect(fresh.totalItems).toBe(1);
        expect(fresh.items).toEqual([
          expect.objectContaining({
            objectType: 'project',
            action: 'create',
            changes: expect.objectContaining({
              title: [null, 'New security hardening'],
            }),
          }),
        ]);

        t.now = new Date('2026-03-02T10:00:00.000Z');
        await t.stores.projects.updateProject(
          'SECH-1',
          { version: 1, phase: 'planning' },
          bob,
        );
        await t.stores.milestones.createMilestone(
          'SECH-1',
          { title: 'New cutover' },
          alice,
        );
        const later = await t.stores.history.listHistory('SECH-1', {
          limit: 1,
        });
        expect(later.totalItems).toBe(3);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await t.stores.history.listHistory('SECH-1', {
            limit: 1,
            cursor,
          });
          seen.push(...page.items.map(h => JSON.stringify(h.changes)));
          cursor = page.pageInfo.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(3);
        expect(seen.join()).not.toMatch(/Old|Moved/);

        // The audit trail of the deleted incarnation is kept.
        const kept = await t
          .knex('pmo_history')
          .where({ project_key: 'SECH-1' })
          .orderBy('id');
        expect(kept).toHaveLength(8);
        expect(kept[0].project_uid).toBeTruthy();
        expect(kept.slice(0, 5).map(r => r.project_uid)).toEqual(
          Array(5).fill(kept[0].project_uid),
        );
        expect(kept[5].project_uid).not.toBe(kept[0].project_uid);

        // Deleted again: the store answers the second incarnation only.
        await t.stores.projects.deleteProject('SECH-1', alice);
        const second = await t.stores.history.listHistory('SECH-1', {
          limit: 50,
        });
        expect(second.items.map(h => [h.objectType, h.action])).toEqual([
          ['project', 'delete'],
          ['milestone', 'create'],
          ['project', 'update'],
          ['project', 'create'],
        ]);
        expect(
          await t.stores.history.listHistory('NEVER-1', { limit: 5 }),
        ).toEqual({
          items: [],
          totalItems: 0,
          pageInfo: {},
        });
      });
    });
  },
);
