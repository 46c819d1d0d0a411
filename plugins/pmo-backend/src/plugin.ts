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
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { pmoPermissions } from '@infra-pmo/plugin-pmo-common';
import {
  readCatalogSyncMinutes,
  readEvidenceMinutes,
  readReminderConfig,
  readSnapshotConfig,
  readCutoverConfig,
  readBaselineApproverGroups,
  readProjectKeyRule,
  readThresholds,
  readTransitionTemplates,
} from './config';
import { createPmoSelfReader } from './actions/pmoSelf';
import { registerPmoActions } from './actions/registerPmoActions';
import { createPersistenceContext } from './database/persistenceContext';
import {
  PmoSeeders,
  pmoFactRulesExtensionPoint,
  pmoSeedExtensionPoint,
} from './extensions';
import {
  annotationFactRule,
  createTechDocsFactRule,
  relationFactRule,
} from './evidence/builtInRules';
import { ChecklistEvidence } from './evidence/checklistEvidence';
import { PmoFactRules } from './evidence/factRuleRegistry';
import { scheduleChecklistEvidenceTask } from './tasks/checklistEvidence';
import { createRequestContextFactory } from './service/context';
import { createRouter } from './service/createRouter';
import { ExternalLinkResolver } from './service/externalLinks';
import { PmoReadCache } from './service/readCache';
import { pmoProjectResourceRef, pmoProjectRuleList } from './service/rules';
import { scheduleCatalogAnnotationSyncTask } from './tasks/catalogAnnotationSync';
import { scheduleComputedHealthRefreshTask } from './tasks/computedHealthRefresh';
import { scheduleRemindersTask } from './tasks/reminders';
import { scheduleWeeklySnapshotTask } from './tasks/weeklySnapshot';

/**
 * The PMO backend plugin, mounted at `/api/pmo`.
 * @public
 */
export const pmoPlugin = createBackendPlugin({
  pluginId: 'pmo',
  register(env) {
    // Backend modules add seeders (e.g. the demo app's data); they run at
    // start, after the migrations and before any request is served.
    const seeders = new PmoSeeders();
    env.registerExtensionPoint(pmoSeedExtensionPoint, seeders.extensionPoint());
    // Modules add fact rules of their own (a Tech Insights check, say);
    // the built-in ones are added in init, through the same registry.
    const factRules = new PmoFactRules();
    env.registerExtensionPoint(
      pmoFactRulesExtensionPoint,
      factRules.extensionPoint(),
    );
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
        actionsRegistry: actionsRegistryServiceRef,
        discovery: coreServices.discovery,
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
        actionsRegistry,
        discovery,
      }) {
        const thresholds = readThresholds(config);
        const keyRule = readProjectKeyRule(config);
        const baselineApproverGroups = readBaselineApproverGroups(config);
        const reminders = readReminderConfig(config, thresholds);
        // Migrations run once; every store shares the one knex client.
        const persistence = await createPersistenceContext({
          database,
          logger,
          thresholds,
        });
        const store = persistence.pmo;
        // Read the templates early so that bad configuration fails the start.
        const transitionTemplates = readTransitionTemplates(config);
        factRules.add(annotationFactRule);
        factRules.add(relationFactRule);
        factRules.add(
          createTechDocsFactRule({
            discovery,
            auth,
            installed: config.has('techdocs'),
          }),
        );
        factRules.validateTemplates(transitionTemplates);
        const evidenceMinutes = readEvidenceMinutes(config);
        const transitionStore = persistence.transitions;
        const snapshotStore = persistence.snapshots;
        const reminderStore = persistence.reminders;
        const myItemsStore = persistence.myItems;
        const evidence = new ChecklistEvidence({
          rules: factRules,
          store: transitionStore,
          logger,
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

        await seeders.run(
          {
            pmo: store,
            transitions: transitionStore,
            snapshots: snapshotStore,
            cutover: {
              listMilestones: key => persistence.milestones.listMilestones(key),
              listWindows: key =>
                persistence.windows.listWindows({ projectKeys: [key] }),
              createWindow: (id, input, actor) =>
                persistence.windows.createWindow(id, input, actor),
              listFreezes: () => persistence.freezes.listFreezes(),
              createFreeze: (input, actor) =>
                persistence.freezes.createFreeze(input, actor),
            },
            rebaselines: persistence.rebaselines,
          },
          { logger, transitionTemplates },
        );

        // Summaries and the portfolio are cached until the next write (see
        // service/readCache.ts); bumped once here for the writes of the
        // start (seeders) when the cache store outlives the process.
        const readCache = new PmoReadCache({ cache, logger });
        await readCache.bump();

        // Every route, behind one body parser and the read-cache
        // invalidation (service/createRouter.ts).
        httpRouter.use(
          await createRouter({
            stores: {
              projects: persistence.projects,
              milestones: persistence.milestones,
              raid: persistence.raid,
              links: persistence.links,
              summaries: persistence.summaries,
              history: persistence.history,
              transfer: persistence.transfer,
              transitions: transitionStore,
              snapshots: snapshotStore,
              myItems: myItemsStore,
              windows: persistence.windows,
              freezes: persistence.freezes,
              collisionAcks: persistence.collisionAcks,
              gates: persistence.gates,
              rebaselines: persistence.rebaselines,
            },
            contextOf,
            catalog,
            logger,
            cache,
            readCache,
            thresholds,
            templates: transitionTemplates,
            externalLinks: ExternalLinkResolver.fromConfig(config),
            keyRule,
            cutover: readCutoverConfig(config),
            evidence,
            baselineApproverGroups,
          }),
        );

        // Read-only actions for AI assistants (actions registry / MCP),
        // authorized as the caller through the routes above (src/actions).
        registerPmoActions(
          actionsRegistry,
          createPmoSelfReader({ discovery, auth }),
        );

        // Scheduled tasks run once across replicas (global scope).
        await scheduleCatalogAnnotationSyncTask({
          scheduler,
          catalog,
          auth,
          links: persistence.links,
          readCache,
          logger,
          frequencyMinutes: readCatalogSyncMinutes(config),
        });
        await scheduleComputedHealthRefreshTask({
          scheduler,
          projects: persistence.projects,
          readCache,
          logger,
        });
        if (reminders.enabled) {
          await scheduleRemindersTask({
            scheduler,
            store: reminderStore,
            config: reminders,
            notifications,
            catalog,
            auth,
            logger,
          });
        }
        await scheduleChecklistEvidenceTask({
          scheduler,
          evidence,
          store: transitionStore,
          catalog,
          auth,
          readCache,
          logger,
          frequencyMinutes: evidenceMinutes,
        });
        await scheduleWeeklySnapshotTask({
          scheduler,
          store: snapshotStore,
          config: snapshotConfig,
          logger,
        });
      },
    });
  },
});
