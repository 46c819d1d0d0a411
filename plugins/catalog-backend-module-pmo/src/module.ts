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
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { PmoAnnotationProcessor } from './PmoAnnotationProcessor';
import { DEFAULT_KEYS_TTL_SECONDS, ProjectKeySource } from './ProjectKeySource';

const CONFIG_KEY = 'catalog.processors.pmo';

/**
 * Catalog module that validates the `pmo/*` annotations of every entity
 * (see {@link PmoAnnotationProcessor}).
 * @public
 */
export const catalogModulePmo = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'pmo',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ catalog, config, discovery, auth, logger }) {
        const ttlSeconds =
          config.getOptionalNumber(`${CONFIG_KEY}.keysTtlSeconds`) ??
          DEFAULT_KEYS_TTL_SECONDS;
        if (!(ttlSeconds > 0)) {
          throw new Error(`${CONFIG_KEY}.keysTtlSeconds must be positive`);
        }
        const strict =
          config.getOptionalBoolean(`${CONFIG_KEY}.strict`) ?? false;
        const unknownKeys =
          config.getOptionalString(`${CONFIG_KEY}.unknownKeys`) ?? 'error';
        if (unknownKeys !== 'error' && unknownKeys !== 'ignore') {
          throw new Error(
            `${CONFIG_KEY}.unknownKeys must be 'error' or 'ignore', got '${unknownKeys}'`,
          );
        }
        const keys = new ProjectKeySource({
          discovery,
          auth,
          logger,
          ttlSeconds,
        });
        catalog.addProcessor(
          new PmoAnnotationProcessor({
            getProjectKeys: () => keys.getKeys(),
            reportUnknownKeys: unknownKeys === 'error',
            strict,
            logger,
          }),
        );
      },
    });
  },
});
