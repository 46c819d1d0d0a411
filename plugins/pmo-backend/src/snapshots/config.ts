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
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Monday 06:00 (the scheduler's cron), before the weekly portfolio review. */
export const DEFAULT_SNAPSHOT_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { cron: '0 6 * * 1' },
    timeout: { minutes: 30 },
  };

/** Two years of weekly snapshots. */
export const DEFAULT_RETENTION_WEEKS = 104;

/** `pmo.snapshots.*` with defaults; rejects nonsense at start. @internal */
export function readSnapshotConfig(config: Config): {
  schedule: SchedulerServiceTaskScheduleDefinition;
  retentionWeeks: number;
} {
  const scheduleConfig = config.getOptionalConfig('pmo.snapshots.schedule');
  const schedule = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
    : DEFAULT_SNAPSHOT_SCHEDULE;
  const retentionWeeks =
    config.getOptionalNumber('pmo.snapshots.retentionWeeks') ??
    DEFAULT_RETENTION_WEEKS;
  if (!Number.isInteger(retentionWeeks) || retentionWeeks < 1) {
    throw new Error('pmo.snapshots.retentionWeeks must be a positive integer');
  }
  return { schedule, retentionWeeks };
}

/** The ISO timestamp before which snapshots are pruned. @internal */
export function retentionCutoff(now: Date, retentionWeeks: number): string {
  return new Date(
    now.getTime() - retentionWeeks * 7 * 86_400_000,
  ).toISOString();
}
