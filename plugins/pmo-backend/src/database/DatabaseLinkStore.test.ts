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
  bob,
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseLinkStore (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('links', () => {
      it('adds and removes manual links idempotently', async () => {
        await t.project('INFRA-1');
        expect(
          await t.stores.links.addManualLink(
            'INFRA-1',
            'component:default/a',
            alice,
          ),
        ).toBe(true);
        expect(
          await t.stores.links.addManualLink(
            'INFRA-1',
            'component:default/a',
            alice,
          ),
        ).toBe(false);
        expect(
          await t.stores.links.listLinks({
            entityRefs: ['component:default/a'],
          }),
        ).toEqual([
          {
            projectKey: 'INFRA-1',
            entityRef: 'component:default/a',
            source: 'manual',
            createdAt: '2026-03-02T09:00:00.000Z',
          },
        ]);
        expect(
          await t.stores.links.removeManualLink(
            'INFRA-1',
            'component:default/a',
            bob,
          ),
        ).toBe(true);
        expect(
          await t.stores.links.removeManualLink(
            'INFRA-1',
            'component:default/a',
            bob,
          ),
        ).toBe(false);
        const history = await t.stores.history.listHistory('INFRA-1', {
          limit: 10,
        });
        expect(history.items.slice(0, 2)).toEqual([
          expect.objectContaining({
            objectType: 'link',
            action: 'delete',
            actor: bob.ref,
          }),
          expect.objectContaining({
            objectType: 'link',
            action: 'create',
            actor: alice.ref,
          }),
        ]);
      });

      it('replaces annotation links and removes the rest on a complete sync', async () => {
        await t.stores.links.syncAnnotationLinks(
          new Map([
            [
              'component:default/a',
              { keys: ['INFRA-1', 'INFRA-2'], invalid: [] },
            ],
            [
              'component:default/b',
              { keys: ['INFRA-1'], invalid: ['bad key'] },
            ],
          ]),
        );
        await t.stores.links.syncAnnotationLinks(
          new Map([
            [
              'component:default/a',
              { keys: ['INFRA-2', 'INFRA-3'], invalid: [] },
            ],
          ]),
        );
        const links = await t.stores.links.listLinks({});
        expect(links.map(l => `${l.entityRef}>${l.projectKey}`)).toEqual([
          'component:default/b>INFRA-1',
          'component:default/a>INFRA-2',
          'component:default/a>INFRA-3',
        ]);
        await t.stores.links.syncAnnotationLinks(
          new Map([
            ['component:default/a', { keys: ['INFRA-3'], invalid: [] }],
          ]),
          { complete: true },
        );
        expect(
          (await t.stores.links.listLinks({})).map(
            l => `${l.entityRef}>${l.projectKey}`,
          ),
        ).toEqual(['component:default/a>INFRA-3']);
        expect(
          await t.knex('pmo_entity_annotations').select('entity_ref'),
        ).toEqual([{ entity_ref: 'component:default/a' }]);
      });
    });
  },
);
