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
import {
  daysBetween,
  isMilestoneClosed,
  toIsoDate,
} from '@infra-pmo/plugin-pmo-common';
import type {
  PmoSeedStores,
  PmoSnapshotFactsAdjuster,
} from '@infra-pmo/plugin-pmo-backend/alpha';

/** Recorded as `takenBy` of the back-filled snapshots. @internal */
export const DEMO_SNAPSHOT_ACTOR = 'plugin:pmo/demo-seed';

const DAY_MS = 86_400_000;

/** A stable number in [0, 1) per id, so every start derives the same past. */
function fraction(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  }
  return h / 2 ** 32;
}

function addDays(date: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/**
 * Today's demo facts as they might have been `weeksAgo` weeks earlier:
 * open milestones had slipped less (the slip grows week by week), milestones
 * achieved after that day were still in progress, some RAID items had not
 * been raised yet and some projects declared a better health.
 * @internal
 */
export function demoPast(
  weeksAgo: number,
  weeks: number,
  today: string,
): PmoSnapshotFactsAdjuster {
  const share = 1 - weeksAgo / (weeks + 2);
  return ({ project, milestones, raid }) => ({
    // Some projects declared a better health back then.
    project:
      project.declared_health &&
      project.declared_health !== 'green' &&
      fraction(project.key) > share + 0.1
        ? {
            ...project,
            declared_health:
              project.declared_health === 'red' ? 'amber' : 'green',
          }
        : project,
    milestones: milestones.map(m => {
      const copy = { ...m };
      if (copy.actualDate && copy.actualDate > today) {
        delete copy.actualDate;
        copy.status = 'in_progress';
      }
      if (!isMilestoneClosed(copy) && copy.baselineDate && copy.forecastDate) {
        const slip = daysBetween(copy.baselineDate, copy.forecastDate);
        if (slip > 0) {
          copy.forecastDate = addDays(
            copy.baselineDate,
            Math.round(slip * share),
          );
        }
      }
      return copy;
    }),
    raid: raid.filter(r => fraction(r.id) < share + 0.15),
  });
}

/**
 * Back-fills `weeks` weekly snapshots (kind `demo`, Mondays 06:00 UTC in
 * the past) derived from the demo data, so that the trends are not empty in
 * development. Only when there is no snapshot at all; the unique index on
 * (period, kind) keeps a second replica from duplicating them.
 * @internal
 */
export async function seedDemoSnapshots(options: {
  store: PmoSeedStores['snapshots'];
  logger: LoggerService;
  now: Date;
  weeks?: number;
}): Promise<number> {
  const { store, logger, now } = options;
  const weeks = options.weeks ?? 10;
  if ((await store.listSnapshots({ limit: 1 })).length > 0) {
    return 0;
  }
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 6),
  );
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  let created = 0;
  for (let weeksAgo = weeks; weeksAgo >= 1; weeksAgo--) {
    const at = new Date(monday.getTime() - weeksAgo * 7 * DAY_MS);
    const result = await store.takeSnapshotAt({
      kind: 'demo',
      actor: DEMO_SNAPSHOT_ACTOR,
      at,
      adjust: demoPast(weeksAgo, weeks, toIsoDate(at)),
    });
    if (result.created) created += 1;
  }
  logger.info(
    `PMO demo data: ${created} weekly snapshots back-filled (kind 'demo', derived from the demo projects)`,
  );
  return created;
}
