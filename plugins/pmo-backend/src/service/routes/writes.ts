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

import { NotFoundError } from '@backstage/errors';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { ProjectWithHealth } from '@infra-pmo/plugin-pmo-common';
import type { Request } from 'express';
import type {
  PmoRequestContext,
  ProjectPermission,
  RequestContextFactory,
} from '../context';
import { entityParam, idParam, keyParam } from '../request/refs';

/**
 * How the `/milestones/:id` and `/raid/:id` routes find their item.
 * @internal
 */
export interface ItemLookup<TItem> {
  load(id: string): Promise<TItem | undefined>;
  /** The 404 message, naming the kind and the id. */
  notFound(id: string): string;
}

/**
 * What a project-scoped write is audited and authorized as.
 * @internal
 */
export interface WriteSpec {
  eventId: string;
  permission: ProjectPermission;
}

/**
 * The skeleton every write on one item shares, kept in one place so that no
 * route can forget a step: inside the audit event (meta `{ id }`), load the
 * item (404 when missing), authorize `permission` on its project, then run
 * `fn` with the item as it is now.
 * @internal
 */
export async function itemWrite<TItem extends { projectKey: string }, T>(
  contextOf: RequestContextFactory,
  req: Request,
  spec: WriteSpec & { item: ItemLookup<TItem> },
  fn: (current: TItem, ctx: PmoRequestContext, id: string) => Promise<T>,
  successMeta?: (result: T, id: string) => JsonObject,
): Promise<T> {
  const ctx = await contextOf(req);
  const id = idParam(req);
  return ctx.audited(
    spec.eventId,
    { id },
    async () => {
      const current = await spec.item.load(id);
      if (!current) throw new NotFoundError(spec.item.notFound(id));
      await ctx.authorizeProject(spec.permission, current.projectKey);
      return fn(current, ctx, id);
    },
    successMeta && (result => successMeta(result, id)),
  );
}

/**
 * The same skeleton for a write under `/projects/:key`: inside the audit
 * event (meta from `meta`), authorize `permission` on the project (404 when
 * hidden), then run `fn` with the project as it is now.
 * @internal
 */
export async function projectWrite<T>(
  contextOf: RequestContextFactory,
  req: Request,
  spec: WriteSpec & { meta: (key: string) => JsonObject },
  fn: (
    ctx: PmoRequestContext,
    key: string,
    project: ProjectWithHealth,
  ) => Promise<T>,
  successMeta?: (result: T, key: string) => JsonObject,
): Promise<T> {
  const ctx = await contextOf(req);
  const key = keyParam(req);
  return ctx.audited(
    spec.eventId,
    spec.meta(key),
    async () => {
      const project = await ctx.authorizeProject(spec.permission, key);
      return fn(ctx, key, project);
    },
    successMeta && (result => successMeta(result, key)),
  );
}

/**
 * The writes of one kind of project item (milestones, RAID items): audit
 * events `<kind>-create|update|delete`, each authorized on the item's
 * project with the kind's permission.
 * @internal
 */
export interface ItemKind<TItem extends { id: string; projectKey: string }>
  extends ItemLookup<TItem> {
  kind: string;
  permissions: Record<'create' | 'update' | 'delete', ProjectPermission>;
  /** Extra audit meta of a created item (e.g. the RAID type). */
  createdMeta?: (item: TItem) => JsonObject;
}

/** @internal */
export function itemWriter<
  TItem extends { id: string; projectKey: string; version: number },
>(contextOf: RequestContextFactory, spec: ItemKind<TItem>) {
  const as = (action: 'create' | 'update' | 'delete') => ({
    eventId: `${spec.kind}-${action}`,
    permission: spec.permissions[action],
  });
  return {
    /** `POST /projects/:key/<items>` */
    create: (
      req: Request,
      fn: (ctx: PmoRequestContext, key: string) => Promise<TItem>,
    ) =>
      projectWrite(
        contextOf,
        req,
        { ...as('create'), meta: key => ({ projectKey: key }) },
        fn,
        (item, key) => ({
          projectKey: key,
          id: item.id,
          ...spec.createdMeta?.(item),
        }),
      ),
    /** `PATCH /<items>/:id` */
    update: (
      req: Request,
      fn: (
        current: TItem,
        ctx: PmoRequestContext,
        id: string,
      ) => Promise<TItem>,
    ) =>
      itemWrite(
        contextOf,
        req,
        { ...as('update'), item: spec },
        fn,
        (item, id) => ({
          id,
          projectKey: item.projectKey,
          version: item.version,
        }),
      ),
    /** `DELETE /<items>/:id` */
    remove: (
      req: Request,
      fn: (ctx: PmoRequestContext, id: string) => Promise<void>,
    ) =>
      itemWrite(
        contextOf,
        req,
        { ...as('delete'), item: spec },
        (_current, ctx, id) => fn(ctx, id),
      ),
  };
}

/**
 * The skeleton of every transition write: inside the audit event (meta
 * `{ entityRef, ...meta }`), authorize `permission`, then run `fn`.
 * @internal
 */
export async function transitionWrite<T>(
  contextOf: RequestContextFactory,
  req: Request,
  spec: { eventId: string; permission: BasicPermission; meta?: JsonObject },
  fn: (ctx: PmoRequestContext, entityRef: string) => Promise<T>,
  successMeta: (result: T) => JsonObject,
): Promise<T> {
  const ctx = await contextOf(req);
  const entityRef = entityParam(req);
  return ctx.audited(
    spec.eventId,
    { entityRef, ...spec.meta },
    async () => {
      await ctx.authorize(spec.permission);
      return fn(ctx, entityRef);
    },
    result => ({ entityRef, ...successMeta(result) }),
  );
}

/**
 * The skeleton of a write that is not on one project's item (freezes,
 * collision acknowledgements): inside the audit event (meta `meta`),
 * authorize `permission` when given (a basic permission), then run `fn`,
 * which authorizes the projects it touches through `ctx`.
 * @internal
 */
export async function auditedWrite<T>(
  contextOf: RequestContextFactory,
  req: Request,
  spec: { eventId: string; permission?: BasicPermission; meta: JsonObject },
  fn: (ctx: PmoRequestContext) => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const ctx = await contextOf(req);
  return ctx.audited(
    spec.eventId,
    spec.meta,
    async () => {
      if (spec.permission) await ctx.authorize(spec.permission);
      return fn(ctx);
    },
    successMeta,
  );
}
