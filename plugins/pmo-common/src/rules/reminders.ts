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

import type {
  DeclaredHealth,
  Milestone,
  MilestoneFacts,
  Project,
  RaidItem,
} from '../types';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './health';
import type { Transition, TransitionItem } from './transitionModel';

/*
 * Governance reminders: facts that an owner should act on (a slipping or
 * overdue milestone, a RAID action past due, expiring readiness evidence,
 * a hypercare window about to end, a stale status). Each rule is a pure
 * function of the stored facts and "today". A finding carries a stable id
 * (kind + object) and a fingerprint of the facts that matter: the backend
 * notifies a finding once, and again only when its fingerprint changes, so
 * the fingerprint never depends on "today" or on cosmetic fields. This
 * file holds the finding and its thresholds; the rules are in
 * projectReminders.ts and transitionReminders.ts.
 */

/** Kinds of reminder findings. @public */
export const REMINDER_KINDS = [
  'milestone_slip',
  'milestone_overdue',
  'raid_overdue',
  'evidence_expiring',
  'waiver_expiring',
  'hypercare_ending',
  'status_stale',
] as const;
/** @public */
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** How urgent a finding is (maps onto notification severities). @public */
export type ReminderSeverity = 'high' | 'normal';

/**
 * Thresholds of the reminder rules. The slip and staleness thresholds are
 * those of the computed health, so that a reminder and an amber/red reason
 * always agree.
 * @public
 */
export interface ReminderThresholds {
  /** Slip (days) of an open milestone from which it is reported. */
  slipDays: number;
  /** Slip (days) from which the reminder is high severity. */
  slipHighDays: number;
  /** Days without a status declaration after which a project is stale. */
  staleStatusDays: number;
  /** Evidence or waivers expiring within this many days are reported. */
  evidenceExpiryDays: number;
  /** Hypercare windows ending within this many days are reported. */
  hypercareEndingDays: number;
}

/** Default `pmo.reminders.evidenceExpiryDays`. @public */
export const DEFAULT_EVIDENCE_EXPIRY_DAYS = 14;
/** Default `pmo.reminders.hypercareEndingDays`. @public */
export const DEFAULT_HYPERCARE_ENDING_DAYS = 7;

/**
 * Reminder thresholds from the health thresholds and the reminder windows.
 * @public
 */
export function reminderThresholds(
  health: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
  windows: Partial<
    Pick<ReminderThresholds, 'evidenceExpiryDays' | 'hypercareEndingDays'>
  > = {},
): ReminderThresholds {
  return {
    slipDays: health.slipAmberDays,
    slipHighDays: health.slipRedDays,
    staleStatusDays: health.staleStatusDays,
    evidenceExpiryDays:
      windows.evidenceExpiryDays ?? DEFAULT_EVIDENCE_EXPIRY_DAYS,
    hypercareEndingDays:
      windows.hypercareEndingDays ?? DEFAULT_HYPERCARE_ENDING_DAYS,
  };
}

/** Defaults of every reminder threshold. @public */
export const DEFAULT_REMINDER_THRESHOLDS: ReminderThresholds =
  reminderThresholds();

/**
 * One thing an owner should act on. Exactly one of `projectKey` (project,
 * milestone and RAID findings) or `entityRef` (run transition findings,
 * with the delivering `projectKey` when there is one) locates it.
 * @public
 */
export interface ReminderFinding {
  /** `<kind>:<object id>`: stable for as long as the object exists. */
  id: string;
  kind: ReminderKind;
  /**
   * The facts that matter, e.g. the forecast date; a change means the
   * owner is told again. Independent of "today" and of titles.
   */
  fingerprint: string;
  severity: ReminderSeverity;
  /** One line, for the notification title. */
  title: string;
  /** What is wrong and what to do, for the notification description. */
  description: string;
  projectKey?: string;
  /** Normalized entity ref of a run transition finding. */
  entityRef?: string;
}

/** The project facts the rules read. @public */
export type ReminderProject = Pick<Project, 'key' | 'title' | 'phase'> & {
  declaredHealth?: Pick<DeclaredHealth, 'setAt'>;
  createdAt: string;
};

/** The milestone facts the rules read. @public */
export type ReminderMilestone = MilestoneFacts & Pick<Milestone, 'id'>;

/** The RAID facts the rules read. @public */
export type ReminderRaidItem = Pick<
  RaidItem,
  'id' | 'type' | 'title' | 'status' | 'dueDate'
>;

/** The transition facts the rules read. @public */
export type ReminderTransition = Pick<
  Transition,
  'entityRef' | 'state' | 'projectKey' | 'hypercareEnd'
>;

/** The checklist item facts the rules read. @public */
export type ReminderTransitionItem = Pick<
  TransitionItem,
  'key' | 'title' | 'status' | 'expiresAt'
>;

const OWNER_REF =
  /^(user|group):(?:([a-z0-9][a-z0-9._-]*)\/)?([a-z0-9][a-z0-9._-]*)$/i;

/**
 * A RAID owner (free text) as a normalized user or group entity ref, or
 * undefined when it is not one (e.g. "Jane Doe"): `user:jane` and
 * `Group:Default/Storage` are refs.
 * @public
 */
export function ownerEntityRef(owner: string | undefined): string | undefined {
  const m = OWNER_REF.exec(owner?.trim() ?? '');
  if (!m) return undefined;
  const [, kind, namespace = 'default', name] = m;
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The frontend path of a finding: the project page, or the run transition
 * section of the PMO tab of the transition's entity.
 * @public
 */
export function reminderLink(
  finding: Pick<ReminderFinding, 'projectKey' | 'entityRef'>,
): string {
  if (finding.entityRef) {
    const m = /^([^:]+):([^/]+)\/(.+)$/.exec(finding.entityRef);
    if (m) {
      const [, kind, namespace, name] = m;
      return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
        kind,
      )}/${encodeURIComponent(name)}/pmo?section=transition`;
    }
  }
  return `/pmo/projects/${encodeURIComponent(finding.projectKey ?? '')}`;
}
