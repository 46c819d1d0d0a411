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
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogLocationsExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Demo only. A template normally publishes to a git host and registers the
 * file's URL (`publish:*` + `catalog:register`); this demo runs without one.
 * `demo:catalog:publish-local` copies the generated catalog-info.yaml to a
 * local folder (`scaffolder.demoPublishDir`, default a folder in the OS temp
 * directory) and registers it as a `file` location, as the user who runs the
 * template. The catalog module below allows `file` locations for that; a
 * production catalog keeps the default (`url` only).
 */
export const demoScaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'demo-publish-local',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, catalog, config }) {
        const publishDir =
          config.getOptionalString('scaffolder.demoPublishDir') ??
          join(tmpdir(), 'pmo-demo-scaffolded');
        scaffolder.addActions(
          createTemplateAction({
            id: 'demo:catalog:publish-local',
            description:
              'Demo only: copies the generated catalog-info.yaml to a local folder and registers it as a file location',
            schema: {
              input: {
                catalogInfoPath: z => z.string().default('catalog-info.yaml'),
              },
              output: {
                entityRef: z => z.string(),
                target: z => z.string(),
              },
            },
            async handler(ctx) {
              const source = resolveSafeChildPath(
                ctx.workspacePath,
                ctx.input.catalogInfoPath ?? 'catalog-info.yaml',
              );
              const dir = resolveSafeChildPath(publishDir, ctx.task.id);
              await fs.mkdir(dir, { recursive: true });
              const target = join(dir, 'catalog-info.yaml');
              await fs.copyFile(source, target);
              const entity = parseAllDocuments(
                await fs.readFile(target, 'utf8'),
              )
                .map(doc => doc.toJS() as Entity)
                .find(e => e?.kind && e.kind !== 'Location');
              if (!entity) throw new Error(`${target} has no entity`);
              // the catalog ingests the file's entities a few seconds later
              await catalog.addLocation(
                { type: 'file', target },
                { credentials: await ctx.getInitiatorCredentials() },
              );
              ctx.logger.info(`Registered ${target}`);
              ctx.output('entityRef', stringifyEntityRef(entity));
              ctx.output('target', target);
            },
          }),
        );
      },
    });
  },
});

/** Demo only: lets the catalog accept the `file` locations registered above. */
export const demoCatalogFileLocationsModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'demo-file-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
