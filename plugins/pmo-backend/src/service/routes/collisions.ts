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
import {
  pmoCollisionAcknowledgePermission,
  type BlastRadius,
  type Collision,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import type { PmoRouter } from '../../schema/typedRouter';
import { radiusIn } from '../cutover/catalogRadius';
import {
  collisionsAmong,
  windowsAroundProject,
  type CutoverDeps,
} from '../cutover/collisions';
import type { WindowWithMilestone } from '../../database/CutoverStore';
import { acknowledgeSchema, collisionsQuerySchema } from '../request/cutover';
import { parseInput } from '../request/parse';
import { keyParam } from '../request/refs';
import type { RouteOptions } from './routeOptions';
import { auditedWrite } from './writes';

/** @internal */
export interface CollisionRoutesOptions extends RouteOptions {
  cutover: CutoverDeps;
  now?: () => Date;
}

/** `overlap:<uuid>:<uuid>`, `freeze:<uuid>:<freeze id>`, `unapproved:<uuid>`. */
const findingIdSchema = z
  .string()
  .regex(/^(overlap|freeze|unapproved|hypercare):[A-Za-z0-9_:./-]{1,400}$/, {
    message: 'must be a collision id',
  });

const involves = (c: Collision, key: string) =>
  c.a.projectKey === key || (c.b.kind === 'window' && c.b.projectKey === key);

/**
 * Collisions (`GET /projects/:key/collisions`, `GET /collisions`), their
 * acknowledgement by the CAB (`POST /collisions/:id/acknowledgement`) and
 * the blast radius of a project (`GET /projects/:key/blast-radius`).
 * Only windows of projects the caller can read are compared.
 * @internal
 */
export function registerCollisionRoutes(
  router: PmoRouter,
  options: CollisionRoutesOptions,
) {
  const { contextOf, cutover } = options;
  const now = options.now ?? (() => new Date());

  router.get('/projects/:key/collisions', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    const windows = await windowsAroundProject(cutover, ctx, key);
    const { collisions } = await collisionsAmong(cutover, ctx, windows);
    res.json({ items: collisions.filter(c => involves(c, key)) });
  });

  router.get('/collisions', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(collisionsQuerySchema, req.query, 'query');
    const access = await ctx.requireReadFilter();
    const windows = await cutover.windows.listWindows({
      from: query.from,
      to: query.to,
      access,
    });
    const { collisions } = await collisionsAmong(cutover, ctx, windows, query);
    res.json({ items: collisions });
  });

  router.post('/collisions/:id/acknowledgement', async (req, res) => {
    const id = parseInput(findingIdSchema, req.params.id, 'params.id');
    const acknowledged = await auditedWrite(
      contextOf,
      req,
      { eventId: 'collision-acknowledge', meta: { id } },
      async ctx => {
        const [kind, first, second] = id.split(':');
        const notFound = () => new NotFoundError(`Collision ${id} not found`);
        // The CAB decides for every project of the finding: each window's
        // project must be writable (hidden ones are a 404).
        const sides: WindowWithMilestone[] = [];
        for (const windowId of kind === 'overlap' ? [first, second] : [first]) {
          const window = await cutover.windows.getWindow(windowId ?? '');
          if (!window) throw notFound();
          await ctx.authorizeProject(
            pmoCollisionAcknowledgePermission,
            window.projectKey,
          );
          sides.push(window as WindowWithMilestone);
        }
        const { reason } = parseInput(acknowledgeSchema, req.body, 'body');
        const around = await windowsAroundProject(
          cutover,
          ctx,
          sides[0].projectKey,
        );
        const run = await collisionsAmong(cutover, ctx, around);
        const finding = run.collisions.find(c => c.id === id);
        if (!finding) throw notFound();
        const acknowledgement = {
          reason,
          by: (await ctx.actor()).ref,
          at: now().toISOString(),
        };
        await cutover.acks.acknowledge({
          findingId: id,
          fingerprint: run.fingerprints.get(id)!,
          ...acknowledgement,
        });
        return { ...finding, acknowledgement };
      },
      finding => ({ id: finding.id, kind: finding.kind }),
    );
    res.json(acknowledged);
  });

  router.get('/projects/:key/blast-radius', async (req, res) => {
    const ctx = await contextOf(req);
    const key = keyParam(req);
    await ctx.readableProject(key);
    const [links, windows] = await Promise.all([
      cutover.links.listLinks({ projectKeys: [key] }),
      cutover.windows.listWindows({ projectKeys: [key] }),
    ]);
    const roots = [
      ...links.map(l => l.entityRef),
      ...windows.flatMap(w =>
        w.milestoneEntityRef ? [w.milestoneEntityRef] : [],
      ),
    ].map(ref => ref.toLocaleLowerCase('en-US'));
    const graph = await cutover.radius.graphOf(
      roots,
      await ctx.catalogCredentials(),
      (
        await ctx.actor()
      ).ref,
    );
    const facts = new Map(graph.facts.map(f => [f.ref, f]));
    const entries = await radiusIn(graph, roots, cutover.radius.maxDepth);
    const body: BlastRadius = {
      projectKey: key,
      maxDepth: cutover.radius.maxDepth,
      entities: entries.map(entry => {
        const f = facts.get(entry.ref);
        return {
          ...entry,
          groups: f?.groups ?? [],
          ...(f?.system ? { system: f.system } : {}),
          ...(f?.tier ? { tier: f.tier } : {}),
        };
      }),
    };
    res.json(body);
  });
}
