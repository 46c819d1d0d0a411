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

import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_READINESS_TEMPLATES,
  readinessPercent,
} from '@infra-pmo/plugin-pmo-common';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/databases';
import { demoPmoData } from './demoData';
import { seedDemoData } from './seed';
import { DEMO_TRANSITIONS, seedDemoTransitions } from './seedTransitions';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('seedDemoTransitions (%s)', id => {
  it('brings every demo service to its state through the guarded moves, once', async () => {
    const knex = await databases.init(id);
    const logger = mockServices.logger.mock();
    const today = new Date();
    const { pmo, transitions: store } = await createTestStores(knex);
    await seedDemoData({ store: pmo, logger, data: demoPmoData(today) });
    const options = {
      store,
      templates: DEFAULT_READINESS_TEMPLATES,
      logger,
      today,
    };

    const first = await seedDemoTransitions(options);
    expect(first.failed).toEqual([]);
    expect(first.created).toHaveLength(DEMO_TRANSITIONS.length);

    for (const demo of DEMO_TRANSITIONS) {
      const t = (await store.getTransition(demo.entityRef))!;
      expect({ ref: demo.entityRef, state: t.state }).toEqual({
        ref: demo.entityRef,
        state: demo.state,
      });
    }
    // the waiver created its RAID risk on the project, owned by the run owner
    const san = (await store.getTransition('resource:default/san-pure-prod'))!;
    const waived = san.items.find(i => i.key === 'dr-test')!;
    expect(waived.status).toBe('waived');
    const risk = await pmo.getRaidItem(waived.raidId!);
    expect(risk).toMatchObject({
      projectKey: 'INFRA-204',
      type: 'risk',
      owner: 'group:default/storage-team',
    });
    expect(readinessPercent(san.items, today.toISOString().slice(0, 10))).toBe(
      100,
    );

    // Hyper-V waits for the run sign-off only (Virtualisation, the guest's
    // group): the home page widget shows it as pending for the guest.
    const hyperv = (await store.getTransition(
      'component:default/hyperv-prod-cluster',
    ))!;
    expect(hyperv.signOffs.map(s => s.role)).toEqual(['delivery']);

    const second = await seedDemoTransitions(options);
    expect(second.created).toEqual([]);
    expect(second.skipped).toHaveLength(DEMO_TRANSITIONS.length);
  });
});
