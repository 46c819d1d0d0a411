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

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { Transition } from '@infra-pmo/plugin-pmo-common';
import { entityPath, type PmoApiClient } from '../PmoApiClient';
import { pmoRules, waitSecondsInput } from './inputs';
import { normalizeProjectKey } from '@infra-pmo/plugin-pmo-common';

/** @public */
export const PMO_TRANSITION_START_ACTION_ID = 'pmo:transition:start';

/**
 * `pmo:transition:start`: starts the run transition of an entity of the
 * catalog (`PUT /entities/{kind}/{namespace}/{name}/transition` on the PMO
 * backend), optionally linked to a project and with a target date, as the
 * user who runs the template (`pmo.transition.update`, and
 * `pmo.project.update` on the project when one is given). The readiness
 * checklist follows the entity's `pmo/service-tier`. An entity that already
 * has a transition is left as it is (the action is idempotent: re-running a
 * template does not reset a transition under way).
 * @public
 */
export function createPmoTransitionStartAction(options: {
  client: PmoApiClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: PMO_TRANSITION_START_ACTION_ID,
    description:
      'Starts the run transition (handover to operations) of a catalog entity in the PMO, as the calling user',
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .refine(pmoRules.entityRef.valid, pmoRules.entityRef)
            .describe('The entity, e.g. component:default/vmware-cluster'),
        projectKey: z =>
          z
            .string()
            .refine(pmoRules.projectKey.valid, pmoRules.projectKey)
            .optional()
            .describe('Link the transition to this PMO project'),
        targetDate: z =>
          z
            .string()
            .refine(pmoRules.isoDate.valid, pmoRules.isoDate)
            .optional()
            .describe('Planned go-live, YYYY-MM-DD'),
        waitSeconds: waitSecondsInput,
      },
      output: {
        entityRef: z => z.string(),
        state: z => z.string().describe('The state of the transition'),
        created: z =>
          z.boolean().describe('false when the entity already had one'),
      },
    },
    async handler(ctx) {
      const { targetDate, waitSeconds } = ctx.input;
      const projectKey =
        ctx.input.projectKey && normalizeProjectKey(ctx.input.projectKey);
      const ref = parseEntityRef(ctx.input.entityRef, {
        defaultNamespace: 'default',
      });
      const entityRef = stringifyEntityRef(ref);
      ctx.output('entityRef', entityRef);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would start the transition of ${entityRef}`);
        ctx.output('state', 'dry-run');
        ctx.output('created', false);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const path = `/entities/${entityPath(ref)}/transition`;
      const existing = await client
        .request<Transition>({
          method: 'GET',
          path,
          credentials,
          retryNotFoundSeconds: 0,
        })
        .catch(error => {
          if (error?.response?.status === 404) return undefined;
          throw error;
        });
      if (existing) {
        ctx.logger.info(
          `${entityRef} already has a run transition (${existing.state}); left as it is`,
        );
        ctx.output('state', existing.state);
        ctx.output('created', false);
        return;
      }
      const transition = await client.request<Transition>({
        method: 'PUT',
        path,
        body: {
          ...(projectKey ? { projectKey } : {}),
          ...(targetDate ? { targetDate } : {}),
        },
        credentials,
        retryNotFoundSeconds: waitSeconds,
      });
      ctx.logger.info(
        `Started the run transition of ${entityRef} (${transition.state})`,
      );
      ctx.output('state', transition.state);
      ctx.output('created', true);
    },
  });
}
