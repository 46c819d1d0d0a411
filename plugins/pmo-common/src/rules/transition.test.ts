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
import { toIsoDate } from './dates';
import {
  DEFAULT_READINESS_TEMPLATES,
  parseServiceTier,
} from './readinessTemplates';
import {
  TRANSITION_MOVES,
  canTransition,
  lifecycleMismatch,
} from './transition';
import {
  CHECKLIST_ITEM_STATUSES,
  SERVICE_TIERS,
  SIGNOFF_ROLES,
  TRANSITION_STATES,
  Transition,
  TransitionItem,
  TransitionState,
} from './transitionModel';
import {
  effectiveItemStatus,
  hypercareWindowEnd,
  readinessPercent,
} from './transitionReadiness';

const TODAY = '2026-06-15';
const DAY = 86_400_000;
const offset = (days: number) =>
  toIsoDate(new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * DAY));

const itemArb: fc.Arbitrary<TransitionItem> = fc
  .record({
    key: fc.stringMatching(/^[a-z]{1,8}$/),
    title: fc.string({ maxLength: 10 }),
    required: fc.boolean(),
    evidenceRequired: fc.boolean(),
    status: fc.constantFrom(...CHECKLIST_ITEM_STATUSES),
    expiresAt: fc.option(fc.integer({ min: -30, max: 30 }).map(offset), {
      nil: undefined,
    }),
  })
  .map(i => ({
    ...i,
    description: '',
    // The API never stores a required item as not_applicable.
    status: i.required && i.status === 'not_applicable' ? 'pending' : i.status,
  }));

const itemsArb = fc.array(itemArb, { maxLength: 15 });
const signOffsArb = fc.subarray([...SIGNOFF_ROLES]).map(roles =>
  roles.map(role => ({
    role,
    signedBy: 'user:default/x',
    signedAt: `${TODAY}T00:00:00Z`,
  })),
);

const transitionArb = (
  state: fc.Arbitrary<TransitionState> = fc.constantFrom(...TRANSITION_STATES),
) =>
  fc.record({
    state,
    items: itemsArb,
    signOffs: signOffsArb,
    hypercareEnd: fc.option(fc.integer({ min: -40, max: 40 }).map(offset), {
      nil: undefined,
    }),
  });

describe('readinessPercent', () => {
  it('is an integer in [0, 100]', () => {
    fc.assert(
      fc.property(itemsArb, items => {
        const p = readinessPercent(items, TODAY);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('never decreases when an item becomes done (with no expiry)', () => {
    fc.assert(
      fc.property(itemsArb, fc.nat(), (items, n) => {
        if (items.length === 0) return;
        const i = n % items.length;
        const after = items.map((it, j) =>
          j === i
            ? { ...it, status: 'done' as const, expiresAt: undefined }
            : it,
        );
        expect(readinessPercent(after, TODAY)).toBeGreaterThanOrEqual(
          readinessPercent(items, TODAY),
        );
      }),
    );
  });

  it('is 100 only when every applicable item is satisfied', () => {
    fc.assert(
      fc.property(itemsArb, items => {
        const complete = items.every(i =>
          ['done', 'waived', 'not_applicable'].includes(
            effectiveItemStatus(i, TODAY),
          ),
        );
        expect(readinessPercent(items, TODAY) === 100).toBe(complete);
      }),
    );
  });

  it('never counts expired evidence or waivers', () => {
    fc.assert(
      fc.property(
        itemsArb,
        fc.integer({ min: 1, max: 400 }),
        (items, daysAgo) => {
          const expired = items.map(i => ({
            ...i,
            expiresAt: offset(-daysAgo),
          }));
          for (const i of expired) {
            expect(['done', 'waived']).not.toContain(
              effectiveItemStatus(i, TODAY),
            );
          }
          const applicable = expired.filter(i => i.status !== 'not_applicable');
          expect(readinessPercent(expired, TODAY)).toBe(
            applicable.length === 0 ? 100 : 0,
          );
        },
      ),
    );
  });

  it('counts evidence through its expiry day, then not', () => {
    const done = { status: 'done' as const, expiresAt: TODAY };
    expect(effectiveItemStatus(done, TODAY)).toBe('done');
    expect(effectiveItemStatus(done, offset(1))).toBe('pending');
    expect(readinessPercent([done, { status: 'pending' }], TODAY)).toBe(50);
    expect(
      readinessPercent(
        [done, { status: 'not_applicable' }, { status: 'pending' }],
        offset(1),
      ),
    ).toBe(0);
  });
});

describe('canTransition', () => {
  it('only allows the moves of the state machine', () => {
    fc.assert(
      fc.property(
        transitionArb(),
        fc.constantFrom(...TRANSITION_STATES),
        (t, target) => {
          const r = canTransition(t, target, {
            today: TODAY,
            earlyExitReason: 'x',
          });
          const allowed = TRANSITION_MOVES[t.state].includes(target);
          // Outside the state machine: never ok. Refusals carry a reason.
          expect(!allowed && r.ok).toBe(false);
          expect(r.ok || r.reason.length > 0).toBe(true);
        },
      ),
    );
  });

  it('never reaches accepted without both sign-offs', () => {
    fc.assert(
      fc.property(transitionArb(), t => {
        const r = canTransition(t, 'accepted', { today: TODAY });
        const both = SIGNOFF_ROLES.every(role =>
          t.signOffs.some(s => s.role === role),
        );
        expect(!both && r.ok).toBe(false);
      }),
    );
  });

  it('accepts exactly when required items are satisfied and both signed', () => {
    fc.assert(
      fc.property(
        transitionArb(fc.constant<TransitionState>('ready_for_review')),
        t => {
          const r = canTransition(t, 'accepted', { today: TODAY });
          const ready = t.items
            .filter(i => i.required)
            .every(i =>
              ['done', 'waived'].includes(effectiveItemStatus(i, TODAY)),
            );
          expect(r.ok).toBe(ready && t.signOffs.length === 2);
        },
      ),
    );
  });

  it('names the blocking item and the missing sign-off', () => {
    const t: Pick<Transition, 'state' | 'items' | 'signOffs'> = {
      state: 'ready_for_review',
      items: [
        {
          key: 'runbook',
          title: 'Runbook',
          description: '',
          required: true,
          evidenceRequired: true,
          status: 'done',
          expiresAt: offset(-1),
        },
      ],
      signOffs: [{ role: 'run', signedBy: 'user:default/a', signedAt: TODAY }],
    };
    const r = canTransition(t, 'accepted', { today: TODAY });
    expect(r).toEqual({
      ok: false,
      reason: `Cannot accept into Run: 'Runbook' evidence expired on ${offset(
        -1,
      )}; missing delivery sign-off`,
    });
  });

  it('leaves hypercare only without high issues and after the window or with a reason', () => {
    fc.assert(
      fc.property(
        transitionArb(fc.constant<TransitionState>('hypercare')),
        fc.nat({ max: 3 }),
        fc.option(fc.constantFrom('', '  ', 'Stable for 2 weeks'), {
          nil: undefined,
        }),
        (t, issues, reason) => {
          const r = canTransition(t, 'run', {
            today: TODAY,
            openHighIssues: issues,
            earlyExitReason: reason,
          });
          const over = t.hypercareEnd !== undefined && t.hypercareEnd < TODAY;
          expect(r.ok).toBe(issues === 0 && (over || Boolean(reason?.trim())));
        },
      ),
    );
  });
});

describe('lifecycleMismatch', () => {
  it('flags production before acceptance and experimental after', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITION_STATES), state => {
        const accepted = ['accepted', 'hypercare', 'run'].includes(state);
        expect(lifecycleMismatch('production', state)).toBe(!accepted);
        expect(lifecycleMismatch('experimental', state)).toBe(accepted);
        expect(lifecycleMismatch('deprecated', state)).toBe(false);
        expect(lifecycleMismatch(undefined, state)).toBe(false);
      }),
    );
    expect(lifecycleMismatch('production', undefined)).toBe(false);
  });
});

describe('templates and tiers', () => {
  it('has the same item keys in every tier, fewer required for tier-3', () => {
    const keys = (tier: (typeof SERVICE_TIERS)[number]) =>
      DEFAULT_READINESS_TEMPLATES[tier].items.map(i => i.key);
    expect(keys('tier-1')).toEqual(keys('tier-3'));
    expect(new Set(keys('tier-1')).size).toBe(keys('tier-1').length);
    const required = (tier: (typeof SERVICE_TIERS)[number]) =>
      DEFAULT_READINESS_TEMPLATES[tier].items.filter(i => i.required).length;
    expect(required('tier-1')).toBe(12);
    expect(required('tier-3')).toBeLessThan(required('tier-2'));
    expect(required('tier-2')).toBeLessThan(required('tier-1'));
  });

  it('parses the tier annotation with a tier-2 default', () => {
    expect(parseServiceTier('tier-1')).toBe('tier-1');
    expect(parseServiceTier('Tier 3')).toBe('tier-3');
    expect(parseServiceTier('2')).toBe('tier-2');
    expect(parseServiceTier(undefined)).toBe('tier-2');
    expect(parseServiceTier('gold')).toBe('tier-2');
  });

  it('ends the hypercare window days - 1 after its start', () => {
    expect(hypercareWindowEnd('2026-03-01', 30)).toBe('2026-03-30');
    expect(hypercareWindowEnd('2026-03-01T10:00:00Z', 1)).toBe('2026-03-01');
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }).map(offset),
        fc.integer({ min: 1, max: 365 }),
        (start, days) => {
          const end = hypercareWindowEnd(start, days);
          expect((Date.parse(end) - Date.parse(start)) / DAY).toBe(days - 1);
        },
      ),
    );
  });
});
