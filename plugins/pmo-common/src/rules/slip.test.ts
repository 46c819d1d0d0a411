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
import { daysBetween, isIsoDate, toIsoDate } from './dates';
import { isMilestoneOverdue, milestoneSlipDays } from './slip';

const DAY = 86_400_000;
const dateArb = fc
  .integer({ min: Date.UTC(2000, 0, 1) / DAY, max: Date.UTC(2100, 0, 1) / DAY })
  .map(d => toIsoDate(new Date(d * DAY)));

describe('dates', () => {
  it('daysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        // sum, not toBe(-x): Object.is(0, -0) is false when a === b
        expect(daysBetween(a, b) + daysBetween(b, a)).toBe(0);
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
      }),
    );
  });
  it('counts calendar days across leap years and ignores the time of day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2026-01-01T23:59:00Z', '2026-01-02T00:01:00Z')).toBe(1);
  });
  it('isIsoDate accepts real dates only', () => {
    fc.assert(fc.property(dateArb, d => expect(isIsoDate(d)).toBe(true)));
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '26-01-01',
      '2026-1-1',
      '',
      'x',
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });
});

describe('milestoneSlipDays', () => {
  it('is forecast (or actual) minus baseline, actual taking precedence', () => {
    fc.assert(
      fc.property(
        dateArb,
        dateArb,
        fc.option(dateArb, { nil: undefined }),
        (baseline, forecast, actual) => {
          const slip = milestoneSlipDays({
            baselineDate: baseline,
            forecastDate: forecast,
            actualDate: actual,
            status: 'planned',
          });
          expect(slip).toBe(daysBetween(baseline, actual ?? forecast));
        },
      ),
    );
  });
  it('is undefined without a baseline or without anything to compare', () => {
    fc.assert(
      fc.property(fc.option(dateArb, { nil: undefined }), f => {
        expect(
          milestoneSlipDays({ forecastDate: f, status: 'planned' }),
        ).toBeUndefined();
      }),
    );
    expect(
      milestoneSlipDays({ baselineDate: '2026-01-01', status: 'planned' }),
    ).toBeUndefined();
  });
  it('shifting forecast by n days shifts slip by n', () => {
    fc.assert(
      fc.property(
        dateArb,
        dateArb,
        fc.integer({ min: -300, max: 300 }),
        (b, f, n) => {
          const shifted = toIsoDate(
            new Date(Date.parse(`${f}T00:00:00Z`) + n * DAY),
          );
          const s1 = milestoneSlipDays({
            baselineDate: b,
            forecastDate: f,
            status: 'planned',
          })!;
          const s2 = milestoneSlipDays({
            baselineDate: b,
            forecastDate: shifted,
            status: 'planned',
          })!;
          expect(s2 - s1).toBe(n);
        },
      ),
    );
  });
});

describe('isMilestoneOverdue', () => {
  it('is never true for achieved or cancelled milestones', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (d, today) => {
        expect(
          isMilestoneOverdue(
            { baselineDate: d, actualDate: d, status: 'planned' },
            today,
          ),
        ).toBe(false);
        expect(
          isMilestoneOverdue({ baselineDate: d, status: 'cancelled' }, today),
        ).toBe(false);
        expect(
          isMilestoneOverdue({ baselineDate: d, status: 'done' }, today),
        ).toBe(false);
      }),
    );
  });
  it('compares the forecast (else baseline) with today', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (b, f, today) => {
        expect(
          isMilestoneOverdue(
            { baselineDate: b, forecastDate: f, status: 'in_progress' },
            today,
          ),
        ).toBe(daysBetween(today, f) < 0);
        expect(
          isMilestoneOverdue({ baselineDate: b, status: 'planned' }, today),
        ).toBe(daysBetween(today, b) < 0);
      }),
    );
  });
});
