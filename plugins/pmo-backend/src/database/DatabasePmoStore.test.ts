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
import { Knex } from 'knex';
import { DatabasePmoStore } from './DatabasePmoStore';
import type { ProjectAccessFilter } from './PmoStore';
import {
  createTestDatabases,
  testDatabaseService,
} from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const alice = { ref: 'user:default/alice' };
const bob = { ref: 'user:default/bob' };

describe.each(databases.eachSupportedId())(
  'DatabasePmoStore (%s)',
  databaseId => {
    let knex: Knex;
    let store: DatabasePmoStore;
    let now: Date;

    beforeEach(async () => {
      now = new Date('2026-03-02T09:00:00.000Z');
      knex = await databases.init(databaseId);
      store = await DatabasePmoStore.create({
        database: testDatabaseService(knex),
        clock: () => now,
      });
    });

    const project = (key: string, extra: Record<string, unknown> = {}) =>
      store.createProject(
        { key, title: `Project ${key}`, owner: 'group:default/pmo', ...extra },
        alice,
      );

    describe('projects', () => {
      it('round-trips a project and omits absent optional fields', async () => {
        const created = await store.createProject(
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
        expect(await store.getProject('INFRA-101')).toEqual(created);

        const minimal = await project('INFRA-102');
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

        now = new Date('2026-03-03T10:00:00.000Z');
        const updated = await store.updateProject(
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

        const redeclared = await store.updateProject(
          'INFRA-101',
          { version: 2, declaredHealth: { status: 'green' } },
          bob,
        );
        expect(redeclared.declaredHealth).toEqual({
          status: 'green',
          setAt: '2026-03-03T10:00:00.000Z',
          setBy: 'user:default/bob',
        });

        await store.deleteProject('INFRA-101', alice);
        expect(await store.getProject('INFRA-101')).toBeUndefined();
      });

      it('throws ConflictError, NotFoundError and InputError where due', async () => {
        await project('INFRA-1');
        await expect(project('INFRA-1')).rejects.toThrow(ConflictError);

        await store.updateProject('INFRA-1', { version: 1, title: 'x' }, alice);
        const stale = store.updateProject(
          'INFRA-1',
          { version: 1, title: 'y' },
          bob,
        );
        await expect(stale).rejects.toThrow(ConflictError);
        await expect(stale).rejects.toThrow(/version 2.*version 1/);

        await expect(
          store.updateProject('NOPE-1', { version: 1, title: 'x' }, alice),
        ).rejects.toThrow(NotFoundError);
        await expect(store.deleteProject('NOPE-1', alice)).rejects.toThrow(
          NotFoundError,
        );
        await expect(
          store.createMilestone('NOPE-1', { title: 'm' }, alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.createRaidItem('NOPE-1', { type: 'risk', title: 'r' }, alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.updateMilestone(
            'not-a-uuid',
            { version: 1, title: 'x' },
            alice,
          ),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.deleteRaidItem('00000000-0000-4000-8000-000000000000', alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.addManualLink('NOPE-1', 'component:default/a', alice),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.updateProject(
            'INFRA-1',
            { version: 2, targetDate: '2026-13-40' },
            alice,
          ),
        ).rejects.toThrow(InputError);
        expect(await store.getMilestone('not-a-uuid')).toBeUndefined();
      });

      it('lets exactly one of two concurrent updates with the same version win', async () => {
        await project('INFRA-1');
        const results = await Promise.allSettled([
          store.updateProject('INFRA-1', { version: 1, title: 'A' }, alice),
          store.updateProject('INFRA-1', { version: 1, title: 'B' }, bob),
        ]);
        const fulfilled = results.filter(r => r.status === 'fulfilled');
        const rejected = results.filter(
          (r): r is PromiseRejectedResult => r.status === 'rejected',
        );
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(ConflictError);
        const final = await store.getProject('INFRA-1');
        expect(final?.version).toBe(2);
        const history = await store.listHistory('INFRA-1', { limit: 10 });
        expect(history.items.filter(h => h.action === 'update')).toHaveLength(
          1,
        );
      });

      it('cascades deletes to milestones and RAID, and drops manual links', async () => {
        await project('INFRA-1');
        await project('INFRA-2');
        await store.createMilestone('INFRA-1', { title: 'm1' }, alice);
        await store.createRaidItem(
          'INFRA-1',
          { type: 'issue', title: 'r1' },
          alice,
        );
        await store.createMilestone('INFRA-2', { title: 'm2' }, alice);
        await store.addManualLink('INFRA-1', 'component:default/a', alice);
        await store.syncAnnotationLinks(
          new Map([
            ['component:default/b', { keys: ['INFRA-1'], invalid: [] }],
          ]),
        );

        await store.deleteProject('INFRA-1', alice);

        expect(
          await knex('pmo_milestones').where('project_key', 'INFRA-1'),
        ).toEqual([]);
        expect(
          await knex('pmo_raid_items').where('project_key', 'INFRA-1'),
        ).toEqual([]);
        expect(await store.listMilestones('INFRA-2')).toHaveLength(1);
        expect(await store.listLinks({ projectKeys: ['INFRA-1'] })).toEqual([
          expect.objectContaining({
            entityRef: 'component:default/b',
            source: 'annotation',
          }),
        ]);
        const summaries = await store.getEntitySummaries([
          'component:default/b',
        ]);
        expect(
          summaries.get('component:default/b')?.unknownProjectKeys,
        ).toEqual(['INFRA-1']);
        // History outlives the project.
        const history = await store.listHistory('INFRA-1', { limit: 50 });
        expect(history.items[0]).toMatchObject({
          action: 'delete',
          objectType: 'project',
        });
      });
    });

    describe('history', () => {
      it('records field-level changes with the actor, newest first, paginated', async () => {
        await project('INFRA-1');
        now = new Date('2026-03-02T10:00:00.000Z');
        await store.updateProject(
          'INFRA-1',
          { version: 1, title: 'New title' },
          bob,
        );
        const m = await store.createMilestone(
          'INFRA-1',
          { title: 'Cutover', baselineDate: '2026-04-01' },
          alice,
        );
        await store.updateMilestone(
          m.id,
          { version: 1, forecastDate: '2026-04-03' },
          bob,
        );
        await store.addManualLink('INFRA-1', 'component:default/a', alice);

        const all = await store.listHistory('INFRA-1', { limit: 50 });
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
          const page = await store.listHistory('INFRA-1', { limit: 2, cursor });
          seen.push(...page.items.map(h => h.id));
          cursor = page.pageInfo.nextCursor;
        } while (cursor);
        expect(seen).toEqual(all.items.map(h => h.id));
        await expect(
          store.listHistory('INFRA-1', { limit: 2, cursor: 'garbage!' }),
        ).rejects.toThrow(InputError);
      });

      it('starts a project re-created under a deleted key with an empty history and keeps the old rows', async () => {
        await project('SECH-1', { title: 'Old security hardening' });
        const m = await store.createMilestone(
          'SECH-1',
          { title: 'Old cutover' },
          alice,
        );
        await store.updateMilestone(m.id, { version: 1, title: 'Moved' }, bob);
        await store.addManualLink('SECH-1', 'component:default/a', alice);
        await store.deleteProject('SECH-1', bob);
        // The store still answers the deleted incarnation's history.
        expect(
          (await store.listHistory('SECH-1', { limit: 50 })).totalItems,
        ).toBe(5);

        // Same millisecond as the delete: timestamps do not separate them.
        await project('SECH-1', { title: 'New security hardening' });
        const fresh = await store.listHistory('SECH-1', { limit: 50 });
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

        now = new Date('2026-03-02T10:00:00.000Z');
        await store.updateProject(
          'SECH-1',
          { version: 1, phase: 'planning' },
          bob,
        );
        await store.createMilestone('SECH-1', { title: 'New cutover' }, alice);
        const later = await store.listHistory('SECH-1', { limit: 1 });
        expect(later.totalItems).toBe(3);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listHistory('SECH-1', { limit: 1, cursor });
          seen.push(...page.items.map(h => JSON.stringify(h.changes)));
          cursor = page.pageInfo.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(3);
        expect(seen.join()).not.toMatch(/Old|Moved/);

        // The audit trail of the deleted incarnation is kept.
        const kept = await knex('pmo_history')
          .where({ project_key: 'SECH-1' })
          .orderBy('id');
        expect(kept).toHaveLength(8);
        expect(kept[0].project_uid).toBeTruthy();
        expect(kept.slice(0, 5).map(r => r.project_uid)).toEqual(
          Array(5).fill(kept[0].project_uid),
        );
        expect(kept[5].project_uid).not.toBe(kept[0].project_uid);

        // Deleted again: the store answers the second incarnation only.
        await store.deleteProject('SECH-1', alice);
        const second = await store.listHistory('SECH-1', { limit: 50 });
        expect(second.items.map(h => [h.objectType, h.action])).toEqual([
          ['project', 'delete'],
          ['milestone', 'create'],
          ['project', 'update'],
          ['project', 'create'],
        ]);
        expect(await store.listHistory('NEVER-1', { limit: 5 })).toEqual({
          items: [],
          totalItems: 0,
          pageInfo: {},
        });
      });
    });

    describe('listProjects', () => {
      beforeEach(async () => {
        await project('INFRA-1', {
          title: 'Move to 100% cloud',
          phase: 'execution',
          priority: 'low',
          targetDate: '2026-06-01',
        });
        await project('INFRA-2', {
          title: 'vSphere upgrade',
          phase: 'planning',
          owner: 'group:default/wintel',
          priority: 'critical',
        });
        await project('INFRA-3', {
          title: 'Backup_refresh',
          description: 'New VSPHERE proxies',
          phase: 'execution',
          priority: 'high',
          targetDate: '2026-05-01',
        });
        await project('VDI-7', {
          title: 'Citrix rollout',
          phase: 'closed',
          owner: 'group:default/euc',
          priority: 'high',
          targetDate: '2026-05-01',
        });
        await project('NET-4', { title: 'Core switches', priority: 'medium' });
        await store.addManualLink(
          'INFRA-2',
          'component:default/vcenter',
          alice,
        );
        await store.syncAnnotationLinks(
          new Map([
            ['component:default/vcenter', { keys: ['INFRA-3'], invalid: [] }],
            ['component:default/citrix', { keys: ['VDI-7'], invalid: [] }],
          ]),
        );
      });

      const keys = async (
        options: Partial<Parameters<DatabasePmoStore['listProjects']>[0]>,
      ) => {
        const page = await store.listProjects({ limit: 100, ...options });
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
              const page = await store.listProjects({ orderBy, limit, cursor });
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
            const page = await store.listProjects({
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
          store.listProjects({ limit: 2, cursor: 'not a cursor' }),
        ).rejects.toThrow(new InputError('Invalid cursor'));
        const bogus = Buffer.from(JSON.stringify({ o: 'key', v: {} })).toString(
          'base64url',
        );
        await expect(
          store.listProjects({ limit: 2, cursor: bogus }),
        ).rejects.toThrow('Invalid cursor');
        const page = await store.listProjects({ limit: 2, orderBy: 'title' });
        await expect(
          store.listProjects({
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
          const page = await store.listProjects({ limit: 2, access });
          const all: string[] = page.items.map(p => p.key);
          let cursor = page.pageInfo.nextCursor;
          while (cursor) {
            const next = await store.listProjects({ limit: 2, access, cursor });
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
          await store.getProject('VDI-7', {
            field: 'owner',
            values: ['group:default/pmo'],
          }),
        ).toBeUndefined();
        expect(
          await store.getProject('INFRA-1', {
            field: 'owner',
            values: ['group:default/pmo'],
          }),
        ).toBeDefined();
      });
    });

    describe('computed health', () => {
      it('is stored and recomputed after milestone and RAID writes', async () => {
        await project('INFRA-1', { declaredHealth: { status: 'green' } });
        const m = await store.createMilestone(
          'INFRA-1',
          {
            title: 'Cutover',
            baselineDate: '2026-04-01',
            forecastDate: '2026-04-08',
          },
          alice,
        );
        let p = await store.getProject('INFRA-1');
        expect(p?.computedHealth.status).toBe('amber');
        expect(p?.computedHealth.reasons).toEqual([
          expect.objectContaining({
            code: 'milestone_slip',
            severity: 'amber',
          }),
        ]);
        expect(p?.watermelon).toBe(true);
        expect(p?.version).toBe(1); // derived data does not bump the version

        await store.updateMilestone(
          m.id,
          { version: 1, forecastDate: '2026-05-01' },
          alice,
        );
        p = await store.getProject('INFRA-1');
        expect(p?.computedHealth.status).toBe('red');
        expect(
          (await store.listProjects({ limit: 10, health: ['red'] })).items.map(
            x => x.key,
          ),
        ).toEqual(['INFRA-1']);

        await store.updateMilestone(
          m.id,
          { version: 2, status: 'done', actualDate: '2026-05-01' },
          alice,
        );
        p = await store.getProject('INFRA-1');
        expect(p?.computedHealth).toEqual({ status: 'green', reasons: [] });

        const risk = await store.createRaidItem(
          'INFRA-1',
          { type: 'risk', title: 'Vendor', probability: 4, impact: 4 },
          alice,
        );
        expect(risk.score).toBe(16);
        p = await store.getProject('INFRA-1');
        expect(p?.computedHealth.reasons.map(r => r.code)).toEqual([
          'high_risk',
        ]);

        const updatedRisk = await store.updateRaidItem(
          risk.id,
          { version: 1, impact: 2 },
          alice,
        );
        expect(updatedRisk.score).toBe(8);
        expect((await store.getProject('INFRA-1'))?.computedHealth.status).toBe(
          'green',
        );

        const issue = await store.createRaidItem(
          'INFRA-1',
          { type: 'issue', title: 'Outage', probability: 5, impact: 5 },
          alice,
        );
        expect((await store.getProject('INFRA-1'))?.computedHealth.status).toBe(
          'red',
        );
        await store.deleteRaidItem(issue.id, alice);
        expect((await store.getProject('INFRA-1'))?.computedHealth.status).toBe(
          'green',
        );

        // Time passes: the status goes stale, which only a refresh can notice.
        now = new Date('2026-03-20T09:00:00.000Z');
        await project('INFRA-2');
        expect(await store.refreshComputedHealth()).toBe(1);
        p = await store.getProject('INFRA-1');
        expect(p?.computedHealth.reasons.map(r => r.code)).toEqual([
          'stale_status',
        ]);
        expect(await store.refreshComputedHealth(['INFRA-1', 'INFRA-2'])).toBe(
          0,
        );
      });

      it('keeps the worse of declared and computed as the filterable health', async () => {
        await project('INFRA-1', {
          declaredHealth: { status: 'red', reason: 'Budget' },
        });
        const page = await store.listProjects({ limit: 10, health: ['red'] });
        expect(page.items.map(p => p.key)).toEqual(['INFRA-1']);
        expect(page.items[0].computedHealth.status).toBe('green');
        expect(page.items[0].watermelon).toBe(false);
      });
    });

    describe('links and entity summaries', () => {
      it('adds and removes manual links idempotently', async () => {
        await project('INFRA-1');
        expect(
          await store.addManualLink('INFRA-1', 'component:default/a', alice),
        ).toBe(true);
        expect(
          await store.addManualLink('INFRA-1', 'component:default/a', alice),
        ).toBe(false);
        expect(
          await store.listLinks({ entityRefs: ['component:default/a'] }),
        ).toEqual([
          {
            projectKey: 'INFRA-1',
            entityRef: 'component:default/a',
            source: 'manual',
            createdAt: '2026-03-02T09:00:00.000Z',
          },
        ]);
        expect(
          await store.removeManualLink('INFRA-1', 'component:default/a', bob),
        ).toBe(true);
        expect(
          await store.removeManualLink('INFRA-1', 'component:default/a', bob),
        ).toBe(false);
        const history = await store.listHistory('INFRA-1', { limit: 10 });
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
        await store.syncAnnotationLinks(
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
        await store.syncAnnotationLinks(
          new Map([
            [
              'component:default/a',
              { keys: ['INFRA-2', 'INFRA-3'], invalid: [] },
            ],
          ]),
        );
        const links = await store.listLinks({});
        expect(links.map(l => `${l.entityRef}>${l.projectKey}`)).toEqual([
          'component:default/b>INFRA-1',
          'component:default/a>INFRA-2',
          'component:default/a>INFRA-3',
        ]);
        await store.syncAnnotationLinks(
          new Map([
            ['component:default/a', { keys: ['INFRA-3'], invalid: [] }],
          ]),
          { complete: true },
        );
        expect(
          (await store.listLinks({})).map(
            l => `${l.entityRef}>${l.projectKey}`,
          ),
        ).toEqual(['component:default/a>INFRA-3']);
        expect(
          await knex('pmo_entity_annotations').select('entity_ref'),
        ).toEqual([{ entity_ref: 'component:default/a' }]);
      });

      it('summarizes many entities in a bounded number of queries', async () => {
        now = new Date('2026-03-02T09:00:00.000Z');
        await project('INFRA-1', {
          phase: 'execution',
          declaredHealth: { status: 'green' },
        });
        await project('INFRA-2', { owner: 'group:default/secret' });
        const m1 = await store.createMilestone(
          'INFRA-1',
          {
            title: 'Gate 1',
            baselineDate: '2026-03-10',
            forecastDate: '2026-03-20',
            gate: true,
          },
          alice,
        );
        await store.createMilestone(
          'INFRA-1',
          { title: 'Later', baselineDate: '2026-06-01' },
          alice,
        );
        await store.createMilestone(
          'INFRA-1',
          { title: 'Done', baselineDate: '2026-03-01', status: 'done' },
          alice,
        );
        const risk = await store.createRaidItem(
          'INFRA-1',
          { type: 'risk', title: 'Vendor', probability: 4, impact: 5 },
          alice,
        );
        await store.createRaidItem(
          'INFRA-1',
          { type: 'risk', title: 'Small', probability: 1, impact: 2 },
          alice,
        );
        await store.createRaidItem(
          'INFRA-1',
          { type: 'dependency', title: 'Network' },
          alice,
        );
        await store.createRaidItem(
          'INFRA-1',
          {
            type: 'issue',
            title: 'Closed',
            status: 'closed',
            probability: 5,
            impact: 5,
          },
          alice,
        );
        await store.createRaidItem(
          'INFRA-2',
          { type: 'issue', title: 'Hidden', probability: 5, impact: 5 },
          alice,
        );

        const refs = Array.from(
          { length: 1200 },
          (_, i) => `component:default/c${i}`,
        );
        const annotations = new Map<
          string,
          { keys: string[]; invalid: string[] }
        >();
        refs.slice(0, 700).forEach((ref, i) =>
          annotations.set(ref, {
            keys: i % 2 ? ['INFRA-1', 'GHOST-9'] : ['INFRA-2'],
            invalid: i === 0 ? ['not a key'] : [],
          }),
        );
        await store.syncAnnotationLinks(annotations);
        await store.addManualLink('INFRA-1', 'component:default/c1', alice);
        await store.addManualLink('INFRA-1', 'component:default/c900', alice);

        let queries = 0;
        const onQuery = () => {
          queries++;
        };
        knex.on('query', onQuery);
        const access: ProjectAccessFilter = {
          not: { field: 'owner', values: ['group:default/secret'] },
        };
        const summaries = await store.getEntitySummaries(refs, access);
        knex.off('query', onQuery);
        // 3 chunks of refs x 2 + projects x 2 + 3 fact queries, whatever the count.
        expect(queries).toBeLessThanOrEqual(12);

        // Only refs with a link or an annotation are present.
        expect(summaries.size).toBe(701);
        expect(summaries.has('component:default/c1199')).toBe(false);

        const c1 = summaries.get('component:default/c1')!;
        expect(c1).toEqual({
          entityRef: 'component:default/c1',
          projects: [
            {
              key: 'INFRA-1',
              title: 'Project INFRA-1',
              phase: 'execution',
              owner: 'group:default/pmo',
              declaredHealth: {
                status: 'green',
                setAt: '2026-03-02T09:00:00.000Z',
                setBy: 'user:default/alice',
              },
              computedHealth: {
                status: 'amber',
                reasons: [
                  expect.objectContaining({ code: 'milestone_slip' }),
                  expect.objectContaining({ code: 'high_risk' }),
                ],
              },
              health: 'amber',
              sources: ['annotation', 'manual'],
              nextMilestone: {
                id: m1.id,
                projectKey: 'INFRA-1',
                title: 'Gate 1',
                date: '2026-03-20',
                baselineDate: '2026-03-10',
                daysToGo: 18,
                slipDays: 10,
                gate: true,
                status: 'planned',
              },
              openRaid: { risk: 2, assumption: 0, issue: 0, dependency: 1 },
              highestRisk: {
                id: risk.id,
                projectKey: 'INFRA-1',
                type: 'risk',
                title: 'Vendor',
                score: 20,
              },
            },
          ],
          worstHealth: 'amber',
          nextMilestone: expect.objectContaining({ id: m1.id }),
          openRaid: { risk: 2, assumption: 0, issue: 0, dependency: 1 },
          highestRisk: expect.objectContaining({ id: risk.id }),
          unknownProjectKeys: ['GHOST-9'],
          invalidProjectKeys: [],
        });

        // INFRA-2 is hidden: c0 keeps only its annotation problems.
        expect(summaries.get('component:default/c0')).toEqual({
          entityRef: 'component:default/c0',
          projects: [],
          openRaid: { risk: 0, assumption: 0, issue: 0, dependency: 0 },
          unknownProjectKeys: [],
          invalidProjectKeys: ['not a key'],
        });
        expect(
          summaries.get('component:default/c900')?.projects[0].sources,
        ).toEqual(['manual']);

        // Without access filter INFRA-2 shows up, with its red issue.
        const open = await store.getEntitySummaries(['component:default/c2']);
        expect(open.get('component:default/c2')).toMatchObject({
          worstHealth: 'red',
          openRaid: { issue: 1 },
          highestRisk: { title: 'Hidden', score: 25 },
        });
        expect((await store.getEntitySummaries([])).size).toBe(0);
      });
    });

    describe('portfolio', () => {
      it('rolls up counts, heat map and lists, filtered by owner, refs and access', async () => {
        now = new Date('2026-01-01T09:00:00.000Z');
        await project('INFRA-1', {
          phase: 'execution',
          declaredHealth: { status: 'green' },
        });
        await project('INFRA-2', {
          phase: 'planning',
          owner: 'group:default/wintel',
        });
        await project('INFRA-3', {
          phase: 'closed',
          declaredHealth: { status: 'green' },
        });
        now = new Date('2026-03-02T09:00:00.000Z');
        await project('INFRA-4', {
          phase: 'execution',
          owner: 'group:default/wintel',
          declaredHealth: { status: 'amber' },
        });

        const overdue = await store.createMilestone(
          'INFRA-1',
          {
            title: 'Late',
            baselineDate: '2026-02-01',
            forecastDate: '2026-02-20',
            gate: true,
          },
          alice,
        );
        const slipping = await store.createMilestone(
          'INFRA-2',
          {
            title: 'Slips',
            baselineDate: '2026-04-01',
            forecastDate: '2026-04-30',
          },
          alice,
        );
        await store.createMilestone(
          'INFRA-2',
          {
            title: 'Barely',
            baselineDate: '2026-04-01',
            forecastDate: '2026-04-03',
          },
          alice,
        );
        await store.createMilestone(
          'INFRA-3',
          {
            title: 'Closed project',
            baselineDate: '2026-01-01',
            forecastDate: '2026-02-01',
          },
          alice,
        );
        for (const [p, i, status] of [
          [4, 5, 'open'],
          [4, 5, 'mitigating'],
          [1, 1, 'open'],
          [3, 3, 'closed'],
        ] as const) {
          await store.createRaidItem(
            'INFRA-1',
            {
              type: 'risk',
              title: `r${p}${i}`,
              probability: p,
              impact: i,
              status,
            },
            alice,
          );
        }
        await store.createRaidItem(
          'INFRA-4',
          { type: 'risk', title: 'w', probability: 2, impact: 3 },
          alice,
        );
        await store.createRaidItem(
          'INFRA-4',
          { type: 'issue', title: 'not a risk', probability: 2, impact: 3 },
          alice,
        );
        await store.addManualLink(
          'INFRA-4',
          'component:default/vcenter',
          alice,
        );

        const portfolio = await store.getPortfolio({});
        expect(portfolio.totalProjects).toBe(4);
        expect(portfolio.byPhase).toEqual({
          intake: 0,
          initiation: 0,
          planning: 1,
          execution: 2,
          closing: 0,
          closed: 1,
        });
        // INFRA-1: overdue gate (red); INFRA-2: 29 days slip (red) + stale;
        // INFRA-3 closed: green; INFRA-4: declared amber, computed green.
        expect(portfolio.byHealth).toEqual({ green: 1, amber: 1, red: 2 });
        const expectedHeat = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
        expectedHeat[3][4] = 2;
        expectedHeat[0][0] = 1;
        expectedHeat[1][2] = 1;
        expect(portfolio.heatMap).toEqual(expectedHeat);
        expect(portfolio.overdueMilestones).toEqual([
          expect.objectContaining({
            id: overdue.id,
            daysToGo: -10,
            slipDays: 19,
            gate: true,
          }),
        ]);
        expect(
          portfolio.slippingMilestones.map(m => [m.id, m.slipDays]),
        ).toEqual([
          [slipping.id, 29],
          [overdue.id, 19],
        ]);
        expect(portfolio.staleProjects).toEqual([
          {
            key: 'INFRA-1',
            title: 'Project INFRA-1',
            owner: 'group:default/pmo',
            statusUpdatedAt: '2026-01-01T09:00:00.000Z',
            daysSinceUpdate: 60,
          },
          {
            key: 'INFRA-2',
            title: 'Project INFRA-2',
            owner: 'group:default/wintel',
            statusUpdatedAt: '2026-01-01T09:00:00.000Z',
            daysSinceUpdate: 60,
          },
        ]);
        expect(portfolio.watermelons).toEqual([
          {
            key: 'INFRA-1',
            title: 'Project INFRA-1',
            declared: 'green',
            computed: 'red',
          },
        ]);

        const wintel = await store.getPortfolio({
          owner: ['group:default/wintel'],
        });
        expect(wintel.totalProjects).toBe(2);
        expect(wintel.byHealth).toEqual({ green: 0, amber: 1, red: 1 });
        expect(wintel.overdueMilestones).toEqual([]);

        const system = await store.getPortfolio({
          entityRefs: ['component:default/vcenter'],
        });
        expect(system.totalProjects).toBe(1);
        expect(system.heatMap[1][2]).toBe(1);
        expect(system.heatMap[3][4]).toBe(0);

        const restricted = await store.getPortfolio({
          access: { not: { field: 'key', values: ['INFRA-1'] } },
        });
        expect(restricted.totalProjects).toBe(3);
        expect(restricted.byHealth).toEqual({ green: 1, amber: 1, red: 1 });
        expect(restricted.heatMap[3][4]).toBe(0);
        expect(restricted.overdueMilestones).toEqual([]);
        expect(restricted.watermelons).toEqual([]);
        expect(restricted.staleProjects.map(p => p.key)).toEqual(['INFRA-2']);

        const none = await store.getPortfolio({
          access: { field: 'owner', values: [] },
        });
        expect(none.totalProjects).toBe(0);
        expect(none.byPhase.intake).toBe(0);
      });
    });

    describe('export and import', () => {
      it('exports flat rows with a stable column order', async () => {
        await project('INFRA-1', {
          budget: { planned: 10, currency: 'EUR' },
          externalLinks: [{ system: 'servicenow', key: 'CHG0031337' }],
        });
        const m = await store.createMilestone(
          'INFRA-1',
          { title: 'Go live', gate: true },
          alice,
        );
        const r = await store.createRaidItem(
          'INFRA-1',
          { type: 'assumption', title: 'A' },
          alice,
        );

        const projects = await store.exportRows('projects');
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
        expect(await store.exportRows('milestones')).toEqual([
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
            version: 1,
          },
        ]);
        const raid = await store.exportRows('raid');
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
          await store.exportRows('raid', {
            field: 'owner',
            values: ['group:default/x'],
          }),
        ).toEqual([]);
      });

      it('imports all or nothing, and rolls back a dry run', async () => {
        await project('INFRA-1');
        const existing = await store.createMilestone(
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

        const dry = await store.importBatch(batch, { dryRun: true }, bob);
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
        expect(await store.getProject('INFRA-2')).toBeUndefined();
        expect((await store.getProject('INFRA-1'))?.title).toBe(
          'Project INFRA-1',
        );

        // A failing row rolls back the rows before it.
        await expect(
          store.importBatch(
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
        expect(await store.getProject('INFRA-2')).toBeUndefined();
        expect(
          await knex('pmo_history').where('project_key', 'INFRA-2'),
        ).toEqual([]);

        const ok = await store.importBatch(batch, { dryRun: false }, bob);
        expect(ok).toMatchObject({ applied: true, errors: [] });
        expect(await store.getProject('INFRA-2')).toMatchObject({
          title: 'New',
          computedHealth: { status: 'red' },
        });
        expect(await store.getProject('INFRA-1')).toMatchObject({
          title: 'Renamed',
          version: 2,
        });
        expect(await store.getMilestone(existing.id)).toMatchObject({
          title: 'Old renamed',
          version: 2,
        });
        const history = await store.listHistory('INFRA-1', { limit: 10 });
        expect(history.items[0]).toMatchObject({
          actor: bob.ref,
          objectType: 'milestone',
        });
      });

      it('updates only with the current version, nothing applied otherwise', async () => {
        await project('INFRA-1');
        const m = await store.createMilestone('INFRA-1', { title: 'M' }, alice);
        const r = await store.createRaidItem(
          'INFRA-1',
          { type: 'assumption', title: 'R' },
          alice,
        );
        const row = { key: 'INFRA-1', title: 'X', owner: 'group:default/pmo' };
        const attempts: Array<[Parameters<typeof store.importBatch>[0], any]> =
          [
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
            store.importBatch(batch, { dryRun: false }, bob),
          ).rejects.toThrow(error);
        }
        expect(await store.getProject('INFRA-1')).toMatchObject({
          title: 'Project INFRA-1',
          version: 1,
        });
        expect(await store.getMilestone(m.id)).toMatchObject({ version: 1 });
        expect(await store.getRaidItem(r.id)).toMatchObject({ version: 1 });
      });

      it('cannot move an item to another project, nor name its project', async () => {
        await project('INFRA-1');
        await project('SECRET-1');
        const m = await store.createMilestone(
          'SECRET-1',
          { title: 'M' },
          alice,
        );
        const attempt = store.importBatch(
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
        expect(await store.getMilestone(m.id)).toMatchObject({
          projectKey: 'SECRET-1',
          title: 'M',
          version: 1,
        });
      });

      it('refuses an import authorized on a state that changed since', async () => {
        await project('INFRA-1');
        const m = await store.createMilestone('INFRA-1', { title: 'M' }, alice);
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
            store.importBatch(
              batch,
              { dryRun: false, expected: expected(version, milestone) },
              bob,
            ),
          ).rejects.toThrow(ConflictError);
        }
        expect(await store.listMilestones('INFRA-1')).toHaveLength(1);
        const ok = await store.importBatch(
          batch,
          { dryRun: false, expected: expected(1, 'INFRA-1') },
          bob,
        );
        expect(ok.counts.milestones.created).toBe(1);
      });

      it('finds the project and version of items by id', async () => {
        await project('INFRA-1');
        const m = await store.createMilestone('INFRA-1', { title: 'M' }, alice);
        const r = await store.createRaidItem(
          'INFRA-1',
          { type: 'assumption', title: 'R' },
          alice,
        );
        expect(
          await store.locateItems('milestones', [m.id, r.id, 'not-a-uuid']),
        ).toEqual([{ id: m.id, projectKey: 'INFRA-1', version: 1 }]);
        expect(await store.locateItems('raid', [r.id])).toEqual([
          { id: r.id, projectKey: 'INFRA-1', version: 1 },
        ]);
      });
    });

    describe('cross-project search', () => {
      async function seed() {
        await project('INFRA-1', { owner: 'group:default/storage' });
        await project('NET-2', { owner: 'group:default/network' });
        const r = (
          key: string,
          title: string,
          p: number,
          i: number,
          extra = {},
        ) =>
          store.createRaidItem(
            key,
            { type: 'risk', title, probability: p, impact: i, ...extra },
            alice,
          );
        const high = await r('INFRA-1', 'Vendor 100% late', 5, 5, {
          owner: 'group:default/ops',
        });
        const mid1 = await r('INFRA-1', 'Disk shortage', 3, 4);
        const mid2 = await r('NET-2', 'Switch firmware', 4, 3);
        const low = await store.createRaidItem(
          'NET-2',
          { type: 'assumption', title: 'Budget holds', status: 'closed' },
          alice,
        );
        return { high, mid1, mid2, low };
      }

      it('orders RAID items by score then id, pages with a cursor and counts', async () => {
        const { high, mid1, mid2, low } = await seed();
        const mids = [mid1, mid2].map(m => m.id).sort();
        const first = await store.searchRaidItems({ limit: 2 });
        expect(first.totalItems).toBe(4);
        expect(first.items.map(i => i.id)).toEqual([high.id, mids[0]]);
        expect(first.items[0]).toMatchObject({
          projectKey: 'INFRA-1',
          projectTitle: 'Project INFRA-1',
          score: 25,
        });
        const second = await store.searchRaidItems({
          limit: 2,
          cursor: first.pageInfo.nextCursor,
        });
        expect(second.items.map(i => i.id)).toEqual([mids[1], low.id]);
        expect(second.pageInfo).toEqual({});
        await expect(
          store.searchRaidItems({ limit: 2, cursor: 'garbage!' }),
        ).rejects.toThrow(InputError);
      });

      it('filters RAID items in SQL, including the access filter', async () => {
        const { high, mid1, mid2 } = await seed();
        const ids = async (o: object) =>
          (await store.searchRaidItems({ limit: 50, ...o })).items.map(
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
        const page = await store.searchRaidItems({ limit: 50, access });
        expect(page.totalItems).toBe(2);
        expect(page.items.every(i => i.projectKey === 'NET-2')).toBe(true);
      });

      it('orders milestones by forecast ?? baseline then id, undated last, and filters', async () => {
        await project('INFRA-1', { owner: 'group:default/storage' });
        await project('NET-2', { owner: 'group:default/network' });
        const m = (key: string, title: string, extra: object) =>
          store.createMilestone(key, { title, ...extra }, alice);
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

        const all = await store.searchMilestones({ limit: 2 });
        expect(all.totalItems).toBe(5);
        expect(all.items.map(i => i.title)).toEqual(['Done late', 'Overdue']);
        const rest = await store.searchMilestones({
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
          (await store.searchMilestones({ limit: 50, ...o })).items.map(
            i => i.id,
          );
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
