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

import type { Milestone } from '../types';
import { daysBetween } from './dates';

/**
 * The date fields of a milestone the slip rules read.
 * @public
 */
export type DatedMilestone = Pick<
  Milestone,
  'baselineDate' | 'forecastDate' | 'actualDate' | 'status'
>;

/**
 * Slip of a milestone in days: actual (when achieved) or forecast minus the
 * baseline. Positive means late; undefined when there is no baseline or
 * nothing to compare it with.
 * @public
 */
export function milestoneSlipDays(m: DatedMilestone): number | undefined {
  if (!m.baselineDate) return undefined;
  const current = m.actualDate ?? m.forecastDate;
  if (!current) return undefined;
  return daysBetween(m.baselineDate, current);
}

/**
 * The date a milestone is currently expected on: actual, else forecast,
 * else baseline.
 * @public
 */
export function milestoneCurrentDate(m: DatedMilestone): string | undefined {
  return m.actualDate ?? m.forecastDate ?? m.baselineDate;
}

/**
 * True when the milestone is finished (achieved or cancelled).
 * @public
 */
export function isMilestoneClosed(m: DatedMilestone): boolean {
  return (
    Boolean(m.actualDate) || m.status === 'done' || m.status === 'cancelled'
  );
}

/**
 * True when the milestone is not finished and its expected date is before
 * `today` (ISO date).
 * @public
 */
export function isMilestoneOverdue(m: DatedMilestone, today: string): boolean {
  if (isMilestoneClosed(m)) return false;
  const date = m.forecastDate ?? m.baselineDate;
  return date !== undefined && daysBetween(today, date) < 0;
}
