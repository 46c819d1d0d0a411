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

import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  pmoTransitionUpdatePermission,
  toIsoDate,
  type TransitionView,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import type { ChecklistEvidence } from '../../evidence/checklistEvidence';
import { authorizeEvidenceRecheck } from '../transitionGuards';
import {
  requireEntity,
  requireStoredTransition,
  transitionView,
} from '../transitionViews';
import type { PmoRouter } from '../../schema/typedRouter';
import type { RouteOptions } from './routeOptions';
import { transitionWrite } from './writes';

/** @internal */
export interface TransitionEvidenceRoutesOptions extends RouteOptions {
  transitions: TransitionStore;
  projects: Pick<ProjectStore, 'getProjects'>;
  catalog: CatalogService;
  evidence: ChecklistEvidence;
  /** For tests. */
  now?: () => Date;
}

/**
 * `POST /entities/:kind/:namespace/:name/transition/evidence`: re-checks
 * the catalog facts of the checklist now rather than at the next run of
 * the `pmo-checklist-evidence` task (after fixing an annotation, say).
 * pmo.transition.update, and a user must belong to the delivery or run
 * owner (it may reopen items and revoke sign-offs). The entity is read
 * with the caller's credentials (404 when hidden). Audited.
 * @internal
 */
export function registerTransitionEvidenceRoutes(
  router: PmoRouter,
  options: TransitionEvidenceRoutesOptions,
) {
  const { transitions, projects, catalog, evidence, contextOf } = options;
  const now = options.now ?? (() => new Date());
  router.post(
    '/entities/:kind/:namespace/:name/transition/evidence',
    async (req, res) => {
      const result: {
        view: TransitionView;
        changedItems: string[];
        revokedSignOffs: string[];
      } = await transitionWrite(
        contextOf,
        req,
        {
          eventId: 'transition-evidence-recheck',
          permission: pmoTransitionUpdatePermission,
        },
        async (ctx, entityRef) => {
          const entity = await requireEntity(catalog, ctx, entityRef);
          const transition = await requireStoredTransition(
            transitions,
            entityRef,
          );
          await authorizeEvidenceRecheck(ctx, projects, transition, entity);
          const applied = await evidence.refresh(entity, transition);
          return {
            view: await transitionView(
              ctx,
              projects,
              applied.transition,
              entity,
              toIsoDate(now()),
            ),
            changedItems: applied.changedItems,
            revokedSignOffs: applied.revokedSignOffs.map(s => s.role),
          };
        },
        r => ({
          version: r.view.version,
          changedItems: r.changedItems,
          revokedSignOffs: r.revokedSignOffs,
        }),
      );
      res.json(result.view);
    },
  );
}
