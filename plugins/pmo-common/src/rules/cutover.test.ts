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
  blastRadius,
  checkZonedInterval,
  freezeCovers,
  intervalsOverlap,
  zonedIntervalOf,
  type TimeInterval,
} from './cutover';
import {
  instantToZonedTime,
  isTimeZone,
  timeZoneOffsetMinutes,
  zonedTimeToInstant,
} from './zonedTime';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/St_Johns',
];

const interval = fc
  .record({
    start: fc.integer({ min: 0, max: 1000 }),
    length: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  })
  .map(
    ({ start, length }): TimeInterval => ({
      start,
      end: length === undefined ? undefined : start + length,
    }),
  );

describe('intervals', () => {
  it('overlap is symmetric and means a shared instant', () => {
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        expect(intervalsOverlap(a, b)).toBe(intervalsOverlap(b, a));
        const shared = [a.start, b.start].some(
          t =>
            t >= a.start &&
            t < (a.end ?? Infinity) &&
            t >= b.start &&
            t < (b.end ?? Infinity),
        );
        expect(intervalsOverlap(a, b)).toBe(shared);
      }),
    );
  });

  it('touching intervals do not overlap; open intervals never end', () => {
    expect(
      intervalsOverlap({ start: 0, end: 10 }, { start: 10, end: 20 }),
    ).toBe(false);
    expect(
      intervalsOverlap({ start: 0, end: 11 }, { start: 10, end: 20 }),
    ).toBe(true);
    expect(intervalsOverlap({ start: 0 }, { start: 1e12, end: 1e12 + 1 })).toBe(
      true,
    );
    expect(intervalsOverlap({ start: 5 }, { start: 0, end: 5 })).toBe(false);
  });
});

describe('wall-clock times in a time zone', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('round-trips every instant through its wall clock (minutes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, ms) => {
          const instant = Math.floor(ms / 60_000) * 60_000;
          const local = instantToZonedTime(instant, zone);
          const back = zonedTimeToInstant(local, zone)!.getTime();
          // The only way back differs: the later of two instants of an
          // ambiguous hour (autumn) maps to the earlier one, by the
          // difference of the two offsets, with the same wall clock.
          const shift =
            (timeZoneOffsetMinutes(back, zone) -
              timeZoneOffsetMinutes(instant, zone)) *
            60_000;
          expect(instant - back).toBe(back === instant ? 0 : shift);
          expect(instantToZonedTime(back, zone)).toBe(local);
        },
      ),
    );
  });

  it('moves a time in the spring gap forward and takes the earlier of an autumn repeat', () => {
    // Berlin 2026: clocks go forward 29 March 02:00 -> 03:00, back 25 October 03:00 -> 02:00.
    expect(
      zonedTimeToInstant('2026-03-29T02:30', 'Europe/Berlin')!.toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
    expect(
      zonedTimeToInstant('2026-10-25T02:30', 'Europe/Berlin')!.toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(
      zonedTimeToInstant('2026-07-01T22:00', 'Europe/Berlin')!.toISOString(),
    ).toBe('2026-07-01T20:00:00.000Z');
    expect(
      zonedTimeToInstant('2026-12-31T23:30', 'Asia/Kolkata')!.toISOString(),
    ).toBe('2026-12-31T18:00:00.000Z');
    expect(zonedTimeToInstant('2026-02-30T10:00', 'UTC')).toBeUndefined();
    expect(zonedTimeToInstant('2026-02-01 10:00', 'UTC')).toBeUndefined();
  });

  it('a window over the autumn change lasts an hour longer than its wall clock says', () => {
    const night = zonedIntervalOf({
      start: '2026-10-24T22:00',
      end: '2026-10-25T06:00',
      timeZone: 'Europe/Berlin',
    });
    expect((night.end! - night.start) / 3_600_000).toBe(9);
  });
});

describe('checkZonedInterval', () => {
  const types = ['cutover', 'rollback'];
  it('names each bad field with the pmo-common message', () => {
    expect(
      checkZonedInterval(
        {
          start: '2026-05-02T22:00',
          end: '2026-05-02T21:00',
          timeZone: 'UTC',
          type: 'cutover',
        },
        { requireEnd: true, types },
      ),
    ).toEqual({ end: 'must be after start' });
    expect(
      checkZonedInterval(
        { start: 'soon', timeZone: 'Nowhere/Else', type: 'party' },
        { requireEnd: true, types },
      ),
    ).toEqual({
      timeZone: 'must be an IANA time zone such as Europe/Berlin or UTC',
      type: 'must be one of cutover, rollback',
    });
    expect(
      checkZonedInterval(
        { start: 'soon', timeZone: 'UTC' },
        { requireEnd: true },
      ),
    ).toEqual({
      start: 'must be a date and time formatted YYYY-MM-DDTHH:mm',
      end: 'is required',
    });
    expect(
      checkZonedInterval(
        { start: '2026-12-20T00:00', timeZone: 'Europe/Berlin' },
        { requireEnd: false },
      ),
    ).toEqual({});
  });
});

describe('freezeCovers', () => {
  const db = {
    ref: 'component:default/oracle-db-service',
    system: 'system:default/finance',
    tier: 'tier-1',
    groups: ['group:default/dba'],
  };
  it('matches by scope', () => {
    expect(freezeCovers({ kind: 'all' }, db)).toBe(true);
    expect(
      freezeCovers({ kind: 'system', ref: 'system:default/finance' }, db),
    ).toBe(true);
    expect(freezeCovers({ kind: 'system', ref: 'system:default/hr' }, db)).toBe(
      false,
    );
    expect(freezeCovers({ kind: 'tier', tier: 'tier-1' }, db)).toBe(true);
    expect(freezeCovers({ kind: 'tier', tier: 'tier-2' }, db)).toBe(false);
    expect(freezeCovers({ kind: 'group', ref: 'group:default/dba' }, db)).toBe(
      true,
    );
    expect(
      freezeCovers({ kind: 'group', ref: 'group:default/network' }, db),
    ).toBe(false);
  });
});

describe('blastRadius', () => {
  /** A catalog fixture: a SAN under a shared platform, with a cycle. */
  const dependents: Record<string, string[]> = {
    san: ['vmware', 'backup'],
    vmware: ['oracle', 'file-services', 'citrix'],
    oracle: ['erp', 'crm'],
    erp: ['oracle'], // cycle: ERP and its database depend on each other
    backup: ['file-services'], // shared: reached twice
    crm: [],
  };
  const loader = () => {
    const calls: string[][] = [];
    const load = async (refs: string[]) => {
      calls.push(refs);
      return new Map(refs.map(r => [r, dependents[r] ?? []]));
    };
    return { calls, load };
  };

  it('walks the dependents a level at a time, each entity once at its shortest depth', async () => {
    const { calls, load } = loader();
    const radius = await blastRadius(['san'], load, 5);
    expect(Object.fromEntries(radius.map(e => [e.ref, e.depth]))).toEqual({
      san: 0,
      vmware: 1,
      backup: 1,
      oracle: 2,
      'file-services': 2,
      citrix: 2,
      erp: 3,
      crm: 3,
    });
    expect(radius.find(e => e.ref === 'erp')?.via).toBe('oracle');
    // one batch per level, and the cycle (erp -> oracle) stops the walk
    expect(calls).toEqual([
      ['san'],
      ['vmware', 'backup'],
      ['oracle', 'file-services', 'citrix'],
      ['erp', 'crm'],
    ]);
  });

  it('stops at the depth bound', async () => {
    const { load } = loader();
    const radius = await blastRadius(['san'], load, 1);
    expect(radius.map(e => e.ref).sort()).toEqual(['backup', 'san', 'vmware']);
    expect(await blastRadius(['san'], load, 0)).toEqual([
      { ref: 'san', depth: 0 },
    ]);
  });

  it('is the set of nodes reachable within the bound, on any graph', async () => {
    const graph = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(
        graph,
        fc.integer({ min: 0, max: 6 }),
        async (g, depth) => {
          const load = async (refs: string[]) =>
            new Map(refs.map(r => [r, g[r] ?? []]));
          const radius = await blastRadius(['a'], load, depth);
          // reference: breadth-first distances
          const dist = new Map([['a', 0]]);
          let level = ['a'];
          for (let d = 1; d <= depth; d++) {
            level = level
              .flatMap(r => g[r] ?? [])
              .filter(r => !dist.has(r) && dist.set(r, d));
          }
          expect(new Map(radius.map(e => [e.ref, e.depth]))).toEqual(dist);
        },
      ),
    );
  });
});
