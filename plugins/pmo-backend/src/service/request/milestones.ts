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

import {
  MILESTONE_STATUSES,
  pmoValidationMessages as messages,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import { isoDateSchema, titleSchema, versionSchema } from './fields';
import {
  cursorParam,
  flagParam,
  isoDateParam,
  limitParam,
  list,
} from './lists';
import { entityRefSchema, projectKeySchema } from './refs';

/*
 * Milestone bodies and queries: POST /projects/:key/milestones,
 * PATCH /milestones/:id and GET /milestones.
 */

const milestoneFields = {
  baselineDate: isoDateSchema,
  forecastDate: isoDateSchema,
  actualDate: isoDateSchema,
  status: z.enum(MILESTONE_STATUSES),
  gate: z.boolean(),
  gateApprovers: z.array(entityRefSchema('group')).max(20),
  changeRecord: z.string().trim().min(1).max(100),
  entityRef: entityRefSchema('component'),
};

/** Body of POST /projects/:key/milestones. @internal */
export const createMilestoneSchema = z
  .object({
    title: titleSchema,
    baselineDate: milestoneFields.baselineDate.optional(),
    forecastDate: milestoneFields.forecastDate.optional(),
    actualDate: milestoneFields.actualDate.optional(),
    status: milestoneFields.status.optional(),
    gate: milestoneFields.gate.optional(),
    gateApprovers: milestoneFields.gateApprovers.optional(),
    changeRecord: milestoneFields.changeRecord.optional(),
    entityRef: milestoneFields.entityRef.optional(),
  })
  .strict();

/** Body of PATCH /milestones/:id; `null` clears a field. @internal */
export const updateMilestoneSchema = z
  .object({
    title: titleSchema.optional(),
    baselineDate: milestoneFields.baselineDate.nullable().optional(),
    forecastDate: milestoneFields.forecastDate.nullable().optional(),
    actualDate: milestoneFields.actualDate.nullable().optional(),
    status: milestoneFields.status.optional(),
    gate: milestoneFields.gate.optional(),
    gateApprovers: milestoneFields.gateApprovers.nullable().optional(),
    changeRecord: milestoneFields.changeRecord.nullable().optional(),
    entityRef: milestoneFields.entityRef.nullable().optional(),
    version: versionSchema(),
  })
  .strict();

/** Query of GET /milestones (every readable project). @internal */
export const searchMilestonesQuerySchema = z
  .object({
    projectKey: list(projectKeySchema).optional(),
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    overdue: flagParam.optional(),
    slipping: flagParam.optional(),
    limit: limitParam(500, 50),
    cursor: cursorParam,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: messages.notBefore('from'),
      });
    }
  });
