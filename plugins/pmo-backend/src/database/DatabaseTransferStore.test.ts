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
  'DatabaseTransferStore (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('export and import', () => {
      it('exports flat rows with a stable column order', async () => {
        await t.project('INFRA-1', {
          budget: { planned: 10, currency: 'EUR' },
          externalLinks: [{ system: 'servicenow', key: 'CHG0031337' }],
        });
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Go live', gate: true },
          alice,
        );
        const r = await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'assumption', title: 'A' },
          alice,
        );

        const projects = await t.stores.transfer.exportRows('projects');
        expect(Object.keys(projects[0])).toEqual([
          'key',
          'title',
          'description',
          'phase',
          'methodology',
          'owner',
          'sponsor',
          'startDate',
          'targetDate',
          'budgetPlanned',
          'budgetActual',
          'budgetCurrency',
          'priority',
          'declaredHealth',
          'declaredReason',
          'externalLinks',
          'version',
        ]);
        expect(projects[0]).toMatchObject({
          key: 'INFRA-1',
          budgetPlanned: 10,
          budgetActual: null,
          externalLinks: JSON.stringify([
            { system: 'servicenow', key: 'CHG0031337' },
          ]),
        });
        expect(await t.stores.transfer.exportRows('milestones')).toEqual([
          {
            id: m.id,
            projectKey: 'INFRA-1',
            title: 'Go live',
            baselineDate: null,
            forecastDate: null,
            actualDate: null,
            status: 'planned',
            gate: true,
            changeRecord: null,
            entityRef: null,
            externalId: null,
            version: 1,
          },
        ]);
        const raid = await t.stores.transfer.exportRows('raid');
        expect(Object.keys(raid[0])).toEqual([
          'id',
          'projectKey',
          'type',
          'title',
          'description',
          'probability',
          'impact',
          'score',
          'owner',
          'action',
          'dueDate',
          'status',
          'entityRef',
          'version',
        ]);
        expect(raid[0]).toMatchObject({
          id: r.id,
          probability: 1,
          impact: 1,
          score: 1,
        });
        expect(
          await t.stores.transfer.exportRows('raid', {
            field: 'owner',
            values: ['group:default/x'],
          }),
        ).toEqual([]);
      });

      it('imports all or nothing, and rolls back a dry run', async () => {
        await t.project('INFRA-1');
        const existing = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Old' },
          alice,
        );
        const batch = {
          projects: [
            {
              key: 'INFRA-1',
              title: 'Renamed',
              owner: 'group:default/pmo',
              version: 1,
            },
            { key: 'INFRA-2', title: 'New', owner: 'group:default/pmo' },
          ],
          milestones: [
            {
              id: existing.id,
              projectKey: 'INFRA-1',
              title: 'Old renamed',
              version: 1,
            },
            {
              projectKey: 'INFRA-2',
              title: 'Kick-off',
              baselineDate: '2020-01-01',
            },
          ],
          raid: [
            {
              projectKey: 'INFRA-2',
              type: 'issue' as const,
              title: 'Bad',
              probability: 5,
              impact: 5,
            },
          ],
        };

        const dry = await t.stores.transfer.importBatch(
          batch,
          { dryRun: true },
          bob,
        );
        expect(dry).toEqual({
          dryRun: true,
          applied: false,
          counts: {
            projects: { created: 1, updated: 1 },
            milestones: { created: 1, updated: 1 },
            raid: { created: 1, updated: 0 },
          },
          errors: [],
        });
        expect(await t.stores.projects.getProject('INFRA-2')).toBeUndefined();
        expect((await t.stores.projects.getProject('INFRA-1'))?.title).toBe(
          'Project INFRA-1',
        );

        // A failing row rolls back the rows before it.
        await expect(
          t.stores.transfer.importBatch(
            {
              ...batch,
              raid: [
                ...batch.raid,
                { projectKey: 'GHOST-1', type: 'risk', title: 'Orphan' },
              ],
            },
            { dryRun: false },
            bob,
          ),
        ).rejects.toThrow(NotFoundError);
        expect(await t.stores.projects.getProject('INFRA-2')).toBeUndefined();
        expect(
          await t.knex('pmo_history').where('project_key', 'INFRA-2'),
        ).toEqual([]);

        const ok = await t.stores.transfer.importBatch(
          batch,
          { dryRun: false },
          bob,
        );
        expect(ok).toMatchObject({ applied: true, errors: [] });
        expect(await t.stores.projects.getProject('INFRA-2')).toMatchObject({
          title: 'New',
          computedHealth: { status: 'red' },
        });
        expect(await t.stores.projects.getProject('INFRA-1')).toMatchObject({
          title: 'Renamed',
          version: 2,
        });
        expect(
          await t.stores.milestones.getMilestone(existing.id),
        ).toMatchObject({
          title: 'Old renamed',
          version: 2,
        });
        const history = await t.stores.history.listHistory('INFRA-1', {
          limit: 10,
        });
        expect(history.items[0]).toMatchObject({
          actor: bob.ref,
          objectType: 'milestone',
        });
      });

      it('updates only with the current version, nothing applied otherwise', async () => {
        await t.project('INFRA-1');
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'M' },
          alice,
        );
        const r = await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'assumption', title: 'R' },
          alice,
        );
        const row = { key: 'INFRA-1', title: 'X', owner: 'group:default/pmo' };
        const attempts: Array<
          [Parameters<typeof t.stores.transfer.importBatch>[0], any]
        > = [
          // stale, or missing: the version is required to update
          [
            { projects: [{ ...row, version: 7 }], milestones: [], raid: [] },
            ConflictError,
          ],
          [{ projects: [row], milestones: [], raid: [] }, InputError],
          [
            {
              projects: [],
              milestones: [{ id: m.id, projectKey: 'INFRA-1', title: 'Y' }],
              raid: [],
            },
            InputError,
          ],
          [
            {
              projects: [],
              milestones: [],
              raid: [
                {
                  id: r.id,
                  projectKey: 'INFRA-1',
                  type: 'assumption',
                  title: 'Y',
                  version: 2,
                },
              ],
            },
            ConflictError,
          ],
        ];
        for (const [batch, error] of attempts) {
          await expect(
            t.stores.transfer.importBatch(batch, { dryRun: false }, bob),
          ).rejects.toThrow(error);
        }
        expect(await t.stores.projects.getProject('INFRA-1')).toMatchObject({
          title: 'Project INFRA-1',
          version: 1,
        });
        expect(await t.stores.milestones.getMilestone(m.id)).toMatchObject({
          version: 1,
        });
        expect(await t.stores.raid.getRaidItem(r.id)).toMatchObject({
          version: 1,
        });
      });

      it('cannot move an item to another project, nor name its project', async () => {
        await t.project('INFRA-1');
        await t.project('SECRET-1');
        const m = await t.stores.milestones.createMilestone(
          'SECRET-1',
          { title: 'M' },
          alice,
        );
        const attempt = t.stores.transfer.importBatch(
          {
            projects: [],
            milestones: [
              { id: m.id, projectKey: 'INFRA-1', title: 'Mine', version: 1 },
            ],
            raid: [],
          },
          { dryRun: false },
          bob,
        );
        await expect(attempt).rejects.toThrow(InputError);
        await expect(attempt).rejects.toThrow(
          /^Invalid request: milestones\[1\]\.id: belongs to another project; an import cannot move items$/,
        );
        expect(await t.stores.milestones.getMilestone(m.id)).toMatchObject({
          projectKey: 'SECRET-1',
          title: 'M',
          version: 1,
        });
      });

      it('refuses a row that moves or clears a set baseline, naming the row and the request route', async () => {
        await t.project('INFRA-1');
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Cutover', baselineDate: '2026-04-01' },
          alice,
        );
        const unset = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Pilot' },
          alice,
        );
        const row = (baselineDate?: string) => ({
          projects: [],
          milestones: [
            {
              id: unset.id,
              projectKey: 'INFRA-1',
              title: 'Pilot',
              baselineDate: '2026-03-20',
              version: 1,
            },
            {
              id: m.id,
              projectKey: 'INFRA-1',
              title: 'Cutover',
              ...(baselineDate ? { baselineDate } : {}),
              forecastDate: '2026-04-20',
              version: 1,
            },
          ],
          raid: [],
        });
        for (const moved of [row('2026-05-01'), row()]) {
          const attempt = t.stores.transfer.importBatch(
            moved,
            { dryRun: false },
            bob,
          );
          await expect(attempt).rejects.toThrow(
            'Invalid request: milestones[2].baselineDate: the baseline of a milestone that has one changes only through an approved re-baseline request (POST /projects/{key}/rebaselines)',
          );
        }
        // Nothing applied, not even the first row's first baseline.
        expect(await t.stores.milestones.getMilestone(m.id)).toMatchObject({
          baselineDate: '2026-04-01',
          version: 1,
        });
        expect(
          (await t.stores.milestones.getMilestone(unset.id))?.baselineDate,
        ).toBeUndefined();
        // The same baseline with a new forecast imports; so does a first one.
        await t.stores.transfer.importBatch(
          row('2026-04-01'),
          { dryRun: false },
          bob,
        );
        expect(await t.stores.milestones.getMilestone(m.id)).toMatchObject({
          baselineDate: '2026-04-01',
          forecastDate: '2026-04-20',
        });
        expect(
          (await t.stores.milestones.getMilestone(unset.id))?.baselineDate,
        ).toBe('2026-03-20');
      });

      it('refuses an import authorized on a state that changed since', async () => {
        await t.project('INFRA-1');
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'M' },
          alice,
        );
        const batch = {
          projects: [],
          milestones: [{ projectKey: 'INFRA-1', title: 'New' }],
          raid: [],
        };
        const expected = (
          version: number | null,
          milestone: string | null,
        ) => ({
          projects: new Map([['INFRA-1', version]]),
          milestones: new Map([[m.id, milestone]]),
          raid: new Map(),
        });
        for (const [version, milestone] of [
          [2, 'INFRA-1'],
          [null, 'INFRA-1'],
          [1, null],
          [1, 'OTHER-1'],
        ] as const) {
          await expect(
            t.stores.transfer.importBatch(
              batch,
              { dryRun: false, expected: expected(version, milestone) },
              bob,
            ),
          ).rejects.toThrow(ConflictError);
        }
        expect(
          await t.stores.milestones.listMilestones('INFRA-1'),
        ).toHaveLength(1);
        const ok = await t.stores.transfer.importBatch(
          batch,
          { dryRun: false, expected: expected(1, 'INFRA-1') },
          bob,
        );
        expect(ok.counts.milestones.created).toBe(1);
      });

      it('finds the project and version of items by id', async () => {
        await t.project('INFRA-1');
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'M' },
          alice,
        );
        const r = await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'assumption', title: 'R' },
          alice,
        );
        expect(
          await t.stores.transfer.locateItems('milestones', [
            m.id,
            r.id,
            'not-a-uuid',
          ]),
        ).toEqual([{ id: m.id, projectKey: 'INFRA-1', version: 1 }]);
        expect(await t.stores.transfer.locateItems('raid', [r.id])).toEqual([
          { id: r.id, projectKey: 'INFRA-1', version: 1 },
        ]);
      });
    });
  },
);
