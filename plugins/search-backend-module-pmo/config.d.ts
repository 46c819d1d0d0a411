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

import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The PMO project collator of
       * `@infra-pmo/plugin-search-backend-module-pmo` (documents of type
       * `pmo-project`).
       */
      pmo?: {
        /**
         * When the projects are re-indexed. Default: every 10 minutes, with
         * a 15-minute timeout, starting 45 seconds after start-up.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Location of a result, with `:key` replaced by the project key.
         * Default `/pmo/projects/:key` (the PMO page of the app).
         */
        locationTemplate?: string;
        /** Projects per request to the PMO backend (1-1000). Default 500. */
        pageSize?: number;
      };
    };
  };
}
