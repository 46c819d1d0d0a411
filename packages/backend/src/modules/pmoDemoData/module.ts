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
import {
  pmoSeedExtensionPoint,
  type PmoSeeder,
} from '@infra-pmo/plugin-pmo-backend/alpha';
import { demoPmoData } from './demoData';
import { seedDemoSnapshots } from './demoHistory';
import { seedDemoData } from './seed';
import { seedDemoCutover } from './seedCutover';
import { seedDemoRebaselines } from './seedRebaselines';
import { seedDemoTransitions } from './seedTransitions';

/**
 * Seeds the demo projects, then their run transitions, then a weekly
 * history derived from both. Each step skips what is already there, so
 * restarts and replicas add nothing.
 * @internal
 */
export const seedPmoDemo: PmoSeeder = async (
  stores,
  { logger, transitionTemplates },
) => {
  const now = new Date();
  await seedDemoData({ store: stores.pmo, logger, data: demoPmoData(now) });
  await seedDemoRebaselines({ stores, logger });
  await seedDemoTransitions({
    store: stores.transitions,
    templates: transitionTemplates,
    logger,
    today: now,
  });
  // The cutover weekend: a real collision and a freeze breach.
  await seedDemoCutover({ stores, logger, now });
  // A plausible weekly history (kind 'demo') for the trends.
  await seedDemoSnapshots({ store: stores.snapshots, logger, now });
};

/**
 * The demo app's PMO data: fourteen projects of an infrastructure PMO with
 * their plans, RAID logs, run transitions and weekly history, linked to the
 * catalog entities of examples/*.yaml. Seeds only when `pmo.demoData` is
 * true (app-config.yaml); the published plugin carries none of it.
 * @internal
 */
export const pmoDemoDataModule = createBackendModule({
  pluginId: 'pmo',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        seed: pmoSeedExtensionPoint,
      },
      async init({ config, seed }) {
        if (config.getOptionalBoolean('pmo.demoData')) {
          seed.addSeeder(seedPmoDemo);
        }
      },
    });
  },
});
