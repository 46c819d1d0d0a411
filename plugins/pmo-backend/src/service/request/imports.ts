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

import type { ExportKind } from '@infra-pmo/plugin-pmo-common';
import type { Request } from 'express';
import { z } from 'zod';
import { parseInput } from './parse';
import { versionSchema } from './fields';
import { createMilestoneSchema } from './milestones';
import { checkDateOrder, createProjectObject } from './projects';
import { createRaidItemObject, requireScores } from './raid';
import { projectKeySchema } from './refs';

/*
 * The CSV export and the bulk import: `/export/{kind}.csv` and
 * `POST /import`. Rows are validated one by one (service/importPlan.ts).
 */

/** An import document; rows are validated one by one (importPlan.ts). @internal */
export const importBodySchema = z
  .object({
    projects: z.array(z.unknown()).max(5000).optional(),
    milestones: z.array(z.unknown()).max(20000).optional(),
    raid: z.array(z.unknown()).max(20000).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** Query of POST /import. @internal */
export const importQuerySchema = z
  .object({
    kind: z.enum(['projects', 'milestones', 'raid']).optional(),
    dryRun: z.enum(['true', 'false']).optional(),
    /** MS Project XML: the project the plan is imported into. */
    projectKey: projectKeySchema.optional(),
    /** MS Project XML: the owner of the project when it is new. */
    owner: z.string().trim().min(1).max(200).optional(),
    /** MS Project XML: summary tasks of this outline level are milestones too. */
    summaryLevel: z
      .string()
      .regex(/^[1-9][0-9]?$/, 'must be an outline level from 1 to 99')
      .transform(Number)
      .optional(),
  })
  .strict();

/** `/export/{kind}.csv` and CSV imports. @internal */
export const exportKindSchema = z.enum(['projects', 'milestones', 'raid'], {
  errorMap: () => ({ message: 'must be one of projects, milestones, raid' }),
});

/** `:kind` of `/export/{kind}.csv`. @internal */
export const exportKindParam = (req: Request): ExportKind =>
  parseInput(exportKindSchema, req.params.kind, 'params.kind');

/*
 * One row of an import: the create shape plus the parent key, the id of a
 * milestone or RAID item, and the version last read. These schemas are the
 * only validation of import rows (the store only applies them); whether the
 * version is required depends on the database (an update of an existing
 * object) and is checked by the import plan (service/importPlan.ts).
 */
const importId = z
  .string({ invalid_type_error: 'must be a UUID' })
  .trim()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'must be a UUID',
  )
  .transform(v => v.toLowerCase());

/** A project row of an import. @internal */
export const importProjectRowSchema = createProjectObject
  .extend({ version: versionSchema().optional() })
  .superRefine(checkDateOrder);

/** A milestone row of an import; with an `id` it may update. @internal */
export const importMilestoneRowSchema = createMilestoneSchema.extend({
  projectKey: projectKeySchema,
  /** Id in the planning tool (mspdi:<UID>); kept, never cleared by import. */
  externalId: z.string().trim().min(1).max(200).optional(),
  id: importId.optional(),
  version: versionSchema().optional(),
});

/** A RAID row of an import; with an `id` it may update. @internal */
export const importRaidRowSchema = createRaidItemObject
  .extend({
    projectKey: projectKeySchema,
    id: importId.optional(),
    version: versionSchema().optional(),
  })
  .superRefine(requireScores);
