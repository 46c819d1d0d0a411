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
import type { ProjectOrderBy } from '@infra-pmo/plugin-pmo-common';
import {
  alice,
  bob,
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';
import type { ProjectAccessFilter, ProjectStore } from './PmoStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseProjectStore (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('projects', () => {
      it('round-trips a project and omits absent optional fields', async () => {
        const created = await t.stores.projects.createProject(
          {
            key: 'INFRA-101',
            title: 'Storage refresh',
            description: 'Replace the SAN',
            phase: 'planning',
            methodology: 'hybrid',
            owner: 'group:default/storage',
            sponsor: 'CIO',
            startDate: '2026-01-05',
            targetDate: '2026-09-30',
            budget: { planned: 120000.5, actual: 1000, currency: 'EUR' },
            priority: 'high',
            declaredHealth: { status: 'amber', reason: 'Vendor late' },
            externalLinks: [{ system: 'jira', key: 'INFRA-1' }],
          },
          alice,
        );
        expect(created).toEqual({
          key: 'INFRA-101',
          title: 'Storage refresh',
          description: 'Replace the SAN',
          phase: 'planning',
          methodology: 'hybrid',
          owner: 'group:default/storage',
          sponsor: 'CIO',
          startDate: '2026-01-05',
          targetDate: '2026-09-30',
          budget: { planned: 120000.5, actual: 1000, currency: 'EUR' },
          priority: 'high',
          declaredHealth: {
            status: 'amber',
            reason: 'Vendor late',
            setAt: '2026-03-02T09:00:00.000Z',
            setBy: 'user:default/alice',
          },
          externalLinks: [{ system: 'jira', key: 'INFRA-1' }],
          version: 1,
          createdAt: '2026-03-02T09:00:00.000Z',
          updatedAt: '2026-03-02T09:00:00.000Z',
          computedHealth: { status: 'green', reasons: [] },
          watermelon: false,
        });
        expect(await t.stores.projects.getProject('INFRA-101')).toEqual(
          created,
        );

        const minimal = await t.project('INFRA-102');
        expect(minimal).toEqual({
          key: 'INFRA-102',
          title: 'Project INFRA-102',
          phase: 'intake',
          methodology: 'waterfall',
          owner: 'group:default/pmo',
          priority: 'medium',
          externalLinks: [],
          version: 1,
          createdAt: '2026-03-02T09:00:00.000Z',
          updatedAt: '2026-03-02T09:00:00.000Z',
          computedHealth: { status: 'green', reasons: [] },
          watermelon: false,
        });
        expect(Object.keys(minimal)).not.toContain('description');

        t.now = new Date('2026-03-03T10:00:00.000Z');
        const updated = await t.stores.projects.updateProject(
          'INFRA-101',
          {
            version: 1,
            title: 'Storage refresh 2026',
            declaredHealth: null,
            sponsor: undefined,
          },
          bob,
        );
        expect(updated.version).toBe(2);
        expect(updated.title).toBe('Storage refresh 2026');
        expect(updated.sponsor).toBe('CIO');
        expect(updated.declaredHealth).toBeUndefined();
        expect(updated.updatedAt).toBe('2026-03-03T10:00:00.000Z');

        const redeclared = await t.stores.projects.updateProject(
          'INFRA-101',
          { version: 2, declaredHealth: { status: 'green' } },
          bob,
        );
        expect(redeclared.declaredHealth).toEqual({
          status: 'green',
          setAt: '2026-03-03T10:00:00.000Z',
          setBy: 'user:default/bob',
        });

        await t.stores.projects.deleteProject('INFRA-101', alice);
        expect(await t.stores.projects.getProject('INFRA-101')).toBeUndefined();
      });

      it('throws ConflictError, NotFoundError and InputError where due', async () => {
        await t.project('INFRA-1');
        await expect(t.project('INFRA-1')).rejects.toThrow(ConflictError);

        await t.stores.projects.updateProject(
          'INFRA-1',
          { version: 1, title: 'x' },
          alice,
        );
        const stale = t.stores.projects.updateProject(
          'INFRA-1',
          { version: 1, title: 'y' },
          bob,
        );
        await expect(stale).rejects.toThrow(ConflictError);
        await expect(stale).rejects.toThrow(/version 2.*version 1/);

        await expect(
          t.stores.projects.updateProject(
            'NOPE-1',
            { version: 1, title: 'x' },
            alice,
          ),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.projects.deleteProject('NOPE-1', alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.milestones.createMilestone('NOPE-1', { title: 'm' }, alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.raid.createRaidItem(
            'NOPE-1',
            { type: 'risk', title: 'r' },
            alice,
          ),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.milestones.updateMilestone(
            'not-a-uuid',
            { version: 1, title: 'x' },
            alice,
          ),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.raid.deleteRaidItem(
            '00000000-0000-4000-8000-000000000000',
            alice,
          ),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.links.addManualLink('NOPE-1', 'component:default/a', alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          t.stores.projects.updateProject(
            'INFRA-1',
            { version: 2, targetDate: '2026-13-40' },
            alice,
          ),
        ).rejects.toThrow(InputError);
        expect(
          await t.stores.milestones.getMilestone('not-a-uuid'),
        ).toBeUndefined();
      });

      it('lets exactly one of two concurrent updates with the same version win', async () => {
        await t.project('INFRA-1');
        const results = await Promise.allSettled([
          t.stores.projects.updateProject(
            'INFRA-1',
            { version: 1, title: 'A' },
            alice,
          ),
          t.stores.projects.updateProject(
            'INFRA-1',
            { version: 1, title: 'B' },
            bob,
          ),
        ]);
        const fulfilled = results.filter(r => r.status === 'fulfilled');
        const rejected = results.filter(
          (r): r is PromiseRejectedResult => r.status === 'rejected',
        );
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(ConflictError);
        const final = await t.stores.projects.getProject('INFRA-1');
        expect(final?.version).toBe(2);
        const history = await t.stores.history.listHistory('INFRA-1', {
          limit: 10,
        });
        expect(history.items.filter(h => h.action === 'update')).toHaveLength(
          1,
        );
      });

      it('cascades deletes to milestones and RAID, and drops manual links', async () => {
        await t.project('INFRA-1');
        await t.project('INFRA-2');
        await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'm1' },
          alice,
        );
        await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'issue', title: 'r1' },
          alice,
        );
        await t.stores.milestones.createMilestone(
          'INFRA-2',
          { title: 'm2' },
          alice,
        );
        await t.stores.links.addManualLink(
          'INFRA-1',
          'component:default/a',
          alice,
        );
        await t.stores.links.syncAnnotationLinks(
          new Map([
            ['component:default/b', { keys: ['INFRA-1'], invalid: [] }],
          ]),
        );

        await t.stores.projects.deleteProject('INFRA-1', alice);

        expect(
          await t.knex('pmo_milestones').where('project_key', 'INFRA-1'),
        ).toEqual([]);
        expect(
          await t.knex('pmo_raid_items').where('project_key', 'INFRA-1'),
        ).toEqual([]);
        expect(
          await t.stores.milestones.listMilestones('INFRA-2'),
        ).toHaveLength(1);
        expect(
          await t.stores.links.listLinks({ projectKeys: ['INFRA-1'] }),
        ).toEqual([
          expect.objectContaining({
            entityRef: 'component:default/b',
            source: 'annotation',
          }),
        ]);
        const summaries = await t.stores.summaries.getEntitySummaries([
          'component:default/b',
        ]);
        expect(
          summaries.get('component:default/b')?.unknownProjectKeys,
        ).toEqual(['INFRA-1']);
        // History outlives the project.
        const history = await t.stores.history.listHistory('INFRA-1', {
          limit: 50,
        });
        expect(history.items[0]).toMatchObject({
          action: 'delete',
          objectType: 'project',
        });
      });
    });

    describe('listProjects', () => {
      beforeEach(async () => {
        await t.project('INFRA-1', {
          title: 'Move to 100% cloud',
          phase: 'execution',
          priority: 'low',
          targetDate: '2026-06-01',
        });
        await t.project('INFRA-2', {
          title: 'vSphere upgrade',
          phase: 'planning',
          owner: 'group:default/wintel',
          priority: 'critical',
        });
        await t.project('INFRA-3', {
          title: 'Backup_refresh',
          description: 'New VSPHERE proxies',
          phase: 'execution',
          priority: 'high',
          targetDate: '2026-05-01',
        });
        await t.project('VDI-7', {
          title: 'Citrix rollout',
          phase: 'closed',
          owner: 'group:default/euc',
          priority: 'high',
          targetDate: '2026-05-01',
        });
        await t.project('NET-4', {
          title: 'Core switches',
          priority: 'medium',
        });
        await t.stores.links.addManualLink(
          'INFRA-2',
          'component:default/vcenter',
          alice,
        );
        await t.stores.links.syncAnnotationLinks(
          new Map([
            ['component:default/vcenter', { keys: ['INFRA-3'], invalid: [] }],
            ['component:default/citrix', { keys: ['VDI-7'], invalid: [] }],
          ]),
        );
      });

      const keys = async (
        options: Partial<Parameters<ProjectStore['listProjects']>[0]>,
      ) => {
        const page = await t.stores.projects.listProjects({
          limit: 100,
          ...options,
        });
        expect(page.totalItems).toBe(page.items.length);
        return page.items.map(p => p.key);
      };

      it('filters by phase, owner, health, entity refs and text', async () => {
        expect(await keys({})).toEqual([
          'INFRA-1',
          'INFRA-2',
          'INFRA-3',
          'NET-4',
          'VDI-7',
        ]);
        expect(await keys({ phase: ['execution'] })).toEqual([
          'INFRA-1',
          'INFRA-3',
        ]);
        expect(
          await keys({ owner: ['group:default/wintel', 'group:default/euc'] }),
        ).toEqual(['INFRA-2', 'VDI-7']);
        expect(await keys({ health: ['red', 'amber'] })).toEqual([]);
        expect(await keys({ entityRef: 'component:default/vcenter' })).toEqual([
          'INFRA-2',
          'INFRA-3',
        ]);
        expect(
          await keys({
            entityRefs: ['component:default/citrix', 'component:default/none'],
          }),
        ).toEqual(['VDI-7']);
        expect(await keys({ entityRefs: [] })).toEqual([]);
        // Case-insensitive over key, title and description.
        expect(await keys({ q: 'vsphere' })).toEqual(['INFRA-2', 'INFRA-3']);
        expect(await keys({ q: 'vdi' })).toEqual(['VDI-7']);
        // % and _ are literal characters, not wildcards.
        expect(await keys({ q: '100%' })).toEqual(['INFRA-1']);
        expect(await keys({ q: '%' })).toEqual(['INFRA-1']);
        expect(await keys({ q: 'v_phere' })).toEqual([]);
        expect(await keys({ q: 'p_refresh' })).toEqual(['INFRA-3']);
      });

      it.each<[ProjectOrderBy, string[]]>([
        ['key', ['INFRA-1', 'INFRA-2', 'INFRA-3', 'NET-4', 'VDI-7']],
        ['-key', ['VDI-7', 'NET-4', 'INFRA-3', 'INFRA-2', 'INFRA-1']],
        ['targetDate', ['INFRA-3', 'VDI-7', 'INFRA-1', 'INFRA-2', 'NET-4']],
        ['-targetDate', ['NET-4', 'INFRA-2', 'INFRA-1', 'VDI-7', 'INFRA-3']],
        ['priority', ['INFRA-2', 'INFRA-3', 'VDI-7', 'NET-4', 'INFRA-1']],
        ['-priority', ['INFRA-1', 'NET-4', 'VDI-7', 'INFRA-3', 'INFRA-2']],
      ])(
        'orders by %s and pages through every row once',
        async (orderBy, expected) => {
          expect(await keys({ orderBy })).toEqual(expected);
          for (const limit of [1, 2, 3]) {
            const seen: string[] = [];
            let cursor: string | undefined;
            let pages = 0;
            do {
              const page = await t.stores.projects.listProjects({
                orderBy,
                limit,
                cursor,
              });
              expect(page.totalItems).toBe(5);
              expect(page.items.length).toBeLessThanOrEqual(limit);
              seen.push(...page.items.map(p => p.key));
              cursor = page.pageInfo.nextCursor;
              pages++;
            } while (cursor && pages < 10);
            expect(seen).toEqual(expected);
          }
        },
      );

      it('pages by title and updatedAt consistently with the full order', async () => {
        for (const orderBy of [
          'title',
          '-title',
          'updatedAt',
          '-updatedAt',
        ] as const) {
          const full = await keys({ orderBy });
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await t.stores.projects.listProjects({
              orderBy,
              limit: 2,
              cursor,
            });
            seen.push(...page.items.map(p => p.key));
            cursor = page.pageInfo.nextCursor;
          } while (cursor);
          expect(seen).toEqual(full);
        }
      });

      it('rejects malformed or foreign cursors', async () => {
        await expect(
          t.stores.projects.listProjects({ limit: 2, cursor: 'not a cursor' }),
        ).rejects.toThrow(new InputError('Invalid cursor'));
        const bogus = Buffer.from(JSON.stringify({ o: 'key', v: {} })).toString(
          'base64url',
        );
        await expect(
          t.stores.projects.listProjects({ limit: 2, cursor: bogus }),
        ).rejects.toThrow('Invalid cursor');
        const page = await t.stores.projects.listProjects({
          limit: 2,
          orderBy: 'title',
        });
        await expect(
          t.stores.projects.listProjects({
            limit: 2,
            orderBy: 'key',
            cursor: page.pageInfo.nextCursor,
          }),
        ).rejects.toThrow(InputError);
      });

      it('applies the access filter to items and totals', async () => {
        const check = async (
          access: ProjectAccessFilter,
          expected: string[],
        ) => {
          const page = await t.stores.projects.listProjects({
            limit: 2,
            access,
          });
          const all: string[] = page.items.map(p => p.key);
          let cursor = page.pageInfo.nextCursor;
          while (cursor) {
            const next = await t.stores.projects.listProjects({
              limit: 2,
              access,
              cursor,
            });
            all.push(...next.items.map(p => p.key));
            cursor = next.pageInfo.nextCursor;
          }
          expect(all).toEqual(expected);
          expect(page.totalItems).toBe(expected.length);
        };
        await check({ field: 'owner', values: ['group:default/pmo'] }, [
          'INFRA-1',
          'INFRA-3',
          'NET-4',
        ]);
        await check({ field: 'owner', values: [] }, []);
        await check(
          {
            allOf: [
              { field: 'owner', values: ['group:default/pmo'] },
              { field: 'phase', values: ['execution'] },
            ],
          },
          ['INFRA-1', 'INFRA-3'],
        );
        await check(
          {
            anyOf: [
              { field: 'key', values: ['VDI-7'] },
              { field: 'phase', values: ['planning'] },
            ],
          },
          ['INFRA-2', 'VDI-7'],
        );
        await check(
          { not: { field: 'phase', values: ['execution', 'closed'] } },
          ['INFRA-2', 'NET-4'],
        );
        await check(
          {
            allOf: [
              { not: { field: 'key', values: ['INFRA-1'] } },
              {
                anyOf: [
                  { field: 'owner', values: ['group:default/pmo'] },
                  { field: 'key', values: ['VDI-7'] },
                ],
              },
            ],
          },
          ['INFRA-3', 'NET-4', 'VDI-7'],
        );
        expect(
          await t.stores.projects.getProject('VDI-7', {
            field: 'owner',
            values: ['group:default/pmo'],
          }),
        ).toBeUndefined();
        expect(
          await t.stores.projects.getProject('INFRA-1', {
            field: 'owner',
            values: ['group:default/pmo'],
          }),
        ).toBeDefined();
      });
    });

    describe('computed health', () => {
      it('is stored and recomputed after milestone and RAID writes', async () => {
        await t.project('INFRA-1', { declaredHealth: { status: 'green' } });
        const m = await t.stores.milestones.createMilestone(
          'INFRA-1',
          {
            title: 'Cutover',
            baselineDate: '2026-04-01',
            forecastDate: '2026-04-08',
          },
          alice,
        );
        let p = await t.stores.projects.getProject('INFRA-1');
        expect(p?.computedHealth.status).toBe('amber');
        expect(p?.computedHealth.reasons).toEqual([
          expect.objectContaining({
            code: 'milestone_slip',
            severity: 'amber',
          }),
        ]);
        expect(p?.watermelon).toBe(true);
        expect(p?.version).toBe(1); // derived data does not bump the version

        await t.stores.milestones.updateMilestone(
          m.id,
          { version: 1, forecastDate: '2026-05-01' },
          alice,
        );
        p = await t.stores.projects.getProject('INFRA-1');
        expect(p?.computedHealth.status).toBe('red');
        expect(
          (
            await t.stores.projects.listProjects({ limit: 10, health: ['red'] })
          ).items.map(x => x.key),
        ).toEqual(['INFRA-1']);

        await t.stores.milestones.updateMilestone(
          m.id,
          { version: 2, status: 'done', actualDate: '2026-05-01' },
          alice,
        );
        p = await t.stores.projects.getProject('INFRA-1');
        expect(p?.computedHealth).toEqual({ status: 'green', reasons: [] });

        const risk = await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'risk', title: 'Vendor', probability: 4, impact: 4 },
          alice,
        );
        expect(risk.score).toBe(16);
        p = await t.stores.projects.getProject('INFRA-1');
        expect(p?.computedHealth.reasons.map(r => r.code)).toEqual([
          'high_risk',
        ]);

        const updatedRisk = await t.stores.raid.updateRaidItem(
          risk.id,
          { version: 1, impact: 2 },
          alice,
        );
        expect(updatedRisk.score).toBe(8);
        expect(
          (await t.stores.projects.getProject('INFRA-1'))?.computedHealth
            .status,
        ).toBe('green');

        const issue = await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'issue', title: 'Outage', probability: 5, impact: 5 },
          alice,
        );
        expect(
          (await t.stores.projects.getProject('INFRA-1'))?.computedHealth
            .status,
        ).toBe('red');
        await t.stores.raid.deleteRaidItem(issue.id, alice);
        expect(
          (await t.stores.projects.getProject('INFRA-1'))?.computedHealth
            .status,
        ).toBe('green');

        // Time passes: the status goes stale, which only a refresh can notice.
        t.now = new Date('2026-03-20T09:00:00.000Z');
        await t.project('INFRA-2');
        expect(await t.stores.projects.refreshComputedHealth()).toBe(1);
        p = await t.stores.projects.getProject('INFRA-1');
        expect(p?.computedHealth.reasons.map(r => r.code)).toEqual([
          'stale_status',
        ]);
        expect(
          await t.stores.projects.refreshComputedHealth(['INFRA-1', 'INFRA-2']),
        ).toBe(0);
      });

      it('keeps the worse of declared and computed as the filterable health', async () => {
        await t.project('INFRA-1', {
          declaredHealth: { status: 'red', reason: 'Budget' },
        });
        const page = await t.stores.projects.listProjects({
          limit: 10,
          health: ['red'],
        });
        expect(page.items.map(p => p.key)).toEqual(['INFRA-1']);
        expect(page.items[0].computedHealth.status).toBe('green');
        expect(page.items[0].watermelon).toBe(false);
      });
    });
  },
);
