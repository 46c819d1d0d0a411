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
import { PROJECT_PHASES } from '../types';
import { computeHealth, type HealthThresholds } from './health';
import {
  computedHealthAfterPatch,
  computedHealthOfNewProject,
} from './projectHealth';

const DAY = 86_400_000;
const nowArb = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map(ms => new Date(ms));
const phaseArb = fc.constantFrom(...PROJECT_PHASES);
const thresholdsArb: fc.Arbitrary<HealthThresholds> = fc
  .record({
    slipAmberDays: fc.nat(60),
    slipRedDays: fc.nat(60),
    staleStatusDays: fc.nat(60),
    overdueActionsRed: fc.nat(10),
  })
  .map(t => ({ ...t, slipRedDays: Math.max(t.slipRedDays, t.slipAmberDays) }));
/** A milestone that slipped and is overdue, so that it counts if open. */
const milestoneArb = fc.record({
  title: fc.string({ maxLength: 10 }),
  baselineDate: fc.constant('2001-01-01'),
  forecastDate: fc.constant('2001-03-01'),
  status: fc.constantFrom('planned' as const, 'done' as const),
  gate: fc.boolean(),
});

describe('computedHealthOfNewProject', () => {
  it('is green in every phase, with any thresholds, at any time', () => {
    fc.assert(
      fc.property(
        fc.option(phaseArb, { nil: undefined }),
        thresholdsArb,
        nowArb,
        (phase, thresholds, now) => {
          expect(computedHealthOfNewProject(phase, thresholds, now)).toBe(
            'green',
          );
        },
      ),
    );
  });
});

describe('computedHealthAfterPatch', () => {
  it('never counts a stale status against the declaration', () => {
    fc.assert(
      fc.property(
        phaseArb,
        fc.integer({ min: 0, max: 3650 }),
        thresholdsArb,
        nowArb,
        (phase, ageDays, thresholds, now) => {
          const createdAt = new Date(now.getTime() - ageDays * DAY);
          expect(
            computedHealthAfterPatch({
              project: { phase, createdAt: createdAt.toISOString() },
              milestones: [],
              raid: [],
              thresholds,
              now,
            }),
          ).toBe('green');
        },
      ),
    );
  });

  it('is the computed health of the patched phase with the status declared now', () => {
    fc.assert(
      fc.property(
        phaseArb,
        fc.option(phaseArb, { nil: undefined }),
        fc.array(milestoneArb, { maxLength: 4 }),
        thresholdsArb,
        nowArb,
        (current, patched, milestones, thresholds, now) => {
          const project = { phase: current, createdAt: '2000-01-01T00:00:00Z' };
          const health = computedHealthAfterPatch({
            project,
            phase: patched,
            milestones,
            raid: [],
            thresholds,
            now,
          });
          const expected = computeHealth({
            project: {
              ...project,
              phase: patched ?? current,
              updatedAt: now.toISOString(),
              declaredHealth: { status: 'red', setAt: now.toISOString() },
            },
            milestones,
            raid: [],
            today: now.toISOString().slice(0, 10),
            thresholds,
          }).status;
          expect(health).toBe(expected);
          // Closed projects are green: nothing is left to steer.
          expect(health === 'green' || (patched ?? current) !== 'closed').toBe(
            true,
          );
        },
      ),
    );
  });
});
