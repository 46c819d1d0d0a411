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
import type {
  MilestoneStatus,
  ProjectPhase,
  RaidStatus,
  RaidType,
} from '../types';
import { PROJECT_PHASES } from '../types';
import { daysBetween, toIsoDate } from './dates';
import { computeHealth, DEFAULT_HEALTH_THRESHOLDS } from './health';
import {
  milestoneReminders,
  raidReminder,
  staleStatusReminder,
} from './projectReminders';
import {
  DEFAULT_REMINDER_THRESHOLDS,
  ownerEntityRef,
  reminderLink,
  reminderThresholds,
  type ReminderFinding,
  type ReminderThresholds,
} from './reminders';
import { CHECKLIST_ITEM_STATUSES, TRANSITION_STATES } from './transitionModel';
import { effectiveItemStatus } from './transitionReadiness';
import {
  checklistItemReminder,
  hypercareReminder,
} from './transitionReminders';

const TODAY = '2026-06-15';
const DAY = 86_400_000;
const offset = (days: number, from = TODAY) =>
  toIsoDate(new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY));

const dayArb = fc.integer({ min: -120, max: 120 });
const dateArb = dayArb.map(d => offset(d));
const optDateArb = fc.option(dateArb, { nil: undefined });
const todayArb = fc.integer({ min: -60, max: 60 }).map(d => offset(d));
const phaseArb = fc.constantFrom<ProjectPhase>(...PROJECT_PHASES);
const openPhaseArb = phaseArb.filter(p => p !== 'closed');

const thresholdsArb: fc.Arbitrary<ReminderThresholds> = fc
  .record({
    slipAmberDays: fc.integer({ min: 1, max: 30 }),
    extraRed: fc.integer({ min: 0, max: 30 }),
    staleStatusDays: fc.integer({ min: 0, max: 60 }),
    evidenceExpiryDays: fc.integer({ min: 0, max: 60 }),
    hypercareEndingDays: fc.integer({ min: 0, max: 60 }),
  })
  .map(t =>
    reminderThresholds(
      {
        ...DEFAULT_HEALTH_THRESHOLDS,
        slipAmberDays: t.slipAmberDays,
        slipRedDays: t.slipAmberDays + t.extraRed,
        staleStatusDays: t.staleStatusDays,
      },
      t,
    ),
  );

const milestoneArb = fc.record({
  id: fc.uuid(),
  title: fc.string({ maxLength: 20 }),
  baselineDate: optDateArb,
  forecastDate: optDateArb,
  actualDate: fc.option(dateArb, { nil: undefined, freq: 4 }),
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
  id: fc.uuid(),
  type: fc.constantFrom<RaidType>('risk', 'assumption', 'issue', 'dependency'),
  title: fc.string({ maxLength: 20 }),
  status: fc.constantFrom<RaidStatus>(
    'open',
    'mitigating',
    'closed',
    'accepted',
  ),
  dueDate: optDateArb,
});

const projectArb = fc.record({
  key: fc.constantFrom('INFRA-101', 'DC-7', 'EUC-042'),
  title: fc.string({ maxLength: 20 }),
  phase: phaseArb,
  createdAt: fc
    .integer({ min: -300, max: 0 })
    .map(d => `${offset(d)}T08:00:00Z`),
  declaredHealth: fc.option(
    fc
      .integer({ min: -120, max: 0 })
      .map(d => ({ setAt: `${offset(d)}T17:30:00.000Z` })),
    { nil: undefined },
  ),
});

const transitionArb = fc.record({
  entityRef: fc.constantFrom(
    'component:default/citrix-daas',
    'resource:ops/san-pure-prod',
  ),
  state: fc.constantFrom(...TRANSITION_STATES),
  projectKey: fc.option(fc.constantFrom('EUC-042'), { nil: undefined }),
  hypercareEnd: optDateArb,
});

const itemArb = fc.record({
  key: fc.constantFrom('runbook', 'dr-test'),
  title: fc.string({ maxLength: 20 }),
  status: fc.constantFrom(...CHECKLIST_ITEM_STATUSES),
  expiresAt: optDateArb,
});

function codes(input: Parameters<typeof computeHealth>[0]) {
  return computeHealth(input).reasons.map(r => r.code);
}

function expectWellFormed(f: ReminderFinding) {
  expect(f.id.startsWith(`${f.kind}:`)).toBe(true);
  expect(f.fingerprint).not.toBe('');
  expect(f.title).not.toBe('');
  expect(Boolean(f.projectKey) || Boolean(f.entityRef)).toBe(true);
}

describe('milestoneReminders', () => {
  it('reports a slip iff the health rules see one (forecast after baseline)', () => {
    fc.assert(
      fc.property(
        openPhaseArb,
        milestoneArb,
        todayArb,
        thresholdsArb,
        (phase, m, today, t) => {
          const found = milestoneReminders({ key: 'K-1', phase }, m, today, t);
          const health = codes({
            project: { phase, createdAt: today, updatedAt: today },
            milestones: [m],
            raid: [],
            today,
            thresholds: {
              ...DEFAULT_HEALTH_THRESHOLDS,
              slipAmberDays: t.slipDays,
              slipRedDays: t.slipHighDays,
            },
          });
          expect(found.some(f => f.kind === 'milestone_slip')).toBe(
            health.includes('milestone_slip'),
          );
          expect(found.some(f => f.kind === 'milestone_overdue')).toBe(
            health.includes('milestone_overdue'),
          );
          found.forEach(expectWellFormed);
        },
      ),
    );
  });

  it('reports nothing on a closed project', () => {
    fc.assert(
      fc.property(milestoneArb, todayArb, (m, today) => {
        expect(
          milestoneReminders({ key: 'K-1', phase: 'closed' }, m, today),
        ).toEqual([]);
      }),
    );
  });

  it('fingerprints ignore today and the title, and follow the dates', () => {
    fc.assert(
      fc.property(
        milestoneArb,
        todayArb,
        todayArb,
        fc.string(),
        fc.integer({ min: 1, max: 30 }),
        (m, today1, today2, title, shift) => {
          const project = { key: 'K-1', phase: 'execution' as const };
          const a = milestoneReminders(project, m, today1);
          const b = milestoneReminders(project, { ...m, title }, today2);
          const both = a.filter(f => b.some(g => g.id === f.id));
          expect(
            both.map(f => b.find(g => g.id === f.id)!.fingerprint),
          ).toEqual(both.map(f => f.fingerprint));
          // Moving the forecast again changes the slip fingerprint.
          const slip = a.find(f => f.kind === 'milestone_slip');
          fc.pre(slip !== undefined);
          const moved = milestoneReminders(
            project,
            { ...m, forecastDate: offset(shift, m.forecastDate) },
            today1,
          ).find(f => f.kind === 'milestone_slip')!;
          expect(moved.id).toBe(slip.id);
          expect(moved.fingerprint).not.toBe(slip.fingerprint);
        },
      ),
    );
  });

  it('is high severity from slipHighDays, and for an overdue stage gate', () => {
    const t = DEFAULT_REMINDER_THRESHOLDS;
    const m = (forecast: number, gate = false) =>
      milestoneReminders(
        { key: 'K-1', phase: 'execution' },
        {
          id: 'm1',
          title: 'Cutover',
          baselineDate: offset(10),
          forecastDate: offset(10 + forecast),
          status: 'planned',
          gate,
        },
        TODAY,
      );
    expect(m(t.slipDays - 1)).toEqual([]);
    expect(m(t.slipDays)[0]).toMatchObject({
      id: 'milestone_slip:m1',
      severity: 'normal',
      fingerprint: `${offset(10)}>${offset(10 + t.slipDays)}`,
    });
    expect(m(t.slipHighDays)[0].severity).toBe('high');
    const gate = milestoneReminders(
      { key: 'K-1', phase: 'execution' },
      {
        id: 'g1',
        title: 'CAB',
        baselineDate: offset(-3),
        status: 'planned',
        gate: true,
      },
      TODAY,
    );
    expect(gate).toEqual([
      expect.objectContaining({
        id: 'milestone_overdue:g1',
        severity: 'high',
        fingerprint: offset(-3),
        projectKey: 'K-1',
      }),
    ]);
  });
});

describe('raidReminder', () => {
  it('reports an open item due before today, like the overdue_action health reason', () => {
    fc.assert(
      fc.property(openPhaseArb, raidArb, todayArb, (phase, r, today) => {
        const f = raidReminder({ key: 'K-1', phase }, r, today);
        const expected =
          (r.status === 'open' || r.status === 'mitigating') &&
          r.dueDate !== undefined &&
          daysBetween(today, r.dueDate) < 0;
        expect(f !== undefined).toBe(expected);
        expect(
          codes({
            project: { phase, createdAt: today, updatedAt: today },
            milestones: [],
            raid: [{ ...r, score: 1 }],
            today,
          }).includes('overdue_action'),
        ).toBe(expected);
        fc.pre(f !== undefined);
        expectWellFormed(f);
        expect(f).toMatchObject({
          id: `raid_overdue:${r.id}`,
          fingerprint: r.dueDate,
        });
      }),
    );
  });

  it('keeps its fingerprint under irrelevant changes and changes it with the due date', () => {
    fc.assert(
      fc.property(
        raidArb,
        todayArb,
        todayArb,
        fc.string(),
        fc.constantFrom<RaidStatus>('open', 'mitigating'),
        fc.integer({ min: 1, max: 30 }),
        (r, t1, t2, title, status, shift) => {
          const project = { key: 'K-1', phase: 'execution' as const };
          const a = raidReminder(project, r, t1);
          const b = raidReminder(project, { ...r, title, status }, t2);
          fc.pre(a !== undefined && b !== undefined);
          expect(b.fingerprint).toBe(a.fingerprint);
          const earlier = raidReminder(
            project,
            { ...r, dueDate: offset(-shift, r.dueDate) },
            t1,
          )!;
          expect(earlier.id).toBe(a.id);
          expect(earlier.fingerprint).not.toBe(a.fingerprint);
        },
      ),
    );
  });
});

describe('staleStatusReminder', () => {
  it('is reported iff the health rules call the status stale', () => {
    fc.assert(
      fc.property(projectArb, todayArb, thresholdsArb, (project, today, t) => {
        const f = staleStatusReminder(project, today, t);
        const stale = codes({
          project: {
            ...project,
            updatedAt: project.createdAt,
            declaredHealth: project.declaredHealth && {
              status: 'green',
              setAt: project.declaredHealth.setAt,
            },
          },
          milestones: [],
          raid: [],
          today,
          thresholds: {
            ...DEFAULT_HEALTH_THRESHOLDS,
            staleStatusDays: t.staleStatusDays,
          },
        }).includes('stale_status');
        expect(f !== undefined).toBe(stale);
        fc.pre(f !== undefined);
        expectWellFormed(f);
        // The fingerprint is the day of the last status, not the age.
        const later = staleStatusReminder(project, offset(30, today), t)!;
        expect(later.fingerprint).toBe(f.fingerprint);
        // A new declaration that goes stale in turn is a new fact.
        const setAt = `${offset(-t.staleStatusDays - 1, today)}T09:00:00Z`;
        const redeclared = staleStatusReminder(
          { ...project, declaredHealth: { setAt } },
          today,
          t,
        )!;
        expect(redeclared.id).toBe(f.id);
        expect(redeclared.fingerprint === f.fingerprint).toBe(
          setAt.slice(0, 10) === f.fingerprint,
        );
      }),
    );
  });
});

describe('checklistItemReminder', () => {
  it('is reported iff an editable checklist has evidence or a waiver expiring within the window', () => {
    fc.assert(
      fc.property(
        transitionArb,
        itemArb,
        todayArb,
        thresholdsArb,
        (transition, item, today, t) => {
          const f = checklistItemReminder(transition, item, today, t);
          const expected =
            ['not_started', 'in_progress', 'ready_for_review'].includes(
              transition.state,
            ) &&
            (item.status === 'done' || item.status === 'waived') &&
            item.expiresAt !== undefined &&
            daysBetween(today, item.expiresAt) <= t.evidenceExpiryDays;
          expect(f !== undefined).toBe(expected);
          fc.pre(f !== undefined);
          expectWellFormed(f);
          expect(f.kind).toBe(
            item.status === 'waived' ? 'waiver_expiring' : 'evidence_expiring',
          );
          expect(f.entityRef).toBe(transition.entityRef);
          // High once expired: the item counts as pending again.
          expect(f.severity === 'high').toBe(
            effectiveItemStatus(item, today) === 'pending',
          );
          // Same fingerprint later (still found), another after renewal.
          const later = checklistItemReminder(
            transition,
            { ...item, title: 'renamed' },
            offset(1, today),
            t,
          )!;
          expect(later.fingerprint).toBe(f.fingerprint);
          const renewed = checklistItemReminder(
            transition,
            { ...item, expiresAt: offset(-1, item.expiresAt) },
            today,
            t,
          )!;
          expect(renewed.fingerprint).not.toBe(f.fingerprint);
        },
      ),
    );
  });
});

describe('hypercareReminder', () => {
  it('is reported iff in hypercare and the window ends within the threshold', () => {
    fc.assert(
      fc.property(transitionArb, todayArb, thresholdsArb, (tr, today, t) => {
        const f = hypercareReminder(tr, today, t);
        const expected =
          tr.state === 'hypercare' &&
          tr.hypercareEnd !== undefined &&
          daysBetween(today, tr.hypercareEnd) <= t.hypercareEndingDays;
        expect(f !== undefined).toBe(expected);
        fc.pre(f !== undefined);
        expectWellFormed(f);
        expect(f).toMatchObject({
          id: `hypercare_ending:${tr.entityRef}`,
          fingerprint: tr.hypercareEnd,
        });
        expect(
          hypercareReminder(tr, offset(-1, today), t)?.fingerprint ??
            f.fingerprint,
        ).toBe(f.fingerprint);
      }),
    );
  });
});

describe('ownerEntityRef / reminderLink', () => {
  it('accepts user and group refs only, normalized', () => {
    expect(ownerEntityRef('user:jane')).toBe('user:default/jane');
    expect(ownerEntityRef(' Group:Ops/Storage-Team ')).toBe(
      'group:ops/storage-team',
    );
    for (const notRef of [
      undefined,
      '',
      'Jane Doe',
      'component:default/x',
      'user:',
      'user:a/b/c',
    ]) {
      expect(ownerEntityRef(notRef)).toBeUndefined();
    }
    const nameArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('user', 'User', 'group', 'GROUP'),
        fc.option(nameArb, { nil: undefined }),
        nameArb,
        (kind, namespace, name) => {
          const raw = `${kind}:${namespace ? `${namespace}/` : ''}${name}`;
          const ref = ownerEntityRef(raw);
          expect(ref).toBe(
            `${kind}:${namespace ?? 'default'}/${name}`.toLowerCase(),
          );
          expect(ownerEntityRef(ref)).toBe(ref);
        },
      ),
    );
  });

  it('links projects to their page and transitions to the entity PMO tab', () => {
    expect(reminderLink({ projectKey: 'INFRA-101' })).toBe(
      '/pmo/projects/INFRA-101',
    );
    expect(
      reminderLink({
        projectKey: 'EUC-042',
        entityRef: 'component:default/citrix-daas',
      }),
    ).toBe('/catalog/default/component/citrix-daas/pmo?section=transition');
  });
});
