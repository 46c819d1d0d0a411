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

import { ConfigReader } from '@backstage/config';
import { DEFAULT_HEALTH_THRESHOLDS } from '@infra-pmo/plugin-pmo-common';
import { readReminderConfig } from './config';

const read = (reminders?: unknown, health = DEFAULT_HEALTH_THRESHOLDS) =>
  readReminderConfig(
    new ConfigReader(reminders === undefined ? {} : { pmo: { reminders } }),
    health,
  );

describe('readReminderConfig', () => {
  it('defaults to enabled, hourly after a minute, 14 and 7 days', () => {
    expect(read()).toEqual({
      enabled: true,
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 1 },
        scope: undefined,
      },
      maxPerRun: 1000,
      thresholds: {
        slipDays: 5,
        slipHighDays: 20,
        staleStatusDays: 14,
        evidenceExpiryDays: 14,
        hypercareEndingDays: 7,
      },
    });
  });

  it('reads every key, and the health thresholds for slip and staleness', () => {
    const c = read(
      {
        enabled: false,
        frequency: { cron: '*/10 * * * *' },
        timeout: 'PT5M',
        initialDelay: { seconds: 5 },
        evidenceExpiryDays: 30,
        hypercareEndingDays: 0,
        maxPerRun: 50,
      },
      {
        ...DEFAULT_HEALTH_THRESHOLDS,
        slipAmberDays: 3,
        slipRedDays: 9,
        staleStatusDays: 21,
      },
    );
    expect(c.enabled).toBe(false);
    expect(c.maxPerRun).toBe(50);
    expect(c.schedule.frequency).toEqual({ cron: '*/10 * * * *' });
    expect(c.schedule.initialDelay).toEqual({ seconds: 5 });
    expect(c.thresholds).toEqual({
      slipDays: 3,
      slipHighDays: 9,
      staleStatusDays: 21,
      evidenceExpiryDays: 30,
      hypercareEndingDays: 0,
    });
    expect(read({ frequency: 'PT30M' }).schedule.frequency).toBeDefined();
  });

  it('fails with the key on bad values', () => {
    expect(() => read({ evidenceExpiryDays: -1 })).toThrow(
      'pmo.reminders.evidenceExpiryDays must be an integer from 0 to 365',
    );
    expect(() => read({ hypercareEndingDays: 2.5 })).toThrow(
      'pmo.reminders.hypercareEndingDays must be an integer',
    );
    expect(() => read({ evidenceExpiryDays: 'soon' })).toThrow(
      /evidenceExpiryDays/,
    );
    expect(() => read({ maxPerRun: 0 })).toThrow(
      'pmo.reminders.maxPerRun must be an integer from 1 to 100000, not 0',
    );
    expect(() => read({ frequency: 'hourly' })).toThrow(
      /^pmo\.reminders: invalid schedule/,
    );
    expect(() => read({ frequency: { hourz: 1 } })).toThrow(
      /^pmo\.reminders: invalid schedule/,
    );
    expect(() => read({ enabled: 'yes please' })).toThrow(/enabled/);
  });
});
