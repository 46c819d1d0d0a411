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
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { PmoApiClient } from './PmoApiClient';
import { createPmoProjectLinkAction } from './actions/projectLink';
import { createPmoTransitionStartAction } from './actions/transitionStart';

/**
 * Scaffolder module with the PMO template actions `pmo:project:link` and
 * `pmo:transition:start`.
 * @public
 */
export const scaffolderModulePmo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'pmo',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        const client = new PmoApiClient({ discovery, auth });
        scaffolder.addActions(
          createPmoProjectLinkAction({ client }),
          createPmoTransitionStartAction({ client }),
        );
      },
    });
  },
});
