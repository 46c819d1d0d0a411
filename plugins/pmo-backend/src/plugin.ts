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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  pmoPermissions,
  type HealthThresholds,
} from '@infra-pmo/plugin-pmo-common';
import { DatabasePmoStore } from './database/DatabasePmoStore';
import { DatabaseTransitionStore } from './database/DatabaseTransitionStore';
import { DatabaseMyItemsStore } from './database/MyItemsStore';
import { demoPmoData } from './demo/demoData';
import { seedDemoData } from './demo/seed';
import { seedDemoTransitions } from './demo/seedTransitions';
import { readReminderConfig } from './reminders/config';
import { DatabaseReminderStore } from './reminders/DatabaseReminderStore';
import { runReminders } from './reminders/runReminders';
import { syncCatalogAnnotations } from './service/catalogSync';
import { createSnapshotRouter } from './service/snapshotRouter';
import { readSnapshotConfig, retentionCutoff } from './snapshots/config';
import { DatabaseSnapshotStore } from './snapshots/DatabaseSnapshotStore';
import { seedDemoSnapshots } from './snapshots/demoHistory';
import { ExternalLinkResolver } from './service/externalLinks';
import { createMeRouter } from './service/meRouter';
import { createKeysRouter } from './service/keysRouter';
import { PmoReadCache } from './service/readCache';
import { createRequestContextFactory } from './service/context';
import { createImportRouter } from './service/importRouter';
import { createRouter } from './service/router';
import { readTransitionTemplates } from './service/transitionConfig';
import { createTransitionRouter } from './service/transitionRouter';
import { pmoProjectResourceRef, pmoProjectRuleList } from './service/rules';

const DEFAULT_SYNC_MINUTES = 5;

/** `pmo.health.*` over the defaults; rejects nonsense early. */
function readThresholds(config: Config): HealthThresholds {
  const t = { ...DEFAULT_HEALTH_THRESHOLDS };
  for (const name of Object.keys(t) as Array<keyof HealthThresholds>) {
    const value = config.getOptionalNumber(`pmo.health.${name}`);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`pmo.health.${name} must be a non-negative integer`);
    }
    t[name] = value;
  }
  if (t.slipRedDays < t.slipAmberDays) {
    throw new Error('pmo.health.slipRedDays must be >= slipAmberDays');
  }
  return t;
}

/**
 * The PMO backend plugin, mounted at `/api/pmo`.
 * @public
 */
export const pmoPlugin = createBackendPlugin({
  pluginId: 'pmo',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        userInfo,
        database,
        logger,
        config,
        permissions,
        permissionsRegistry,
        auditor,
        scheduler,
        cache,
        catalog,
        notifications,
      }) {
        const thresholds = readThresholds(config);
        const reminders = readReminderConfig(config, thresholds);
        const store = await DatabasePmoStore.create({
          database,
          logger,
          thresholds,
        });
        // Same database and migrations; read the templates early so that
        // bad configuration fails the start.
        const transitionTemplates = readTransitionTemplates(config);
        const transitionStore = await DatabaseTransitionStore.create({
          database,
          // A waiver risk recomputes the project's health in its own
          // transaction.
          recomputeHealth: (trx, keys) =>
            store.recomputeHealthInTransaction(trx, keys),
        });

        permissionsRegistry.addResourceType({
          resourceRef: pmoProjectResourceRef,
          permissions: pmoPermissions,
          rules: pmoProjectRuleList,
          getResources: async keys => {
            const found = await store.getProjects(
              keys.map(key => key.toUpperCase()),
            );
            const byKey = new Map(found.map(p => [p.key, p]));
            return keys.map(key => byKey.get(key.toUpperCase()));
          },
        });
        // The one decision point of every route (service/context.ts).
        const contextOf = createRequestContextFactory({
          httpAuth,
          auth,
          userInfo,
          permissions,
          auditor,
          projects: store,
          ruleset: permissionsRegistry.getPermissionRuleset(
            pmoProjectResourceRef,
          ),
        });

        const snapshotConfig = readSnapshotConfig(config);
        const snapshotStore = await DatabaseSnapshotStore.create({
          database,
          thresholds,
        });

        if (config.getOptionalBoolean('pmo.demoData')) {
          await seedDemoData({ store, logger, data: demoPmoData(new Date()) });
          await seedDemoTransitions({
            store: transitionStore,
            templates: transitionTemplates,
            logger,
            today: new Date(),
          });
          // A plausible weekly history (kind 'demo') for the trends.
          await seedDemoSnapshots({
            store: snapshotStore,
            logger,
            now: new Date(),
          });
        }

        // Summaries and the portfolio are cached until the next write (see
        // service/readCache.ts); bumped once here for the writes of the
        // start (demo data) when the cache store outlives the process.
        const readCache = new PmoReadCache({ cache, logger });
        await readCache.bump();

        // Scheduled tasks run once across replicas (global scope).
        const syncMinutes =
          config.getOptionalNumber('pmo.catalogSync.frequencyMinutes') ??
          DEFAULT_SYNC_MINUTES;
        await scheduler.scheduleTask({
          id: 'pmo-catalog-annotation-sync',
          frequency: { minutes: syncMinutes },
          // Not at t=0: on a fresh start (dev, in-memory catalog) the catalog
          // is still ingesting; a first sync then would find nothing and
          // leave annotation links missing for a whole period. Entity pages
          // never wait for it: their summary re-reads the annotation itself.
          initialDelay: { seconds: 30 },
          timeout: { minutes: Math.max(5, syncMinutes) },
          fn: async () => {
            await syncCatalogAnnotations({ catalog, auth, store, logger });
            await readCache.bump();
          },
        });
        await scheduler.scheduleTask({
          id: 'pmo-refresh-computed-health',
          frequency: { hours: 1 },
          timeout: { minutes: 15 },
          // Time-based rules (overdue, stale) change with the date alone.
          fn: async () => {
            const n = await store.refreshComputedHealth();
            if (n > 0) await readCache.bump();
            logger.info(`Refreshed computed health of ${n} projects`);
          },
        });
        // Governance reminders to owners through notifications; each
        // finding is claimed in the database before it is sent, so even
        // overlapping runs notify it once (see reminders/runReminders.ts).
        if (reminders.enabled) {
          const reminderStore = await DatabaseReminderStore.create({
            database,
          });
          await scheduler.scheduleTask({
            id: 'pmo-reminders',
            ...reminders.schedule,
            fn: async signal => {
              await runReminders({
                store: reminderStore,
                notifications,
                catalog,
                auth,
                logger,
                thresholds: reminders.thresholds,
                maxPerRun: reminders.maxPerRun,
                signal,
              });
            },
          });
        }

        // Weekly immutable snapshot of every project, once per ISO week
        // across replicas and reruns (unique index), then retention.
        await scheduler.scheduleTask({
          id: 'pmo-weekly-snapshot',
          ...snapshotConfig.schedule,
          fn: async () => {
            const { snapshot, created } = await snapshotStore.takeSnapshot({
              kind: 'scheduled',
              actor: 'plugin:pmo/weekly-snapshot',
            });
            logger.info(
              created
                ? `Took weekly PMO snapshot ${snapshot.id} (${snapshot.period}) of ${snapshot.projectCount} projects`
                : `Weekly PMO snapshot of ${snapshot.period} already taken (${snapshot.id})`,
            );
            const pruned = await snapshotStore.pruneSnapshots(
              retentionCutoff(new Date(), snapshotConfig.retentionWeeks),
            );
            if (pruned > 0) {
              logger.info(`Pruned ${pruned} PMO snapshots past retention`);
            }
          },
        });

        // Before every router: their writes invalidate the read cache.
        httpRouter.use(readCache.invalidateOnWrite());
        httpRouter.use(
          await createRouter({
            store,
            transitions: transitionStore,
            contextOf,
            catalog,
            cache,
            readCache,
            thresholds,
            externalLinks: ExternalLinkResolver.fromConfig(config),
          }),
        );
        // Export and import (service/importRouter.ts).
        httpRouter.use(
          createImportRouter({
            store,
            contextOf,
            catalog,
            logger,
            thresholds,
          }),
        );
        // Run transitions: /entities/:kind/:namespace/:name/transition[...]
        // and /transitions (see service/transitionRouter.ts).
        httpRouter.use(
          createTransitionRouter({
            store: transitionStore,
            pmoStore: store,
            contextOf,
            catalog,
            templates: transitionTemplates,
          }),
        );
        // Snapshots, trends and status reports (service/snapshotRouter.ts).
        httpRouter.use(
          createSnapshotRouter({
            store: snapshotStore,
            pmoStore: store,
            contextOf,
            catalog,
          }),
        );
        // The signed-in user's items for the home page: GET /me/items.
        httpRouter.use(
          createMeRouter({
            store: await DatabaseMyItemsStore.create({ database }),
            transitions: transitionStore,
            contextOf,
            catalog,
          }),
        );
        // Bulk reads for the catalog processor and the search collator:
        // GET /project-keys and GET /search/projects.
        httpRouter.use(createKeysRouter({ store, contextOf }));
      },
    });
  },
});
