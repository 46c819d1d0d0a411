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
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import { pmoSeedExtensionPoint } from '../extensions';
import { pmoPlugin } from '../plugin';

jest.setTimeout(120_000);

/** The demo organisation: reminders go only to users and groups in it. */
const org: Entity[] = parseAllDocuments(
  fs.readFileSync(`${__dirname}/../../../../examples/org.yaml`, 'utf8'),
).map(d => d.toJSON());

const databases = createTestDatabases();

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Findings of every project kind, seeded like any other write through the
 * plugin's seed extension point: a slipping and an overdue milestone of a
 * PMO project, and an overdue issue owned by the Virtualisation group.
 */
const findings = createBackendModule({
  pluginId: 'pmo',
  moduleId: 'test-findings',
  register(reg) {
    reg.registerInit({
      deps: { seed: pmoSeedExtensionPoint },
      async init({ seed }) {
        seed.addSeeder(async ({ pmo }) => {
          const actor = { ref: 'user:default/guest' };
          await pmo.createProject(
            {
              key: 'REM-1',
              title: 'Storage refresh',
              owner: 'group:default/pmo',
              phase: 'execution',
            },
            actor,
          );
          await pmo.createMilestone(
            'REM-1',
            {
              title: 'Array delivered',
              baselineDate: day(10),
              forecastDate: day(40),
            },
            actor,
          );
          await pmo.createMilestone(
            'REM-1',
            { title: 'Data migrated', baselineDate: day(-5) },
            actor,
          );
          await pmo.createRaidItem(
            'REM-1',
            {
              type: 'issue',
              title: 'Firmware bug',
              probability: 4,
              impact: 4,
              owner: 'group:default/virtualisation',
              action: 'Patch the firmware',
              dueDate: day(-3),
            },
            actor,
          );
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  'pmoPlugin reminders on %s',
  databaseId => {
    async function start(reminders?: object) {
      const knex = await databases.init(databaseId);
      const tasks = new Map<
        string,
        SchedulerServiceTaskScheduleDefinition & { run: () => Promise<void> }
      >();
      const scheduler = mockServices.scheduler.mock({
        async scheduleTask(task) {
          tasks.set(task.id, {
            ...task,
            run: () => Promise.resolve(task.fn(new AbortController().signal)),
          });
        },
      });
      const sent: NotificationSendOptions[] = [];
      const backend = await startTestBackend({
        features: [
          pmoPlugin,
          findings,
          catalogServiceMock.factory({ entities: org }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { pmo: { reminders } },
          }),
          scheduler.factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: NotificationSendOptions) => {
                sent.push(options);
              },
            }),
          }),
        ],
      });
      return { backend, tasks, sent, knex };
    }

    it('schedules the reminders and notifies the findings once', async () => {
      const { backend, tasks, sent, knex } = await start({
        frequency: { minutes: 10 },
      });
      const task = tasks.get('pmo-reminders')!;
      expect(task).toMatchObject({
        frequency: { minutes: 10 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 1 },
      });

      await task.run();
      // A slipping and an overdue milestone, an overdue action, owned by
      // groups of the demo organisation.
      const kinds = new Set(sent.map(s => s.payload.scope!.split(':')[1]));
      expect([...kinds]).toEqual(
        expect.arrayContaining([
          'milestone_slip',
          'milestone_overdue',
          'raid_overdue',
        ]),
      );
      for (const s of sent) {
        expect(s.payload.topic).toBe('pmo');
        expect(s.payload.link).toMatch(/^\/(pmo\/projects|catalog)\//);
        expect(s.recipients).toMatchObject({ type: 'entity' });
      }
      const pmoGroup = sent.filter(
        s =>
          s.recipients.type === 'entity' &&
          ([] as string[])
            .concat(s.recipients.entityRef)
            .some(
              r =>
                r === 'group:default/pmo' ||
                r === 'group:default/virtualisation',
            ),
      );
      expect(pmoGroup.length).toBeGreaterThan(0);
      const rows = await knex('pmo_reminders_sent');
      expect(rows).toHaveLength(sent.length);

      const before = sent.length;
      await task.run();
      expect(sent.length).toBe(before);
      await backend.stop();
    });

    it('schedules nothing when disabled', async () => {
      const { backend, tasks } = await start({ enabled: false });
      expect(tasks.has('pmo-reminders')).toBe(false);
      expect(tasks.has('pmo-refresh-computed-health')).toBe(true);
      await backend.stop();
    });

    it('fails the start on a bad value', async () => {
      await expect(start({ evidenceExpiryDays: -3 })).rejects.toThrow(
        /pmo\.reminders\.evidenceExpiryDays must be an integer/,
      );
    });
  },
);
