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

import { HEALTH_VALUES, PROJECT_PHASES } from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import { cursorParam, intParam, limitParam, list, single } from './lists';
import { entityRefSchema, projectKeySchema, systemRefSchema } from './refs';

/*
 * Queries of the snapshot routes: `/snapshots`, `/trends` and
 * `/reports/status.{md,csv}`.
 */

/** Trend weeks when not asked for, and the most that can be. */
const DEFAULT_WEEKS = 26;
const MAX_WEEKS = 104;

/** A snapshot id or `latest`. @internal */
export const snapshotIdSchema = z
  .string()
  .regex(/^(latest|[1-9]\d{0,9})$/, 'must be a snapshot id or latest')
  .transform(v => (v === 'latest' ? ('latest' as const) : Number(v)));

const portfolioFilters = {
  owner: list(entityRefSchema('group')).optional(),
  phase: list(z.enum(PROJECT_PHASES)).optional(),
  health: list(z.enum(HEALTH_VALUES)).optional(),
  system: systemRefSchema.optional(),
};

/** Query of GET /snapshots. @internal */
export const listSnapshotsQuerySchema = z
  .object({ limit: limitParam(500, 500) })
  .strict();

/** Query of GET /snapshots/:id/projects. @internal */
export const snapshotProjectsQuerySchema = z
  .object({
    ...portfolioFilters,
    limit: limitParam(200, 50),
    cursor: cursorParam,
  })
  .strict();

/** Query of GET /trends. @internal */
export const trendsQuerySchema = z
  .object({
    weeks: intParam(1, MAX_WEEKS).default(String(DEFAULT_WEEKS)),
    owner: portfolioFilters.owner,
    system: portfolioFilters.system,
  })
  .strict();

/** Query of GET /reports/status.{md,csv}. @internal */
export const reportQuerySchema = z
  .object({
    ...portfolioFilters,
    snapshot: single(snapshotIdSchema).optional(),
    project: single(projectKeySchema).optional(),
  })
  .strict();

/** `:format` of GET /reports/status.:format. @internal */
export const reportFormatSchema = z.enum(['md', 'csv'], {
  errorMap: () => ({ message: 'must be md or csv' }),
});

/** Body of POST /snapshots: nothing (or an empty object). @internal */
export const createSnapshotBodySchema = z.object({}).strict().optional();
