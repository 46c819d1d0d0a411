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

import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CHECKLIST_ITEM_STATUSES,
  DEFAULT_READINESS_TEMPLATES,
  PMO_RUN_OWNER_ANNOTATION,
  PMO_SERVICE_TIER_ANNOTATION,
  SIGNOFF_ROLES,
  TRANSITION_STATES,
  blockingItems,
  isIsoDate,
  lifecycleMismatch,
  parseServiceTier,
  pmoTransitionReadPermission,
  pmoTransitionSignOffPermission,
  pmoTransitionUpdatePermission,
  readinessPercent,
  toIsoDate,
  type ReadinessTemplate,
  type ServiceTier,
  type SignOffRole,
  type Transition,
  type TransitionBoard,
  type TransitionBoardRow,
  type TransitionBrief,
  type TransitionState,
  type TransitionView,
} from '@infra-pmo/plugin-pmo-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { PmoStore } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';
import {
  type Credentials,
  createRequestHelpers,
  entityParam,
} from './requestHelpers';
import { ITEM_KEY_PATTERN } from './transitionConfig';
import { httpUrlSchema, parseInput, projectKeySchema } from './validation';

/** @internal */
export interface TransitionRouterOptions {
  store: TransitionStore;
  /** Only `getProject`: the delivery owner is the project's owner. */
  pmoStore: Pick<PmoStore, 'getProject'>;
  httpAuth: HttpAuthService;
  /** Own service credentials for catalog reads on behalf of services. */
  auth: AuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  /** Per tier; defaults to the built-in templates. */
  templates?: Record<ServiceTier, ReadinessTemplate>;
  /** For tests. */
  now?: () => Date;
}

const DEFAULT_BOARD_LIMIT = 100;
const MAX_BOARD_LIMIT = 500;
/** Only what the transition routes read from the catalog. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.owner',
  'spec.lifecycle',
  'relations',
];

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a date formatted YYYY-MM-DD' });

const version = z
  .number({
    required_error: 'is required (the version last read)',
    invalid_type_error: 'must be an integer',
  })
  .int('must be an integer')
  .nonnegative('must not be negative');

const text = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`);

const putTransitionSchema = z
  .object({
    projectKey: projectKeySchema.nullable().optional(),
    targetDate: isoDate.nullable().optional(),
    version: version.optional(),
  })
  .strict();

const updateItemSchema = z
  .object({
    status: z.enum(CHECKLIST_ITEM_STATUSES).optional(),
    evidenceUrl: httpUrlSchema
      .pipe(z.string().max(2000, 'must be at most 2000 characters'))
      .nullable()
      .optional(),
    expiresAt: isoDate.nullable().optional(),
    waiverReason: text(2000).nullable().optional(),
    note: text(2000).nullable().optional(),
    version,
  })
  .strict();

const signOffSchema = z
  .object({ role: z.enum(SIGNOFF_ROLES), version: version.optional() })
  .strict();

const roleParamSchema = z.enum(SIGNOFF_ROLES);

const stateSchema = z
  .object({
    target: z.enum(TRANSITION_STATES),
    reason: text(2000).optional(),
    version: version.optional(),
  })
  .strict();

const itemKeySchema = z
  .string()
  .regex(ITEM_KEY_PATTERN, 'must be a checklist item key like runbook');

/** `a,b` or repeated `?state=a&state=b`. */
const listOf = <T extends [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v => (Array.isArray(v) ? v : [v]).flatMap(s => s.split(',')))
    .pipe(z.array(z.enum(values)));

const boardQuerySchema = z
  .object({
    state: listOf(TRANSITION_STATES as unknown as [string, ...string[]])
      .optional()
      .transform(v => v as TransitionState[] | undefined),
    mismatch: z.enum(['true', 'false']).optional(),
    limit: z.coerce
      .number()
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(MAX_BOARD_LIMIT, `must be at most ${MAX_BOARD_LIMIT}`)
      .optional(),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

/** Lower-cased, like stored entity refs: owners compare case-insensitively. */
function normalizeRef(ref: string, defaultKind: string, namespace: string) {
  const parsed = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: namespace,
  });
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/**
 * The owner of an entity: the resolved ownedBy relation, else spec.owner.
 * Also used by the "my items" route to find pending sign-offs.
 * @internal
 */
export function entityOwner(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return normalizeRef(owner, 'group', entity.metadata.namespace ?? 'default');
  } catch {
    return undefined;
  }
}

/**
 * `pmo/run-owner`, else the entity owner: who gives the run sign-off.
 * @internal
 */
export function runOwnerOf(entity: Entity): string | undefined {
  const annotation = entity.metadata.annotations?.[PMO_RUN_OWNER_ANNOTATION];
  if (annotation?.trim()) {
    try {
      return normalizeRef(
        annotation.trim(),
        'group',
        entity.metadata.namespace ?? 'default',
      );
    } catch {
      // An unparsable annotation falls back to the owner.
    }
  }
  return entityOwner(entity);
}

function lifecycleOf(entity: Entity | undefined): string | undefined {
  const value = entity?.spec?.lifecycle;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The run-transition routes, mounted into the main `/api/pmo` router:
 *
 * - `GET|PUT /entities/:kind/:namespace/:name/transition`
 * - `PATCH .../transition/items/:itemKey`
 * - `POST .../transition/signoffs`, `DELETE .../transition/signoffs/:role`
 * - `POST .../transition/state`
 * - `GET /transitions?state=&mismatch=true&limit=&cursor=`
 *
 * The entity is read through the catalog with the caller's credentials, so
 * an entity the caller cannot see is a 404 like one that does not exist.
 * Errors are thrown as `@backstage/errors` (no error middleware).
 * @internal
 */
export function createTransitionRouter(
  options: TransitionRouterOptions,
): express.Router {
  const {
    store,
    pmoStore,
    httpAuth,
    auth,
    userInfo,
    permissions,
    auditor,
    catalog,
  } = options;
  const templates = options.templates ?? DEFAULT_READINESS_TEMPLATES;
  const now = options.now ?? (() => new Date());
  const today = () => toIsoDate(now());

  const router = Router();
  // A no-op when the main router already parsed the body.
  router.use(express.json({ limit: '1mb' }));

  const { credentialsOf, catalogCredentials, actorOf, authorize, audited } =
    createRequestHelpers({ httpAuth, auth, userInfo, permissions, auditor });

  async function entityOf(
    entityRef: string,
    credentials: Credentials,
  ): Promise<Entity> {
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await catalogCredentials(credentials),
    });
    if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
    return entity;
  }

  async function requireTransition(entityRef: string): Promise<Transition> {
    const transition = await store.getTransition(entityRef);
    if (!transition) {
      throw new NotFoundError(
        `${entityRef} has no run transition; PUT one to start it`,
      );
    }
    return transition;
  }

  /** Delivery: the project owner, else the entity owner. */
  async function deliveryOwnerOf(
    transition: Pick<Transition, 'projectKey'>,
    entity: Entity,
  ): Promise<string | undefined> {
    if (transition.projectKey) {
      const project = await pmoStore.getProject(transition.projectKey);
      if (project) return project.owner.toLocaleLowerCase('en-US');
    }
    return entityOwner(entity);
  }

  async function view(
    transition: Transition,
    entity: Entity,
  ): Promise<TransitionView> {
    const t = today();
    const lifecycle = lifecycleOf(entity);
    return {
      ...transition,
      readinessPercent: readinessPercent(transition.items, t),
      blocking: blockingItems(transition.items, t),
      deliveryOwner: (await deliveryOwnerOf(transition, entity)) ?? '',
      runOwner: runOwnerOf(entity) ?? '',
      ...(lifecycle ? { lifecycle } : {}),
      lifecycleMismatch: lifecycleMismatch(lifecycle, transition.state),
    };
  }

  const base = '/entities/:kind/:namespace/:name/transition';

  router.get(base, async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityParam(req);
    await authorize(credentials, pmoTransitionReadPermission);
    const entity = await entityOf(entityRef, credentials);
    res.json(await view(await requireTransition(entityRef), entity));
  });

  router.put(base, async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityParam(req);
    const { created, result } = await audited(
      req,
      'transition-upsert',
      { entityRef },
      async () => {
        await authorize(credentials, pmoTransitionUpdatePermission);
        const body = parseInput(putTransitionSchema, req.body ?? {}, 'body');
        const entity = await entityOf(entityRef, credentials);
        const actor = await actorOf(credentials);
        const existing = await store.getTransition(entityRef);
        if (!existing) {
          const tier = parseServiceTier(
            entity.metadata.annotations?.[PMO_SERVICE_TIER_ANNOTATION],
          );
          const transition = await store.createTransition(
            {
              entityRef,
              projectKey: body.projectKey ?? undefined,
              targetDate: body.targetDate ?? undefined,
              tier,
              template: templates[tier],
            },
            actor,
          );
          return { created: true, result: await view(transition, entity) };
        }
        if (body.version === undefined) {
          throw new InputError(
            `Invalid request: body.version: is required to update the existing transition of ${entityRef} (current version ${existing.version})`,
          );
        }
        const transition = await store.updateTransition(
          entityRef,
          {
            projectKey: body.projectKey,
            targetDate: body.targetDate,
            version: body.version,
          },
          actor,
        );
        return { created: false, result: await view(transition, entity) };
      },
      r => ({ entityRef, created: r.created, version: r.result.version }),
    );
    res.status(created ? 201 : 200).json(result);
  });

  router.patch(`${base}/items/:itemKey`, async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityParam(req);
    const itemKey = parseInput(
      itemKeySchema,
      req.params.itemKey,
      'params.itemKey',
    );
    const result = await audited(
      req,
      'transition-item-update',
      { entityRef, itemKey },
      async () => {
        await authorize(credentials, pmoTransitionUpdatePermission);
        const patch = parseInput(updateItemSchema, req.body, 'body');
        const entity = await entityOf(entityRef, credentials);
        const runOwner = runOwnerOf(entity);
        if (patch.status === 'waived' && !runOwner) {
          throw new InputError(
            `Invalid request: body.status: ${entityRef} has no owner and no ${PMO_RUN_OWNER_ANNOTATION} annotation to own the waiver risk`,
          );
        }
        const updated = await store.updateItem(
          entityRef,
          itemKey,
          patch,
          await actorOf(credentials),
          { runOwner: runOwner ?? '' },
        );
        return {
          ...(await view(updated.transition, entity)),
          revokedSignOffs: updated.revokedSignOffs,
        };
      },
      r => ({
        entityRef,
        itemKey,
        version: r.version,
        revokedSignOffs: r.revokedSignOffs.map(s => s.role),
      }),
    );
    res.json(result);
  });

  router.post(`${base}/signoffs`, async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityParam(req);
    const result = await audited(
      req,
      'transition-signoff',
      { entityRef, role: String(req.body?.role ?? '') },
      async () => {
        await authorize(credentials, pmoTransitionSignOffPermission);
        const body = parseInput(signOffSchema, req.body, 'body');
        if (credentials.principal.type !== 'user') {
          throw new NotAllowedError('Only users can sign off a transition');
        }
        const entity = await entityOf(entityRef, credentials);
        const transition = await requireTransition(entityRef);
        const group =
          body.role === 'delivery'
            ? await deliveryOwnerOf(transition, entity)
            : runOwnerOf(entity);
        if (!group) {
          throw new NotAllowedError(
            `Nobody can give the ${body.role} sign-off: ${entityRef} has no owner`,
          );
        }
        const info = await userInfo.getUserInfo(credentials);
        const memberships = info.ownershipEntityRefs.map(r =>
          r.toLocaleLowerCase('en-US'),
        );
        if (!memberships.includes(group)) {
          throw new NotAllowedError(
            `Only members of ${group} can give the ${body.role} sign-off`,
          );
        }
        const signed = await store.signOff(
          entityRef,
          body.role,
          { ref: info.userEntityRef },
          body.version,
        );
        return view(signed, entity);
      },
      r => ({ entityRef, version: r.version }),
    );
    res.status(201).json(result);
  });

  router.delete(`${base}/signoffs/:role`, async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityParam(req);
    const role: SignOffRole = parseInput(
      roleParamSchema,
      req.params.role,
      'params.role',
    );
    const result = await audited(
      req,
      'transition-signoff-revoke',
      { entityRef, role },
      async () => {
        await authorize(credentials, pmoTransitionSignOffPermission);
        const entity = await entityOf(entityRef, credentials);
        const revoked = await store.revokeSignOff(
          entityRef,
          role,
          await actorOf(credentials),
        );
        return view(revoked, entity);
      },
      r => ({ entityRef, role, version: r.version }),
    );
    res.json(result);
  });

  router.post(`${base}/state`, async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = entityParam(req);
    const result = await audited(
      req,
      'transition-state',
      { entityRef, target: String(req.body?.target ?? '') },
      async () => {
        await authorize(credentials, pmoTransitionUpdatePermission);
        const body = parseInput(stateSchema, req.body, 'body');
        const entity = await entityOf(entityRef, credentials);
        const moved = await store.moveState(
          entityRef,
          body.target,
          { reason: body.reason, version: body.version },
          await actorOf(credentials),
        );
        return view(moved, entity);
      },
      r => ({ entityRef, state: r.state, version: r.version }),
    );
    res.json(result);
  });

  router.get('/transitions', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(boardQuerySchema, req.query, 'query');
    await authorize(credentials, pmoTransitionReadPermission);
    const page = await store.listTransitions({
      states: query.state,
      limit: query.limit ?? DEFAULT_BOARD_LIMIT,
      cursor: query.cursor,
    });
    // One catalog call per page: current lifecycle, and entities the
    // caller cannot see are left out.
    const { items: entities } =
      page.items.length > 0
        ? await catalog.getEntitiesByRefs(
            {
              entityRefs: page.items.map(t => t.entityRef),
              fields: ENTITY_FIELDS,
            },
            { credentials: await catalogCredentials(credentials) },
          )
        : { items: [] };
    const t = today();
    const rows: TransitionBoardRow[] = [];
    page.items.forEach((transition, i) => {
      const entity = entities[i];
      if (!entity) return;
      const lifecycle = lifecycleOf(entity);
      const mismatch = lifecycleMismatch(lifecycle, transition.state);
      if (query.mismatch === 'true' && !mismatch) return;
      if (query.mismatch === 'false' && mismatch) return;
      rows.push({
        entityRef: transition.entityRef,
        ...(transition.projectKey ? { projectKey: transition.projectKey } : {}),
        state: transition.state,
        tier: transition.tier,
        readinessPercent: readinessPercent(transition.items, t),
        ...(lifecycle ? { lifecycle } : {}),
        lifecycleMismatch: mismatch,
        signOffs: transition.signOffs,
        ...(transition.targetDate ? { targetDate: transition.targetDate } : {}),
        ...(transition.hypercareEnd
          ? { hypercareEnd: transition.hypercareEnd }
          : {}),
        updatedAt: transition.updatedAt,
      });
    });
    const board: TransitionBoard = {
      items: rows,
      countsByState: await store.countByState(),
      pageInfo: page.nextCursor ? { nextCursor: page.nextCursor } : {},
    };
    res.json(board);
  });

  return router;
}

/**
 * Transition briefs for the entity summaries and the portfolio: one entry
 * per entity that has a transition, in a bounded number of queries. Pass the
 * catalog lifecycles when known to get `mismatch`.
 * @internal
 */
export function getTransitionBriefs(
  store: TransitionStore,
  entityRefs: string[],
  lifecycles?: Map<string, string | undefined>,
): Promise<Map<string, TransitionBrief>> {
  return store.getTransitionBriefs(entityRefs, lifecycles);
}

/**
 * Number of transitions per state, for the portfolio roll-up.
 * @internal
 */
export function countTransitionsByState(
  store: TransitionStore,
): Promise<Record<TransitionState, number>> {
  return store.countByState();
}
