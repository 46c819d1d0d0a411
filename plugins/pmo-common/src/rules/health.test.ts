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

import fc from 'fast-check';
import type { Health, MilestoneStatus, RaidStatus, RaidType } from '../types';
import {
  computeHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  effectiveHealth,
  healthRank,
  HealthInput,
  isWatermelon,
  worstHealth,
} from './health';
import { toIsoDate } from './dates';

const TODAY = '2026-06-15';
const DAY = 86_400_000;
const offset = (days: number) =>
  toIsoDate(new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * DAY));

const milestoneArb = fc.record({
  title: fc.string({ maxLength: 20 }),
  baselineDate: fc.option(fc.integer({ min: -200, max: 200 }).map(offset), {
    nil: undefined,
  }),
  forecastDate: fc.option(fc.integer({ min: -200, max: 200 }).map(offset), {
    nil: undefined,
  }),
  actualDate: fc.option(fc.integer({ min: -200, max: 0 }).map(offset), {
    nil: undefined,
  }),
  status: fc.constantFrom<MilestoneStatus>(
    'planned',
    'in_progress',
    'done',
    'missed',
    'cancelled',
  ),
  gate: fc.boolean(),
});

const raidArb = fc.record({
  type: fc.constantFrom<RaidType>('risk', 'assumption', 'issue', 'dependency'),
  title: fc.string({ maxLength: 20 }),
  score: fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
    .map(([p, i]) => p * i),
  status: fc.constantFrom<RaidStatus>(
    'open',
    'mitigating',
    'closed',
    'accepted',
  ),
  dueDate: fc.option(fc.integer({ min: -100, max: 100 }).map(offset), {
    nil: undefined,
  }),
});

const inputArb: fc.Arbitrary<HealthInput> = fc.record({
  project: fc.record({
    phase: fc.constantFrom(
      'intake',
      'initiation',
      'planning',
      'execution',
      'closing',
      'closed' as const,
    ),
    createdAt: fc
      .integer({ min: -400, max: 0 })
      .map(d => `${offset(d)}T09:00:00.000Z`),
    updatedAt: fc.constant(`${TODAY}T09:00:00.000Z`),
    declaredHealth: fc.option(
      fc.record({
        status: fc.constantFrom<Health>('green', 'amber', 'red'),
        setAt: fc
          .integer({ min: -60, max: 0 })
          .map(d => `${offset(d)}T09:00:00.000Z`),
      }),
      { nil: undefined },
    ),
  }),
  milestones: fc.array(milestoneArb, { maxLength: 8 }),
  raid: fc.array(raidArb, { maxLength: 8 }),
  today: fc.constant(TODAY),
});

describe('computeHealth', () => {
  it('is the worst severity of its reasons, green when there are none', () => {
    fc.assert(
      fc.property(inputArb, input => {
        const h = computeHealth(input);
        const expected = worstHealth(h.reasons.map(r => r.severity)) ?? 'green';
        expect(h.status).toBe(expected);
      }),
    );
  });

  it('never gets better when a fact gets worse (more open high risks)', () => {
    fc.assert(
      fc.property(inputArb, input => {
        const before = computeHealth(input);
        const after = computeHealth({
          ...input,
          raid: [
            ...input.raid,
            { type: 'issue', title: 'outage', score: 25, status: 'open' },
          ],
        });
        expect(healthRank(after.status)).toBeGreaterThanOrEqual(
          healthRank(before.status),
        );
        expect(after.status).toBe(
          input.project.phase === 'closed' ? 'green' : 'red',
        );
      }),
    );
  });

  it('ignores closed RAID items and closed milestones', () => {
    fc.assert(
      fc.property(inputArb, input => {
        const base = computeHealth(input);
        const withClosed = computeHealth({
          ...input,
          raid: [
            ...input.raid,
            {
              type: 'risk',
              title: 'x',
              score: 25,
              status: 'closed',
              dueDate: offset(-50),
            },
          ],
          milestones: [
            ...input.milestones,
            {
              title: 'y',
              baselineDate: offset(-90),
              forecastDate: offset(-10),
              actualDate: offset(-5),
              status: 'done',
              gate: true,
            },
          ],
        });
        expect(withClosed).toEqual(base);
      }),
    );
  });

  it('is green for closed projects whatever the facts', () => {
    fc.assert(
      fc.property(inputArb, input => {
        const h = computeHealth({
          ...input,
          project: { ...input.project, phase: 'closed' },
        });
        expect(h).toEqual({ status: 'green', reasons: [] });
      }),
    );
  });

  it('flags an overdue stage gate red and an overdue plain milestone amber', () => {
    const project = {
      phase: 'execution' as const,
      createdAt: `${TODAY}T00:00:00Z`,
      updatedAt: `${TODAY}T00:00:00Z`,
    };
    const gate = computeHealth({
      project,
      today: TODAY,
      raid: [],
      milestones: [
        {
          title: 'CAB',
          baselineDate: offset(-3),
          status: 'planned',
          gate: true,
        },
      ],
    });
    expect(gate.status).toBe('red');
    expect(gate.reasons.map(r => r.code)).toEqual(['milestone_overdue']);
    const plain = computeHealth({
      project,
      today: TODAY,
      raid: [],
      milestones: [
        {
          title: 'Docs',
          baselineDate: offset(-3),
          status: 'planned',
          gate: false,
        },
      ],
    });
    expect(plain.status).toBe('amber');
  });

  it('uses the slip thresholds at their exact boundaries', () => {
    const t = DEFAULT_HEALTH_THRESHOLDS;
    const project = {
      phase: 'execution' as const,
      createdAt: `${TODAY}T00:00:00Z`,
      updatedAt: `${TODAY}T00:00:00Z`,
    };
    const slip = (days: number) =>
      computeHealth({
        project,
        today: TODAY,
        raid: [],
        milestones: [
          {
            title: 'm',
            baselineDate: offset(30),
            forecastDate: offset(30 + days),
            status: 'planned',
            gate: false,
          },
        ],
      }).status;
    expect(slip(t.slipAmberDays - 1)).toBe('green');
    expect(slip(t.slipAmberDays)).toBe('amber');
    expect(slip(t.slipRedDays - 1)).toBe('amber');
    expect(slip(t.slipRedDays)).toBe('red');
    expect(slip(-10)).toBe('green');
  });

  it('marks a project stale after staleStatusDays without a declaration', () => {
    const t = DEFAULT_HEALTH_THRESHOLDS;
    const at = (d: number) => `${offset(-d)}T10:00:00.000Z`;
    const h = (d: number) =>
      computeHealth({
        project: {
          phase: 'planning',
          createdAt: at(400),
          updatedAt: at(0),
          declaredHealth: { status: 'green', setAt: at(d) },
        },
        today: TODAY,
        raid: [],
        milestones: [],
      });
    expect(h(t.staleStatusDays).status).toBe('green');
    expect(h(t.staleStatusDays + 1).reasons.map(r => r.code)).toEqual([
      'stale_status',
    ]);
  });

  it('counts overdue actions: amber below the red threshold, red at it', () => {
    const t = DEFAULT_HEALTH_THRESHOLDS;
    const project = {
      phase: 'execution' as const,
      createdAt: `${TODAY}T00:00:00Z`,
      updatedAt: `${TODAY}T00:00:00Z`,
    };
    const withOverdue = (n: number) =>
      computeHealth({
        project,
        today: TODAY,
        milestones: [],
        raid: Array.from({ length: n }, (_, i) => ({
          type: 'dependency' as const,
          title: `d${i}`,
          score: 1,
          status: 'open' as const,
          dueDate: offset(-1),
        })),
      }).status;
    expect(withOverdue(0)).toBe('green');
    expect(withOverdue(1)).toBe('amber');
    expect(withOverdue(t.overdueActionsRed)).toBe('red');
  });
});

describe('worstHealth / isWatermelon', () => {
  const healthArb = fc.constantFrom<Health>('green', 'amber', 'red');
  it('worstHealth is the maximum by rank and order-independent', () => {
    fc.assert(
      fc.property(fc.array(healthArb), xs => {
        const w = worstHealth(xs);
        const expected =
          xs.length === 0
            ? undefined
            : (['green', 'amber', 'red'] as const)[
                Math.max(...xs.map(healthRank))
              ];
        expect(w).toBe(expected);
        expect(worstHealth([...xs].reverse())).toBe(w);
      }),
    );
  });
  it('a watermelon is declared strictly better than computed', () => {
    fc.assert(
      fc.property(healthArb, healthArb, (d, c) => {
        expect(isWatermelon(d, c)).toBe(healthRank(d) < healthRank(c));
      }),
    );
    expect(isWatermelon(undefined, 'red')).toBe(false);
  });
  it('effective health is the worse of declared and computed, never better than computed', () => {
    fc.assert(
      fc.property(
        fc.option(healthArb, { nil: undefined }),
        healthArb,
        (d, c) => {
          const e = effectiveHealth(d, c);
          expect(healthRank(e)).toBe(
            Math.max(healthRank(c), d === undefined ? 0 : healthRank(d)),
          );
          expect(healthRank(e)).toBeGreaterThanOrEqual(healthRank(c));
        },
      ),
    );
  });
});
