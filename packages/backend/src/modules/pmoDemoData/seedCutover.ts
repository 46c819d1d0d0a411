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

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PmoSeedStores } from '@infra-pmo/plugin-pmo-backend/alpha';
import { DEMO_SEED_ACTOR } from './seed';
import { E } from './demoRefs';

/** `YYYY-MM-DD` of `date` plus `days` (UTC). */
function dayAfter(date: Date, days: number): string {
  const d = new Date(date.getTime() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * The demo's cutover weekend: the SAN refresh (INFRA-204) moves the Oracle
 * block storage off the old arrays while the Oracle 19c consolidation
 * (DB-118) migrates the ERP databases, on the service that runs on that
 * very SAN: a real collision. A month-end close freeze on the data
 * platform the week after is breached by DB-118's clean-up window.
 * Dated from `now` (the next Saturday), so that it is always ahead;
 * skipped when INFRA-204 already has windows.
 * @internal
 */
export async function seedDemoCutover(options: {
  stores: Pick<PmoSeedStores, 'pmo' | 'cutover'>;
  logger: LoggerService;
  now: Date;
}): Promise<{ windows: number; freezes: number }> {
  const { stores, logger, now } = options;
  const { pmo, cutover } = stores;
  if (
    !(await pmo.getProject('INFRA-204')) ||
    !(await pmo.getProject('DB-118'))
  ) {
    return { windows: 0, freezes: 0 };
  }
  if ((await cutover.listWindows('INFRA-204')).length > 0) {
    return { windows: 0, freezes: 0 };
  }
  const toSaturday = (6 - now.getUTCDay() + 7) % 7 || 7;
  const saturday = dayAfter(now, toSaturday);
  const sunday = dayAfter(now, toSaturday + 1);
  const monday = dayAfter(now, toSaturday + 2);
  const wednesday = dayAfter(now, toSaturday + 4);
  const friday = dayAfter(now, toSaturday + 6);
  const zone = 'Europe/Berlin';

  const san = await pmo.createMilestone(
    'INFRA-204',
    {
      title: 'Oracle block storage cutover to the FlashArray',
      forecastDate: sunday,
      entityRef: E.sanPure,
      changeRecord: 'CHG0030877',
    },
    DEMO_SEED_ACTOR,
  );
  const db = await pmo.createMilestone(
    'DB-118',
    {
      title: 'ERP databases onto the 19c CDB',
      forecastDate: sunday,
      entityRef: E.oracle,
      changeRecord: 'CHG0031877',
    },
    DEMO_SEED_ACTOR,
  );
  await cutover.createWindow(
    san.id,
    {
      type: 'cutover',
      start: `${saturday}T20:00`,
      end: `${sunday}T08:00`,
      timeZone: zone,
      changeRecord: 'CHG0030877',
      changeApproved: true,
    },
    DEMO_SEED_ACTOR,
  );
  await cutover.createWindow(
    san.id,
    {
      type: 'rollback',
      start: `${sunday}T08:00`,
      end: `${sunday}T14:00`,
      timeZone: zone,
      changeRecord: 'CHG0030877',
      changeApproved: true,
    },
    DEMO_SEED_ACTOR,
  );
  await cutover.createWindow(
    db.id,
    {
      type: 'cutover',
      start: `${saturday}T23:00`,
      end: `${sunday}T05:00`,
      timeZone: zone,
      changeRecord: 'CHG0031877',
      changeApproved: false,
    },
    DEMO_SEED_ACTOR,
  );
  await cutover.createWindow(
    db.id,
    {
      type: 'maintenance',
      start: `${wednesday}T22:00`,
      end: `${wednesday}T23:30`,
      timeZone: zone,
      changeRecord: 'CHG0031877',
      changeApproved: true,
    },
    DEMO_SEED_ACTOR,
  );
  let freezes = 0;
  const title = 'Month-end close (finance systems)';
  if (!(await cutover.listFreezes()).some(f => f.title === title)) {
    await cutover.createFreeze(
      {
        title,
        scope: { kind: 'system', ref: 'system:default/data-platform' },
        start: `${monday}T00:00`,
        end: `${friday}T00:00`,
        timeZone: zone,
      },
      DEMO_SEED_ACTOR,
    );
    freezes = 1;
  }
  logger.info(
    `PMO demo data: cutover weekend of ${saturday} seeded (4 windows, ${freezes} freeze)`,
  );
  return { windows: 4, freezes };
}
