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
  alice,
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseMilestoneStore (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('cross-project search', () => {
      it('orders milestones by forecast ?? baseline then id, undated last, and filters', async () => {
        await t.project('INFRA-1', { owner: 'group:default/storage' });
        await t.project('NET-2', { owner: 'group:default/network' });
        const m = (key: string, title: string, extra: object) =>
          t.stores.milestones.createMilestone(key, { title, ...extra }, alice);
        // today is 2026-03-02; slipAmberDays defaults to 5
        const overdue = await m('INFRA-1', 'Overdue', {
          baselineDate: '2026-02-20',
        });
        const slipping = await m('NET-2', 'Slipping', {
          baselineDate: '2026-03-01',
          forecastDate: '2026-03-20',
        });
        const done = await m('INFRA-1', 'Done late', {
          baselineDate: '2026-01-01',
          forecastDate: '2026-02-01',
          status: 'done',
        });
        const future = await m('INFRA-1', 'Future', {
          baselineDate: '2026-06-01',
        });
        const undated = await m('NET-2', 'Undated', {});

        const all = await t.stores.milestones.searchMilestones({ limit: 2 });
        expect(all.totalItems).toBe(5);
        expect(all.items.map(i => i.title)).toEqual(['Done late', 'Overdue']);
        const rest = await t.stores.milestones.searchMilestones({
          limit: 10,
          cursor: all.pageInfo.nextCursor,
        });
        expect(rest.items.map(i => i.id)).toEqual([
          slipping.id,
          future.id,
          undated.id,
        ]);
        expect(rest.items[0]).toMatchObject({
          projectTitle: 'Project NET-2',
          slipDays: 19,
        });
        expect(rest.items[2].slipDays).toBeUndefined();

        const ids = async (o: object) =>
          (
            await t.stores.milestones.searchMilestones({ limit: 50, ...o })
          ).items.map(i => i.id);
        expect(await ids({ overdue: true })).toEqual([overdue.id]);
        expect(await ids({ slipping: true })).toEqual([slipping.id]);
        expect(await ids({ from: '2026-02-01', to: '2026-03-20' })).toEqual([
          done.id,
          overdue.id,
          slipping.id,
        ]);
        expect(await ids({ projectKey: ['NET-2'] })).toEqual([
          slipping.id,
          undated.id,
        ]);
        expect(
          await ids({
            access: { field: 'owner', values: ['group:default/storage'] },
          }),
        ).toEqual([done.id, overdue.id, future.id]);
      });
    });
  },
);
