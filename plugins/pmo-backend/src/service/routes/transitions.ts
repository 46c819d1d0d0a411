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

import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_READINESS_TEMPLATES,
  PMO_RUN_OWNER_ANNOTATION,
  PMO_SERVICE_TIER_ANNOTATION,
  parseServiceTier,
  pmoTransitionReadPermission,
  pmoTransitionSignOffPermission,
  pmoTransitionUpdatePermission,
  toIsoDate,
  type ReadinessTemplate,
  type ServiceTier,
  type SignOffRole,
  type Transition,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type { ProjectStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import { assertRelinkable } from '../../database/transitionRules';
import type { PmoRequestContext } from '../context';
import { parseInput } from '../request/parse';
import { entityParam } from '../request/refs';
import {
  boardQuerySchema,
  itemKeySchema,
  putTransitionSchema,
  revokeSignOffQuerySchema,
  roleParamSchema,
  signOffSchema,
  stateSchema,
  updateItemSchema,
} from '../request/transitions';
import {
  authorizeItemUpdate,
  authorizeRelink,
  authorizeSignOff,
  requireVersion,
} from '../transitionGuards';
import { runOwnerOf } from '../transitionOwners';
import {
  requireEntity,
  requireStoredTransition,
  transitionBoard,
  transitionView,
} from '../transitionViews';
import type { ChecklistEvidence } from '../../evidence/checklistEvidence';
import { transitionWrite } from './writes';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface TransitionRoutesOptions extends RouteOptions {
  transitions: TransitionStore;
  /** Project owners (the delivery owner) and relinks from a deleted project. */
  projects: Pick<ProjectStore, 'getProjects'>;
  catalog: CatalogService;
  /** Per tier; defaults to the built-in templates. */
  templates?: Record<ServiceTier, ReadinessTemplate>;
  /** Evaluates checklist fact rules; without it, items wait for the task. */
  evidence?: ChecklistEvidence;
  /** For tests. */
  now?: () => Date;
}

/**
 * The run-transition routes:
 *
 * - `GET|PUT /entities/:kind/:namespace/:name/transition`
 * - `PATCH .../transition/items/:itemKey`
 * - `POST .../transition/signoffs`, `DELETE .../transition/signoffs/:role`
 * - `POST .../transition/state`
 * - `GET /transitions?state=&mismatch=true&limit=&cursor=`
 *
 * The entity is read through the catalog with the caller's credentials, so
 * an entity the caller cannot see is a 404 like one that does not exist.
 * Writes that touch a project are authorized on it: linking or unlinking
 * (pmo.project.update on the old and the new one), a waiver (pmo.raid.create
 * on the linked one). A linked project the caller may not read is redacted
 * from every view. Errors are thrown as `@backstage/errors`.
 * @internal
 */
export function registerTransitionRoutes(
  router: PmoRouter,
  options: TransitionRoutesOptions,
) {
  const {
    transitions: store,
    projects: pmoStore,
    contextOf,
    catalog,
  } = options;
  const templates = options.templates ?? DEFAULT_READINESS_TEMPLATES;
  const now = options.now ?? (() => new Date());
  const today = () => toIsoDate(now());

  const entityOf = (ctx: PmoRequestContext, entityRef: string) =>
    requireEntity(catalog, ctx, entityRef);

  const requireTransition = (entityRef: string) =>
    requireStoredTransition(store, entityRef);

  const view = (ctx: PmoRequestContext, t: Transition, entity: Entity) =>
    transitionView(ctx, pmoStore, t, entity, today());

  const base = '/entities/:kind/:namespace/:name/transition';

  router.get(base, async (req, res) => {
    const ctx = await contextOf(req);
    const entityRef = entityParam(req);
    await ctx.authorize(pmoTransitionReadPermission);
    const entity = await entityOf(ctx, entityRef);
    res.json(await view(ctx, await requireTransition(entityRef), entity));
  });

  router.put(base, async (req, res) => {
    const { created, result } = await transitionWrite(
      contextOf,
      req,
      {
        eventId: 'transition-upsert',
        permission: pmoTransitionUpdatePermission,
      },
      async (ctx, entityRef) => {
        const body = parseInput(putTransitionSchema, req.body ?? {}, 'body');
        const entity = await entityOf(ctx, entityRef);
        const actor = await ctx.actor();
        const existing = await store.getTransition(entityRef);
        if (!existing) {
          const projectKey = body.projectKey ?? undefined;
          await authorizeRelink(ctx, pmoStore, undefined, projectKey);
          const tier = parseServiceTier(
            entity.metadata.annotations?.[PMO_SERVICE_TIER_ANNOTATION],
          );
          let transition = await store.createTransition(
            {
              entityRef,
              projectKey,
              targetDate: body.targetDate ?? undefined,
              tier,
              template: templates[tier],
            },
            actor,
          );
          // What the catalog already evidences is done from the start.
          if (options.evidence) {
            transition = (await options.evidence.refresh(entity, transition))
              .transition;
          }
          return {
            created: true,
            result: await view(ctx, transition, entity),
            projectKey: projectKey ?? null,
          };
        }
        if (body.version === undefined) {
          throw new InputError(
            `Invalid request: body.version: is required to update the existing transition of ${entityRef} (current version ${existing.version})`,
          );
        }
        requireVersion(existing, body.version);
        // Setting the same key again is not a change.
        const relink =
          body.projectKey !== undefined &&
          (body.projectKey ?? undefined) !== existing.projectKey;
        if (relink) {
          assertRelinkable(entityRef, existing.state);
          await authorizeRelink(
            ctx,
            pmoStore,
            existing.projectKey,
            body.projectKey ?? undefined,
          );
        }
        const transition = await store.updateTransition(
          entityRef,
          {
            projectKey: relink ? body.projectKey ?? null : undefined,
            targetDate: body.targetDate,
            version: body.version,
          },
          actor,
        );
        return {
          created: false,
          result: await view(ctx, transition, entity),
          projectKey: transition.projectKey ?? null,
          ...(relink ? { revokedSignOffs: existing.signOffs.length } : {}),
        };
      },
      r => ({
        created: r.created,
        version: r.result.version,
        projectKey: r.projectKey,
        ...(r.revokedSignOffs !== undefined
          ? { revokedSignOffs: r.revokedSignOffs }
          : {}),
      }),
    );
    res.status(created ? 201 : 200).json(result);
  });

  router.patch(`${base}/items/:itemKey`, async (req, res) => {
    const itemKey = parseInput(
      itemKeySchema,
      req.params.itemKey,
      'params.itemKey',
    );
    let status: string | undefined;
    const result = await transitionWrite(
      contextOf,
      req,
      {
        eventId: 'transition-item-update',
        permission: pmoTransitionUpdatePermission,
        meta: { itemKey },
      },
      async (ctx, entityRef) => {
        const patch = parseInput(updateItemSchema, req.body, 'body');
        status = patch.status;
        const entity = await entityOf(ctx, entityRef);
        const runOwner = runOwnerOf(entity);
        if (patch.status === 'waived' && !runOwner) {
          throw new InputError(
            `Invalid request: body.status: ${entityRef} has no owner and no ${PMO_RUN_OWNER_ANNOTATION} annotation to own the waiver risk`,
          );
        }
        const transition = await requireTransition(entityRef);
        requireVersion(transition, patch.version);
        await authorizeItemUpdate(ctx, transition, itemKey, patch);
        const updated = await store.updateItem(
          entityRef,
          itemKey,
          patch,
          await ctx.actor(),
          { runOwner: runOwner ?? '' },
        );
        return {
          ...(await view(ctx, updated.transition, entity)),
          revokedSignOffs: updated.revokedSignOffs,
        };
      },
      r => ({
        itemKey,
        ...(status ? { status } : {}),
        version: r.version,
        revokedSignOffs: r.revokedSignOffs.map(s => s.role),
      }),
    );
    res.json(result);
  });

  router.post(`${base}/signoffs`, async (req, res) => {
    const result = await transitionWrite(
      contextOf,
      req,
      {
        eventId: 'transition-signoff',
        permission: pmoTransitionSignOffPermission,
      },
      async (ctx, entityRef) => {
        const body = parseInput(signOffSchema, req.body, 'body');
        const entity = await entityOf(ctx, entityRef);
        const transition = await requireTransition(entityRef);
        requireVersion(transition, body.version);
        const signer = await authorizeSignOff(
          ctx,
          pmoStore,
          transition,
          entity,
          body.role,
        );
        const signed = await store.signOff(
          entityRef,
          body.role,
          { ref: signer.userEntityRef },
          body.version,
        );
        return { view: await view(ctx, signed, entity), role: body.role };
      },
      r => ({ role: r.role, version: r.view.version }),
    );
    res.status(201).json(result.view);
  });

  router.delete(`${base}/signoffs/:role`, async (req, res) => {
    const role: SignOffRole = parseInput(
      roleParamSchema,
      req.params.role,
      'params.role',
    );
    const result = await transitionWrite(
      contextOf,
      req,
      {
        eventId: 'transition-signoff-revoke',
        permission: pmoTransitionSignOffPermission,
        meta: { role },
      },
      async (ctx, entityRef) => {
        const query = parseInput(revokeSignOffQuerySchema, req.query, 'query');
        const entity = await entityOf(ctx, entityRef);
        const revoked = await store.revokeSignOff(
          entityRef,
          role,
          await ctx.actor(),
          query.version,
        );
        return view(ctx, revoked, entity);
      },
      r => ({ role, version: r.version }),
    );
    res.json(result);
  });

  router.post(`${base}/state`, async (req, res) => {
    const result = await transitionWrite(
      contextOf,
      req,
      {
        eventId: 'transition-state',
        permission: pmoTransitionUpdatePermission,
      },
      async (ctx, entityRef) => {
        const body = parseInput(stateSchema, req.body, 'body');
        const entity = await entityOf(ctx, entityRef);
        const moved = await store.moveState(
          entityRef,
          body.target,
          { reason: body.reason, version: body.version },
          await ctx.actor(),
        );
        return view(ctx, moved, entity);
      },
      r => ({ state: r.state, version: r.version }),
    );
    res.json(result);
  });

  router.get('/transitions', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(boardQuerySchema, req.query, 'query');
    await ctx.authorize(pmoTransitionReadPermission);
    const board = await transitionBoard(ctx, store, catalog, {
      states: query.state,
      limit: query.limit,
      cursor: query.cursor,
      mismatch: query.mismatch,
      today: today(),
    });
    res.json(board);
  });
}
