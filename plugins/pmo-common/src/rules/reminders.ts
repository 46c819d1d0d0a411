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

import type { DeclaredHealth, Milestone, Project, RaidItem } from '../types';
import { daysBetween } from './dates';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  isRaidOpen,
  type HealthThresholds,
} from './health';
import {
  isMilestoneClosed,
  isMilestoneOverdue,
  milestoneSlipDays,
} from './slip';
import {
  EDITABLE_TRANSITION_STATES,
  type Transition,
  type TransitionItem,
} from './transition';

/*
 * Governance reminders: facts that an owner should act on (a slipping or
 * overdue milestone, a RAID action past due, expiring readiness evidence,
 * a hypercare window about to end, a stale status). Each rule is a pure
 * function of the stored facts and "today". A finding carries a stable id
 * (kind + object) and a fingerprint of the facts that matter: the backend
 * notifies a finding once, and again only when its fingerprint changes, so
 * the fingerprint never depends on "today" or on cosmetic fields.
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
export type ReminderMilestone = Pick<
  Milestone,
  | 'id'
  | 'title'
  | 'baselineDate'
  | 'forecastDate'
  | 'actualDate'
  | 'status'
  | 'gate'
>;

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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "in 3 days", "today", "2 days ago". */
function relative(today: string, date: string): string {
  const d = daysBetween(today, date);
  if (d === 0) return 'today';
  return d > 0 ? `in ${plural(d, 'day')}` : `${plural(-d, 'day')} ago`;
}

/**
 * Slip and overdue findings of one milestone. Nothing for a closed project
 * or a finished milestone. A slip is reported from `slipDays` days (and at
 * least one day) of forecast after the baseline; its fingerprint is the
 * baseline and forecast, so moving the forecast again re-notifies. An
 * overdue milestone's fingerprint is the date it was expected on.
 * @public
 */
export function milestoneReminders(
  project: Pick<ReminderProject, 'key' | 'phase'>,
  milestone: ReminderMilestone,
  today: string,
  thresholds: ReminderThresholds = DEFAULT_REMINDER_THRESHOLDS,
): ReminderFinding[] {
  if (project.phase === 'closed' || isMilestoneClosed(milestone)) return [];
  const findings: ReminderFinding[] = [];
  const what = milestone.gate ? 'Stage gate' : 'Milestone';
  const slip = milestoneSlipDays(milestone);
  if (slip !== undefined && slip > 0 && slip >= thresholds.slipDays) {
    findings.push({
      id: `milestone_slip:${milestone.id}`,
      kind: 'milestone_slip',
      fingerprint: `${milestone.baselineDate}>${milestone.forecastDate}`,
      severity: slip >= thresholds.slipHighDays ? 'high' : 'normal',
      title: `${project.key}: ${what} '${milestone.title}' slipped ${plural(
        slip,
        'day',
      )}`,
      description: `Forecast ${milestone.forecastDate} is ${plural(
        slip,
        'day',
      )} after the baseline ${
        milestone.baselineDate
      }. Confirm the new date, update the RAID log or ask for a re-baseline.`,
      projectKey: project.key,
    });
  }
  if (isMilestoneOverdue(milestone, today)) {
    const expected = (milestone.forecastDate ?? milestone.baselineDate)!;
    findings.push({
      id: `milestone_overdue:${milestone.id}`,
      kind: 'milestone_overdue',
      fingerprint: expected,
      severity: milestone.gate ? 'high' : 'normal',
      title: `${project.key}: ${what} '${milestone.title}' is overdue`,
      description: `It was expected on ${expected} (${relative(
        today,
        expected,
      )}). Record the actual date or move the forecast.`,
      projectKey: project.key,
    });
  }
  return findings;
}

/**
 * The finding of an open RAID item whose action is past due (due before
 * today). Its fingerprint is the due date. Nothing for a closed project.
 * @public
 */
export function raidReminder(
  project: Pick<ReminderProject, 'key' | 'phase'>,
  item: ReminderRaidItem,
  today: string,
): ReminderFinding | undefined {
  if (project.phase === 'closed' || !isRaidOpen(item) || !item.dueDate) {
    return undefined;
  }
  if (daysBetween(today, item.dueDate) >= 0) return undefined;
  return {
    id: `raid_overdue:${item.id}`,
    kind: 'raid_overdue',
    fingerprint: item.dueDate,
    severity: item.type === 'issue' ? 'high' : 'normal',
    title: `${project.key}: ${item.type} action '${item.title}' is past due`,
    description: `The action was due on ${item.dueDate} (${relative(
      today,
      item.dueDate,
    )}). Close the item, or agree a new due date.`,
    projectKey: project.key,
  };
}

/**
 * The date of a project's last status: its declared health, else its
 * creation (the same rule as the `stale_status` health reason).
 * @public
 */
export function lastStatusDate(
  project: Pick<ReminderProject, 'declaredHealth' | 'createdAt'>,
): string {
  return (project.declaredHealth?.setAt ?? project.createdAt).slice(0, 10);
}

/**
 * The finding of a project whose status has not been declared for more
 * than `staleStatusDays` days. Its fingerprint is the date of the last
 * status, so a new declaration that goes stale again re-notifies.
 * @public
 */
export function staleStatusReminder(
  project: ReminderProject,
  today: string,
  thresholds: ReminderThresholds = DEFAULT_REMINDER_THRESHOLDS,
): ReminderFinding | undefined {
  if (project.phase === 'closed') return undefined;
  const last = project.declaredHealth?.setAt ?? project.createdAt;
  const age = daysBetween(last, today);
  if (age <= thresholds.staleStatusDays) return undefined;
  const lastDate = lastStatusDate(project);
  return {
    id: `status_stale:${project.key}`,
    kind: 'status_stale',
    fingerprint: lastDate,
    severity: 'normal',
    title: `${project.key}: status not updated for ${plural(age, 'day')}`,
    description: `'${project.title}' last had a status on ${lastDate}. Declare its health (RAG) with a reason.`,
    projectKey: project.key,
  };
}

/**
 * The finding of a checklist item whose evidence (done) or waiver expires
 * within `evidenceExpiryDays` days, or has expired, while the checklist can
 * still change (before acceptance: it is frozen afterwards). Its
 * fingerprint is the status and the expiry date, so renewed evidence that
 * nears its new expiry re-notifies.
 * @public
 */
export function checklistItemReminder(
  transition: ReminderTransition,
  item: ReminderTransitionItem,
  today: string,
  thresholds: ReminderThresholds = DEFAULT_REMINDER_THRESHOLDS,
): ReminderFinding | undefined {
  if (!EDITABLE_TRANSITION_STATES.includes(transition.state)) return undefined;
  if (item.status !== 'done' && item.status !== 'waived') return undefined;
  if (!item.expiresAt) return undefined;
  const left = daysBetween(today, item.expiresAt);
  if (left > thresholds.evidenceExpiryDays) return undefined;
  const waiver = item.status === 'waived';
  const what = waiver ? 'waiver' : 'evidence';
  const when =
    left < 0
      ? `expired on ${item.expiresAt}`
      : `expires on ${item.expiresAt} (${relative(today, item.expiresAt)})`;
  return {
    id: `${waiver ? 'waiver' : 'evidence'}_expiring:${transition.entityRef}#${
      item.key
    }`,
    kind: waiver ? 'waiver_expiring' : 'evidence_expiring',
    fingerprint: `${item.status}:${item.expiresAt}`,
    severity: left < 0 ? 'high' : 'normal',
    title: `${transition.entityRef}: ${what} for '${item.title}' ${
      left < 0 ? 'has expired' : 'expires soon'
    }`,
    description: `The ${what} ${when}; after that the item blocks acceptance into Run. ${
      waiver ? 'Complete the item or renew the waiver.' : 'Renew the evidence.'
    }`,
    entityRef: transition.entityRef,
    projectKey: transition.projectKey,
  };
}

/**
 * The finding of a transition in hypercare whose window ends within
 * `hypercareEndingDays` days (or has ended). Its fingerprint is the end
 * date.
 * @public
 */
export function hypercareReminder(
  transition: ReminderTransition,
  today: string,
  thresholds: ReminderThresholds = DEFAULT_REMINDER_THRESHOLDS,
): ReminderFinding | undefined {
  if (transition.state !== 'hypercare' || !transition.hypercareEnd) {
    return undefined;
  }
  const end = transition.hypercareEnd;
  const left = daysBetween(today, end);
  if (left > thresholds.hypercareEndingDays) return undefined;
  return {
    id: `hypercare_ending:${transition.entityRef}`,
    kind: 'hypercare_ending',
    fingerprint: end,
    severity: left < 0 ? 'high' : 'normal',
    title: `${transition.entityRef}: hypercare ${
      left < 0 ? 'has ended' : 'ends soon'
    }`,
    description: `The hypercare window ${
      left < 0 ? 'ended' : 'ends'
    } on ${end} (${relative(
      today,
      end,
    )}). Review open incidents and issues, then move the service to Run.`,
    entityRef: transition.entityRef,
    projectKey: transition.projectKey,
  };
}

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
