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

import type { Freeze } from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import {
  allFreezes,
  collisionsAmong,
  touches,
  type CollisionFilter,
  type CutoverDeps,
} from '../cutover/collisions';
import { changeCalendarIcs } from '../cutover/ics';
import { collisionsQuerySchema } from '../request/cutover';
import { parseInput } from '../request/parse';
import type { RouteOptions } from './routeOptions';

/** @internal */
export interface CalendarRoutesOptions extends RouteOptions {
  cutover: CutoverDeps;
  now?: () => Date;
}

/** A freeze scoped to another System or group than the filter's is left out. */
function freezeMatches(freeze: Freeze, filter: CollisionFilter): boolean {
  const { scope } = freeze;
  if (scope.kind === 'system' && filter.system) {
    return scope.ref === filter.system;
  }
  if (scope.kind === 'group' && filter.group) return scope.ref === filter.group;
  return true;
}

/**
 * `GET /calendar.ics`: the change windows of the projects the caller can
 * read and every freeze, as iCalendar, filtered like `GET /collisions`
 * (`system`, `group`, `entityRef` match a window whose blast radius
 * reaches them). Authorized like the rest of the API: a calendar client
 * sends the caller's token (see the README for feed URLs).
 * @internal
 */
export function registerCalendarRoutes(
  router: PmoRouter,
  options: CalendarRoutesOptions,
) {
  const { contextOf, cutover } = options;
  const now = options.now ?? (() => new Date());

  router.get('/calendar.ics', async (req, res) => {
    const ctx = await contextOf(req);
    const filter = parseInput(collisionsQuerySchema, req.query, 'query');
    const access = await ctx.requireReadFilter();
    let windows = await cutover.windows.listWindows({
      from: filter.from,
      to: filter.to,
      access,
    });
    if (filter.system || filter.group || filter.entityRef) {
      const run = await collisionsAmong(cutover, ctx, windows);
      windows = windows.filter(w =>
        touches(run.windows.get(w.id)?.radius ?? [], run.facts, filter),
      );
    }
    const freezes = (await allFreezes(cutover)).filter(
      f =>
        freezeMatches(f, filter) &&
        (!filter.to || f.startAt < filter.to) &&
        (!filter.from || !f.endAt || f.endAt > filter.from),
    );
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .send(changeCalendarIcs({ windows, freezes, now: now() }));
  });
}
