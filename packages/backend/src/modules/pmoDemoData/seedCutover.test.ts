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

import { mockServices } from '@backstage/backend-test-utils';
import {
  findCollisions,
  zonedIntervalOf,
  type ChangeWindow,
  type Freeze,
} from '@infra-pmo/plugin-pmo-common';
import { seedDemoCutover } from './seedCutover';

/** In-memory stores: the seeder's writes, checked with the pmo-common rules. */
function fakeStores() {
  const windows: Array<ChangeWindow & { entityRef?: string }> = [];
  const freezes: Freeze[] = [];
  const milestones = new Map<
    string,
    { projectKey: string; entityRef?: string }
  >();
  let n = 0;
  const stores = {
    pmo: {
      getProject: async (key: string) => ({ key }),
      createMilestone: async (key: string, input: any) => {
        const id = `m${++n}`;
        milestones.set(id, { projectKey: key, entityRef: input.entityRef });
        return { id, ...input };
      },
    },
    cutover: {
      listWindows: async (key: string) =>
        windows.filter(w => w.projectKey === key),
      createWindow: async (milestoneId: string, input: any) => {
        const m = milestones.get(milestoneId)!;
        const interval = zonedIntervalOf(input);
        const w = {
          ...input,
          id: `w${++n}`,
          milestoneId,
          projectKey: m.projectKey,
          entityRef: m.entityRef,
          startAt: new Date(interval.start).toISOString(),
          endAt: new Date(interval.end!).toISOString(),
        };
        windows.push(w);
        return w;
      },
      listFreezes: async () => freezes,
      createFreeze: async (input: any) => {
        const interval = zonedIntervalOf(input);
        const f = {
          ...input,
          id: `f${++n}`,
          startAt: new Date(interval.start).toISOString(),
          endAt: new Date(interval.end!).toISOString(),
        };
        freezes.push(f);
        return f;
      },
    },
  };
  return { stores: stores as any, windows, freezes };
}

describe('seedDemoCutover', () => {
  it('seeds a weekend where the SAN cutover and the Oracle migration collide, and one freeze breach; idempotent', async () => {
    const { stores, windows, freezes } = fakeStores();
    const logger = mockServices.logger.mock();
    const now = new Date('2026-12-07T09:00:00.000Z'); // a Monday
    expect(await seedDemoCutover({ stores, logger, now })).toEqual({
      windows: 4,
      freezes: 1,
    });
    expect(windows[0].start).toBe('2026-12-12T20:00');

    // The catalog of examples/entities.yaml: Oracle depends on the SAN.
    const SAN = 'resource:default/san-pure-prod';
    const ORACLE = 'component:default/oracle-db-service';
    const radius: Record<string, string[]> = {
      [SAN]: [SAN, ORACLE],
      [ORACLE]: [ORACLE],
    };
    const findings = findCollisions({
      windows: windows.map(w => ({
        ...w,
        title: w.type,
        start: Date.parse(w.startAt),
        end: Date.parse(w.endAt),
        entityRefs: [w.entityRef!],
        radius: radius[w.entityRef!],
      })),
      freezes: freezes.map(f => ({
        ...f,
        start: Date.parse(f.startAt),
        end: Date.parse(f.endAt!),
      })),
      facts: new Map([
        [SAN, { ref: SAN, groups: [], tier: 'tier-1' }],
        [
          ORACLE,
          {
            ref: ORACLE,
            groups: [],
            tier: 'tier-1',
            system: 'system:default/data-platform',
          },
        ],
      ]),
    });
    // The overlap of the two projects, the unapproved tier-1 migration
    // and the freeze breach.
    expect(findings.map(f => f.kind).sort()).toEqual([
      'freeze',
      'overlap',
      'unapproved',
    ]);
    const overlap = findings.find(f => f.kind === 'overlap')!;
    expect(
      [
        overlap.a.projectKey,
        (overlap.b as { projectKey: string }).projectKey,
      ].sort(),
    ).toEqual(['DB-118', 'INFRA-204']);
    expect(overlap.entityRefs).toEqual([ORACLE]);
    // Only the clean-up window is in the month-end freeze.
    expect(findings.filter(f => f.kind === 'freeze')).toHaveLength(1);

    expect(await seedDemoCutover({ stores, logger, now })).toEqual({
      windows: 0,
      freezes: 0,
    });
    expect(windows).toHaveLength(4);
  });
});
