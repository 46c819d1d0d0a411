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
} from '@backstage/backend-plugin-api';
import type { ProjectStore } from '../database/PmoStore';
import type { PmoReadCache } from '../service/readCache';

/**
 * Schedules the hourly refresh of the stored computed health
 * (`pmo-refresh-computed-health`): time-based rules (overdue, stale)
 * change with the date alone, without any write.
 * @internal
 */
export async function scheduleComputedHealthRefreshTask(options: {
  scheduler: SchedulerService;
  projects: Pick<ProjectStore, 'refreshComputedHealth'>;
  readCache: PmoReadCache;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, projects, readCache, logger } = options;
  await scheduler.scheduleTask({
    id: 'pmo-refresh-computed-health',
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    fn: async () => {
      const n = await projects.refreshComputedHealth();
      if (n > 0) await readCache.bump();
      logger.info(`Refreshed computed health of ${n} projects`);
    },
  });
}
