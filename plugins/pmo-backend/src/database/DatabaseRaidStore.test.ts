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
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';
import type { ProjectAccessFilter } from './PmoStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseRaidStore (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('cross-project search', () => {
      async function seed() {
        await t.project('INFRA-1', { owner: 'group:default/storage' });
        await t.project('NET-2', { owner: 'group:default/network' });
        const r = (
          key: string,
          title: string,
          p: number,
          i: number,
          extra = {},
        ) =>
          t.stores.raid.createRaidItem(
            key,
            { type: 'risk', title, probability: p, impact: i, ...extra },
            alice,
          );
        const high = await r('INFRA-1', 'Vendor 100% late', 5, 5, {
          owner: 'group:default/ops',
        });
        const mid1 = await r('INFRA-1', 'Disk shortage', 3, 4);
        const mid2 = await r('NET-2', 'Switch firmware', 4, 3);
        const low = await t.stores.raid.createRaidItem(
          'NET-2',
          { type: 'assumption', title: 'Budget holds', status: 'closed' },
          alice,
        );
        return { high, mid1, mid2, low };
      }

      it('orders RAID items by score then id, pages with a cursor and counts', async () => {
        const { high, mid1, mid2, low } = await seed();
        const mids = [mid1, mid2].map(m => m.id).sort();
        const first = await t.stores.raid.searchRaidItems({ limit: 2 });
        expect(first.totalItems).toBe(4);
        expect(first.items.map(i => i.id)).toEqual([high.id, mids[0]]);
        expect(first.items[0]).toMatchObject({
          projectKey: 'INFRA-1',
          projectTitle: 'Project INFRA-1',
          score: 25,
        });
        const second = await t.stores.raid.searchRaidItems({
          limit: 2,
          cursor: first.pageInfo.nextCursor,
        });
        expect(second.items.map(i => i.id)).toEqual([mids[1], low.id]);
        expect(second.pageInfo).toEqual({});
        await expect(
          t.stores.raid.searchRaidItems({ limit: 2, cursor: 'garbage!' }),
        ).rejects.toThrow(InputError);
      });

      it('filters RAID items in SQL, including the access filter', async () => {
        const { high, mid1, mid2 } = await seed();
        const ids = async (o: object) =>
          (await t.stores.raid.searchRaidItems({ limit: 50, ...o })).items.map(
            i => i.id,
          );
        expect(await ids({ status: ['open'], type: ['risk'] })).toHaveLength(3);
        expect(await ids({ probability: [3, 4], impact: [3, 4] })).toEqual(
          [mid1.id, mid2.id].sort(),
        );
        expect(await ids({ projectKey: ['NET-2'], status: ['open'] })).toEqual([
          mid2.id,
        ]);
        expect(await ids({ owner: ['group:default/ops'] })).toEqual([high.id]);
        expect(await ids({ q: '100%' })).toEqual([high.id]);
        expect(await ids({ q: 'SWITCH' })).toEqual([mid2.id]);
        const access: ProjectAccessFilter = {
          field: 'owner',
          values: ['group:default/network'],
        };
        const page = await t.stores.raid.searchRaidItems({ limit: 50, access });
        expect(page.totalItems).toBe(2);
        expect(page.items.every(i => i.projectKey === 'NET-2')).toBe(true);
      });
    });
  },
);
