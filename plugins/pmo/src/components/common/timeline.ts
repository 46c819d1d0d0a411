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

import {
  DEFAULT_HEALTH_THRESHOLDS,
  isMilestoneOverdue,
  milestoneCurrentDate,
  milestoneSlipDays,
  type Milestone,
} from '@infra-pmo/plugin-pmo-common';

/**
 * Where a milestone stands today, as both timelines (portfolio and project)
 * draw it: its current date, whether it is overdue, its slip in days.
 *
 * @internal
 */
export function milestoneState(m: Milestone, today: string) {
  return {
    date: milestoneCurrentDate(m),
    overdue: isMilestoneOverdue(m, today),
    slip: milestoneSlipDays(m),
  };
}

/**
 * Slip severity with the thresholds of the computed health, so a timeline
 * never colours a slip differently from the project's RAG.
 *
 * @internal
 */
export function slipSeverity(
  slip: number | undefined,
): 'red' | 'amber' | undefined {
  if (slip === undefined) return undefined;
  if (slip >= DEFAULT_HEALTH_THRESHOLDS.slipRedDays) return 'red';
  if (slip >= DEFAULT_HEALTH_THRESHOLDS.slipAmberDays) return 'amber';
  return undefined;
}
