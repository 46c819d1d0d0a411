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
import { ConfigReader, type Config } from '@backstage/config';
import {
  DEFAULT_EVIDENCE_EXPIRY_DAYS,
  DEFAULT_HYPERCARE_ENDING_DAYS,
  reminderThresholds,
  type HealthThresholds,
  type ReminderThresholds,
} from '@infra-pmo/plugin-pmo-common';

/** The `pmo.reminders` settings, validated. @internal */
export interface ReminderConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Notifications per run at most (high severity first). */
  maxPerRun: number;
  thresholds: ReminderThresholds;
}

const DEFAULT_FREQUENCY = { hours: 1 };
const DEFAULT_TIMEOUT = { minutes: 15 };
// Not at t=0: on a fresh start the catalog (run owners of transitions) is
// still ingesting, and tests' mock schedulers run only undelayed tasks.
const DEFAULT_INITIAL_DELAY = { minutes: 1 };
const MAX_WINDOW_DAYS = 365;
// Turning reminders on over a large portfolio must not flood the
// notifications backend: the backlog goes out over the next runs.
const DEFAULT_MAX_PER_RUN = 1000;
const MAX_MAX_PER_RUN = 100_000;

function readDays(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(`pmo.reminders.${key}`);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > MAX_WINDOW_DAYS) {
    throw new Error(
      `pmo.reminders.${key} must be an integer from 0 to ${MAX_WINDOW_DAYS} (days), not ${value}`,
    );
  }
  return value;
}

/**
 * Reads `pmo.reminders.*` over the defaults (enabled, hourly, after a
 * minute). Throws with the offending key on a bad value, so that a bad
 * configuration fails the start. Slip and staleness come from the health
 * thresholds.
 * @internal
 */
export function readReminderConfig(
  config: Config,
  health: HealthThresholds,
): ReminderConfig {
  const enabled = config.getOptionalBoolean('pmo.reminders.enabled') ?? true;
  const thresholds = reminderThresholds(health, {
    evidenceExpiryDays: readDays(
      config,
      'evidenceExpiryDays',
      DEFAULT_EVIDENCE_EXPIRY_DAYS,
    ),
    hypercareEndingDays: readDays(
      config,
      'hypercareEndingDays',
      DEFAULT_HYPERCARE_ENDING_DAYS,
    ),
  });
  const maxPerRun =
    config.getOptionalNumber('pmo.reminders.maxPerRun') ?? DEFAULT_MAX_PER_RUN;
  if (
    !Number.isInteger(maxPerRun) ||
    maxPerRun < 1 ||
    maxPerRun > MAX_MAX_PER_RUN
  ) {
    throw new Error(
      `pmo.reminders.maxPerRun must be an integer from 1 to ${MAX_MAX_PER_RUN}, not ${maxPerRun}`,
    );
  }
  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({
        frequency:
          config.getOptional('pmo.reminders.frequency') ?? DEFAULT_FREQUENCY,
        timeout: config.getOptional('pmo.reminders.timeout') ?? DEFAULT_TIMEOUT,
        initialDelay:
          config.getOptional('pmo.reminders.initialDelay') ??
          DEFAULT_INITIAL_DELAY,
      }),
    );
  } catch (error) {
    throw new Error(
      `pmo.reminders: invalid schedule (frequency, timeout or initialDelay): ${
        (error as Error).message
      }`,
    );
  }
  return { enabled, schedule, maxPerRun, thresholds };
}
