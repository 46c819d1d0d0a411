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
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { SEARCH_PROJECTS_MAX_LIMIT } from '@infra-pmo/plugin-pmo-common';
import { PmoProjectCollatorFactory } from './PmoProjectCollatorFactory';

const CONFIG_KEY = 'search.collators.pmo';

/**
 * Like the catalog collator: often enough for search, cheap for the PMO. The
 * first run waits for the PMO's first catalog annotation sync (30 s after
 * start), so that the first index already has the annotation links.
 */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 45 },
};

/**
 * Search module that indexes PMO projects (documents of type
 * `pmo-project`, see {@link PmoProjectCollatorFactory}).
 * @public
 */
export const searchModulePmoCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'pmo-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, discovery, auth, scheduler, indexRegistry }) {
        let schedule = DEFAULT_SCHEDULE;
        const scheduleConfig = config.getOptionalConfig(
          `${CONFIG_KEY}.schedule`,
        );
        if (scheduleConfig) {
          try {
            schedule =
              readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              );
          } catch (error) {
            throw new InputError(
              `Invalid schedule at ${CONFIG_KEY}.schedule: ${error}`,
            );
          }
        }
        const pageSize = config.getOptionalNumber(`${CONFIG_KEY}.pageSize`);
        if (
          pageSize !== undefined &&
          !(
            Number.isInteger(pageSize) &&
            pageSize >= 1 &&
            pageSize <= SEARCH_PROJECTS_MAX_LIMIT
          )
        ) {
          throw new InputError(
            `${CONFIG_KEY}.pageSize must be an integer between 1 and ${SEARCH_PROJECTS_MAX_LIMIT}`,
          );
        }
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new PmoProjectCollatorFactory({
            discovery,
            auth,
            pageSize,
            locationTemplate: config.getOptionalString(
              `${CONFIG_KEY}.locationTemplate`,
            ),
          }),
        });
      },
    });
  },
});
