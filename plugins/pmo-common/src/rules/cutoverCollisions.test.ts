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
import { intervalsOverlap, zonedIntervalOf } from './cutover';
import { findCollisions, type CollisionWindow } from './cutoverCollisions';

const SAN = 'resource:default/nas-netapp-prod';
const DB = 'component:default/oracle-db-service';
const ERP = 'component:default/erp';

const facts = new Map([
  [
    SAN,
    {
      ref: SAN,
      tier: 'tier-1',
      system: 'system:default/storage',
      groups: ['group:default/storage-team'],
    },
  ],
  [
    DB,
    {
      ref: DB,
      tier: 'tier-1',
      system: 'system:default/finance',
      groups: ['group:default/dba'],
    },
  ],
  [
    ERP,
    {
      ref: ERP,
      tier: 'tier-2',
      system: 'system:default/finance',
      groups: ['group:default/erp'],
    },
  ],
]);

function window(
  id: string,
  projectKey: string,
  start: string,
  end: string,
  entityRefs: string[],
  radius: string[],
  more: Partial<CollisionWindow> = {},
): CollisionWindow {
  return {
    id,
    projectKey,
    title: `${projectKey} ${id}`,
    type: 'cutover',
    changeApproved: true,
    entityRefs,
    radius: [...entityRefs, ...radius],
    ...zonedIntervalOf({ start, end, timeZone: 'Europe/Berlin' }),
    ...more,
  };
}

describe('findCollisions', () => {
  // The storage cutover and the database migration on the same weekend:
  // the database depends on the SAN, so the SAN's radius holds it.
  const san = window(
    'w1',
    'STOR-7',
    '2027-03-13T20:00',
    '2027-03-14T06:00',
    [SAN],
    [DB, ERP],
  );
  const db = window(
    'w2',
    'DB-12',
    '2027-03-14T01:00',
    '2027-03-14T05:00',
    [DB],
    [ERP],
  );

  it('finds two windows of different projects that overlap and share radius', () => {
    const [finding] = findCollisions({ windows: [san, db], facts });
    expect(finding).toMatchObject({
      id: 'overlap:w1:w2',
      kind: 'overlap',
      severity: 'high', // the shared database is tier 1
      a: { kind: 'window', id: 'w1', projectKey: 'STOR-7' },
      b: { kind: 'window', id: 'w2', projectKey: 'DB-12' },
      entityRefs: [ERP, DB],
    });
    expect(finding.message).toContain('both reach');
  });

  it('ignores back-to-back windows, one project, and disjoint radii', () => {
    const after = window(
      'w3',
      'DB-12',
      '2027-03-14T06:00',
      '2027-03-14T08:00',
      [DB],
      [],
    );
    expect(findCollisions({ windows: [san, after], facts })).toEqual([]);
    const sameProject = { ...db, projectKey: 'STOR-7' };
    expect(findCollisions({ windows: [san, sameProject], facts })).toEqual([]);
    const elsewhere = window(
      'w4',
      'NET-1',
      '2027-03-14T01:00',
      '2027-03-14T02:00',
      ['component:default/wifi'],
      [],
    );
    expect(findCollisions({ windows: [san, elsewhere], facts })).toEqual([]);
  });

  it('finds a window in a freeze whose scope its radius reaches', () => {
    const quarterEnd = {
      id: 'f1',
      title: 'Quarter-end close',
      scope: { kind: 'system' as const, ref: 'system:default/finance' },
      ...zonedIntervalOf({
        start: '2027-03-10T00:00',
        end: '2027-04-05T00:00',
        timeZone: 'Europe/Berlin',
      }),
    };
    const findings = findCollisions({
      windows: [san],
      freezes: [quarterEnd],
      facts,
    });
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'freeze:w1:f1',
        kind: 'freeze',
        severity: 'high',
        b: { kind: 'freeze', id: 'f1', title: 'Quarter-end close' },
        entityRefs: [ERP, DB],
      }),
    ]);
  });

  it('flags a tier-1 change without an approved change record, naming the record', () => {
    const unapproved = {
      ...san,
      changeApproved: false,
      changeRecord: 'CHG0031337',
    };
    const [finding] = findCollisions({ windows: [unapproved], facts });
    expect(finding).toMatchObject({
      id: 'unapproved:w1',
      kind: 'unapproved',
      entityRefs: [SAN],
    });
    expect(finding.message).toContain('CHG0031337 is not approved');
  });

  it("flags a change to a service in another project's hypercare", () => {
    const hypercare = {
      entityRef: DB,
      projectKeys: ['ORA-19'],
      ...zonedIntervalOf({
        start: '2027-03-01T00:00',
        end: '2027-03-31T00:00',
        timeZone: 'UTC',
      }),
    };
    expect(
      findCollisions({ windows: [db], hypercare: [hypercare], facts }),
    ).toEqual([
      expect.objectContaining({ id: `hypercare:w2:${DB}`, severity: 'medium' }),
    ]);
    const own = { ...hypercare, projectKeys: ['DB-12'] };
    expect(findCollisions({ windows: [db], hypercare: [own], facts })).toEqual(
      [],
    );
  });

  it('finds exactly the pairs that overlap in time and share radius, whatever the order', () => {
    const refs = ['a', 'b', 'c', 'd'];
    const arbWindow = fc.record({
      projectKey: fc.constantFrom('P-1', 'P-2', 'P-3'),
      start: fc.integer({ min: 0, max: 100 }),
      length: fc.integer({ min: 1, max: 30 }),
      radius: fc.subarray(refs, { minLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.array(arbWindow, { maxLength: 8 }),
        fc.boolean(),
        (raw, reverse) => {
          const windows: CollisionWindow[] = raw.map((w, i) => ({
            id: `w${i}`,
            projectKey: w.projectKey,
            title: `w${i}`,
            type: 'cutover',
            changeApproved: true,
            entityRefs: [w.radius[0]],
            radius: w.radius,
            start: w.start,
            end: w.start + w.length,
          }));
          const found = findCollisions({
            windows: reverse ? [...windows].reverse() : windows,
            facts: new Map(),
          })
            .map(f => f.id)
            .sort();
          const expected: string[] = [];
          for (const x of windows) {
            for (const y of windows) {
              if (
                x.id < y.id &&
                x.projectKey !== y.projectKey &&
                intervalsOverlap(x, y) &&
                x.radius.some(r => y.radius.includes(r))
              ) {
                expected.push(`overlap:${x.id}:${y.id}`);
              }
            }
          }
          expect(found).toEqual(expected.sort());
        },
      ),
    );
  });
});
