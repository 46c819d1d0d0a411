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
import { relative } from './reminderText';
import {
  DEFAULT_REMINDER_THRESHOLDS,
  type ReminderFinding,
  type ReminderThresholds,
  type ReminderTransition,
  type ReminderTransitionItem,
} from './reminders';
import { EDITABLE_TRANSITION_STATES } from './transitionModel';

/*
 * Reminder rules of a run transition: readiness evidence or waivers that
 * expire and a hypercare window that ends (see reminders.ts for the
 * finding and its fingerprint).
 */

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
