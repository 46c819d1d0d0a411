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

import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { entityPath, type PmoApiClient } from '../PmoApiClient';
import { addProjectsAnnotation } from './annotate';
import { pmoRules, waitSecondsInput } from './inputs';
import { normalizeProjectKey } from '@infra-pmo/plugin-pmo-common';

/** @public */
export const PMO_PROJECT_LINK_ACTION_ID = 'pmo:project:link';

/**
 * `pmo:project:link`: links an entity to a PMO project, in one or both ways:
 *
 * - `catalogInfoPath` (a file in the task's workspace, e.g. the generated
 *   `catalog-info.yaml`): adds the project key to the entity's
 *   `pmo/projects` annotation, so the link is made when the catalog ingests
 *   the file (no PMO permission needed at template time);
 * - `entityRef` (an entity already in the catalog): a manual link through the
 *   PMO backend (`PUT /projects/{key}/entities/...`) as the user who runs the
 *   template, authorized by the PMO's permission policy like a link made in
 *   the UI (`pmo.project.update` on the project).
 * @public
 */
export function createPmoProjectLinkAction(options: { client: PmoApiClient }) {
  const { client } = options;
  return createTemplateAction({
    id: PMO_PROJECT_LINK_ACTION_ID,
    description:
      'Links an entity to a PMO project: adds the key to the pmo/projects annotation of a catalog-info file in the workspace, and/or links an entity of the catalog through the PMO backend as the calling user',
    supportsDryRun: true,
    schema: {
      input: {
        projectKey: z =>
          z
            .string()
            .refine(pmoRules.projectKey.valid, pmoRules.projectKey)
            .describe('PMO project key, e.g. INFRA-101 (case-insensitive)'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'A catalog-info YAML file in the workspace whose entities get the pmo/projects annotation',
            ),
        entityRef: z =>
          z
            .string()
            .refine(pmoRules.entityRef.valid, pmoRules.entityRef)
            .optional()
            .describe(
              'An entity in the catalog to link through the PMO backend, e.g. component:default/vmware-cluster',
            ),
        waitSeconds: waitSecondsInput,
      },
      output: {
        projectKey: z => z.string().describe('The normalized project key'),
        entityRef: z =>
          z.string().optional().describe('The entity linked through the API'),
      },
    },
    async handler(ctx) {
      const { catalogInfoPath, entityRef, waitSeconds } = ctx.input;
      const projectKey = normalizeProjectKey(ctx.input.projectKey);
      if (!catalogInfoPath && !entityRef) {
        throw new InputError(
          'pmo:project:link needs catalogInfoPath (annotate a file) or entityRef (link through the PMO backend)',
        );
      }
      ctx.output('projectKey', projectKey);
      if (catalogInfoPath) {
        const file = resolveSafeChildPath(ctx.workspacePath, catalogInfoPath);
        const text = await fs.readFile(file, 'utf8').catch(() => {
          throw new InputError(
            `catalogInfoPath: ${catalogInfoPath} is not a file in the workspace`,
          );
        });
        await fs.writeFile(
          file,
          addProjectsAnnotation(text, [projectKey], catalogInfoPath),
        );
        ctx.logger.info(
          `Added ${projectKey} to the pmo/projects annotation in ${catalogInfoPath}`,
        );
      }
      if (entityRef) {
        const ref = parseEntityRef(entityRef, { defaultNamespace: 'default' });
        const normalized = stringifyEntityRef(ref);
        ctx.output('entityRef', normalized);
        if (ctx.isDryRun) {
          ctx.logger.info(`Dry run: would link ${normalized} to ${projectKey}`);
          return;
        }
        await client.request({
          method: 'PUT',
          path: `/projects/${encodeURIComponent(
            projectKey,
          )}/entities/${entityPath(ref)}`,
          credentials: await ctx.getInitiatorCredentials(),
          retryNotFoundSeconds: waitSeconds,
        });
        ctx.logger.info(`Linked ${normalized} to PMO project ${projectKey}`);
      }
    },
  });
}
