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
import type { ProjectAccessFilter } from './PmoStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseSummaryQueries (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);

    describe('entity summaries', () => {
      it('summarizes many entities in a bounded number of queries', async () => {
        t.now = new Date('2026-03-02T09:00:00.000Z');
        await t.project('INFRA-1', {
          phase: 'execution',
          declaredHealth: { status: 'green' },
        });
        await t.project('INFRA-2', { owner: 'group:default/secret' });
        const m1 = await t.stores.milestones.createMilestone(
          'INFRA-1',
          {
            title: 'Gate 1',
            baselineDate: '2026-03-10',
            forecastDate: '2026-03-20',
            gate: true,
          },
          alice,
        );
        await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Later', baselineDate: '2026-06-01' },
          alice,
        );
        await t.stores.milestones.createMilestone(
          'INFRA-1',
          { title: 'Done', baselineDate: '2026-03-01', status: 'done' },
          alice,
        );
        const risk = await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'risk', title: 'Vendor', probability: 4, impact: 5 },
          alice,
        );
        await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'risk', title: 'Small', probability: 1, impact: 2 },
          alice,
        );
        await t.stores.raid.createRaidItem(
          'INFRA-1',
          { type: 'dependency', title: 'Network' },
          alice,
        );
        await t.stores.raid.createRaidItem(
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
        await t.stores.raid.createRaidItem(
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
        await t.stores.links.syncAnnotationLinks(annotations);
        await t.stores.links.addManualLink(
          'INFRA-1',
          'component:default/c1',
          alice,
        );
        await t.stores.links.addManualLink(
          'INFRA-1',
          'component:default/c900',
          alice,
        );

        let queries = 0;
        const onQuery = () => {
          queries++;
        };
        t.knex.on('query', onQuery);
        const access: ProjectAccessFilter = {
          not: { field: 'owner', values: ['group:default/secret'] },
        };
        const summaries = await t.stores.summaries.getEntitySummaries(
          refs,
          access,
        );
        t.knex.off('query', onQuery);
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
        const open = await t.stores.summaries.getEntitySummaries([
          'component:default/c2',
        ]);
        expect(open.get('component:default/c2')).toMatchObject({
          worstHealth: 'red',
          openRaid: { issue: 1 },
          highestRisk: { title: 'Hidden', score: 25 },
        });
        expect((await t.stores.summaries.getEntitySummaries([])).size).toBe(0);
      });
    });

    describe('portfolio', () => {
      it('rolls up counts, heat map and lists, filtered by owner, refs and access', async () => {
        t.now = new Date('2026-01-01T09:00:00.000Z');
        await t.project('INFRA-1', {
          phase: 'execution',
          declaredHealth: { status: 'green' },
        });
        await t.project('INFRA-2', {
          phase: 'planning',
          owner: 'group:default/wintel',
        });
        await t.project('INFRA-3', {
          phase: 'closed',
          declaredHealth: { status: 'green' },
        });
        t.now = new Date('2026-03-02T09:00:00.000Z');
        await t.project('INFRA-4', {
          phase: 'execution',
          owner: 'group:default/wintel',
          declaredHealth: { status: 'amber' },
        });

        const overdue = await t.stores.milestones.createMilestone(
          'INFRA-1',
          {
            title: 'Late',
            baselineDate: '2026-02-01',
            forecastDate: '2026-02-20',
            gate: true,
          },
          alice,
        );
        const slipping = await t.stores.milestones.createMilestone(
          'INFRA-2',
          {
            title: 'Slips',
            baselineDate: '2026-04-01',
            forecastDate: '2026-04-30',
          },
          alice,
        );
        await t.stores.milestones.createMilestone(
          'INFRA-2',
          {
            title: 'Barely',
            baselineDate: '2026-04-01',
            forecastDate: '2026-04-03',
          },
          alice,
        );
        await t.stores.milestones.createMilestone(
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
          await t.stores.raid.createRaidItem(
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
        await t.stores.raid.createRaidItem(
          'INFRA-4',
          { type: 'risk', title: 'w', probability: 2, impact: 3 },
          alice,
        );
        await t.stores.raid.createRaidItem(
          'INFRA-4',
          { type: 'issue', title: 'not a risk', probability: 2, impact: 3 },
          alice,
        );
        await t.stores.links.addManualLink(
          'INFRA-4',
          'component:default/vcenter',
          alice,
        );

        const portfolio = await t.stores.summaries.getPortfolio({});
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

        const wintel = await t.stores.summaries.getPortfolio({
          owner: ['group:default/wintel'],
        });
        expect(wintel.totalProjects).toBe(2);
        expect(wintel.byHealth).toEqual({ green: 0, amber: 1, red: 1 });
        expect(wintel.overdueMilestones).toEqual([]);

        const system = await t.stores.summaries.getPortfolio({
          entityRefs: ['component:default/vcenter'],
        });
        expect(system.totalProjects).toBe(1);
        expect(system.heatMap[1][2]).toBe(1);
        expect(system.heatMap[3][4]).toBe(0);

        const restricted = await t.stores.summaries.getPortfolio({
          access: { not: { field: 'key', values: ['INFRA-1'] } },
        });
        expect(restricted.totalProjects).toBe(3);
        expect(restricted.byHealth).toEqual({ green: 1, amber: 1, red: 1 });
        expect(restricted.heatMap[3][4]).toBe(0);
        expect(restricted.overdueMilestones).toEqual([]);
        expect(restricted.watermelons).toEqual([]);
        expect(restricted.staleProjects.map(p => p.key)).toEqual(['INFRA-2']);

        const none = await t.stores.summaries.getPortfolio({
          access: { field: 'owner', values: [] },
        });
        expect(none.totalProjects).toBe(0);
        expect(none.byPhase.intake).toBe(0);
      });
    });
  },
);
