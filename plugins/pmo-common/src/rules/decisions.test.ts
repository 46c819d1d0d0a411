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
import {
  baselineAsOf,
  decisionMessages,
  GATE_DECISIONS,
  gateConditionsProblem,
  isGateApprover,
  isBaselineEditRefused,
  isGatePending,
  rebaselineApprovers,
  rebaselineChangesProblem,
  slipAgainstBaseline,
  type MilestoneBaseline,
} from './decisions';
import { daysBetween, toIsoDate } from './dates';

const addDays = (iso: string, n: number) =>
  toIsoDate(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));

const dateArb = fc
  .integer({ min: 0, max: 3000 })
  .map(n => addDays('2025-01-01', n));
const conditionArb = fc.record({
  text: fc.string({ minLength: 1 }),
  owner: fc.constant('group:default/ops'),
  dueDate: dateArb,
});
const refArb = fc
  .tuple(
    fc.constantFrom('group', 'user'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
  )
  .map(([kind, name]) => `${kind}:default/${name}`);

describe('gateConditionsProblem', () => {
  it('requires conditions exactly for go-with-conditions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GATE_DECISIONS),
        fc.array(conditionArb, { maxLength: 4 }),
        (decision, conditions) => {
          const problem = gateConditionsProblem(decision, conditions);
          // Only go-with-conditions carries conditions, and it needs one.
          const valid =
            decision === 'go-with-conditions'
              ? conditions.length > 0
              : conditions.length === 0;
          expect(problem === undefined).toBe(valid);
        },
      ),
    );
  });

  it('names the rule', () => {
    expect(gateConditionsProblem('go-with-conditions', [])).toBe(
      decisionMessages.conditionsRequired,
    );
    expect(
      gateConditionsProblem('no-go', [
        { text: 'x', owner: 'user:default/a', dueDate: '2026-01-01' },
      ]),
    ).toMatch(/no-go/);
  });
});

describe('isGateApprover', () => {
  it('holds exactly when a ref is an approver, whatever the case', () => {
    fc.assert(
      fc.property(
        fc.array(refArb, { maxLength: 4 }),
        fc.array(refArb, { maxLength: 4 }),
        (approvers, refs) => {
          const expected = approvers.some(a => refs.includes(a));
          expect(
            isGateApprover(
              approvers.map(a => a.toUpperCase()),
              refs,
            ),
          ).toBe(expected);
        },
      ),
    );
  });

  it('refuses everybody when there are no approvers', () => {
    fc.assert(
      fc.property(fc.array(refArb), refs =>
        expect(isGateApprover([], refs)).toBe(false),
      ),
    );
  });
});

describe('rebaselineApprovers', () => {
  it('is the sponsor and the groups, lower-cased, once each', () => {
    expect(
      rebaselineApprovers('User:default/Ann', [
        'group:default/pmo',
        'user:default/ann',
      ]),
    ).toEqual(['user:default/ann', 'group:default/pmo']);
    expect(rebaselineApprovers(undefined, [])).toEqual([]);
  });
});

describe('isGatePending', () => {
  it('is pending until a decision other than deferred', () => {
    const gate = { gate: true, status: 'planned' };
    expect(isGatePending(gate, [])).toBe(true);
    expect(isGatePending(gate, [{ decision: 'deferred' }])).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...GATE_DECISIONS), { maxLength: 5 }),
        decisions => {
          const latest = decisions[decisions.length - 1];
          expect(
            isGatePending(
              gate,
              decisions.map(decision => ({ decision })),
            ),
          ).toBe(!latest || latest === 'deferred');
          // A milestone that is no gate, or closed, is never pending.
          expect(isGatePending({ gate: false, status: 'planned' }, [])).toBe(
            false,
          );
          expect(isGatePending({ gate: true, status: 'done' }, [])).toBe(false);
        },
      ),
    );
  });
});

describe('rebaselineChangesProblem', () => {
  it('refuses an empty list and a milestone named twice', () => {
    expect(rebaselineChangesProblem([])).toBe(decisionMessages.noChanges);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 5 }),
        dateArb,
        (ids, date) => {
          const changes = ids.map(milestoneId => ({
            milestoneId,
            baselineDate: date,
          }));
          expect(rebaselineChangesProblem(changes)).toBeUndefined();
          expect(rebaselineChangesProblem([...changes, changes[0]])).toMatch(
            /twice/,
          );
        },
      ),
    );
  });
});

describe('slip against baseline N', () => {
  it('is forecast minus the latest kept baseline numbered at most N', () => {
    fc.assert(
      fc.property(
        fc.array(dateArb, { minLength: 1, maxLength: 4 }),
        dateArb,
        fc.nat(5),
        (dates, forecast, n) => {
          const baselines: MilestoneBaseline[] = dates.map((d, i) => ({
            milestoneId: 'm',
            baselineNumber: i,
            baselineDate: d,
          }));
          const current = dates[dates.length - 1];
          const expected = dates[Math.min(n, dates.length - 1)];
          expect(baselineAsOf(baselines, n, current)).toBe(expected);
          expect(
            slipAgainstBaseline(
              { baselineDate: current, forecastDate: forecast },
              baselines,
              n,
            ),
          ).toBe(daysBetween(expected, forecast));
        },
      ),
    );
  });

  it('uses the current baseline when never re-baselined', () => {
    expect(
      slipAgainstBaseline(
        { baselineDate: '2026-01-01', forecastDate: '2026-01-11' },
        [],
        0,
      ),
    ).toBe(10);
    expect(slipAgainstBaseline({ baselineDate: '2026-01-01' }, [], 0)).toBe(
      undefined,
    );
  });
});

describe('isBaselineEditRefused', () => {
  it('refuses moving or clearing a set baseline, nothing else', () => {
    fc.assert(
      fc.property(
        fc.option(dateArb, { nil: undefined }),
        fc.oneof(fc.constant(undefined), fc.constant(null), dateArb),
        (current, proposed) => {
          expect(isBaselineEditRefused(current, proposed)).toBe(
            current !== undefined &&
              proposed !== undefined &&
              proposed !== current,
          );
        },
      ),
    );
  });
});
