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
  RAID_STATUSES,
  RAID_TYPES,
  SCORED_RAID_TYPES,
  checkScoresPresent,
  pmoValidationMessages as messages,
  type RaidItem,
  type UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import {
  isoDateSchema,
  textSchema,
  titleSchema,
  versionSchema,
} from './fields';
import { cursorParam, limitParam, list } from './lists';
import { invalidRequest } from './parse';
import { entityRefSchema, projectKeySchema } from './refs';

/*
 * RAID bodies and queries: POST /projects/:key/raid, PATCH /raid/:id,
 * GET /projects/:key/raid and GET /raid.
 */

const oneToFive = z
  .number({ invalid_type_error: messages.scoreInteger })
  .int(messages.scoreInteger)
  .min(1, messages.score)
  .max(5, messages.score);

const raidFields = {
  type: z.enum(RAID_TYPES),
  description: textSchema(10000),
  owner: textSchema(200),
  action: textSchema(2000),
  dueDate: isoDateSchema,
  status: z.enum(RAID_STATUSES),
  entityRef: entityRefSchema('component'),
};

/** The create shape before its refinements (extended by import rows). @internal */
export const createRaidItemObject = z
  .object({
    type: raidFields.type,
    title: titleSchema,
    description: raidFields.description.optional(),
    probability: oneToFive.optional(),
    impact: oneToFive.optional(),
    owner: raidFields.owner.optional(),
    action: raidFields.action.optional(),
    dueDate: raidFields.dueDate.optional(),
    status: raidFields.status.optional(),
    entityRef: raidFields.entityRef.optional(),
  })
  .strict();

/** Probability and impact of a risk or an issue (bodies and import rows). @internal */
export function requireScores(
  v: { type: string; probability?: number; impact?: number },
  ctx: z.RefinementCtx,
) {
  for (const [field, message] of Object.entries(checkScoresPresent(v))) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
  }
}

/** Body of POST /projects/:key/raid. @internal */
export const createRaidItemSchema =
  createRaidItemObject.superRefine(requireScores);

/** Body of PATCH /raid/:id; `null` clears a field. @internal */
export const updateRaidItemSchema = z
  .object({
    type: raidFields.type.optional(),
    title: titleSchema.optional(),
    description: raidFields.description.nullable().optional(),
    probability: oneToFive.nullable().optional(),
    impact: oneToFive.nullable().optional(),
    owner: raidFields.owner.nullable().optional(),
    action: raidFields.action.nullable().optional(),
    dueDate: raidFields.dueDate.nullable().optional(),
    status: raidFields.status.optional(),
    entityRef: raidFields.entityRef.nullable().optional(),
    version: versionSchema(),
  })
  .strict();

/**
 * A patch must not leave a risk or an issue without probability or impact:
 * cleared by the patch, or missing on the item it turns into one.
 * @internal
 */
export function requireScoresAfterPatch(
  current: RaidItem,
  patch: UpdateRaidItemRequest,
) {
  const type = patch.type ?? current.type;
  if (!SCORED_RAID_TYPES.includes(type)) return;
  const missing = (['probability', 'impact'] as const).filter(
    f => patch[f] === null || (patch[f] === undefined && !current[f]),
  );
  if (missing.length) {
    throw invalidRequest(
      missing.map(f => `body.${f}: ${messages.requiredFor(type)}`),
    );
  }
}

/** Query of GET /projects/:key/raid. @internal */
export const raidQuerySchema = z
  .object({
    type: list(z.enum(RAID_TYPES)).optional(),
    status: list(z.enum(RAID_STATUSES)).optional(),
  })
  .strict();

const scoreFactor = z
  .string()
  .regex(/^[1-5]$/, messages.scoreInteger)
  .transform(Number);

/** Query of GET /raid (every readable project). @internal */
export const searchRaidQuerySchema = z
  .object({
    type: list(z.enum(RAID_TYPES)).optional(),
    status: list(z.enum(RAID_STATUSES)).optional(),
    probability: list(scoreFactor).optional(),
    impact: list(scoreFactor).optional(),
    projectKey: list(projectKeySchema).optional(),
    owner: list(z.string().max(200, messages.maxLength(200))).optional(),
    q: z
      .string({ invalid_type_error: 'must be given once' })
      .trim()
      .max(200, messages.maxLength(200))
      .optional(),
    limit: limitParam(500, 50),
    cursor: cursorParam,
  })
  .strict();
