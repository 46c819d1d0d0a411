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

import { daysBetween } from './dates';
import { isRaidOpen } from './health';
import {
  isMilestoneClosed,
  isMilestoneOverdue,
  milestoneSlipDays,
} from './slip';
import { plural, relative } from './reminderText';
import {
  DEFAULT_REMINDER_THRESHOLDS,
  type ReminderFinding,
  type ReminderMilestone,
  type ReminderProject,
  type ReminderRaidItem,
  type ReminderThresholds,
} from './reminders';

/*
 * Reminder rules of a project: slipping and overdue milestones, RAID
 * actions past due and a stale status (see reminders.ts for the finding
 * and its fingerprint).
 */

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
