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
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ReminderConfig } from '../reminders/config';
import type { ReminderStore } from '../reminders/ReminderStore';
import { runReminders } from '../reminders/runReminders';

/**
 * Schedules the governance reminders to owners (`pmo-reminders`), sent
 * through notifications. Each finding is claimed in the database before it
 * is sent, so even overlapping runs notify it once (reminders/runReminders.ts).
 * The caller schedules it only when `pmo.reminders.enabled`.
 * @internal
 */
export async function scheduleRemindersTask(options: {
  scheduler: SchedulerService;
  store: ReminderStore;
  config: ReminderConfig;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, store, config, notifications, catalog, auth, logger } =
    options;
  await scheduler.scheduleTask({
    id: 'pmo-reminders',
    ...config.schedule,
    fn: async signal => {
      await runReminders({
        store,
        notifications,
        catalog,
        auth,
        logger,
        thresholds: config.thresholds,
        maxPerRun: config.maxPerRun,
        signal,
      });
    },
  });
}
