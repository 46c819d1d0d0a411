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
import { toIsoDate } from './rules/dates';
import { isStatusAsk, isoWeekPeriod } from './snapshots';
import { RAID_STATUSES, RAID_TYPES } from './types';

const DAY = 86_400_000;
const dayArb = fc.integer({
  min: Date.UTC(2000, 0, 1) / DAY,
  max: Date.UTC(2100, 0, 1) / DAY,
});

describe('isoWeekPeriod', () => {
  it('matches known ISO weeks, including year boundaries', () => {
    const week = (iso: string) => isoWeekPeriod(new Date(iso));
    expect(week('2026-12-07T06:00:00Z')).toBe('2026-W50');
    expect(week('2026-11-30T00:00:00Z')).toBe('2026-W49');
    expect(week('2026-12-06T23:59:59Z')).toBe('2026-W49');
    // 2021-01-03 is a Sunday of the last week of 2020 (2020 has 53 weeks).
    expect(week('2021-01-03T12:00:00Z')).toBe('2020-W53');
    expect(week('2021-01-04T00:00:00Z')).toBe('2021-W01');
    // 2024-12-30 (Monday) starts week 1 of 2025.
    expect(week('2024-12-30T00:00:00Z')).toBe('2025-W01');
    expect(week('2026-01-01T00:00:00Z')).toBe('2026-W01');
  });

  it('is constant from Monday to Sunday and changes every Monday', () => {
    fc.assert(
      fc.property(dayArb, day => {
        const date = new Date(day * DAY);
        const monday = day - ((date.getUTCDay() + 6) % 7);
        const period = isoWeekPeriod(new Date(monday * DAY));
        for (let i = 0; i < 7; i++) {
          expect(isoWeekPeriod(new Date((monday + i) * DAY + 3_600_000))).toBe(
            period,
          );
        }
        expect(isoWeekPeriod(new Date((monday + 7) * DAY))).not.toBe(period);
        expect(period).toMatch(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
      }),
    );
  });

  it('names the year of the week Thursday', () => {
    fc.assert(
      fc.property(dayArb, day => {
        const date = new Date(day * DAY);
        const thursday = day - ((date.getUTCDay() + 6) % 7) + 3;
        const year = toIsoDate(new Date(thursday * DAY)).slice(0, 4);
        expect(isoWeekPeriod(date).slice(0, 4)).toBe(year);
      }),
    );
  });
});

describe('isStatusAsk', () => {
  const today = '2026-12-07';

  it('asks about open issues and dependencies that are overdue or high', () => {
    expect(
      isStatusAsk(
        { type: 'issue', status: 'open', score: 4, dueDate: '2026-12-06' },
        today,
      ),
    ).toBe(true);
    expect(
      isStatusAsk(
        { type: 'dependency', status: 'mitigating', score: 15 },
        today,
      ),
    ).toBe(true);
    expect(
      isStatusAsk(
        { type: 'issue', status: 'open', score: 14, dueDate: today },
        today,
      ),
    ).toBe(false);
    expect(
      isStatusAsk({ type: 'risk', status: 'open', score: 25 }, today),
    ).toBe(false);
    expect(
      isStatusAsk(
        { type: 'issue', status: 'closed', score: 25, dueDate: '2026-01-01' },
        today,
      ),
    ).toBe(false);
  });

  it('never asks about risks, assumptions or closed items', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RAID_TYPES),
        fc.constantFrom(...RAID_STATUSES),
        fc.integer({ min: 1, max: 25 }),
        fc.option(
          dayArb.map(d => toIsoDate(new Date(d * DAY))),
          {
            nil: undefined,
          },
        ),
        (type, status, score, dueDate) => {
          const ask = isStatusAsk({ type, status, score, dueDate }, today);
          // an ask implies: an open issue or dependency, high or overdue
          const qualifies =
            ['issue', 'dependency'].includes(type) &&
            ['open', 'mitigating'].includes(status) &&
            (score >= 15 || (dueDate !== undefined && dueDate < today));
          expect(!ask || qualifies).toBe(true);
        },
      ),
    );
  });
});
