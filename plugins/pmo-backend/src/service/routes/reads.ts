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

import type { Page } from '@infra-pmo/plugin-pmo-common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ProjectAccessFilter } from '../../database/PmoStore';
import type { RequestContextFactory } from '../context';
import { emptyPage } from '../request/lists';
import { parseInput } from '../request/parse';

/**
 * A cross-project search route (`GET /milestones`, `GET /raid`): the query
 * parsed by `schema`, the search run under the caller's read filter, an
 * empty page for a caller who may read no project.
 * @internal
 */
export function searchRoute<TSchema extends z.ZodTypeAny, TItem>(
  contextOf: RequestContextFactory,
  schema: TSchema,
  search: (
    query: z.output<TSchema> & { access?: ProjectAccessFilter },
  ) => Promise<Page<TItem>>,
) {
  return async (req: Request, res: Response) => {
    const ctx = await contextOf(req);
    const query = parseInput(schema, req.query, 'query');
    res.json(
      await ctx.readFiltered(emptyPage<TItem>(), access =>
        search({ ...query, access }),
      ),
    );
  };
}
