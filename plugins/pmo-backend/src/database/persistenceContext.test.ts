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

import { createTestDatabases } from '../__testUtils__/databases';
import { createPersistenceContext } from './persistenceContext';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const alice = { ref: 'user:default/alice' };

describe.each(databases.eachSupportedId())(
  'createPersistenceContext (%s)',
  databaseId => {
    it('runs the migrations, unless told to skip them', async () => {
      const knex = await databases.init(databaseId);
      await createPersistenceContext({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      expect(await knex.schema.hasTable('pmo_projects')).toBe(false);

      await createPersistenceContext({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      expect(await knex.schema.hasTable('pmo_projects')).toBe(true);
      expect(await knex.schema.hasTable('pmo_snapshots')).toBe(true);
      expect(await knex.schema.hasTable('pmo_reminders_sent')).toBe(true);
    });

    it('builds every store on the one client, and the PMO stores as one', async () => {
      const knex = await databases.init(databaseId);
      const getClient = jest.fn(async () => knex);
      const context = await createPersistenceContext({
        database: { getClient, migrations: { skip: false } },
        clock: () => new Date('2026-03-02T09:00:00.000Z'),
      });
      expect(getClient).toHaveBeenCalledTimes(1);

      const {
        pmo,
        transitions,
        myItems,
        snapshots,
        reminders,
        windows,
        freezes,
        collisionAcks,
        gates,
        rebaselines,
        ...stores
      } = context;
      // The cutover stores are built on the same client, outside `pmo`.
      for (const store of [windows, freezes, collisionAcks]) {
        expect((store as unknown as { db: unknown }).db).toBe(knex);
      }
      // The decision stores stand apart from the combined PmoStore.
      expect(gates).toBeDefined();
      expect(rebaselines).toBeDefined();
      expect(Object.keys(stores).sort()).toEqual([
        'history',
        'links',
        'milestones',
        'projects',
        'raid',
        'summaries',
        'transfer',
      ]);
      // The combined store has exactly the methods of the seven stores.
      const methods = Object.values(stores).flatMap(store =>
        Object.getOwnPropertyNames(Object.getPrototypeOf(store)).filter(
          name => name !== 'constructor',
        ),
      );
      expect(Object.keys(pmo).sort()).toEqual([...methods].sort());

      // Writes through one view are read through the other.
      await pmo.createProject(
        { key: 'INFRA-1', title: 'Storage', owner: 'group:default/pmo' },
        alice,
      );
      await context.milestones.createMilestone(
        'INFRA-1',
        { title: 'Late', baselineDate: '2026-02-01' },
        alice,
      );
      expect(
        (await context.projects.getProject('INFRA-1'))?.computedHealth.status,
      ).not.toBe('green');
      expect((await pmo.listHistory('INFRA-1', { limit: 10 })).totalItems).toBe(
        2,
      );
    });
  },
);
