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
  'cutover stores (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    it('stores windows as written and as UTC instants, lists by range and project, versions and history', async () => {
      await t.project('SAN-1', { owner: 'group:default/storage' });
      await t.project('DB-2', { owner: 'group:default/dba' });
      const san = await t.stores.milestones.createMilestone(
        'SAN-1',
        { title: 'SAN cutover' },
        alice,
      );
      const db = await t.stores.milestones.createMilestone(
        'DB-2',
        {
          title: 'DB migration',
          entityRef: 'component:default/oracle-db-service',
        },
        alice,
      );
      const { windows } = t.stores;
      // Europe/Berlin is UTC+1 in January, UTC+2 after the March DST change.
      const a = await windows.createWindow(
        san.id,
        {
          type: 'cutover',
          start: '2027-01-09T22:00',
          end: '2027-01-10T06:00',
          timeZone: 'Europe/Berlin',
        },
        alice,
      );
      expect(a).toMatchObject({
        projectKey: 'SAN-1',
        milestoneId: san.id,
        startAt: '2027-01-09T21:00:00.000Z',
        endAt: '2027-01-10T05:00:00.000Z',
        changeApproved: false,
        version: 1,
      });
      const b = await windows.createWindow(
        db.id,
        {
          type: 'cutover',
          start: '2027-01-10T01:00',
          end: '2027-01-10T04:00',
          timeZone: 'UTC',
          changeRecord: 'CHG0012345',
          changeApproved: true,
        },
        alice,
      );
      expect(b.changeRecord).toBe('CHG0012345');

      const listed = await windows.listWindows({});
      expect(listed.map(w => w.id)).toEqual([a.id, b.id]);
      expect(listed[1]).toMatchObject({
        milestoneTitle: 'DB migration',
        milestoneEntityRef: 'component:default/oracle-db-service',
        changeApproved: true,
      });
      // Half-open: a window ending at `from` is out of range.
      expect(
        (await windows.listWindows({ from: '2027-01-10T05:00:00.000Z' })).map(
          w => w.id,
        ),
      ).toEqual([]);
      expect(
        (await windows.listWindows({ projectKeys: ['DB-2'] })).map(w => w.id),
      ).toEqual([b.id]);
      expect(
        (
          await windows.listWindows({
            access: {
              field: 'owner',
              values: ['group:default/storage'],
            } as any,
          })
        ).map(w => w.id),
      ).toEqual([a.id]);

      const moved = await windows.updateWindow(
        a.id,
        { start: '2027-04-03T22:00', end: '2027-04-04T06:00', version: 1 },
        alice,
      );
      expect(moved).toMatchObject({
        startAt: '2027-04-03T20:00:00.000Z',
        version: 2,
      });
      await expect(
        windows.updateWindow(a.id, { type: 'rollback', version: 1 }, alice),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect((await windows.getWindow(a.id))?.version).toBe(2);

      const history = await t.stores.history.listHistory('SAN-1', {
        limit: 50,
      } as any);
      const windowHistory = history.items.filter(
        h => h.objectType === 'window',
      );
      expect(windowHistory.map(h => h.action).sort()).toEqual([
        'create',
        'update',
      ]);

      await windows.deleteWindow(a.id, alice);
      expect(await windows.getWindow(a.id)).toBeUndefined();
      await expect(windows.deleteWindow(a.id, alice)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      // Deleting the milestone takes its windows with it.
      await t.stores.milestones.deleteMilestone(db.id, alice);
      expect(await windows.listWindows({})).toEqual([]);
    });

    it('stores freezes with scopes and open ends, versions, and acknowledgements replaced per finding', async () => {
      const { freezes, collisionAcks } = t.stores;
      const open = await freezes.createFreeze(
        {
          title: 'Peak season',
          scope: { kind: 'tier', tier: 'tier-1' },
          start: '2027-11-20T00:00',
          timeZone: 'America/New_York',
        },
        alice,
      );
      expect(open).toMatchObject({
        scope: { kind: 'tier', tier: 'tier-1' },
        startAt: '2027-11-20T05:00:00.000Z',
        source: 'api',
        version: 1,
      });
      expect(open.end).toBeUndefined();
      const closed = await freezes.updateFreeze(open.id, {
        end: '2027-12-31T00:00',
        scope: { kind: 'system', ref: 'system:default/storage' },
        version: 1,
      });
      expect(closed).toMatchObject({
        endAt: '2027-12-31T05:00:00.000Z',
        scope: { kind: 'system', ref: 'system:default/storage' },
        version: 2,
      });
      await expect(
        freezes.updateFreeze(open.id, { title: 'x', version: 1 }),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(await freezes.listFreezes()).toEqual([closed]);
      await freezes.deleteFreeze(open.id);
      expect(await freezes.listFreezes()).toEqual([]);

      await collisionAcks.acknowledge({
        findingId: 'overlap:a:b',
        reason: 'CAB approved',
        by: 'user:default/alice',
        at: '2027-01-01T00:00:00.000Z',
        fingerprint: 'a@1|b@1',
      });
      await collisionAcks.acknowledge({
        findingId: 'overlap:a:b',
        reason: 'CAB approved again',
        by: 'user:default/alice',
        at: '2027-01-02T00:00:00.000Z',
        fingerprint: 'a@2|b@1',
      });
      const acks = await collisionAcks.getAcknowledgements([
        'overlap:a:b',
        'freeze:x:y',
      ]);
      expect([...acks.keys()]).toEqual(['overlap:a:b']);
      expect(acks.get('overlap:a:b')).toMatchObject({
        reason: 'CAB approved again',
        fingerprint: 'a@2|b@1',
      });
    });
  },
);
