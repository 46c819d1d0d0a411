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
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PMO_PROJECTS_ANNOTATION,
  pmoProjectUpdatePermission,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type { LinkStore } from '../../database/PmoStore';
import { entityParam, keyParam } from '../request/refs';
import type { Request } from 'express';
import type { PmoRequestContext } from '../context';
import type { RouteOptions } from './routeOptions';
import { projectWrite } from './writes';

/** @internal */
export interface LinkRoutesOptions extends RouteOptions {
  links: LinkStore;
  /** Only entities the caller can see in the catalog can be linked. */
  catalog: CatalogService;
}

/**
 * Links between a project and catalog entities:
 * `GET /projects/:key/entities` (manual and annotation links) and
 * `PUT|DELETE /projects/:key/entities/:kind/:namespace/:name` (manual ones;
 * annotation links follow the entity's `pmo/projects` annotation).
 * @internal
 */
export function registerLinkRoutes(
  router: PmoRouter,
  options: LinkRoutesOptions,
) {
  const { links, contextOf, catalog } = options;

  router.get('/projects/:key/entities', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    res.json({ items: await links.listLinks({ projectKeys: [key] }) });
  });

  /** Adding and removing a manual link: a project update, audited. */
  const linkWrite = <T>(
    req: Request,
    action: 'add' | 'remove',
    fn: (ctx: PmoRequestContext, key: string, entityRef: string) => Promise<T>,
  ) => {
    const entityRef = entityParam(req);
    return projectWrite(
      contextOf,
      req,
      {
        eventId: 'entity-link',
        permission: pmoProjectUpdatePermission,
        meta: key => ({ key, entityRef, action }),
      },
      (ctx, key) => fn(ctx, key, entityRef),
      (result, key) => ({
        key,
        entityRef,
        action,
        ...(typeof result === 'boolean' ? { created: result } : {}),
      }),
    );
  };

  router.put(
    '/projects/:key/entities/:kind/:namespace/:name',
    async (req, res) => {
      const created = await linkWrite(req, 'add', async (ctx, key, ref) => {
        // Checked with the caller's credentials: no links to entities
        // that do not exist or that the caller cannot see.
        const entity = await catalog.getEntityByRef(ref, {
          credentials: await ctx.catalogCredentials(),
        });
        if (!entity) throw new NotFoundError(`Entity ${ref} not found`);
        return links.addManualLink(key, ref, await ctx.actor());
      });
      res.status(created ? 201 : 200).json({
        projectKey: keyParam(req),
        entityRef: entityParam(req),
        source: 'manual',
        created,
      });
    },
  );

  router.delete(
    '/projects/:key/entities/:kind/:namespace/:name',
    async (req, res) => {
      await linkWrite(req, 'remove', async (ctx, key, ref) => {
        if (!(await links.removeManualLink(key, ref, await ctx.actor()))) {
          throw new NotFoundError(
            `Project ${key} has no manual link to ${ref} (annotation links are removed by editing the entity's ${PMO_PROJECTS_ANNOTATION} annotation)`,
          );
        }
      });
      res.status(204).end();
    },
  );
}
