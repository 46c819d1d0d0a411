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

import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { retentionCutoff } from '../snapshots/config';
import type { SnapshotStore } from '../snapshots/SnapshotStore';

/**
 * Schedules the weekly immutable snapshot of every project
 * (`pmo-weekly-snapshot`): taken once per ISO week across replicas and
 * reruns (a unique index), then the snapshots past retention are pruned.
 * @internal
 */
export async function scheduleWeeklySnapshotTask(options: {
  scheduler: SchedulerService;
  store: Pick<SnapshotStore, 'takeSnapshot' | 'pruneSnapshots'>;
  /** `pmo.snapshots.*` (see snapshots/config.ts). */
  config: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    retentionWeeks: number;
  };
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, store, config, logger } = options;
  await scheduler.scheduleTask({
    id: 'pmo-weekly-snapshot',
    ...config.schedule,
    fn: async () => {
      const { snapshot, created } = await store.takeSnapshot({
        kind: 'scheduled',
        actor: 'plugin:pmo/weekly-snapshot',
      });
      logger.info(
        created
          ? `Took weekly PMO snapshot ${snapshot.id} (${snapshot.period}) of ${snapshot.projectCount} projects`
          : `Weekly PMO snapshot of ${snapshot.period} already taken (${snapshot.id})`,
      );
      const pruned = await store.pruneSnapshots(
        retentionCutoff(new Date(), config.retentionWeeks),
      );
      if (pruned > 0) {
        logger.info(`Pruned ${pruned} PMO snapshots past retention`);
      }
    },
  });
}
