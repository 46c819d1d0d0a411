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

import { daysBetween, toIsoDate } from './dates';
import type { ChecklistItemStatus, TransitionItem } from './transitionModel';

/*
 * Readiness of a checklist as of a given day: which items still count
 * (evidence and waivers expire), how ready the checklist is and what blocks
 * acceptance. Shared by the state machine, the views and the reminders.
 */

/**
 * True when the evidence (or waiver) of an item is past its expiry: the
 * expiry date is the last day it counts.
 * @public
 */
export function isItemExpired(
  item: Pick<TransitionItem, 'expiresAt'>,
  today: string,
): boolean {
  return Boolean(item.expiresAt) && daysBetween(item.expiresAt!, today) > 0;
}

/**
 * The status an item counts as today: a done or waived item whose expiry
 * has passed is pending again (the stored status is kept for history).
 * @public
 */
export function effectiveItemStatus(
  item: Pick<TransitionItem, 'status' | 'expiresAt'>,
  today: string,
): ChecklistItemStatus {
  if (
    (item.status === 'done' || item.status === 'waived') &&
    isItemExpired(item, today)
  ) {
    return 'pending';
  }
  return item.status;
}

/**
 * Readiness as a whole percentage (0-100), rounded down so that 100 means
 * complete: items effectively done or waived over the applicable items.
 * Not-applicable items leave both sides of the ratio (they are out of
 * scope, not achievements). Every item weighs the same, required or not:
 * the percentage is a progress indicator, while acceptance separately
 * demands every required item (see {@link canTransition}). A checklist with
 * no applicable item is 100% ready.
 * @public
 */
export function readinessPercent(
  items: ReadonlyArray<Pick<TransitionItem, 'status' | 'expiresAt'>>,
  today: string,
): number {
  let applicable = 0;
  let satisfied = 0;
  for (const i of items) {
    const status = effectiveItemStatus(i, today);
    if (status === 'not_applicable') continue;
    applicable++;
    if (status === 'done' || status === 'waived') satisfied++;
  }
  if (applicable === 0) return 100;
  return Math.floor((100 * satisfied) / applicable);
}

/**
 * Required items that keep the transition from acceptance today, with why.
 * @public
 */
export function blockingItems(
  items: ReadonlyArray<
    Pick<TransitionItem, 'key' | 'title' | 'required' | 'status' | 'expiresAt'>
  >,
  today: string,
): Array<{ key: string; title: string; problem: string }> {
  const blocking: Array<{ key: string; title: string; problem: string }> = [];
  for (const i of items) {
    if (!i.required) continue;
    const status = effectiveItemStatus(i, today);
    if (status === 'done' || status === 'waived') continue;
    let problem = 'is pending';
    if (status === 'not_applicable') {
      problem = 'is required and cannot be not_applicable';
    } else if (i.status !== 'pending') {
      problem = `${i.status === 'waived' ? 'waiver' : 'evidence'} expired on ${
        i.expiresAt
      }`;
    }
    blocking.push({ key: i.key, title: i.title, problem });
  }
  return blocking;
}

/**
 * The last day of a hypercare window of `days` days starting on `start`
 * (an ISO date or timestamp): a 30-day window starting 2026-03-01 ends on
 * 2026-03-30.
 * @public
 */
export function hypercareWindowEnd(start: string, days: number): string {
  const d = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.max(1, Math.floor(days)) - 1);
  return toIsoDate(d);
}
