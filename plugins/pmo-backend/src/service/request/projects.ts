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
  CURRENCY_PATTERN,
  EXTERNAL_SYSTEMS,
  HEALTH_VALUES,
  MAX_EXTERNAL_LINKS,
  METHODOLOGIES,
  PRIORITIES,
  PROJECT_ORDER_BY,
  PROJECT_PHASES,
  checkDeclaredHealthReason,
  pmoValidationMessages as messages,
  type Health,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import {
  httpUrlSchema,
  isoDateSchema,
  textSchema,
  titleSchema,
  versionSchema,
} from './fields';
import { cursorParam, limitParam, list, single } from './lists';
import { invalidRequest } from './parse';
import { entityRefSchema, projectKeySchema, systemRefSchema } from './refs';

/*
 * Project bodies and queries: POST/PATCH /projects, GET /projects,
 * GET /projects/:key/history and GET /portfolio.
 */

const externalLink = z
  .object({
    system: z.enum(EXTERNAL_SYSTEMS),
    key: z.string().trim().min(1, messages.notEmpty).max(200),
    url: httpUrlSchema.optional(),
  })
  .strict();

const budget = z
  .object({
    planned: z.number().nonnegative(messages.notNegative).optional(),
    actual: z.number().nonnegative(messages.notNegative).optional(),
    currency: z.string().regex(CURRENCY_PATTERN, messages.currency),
  })
  .strict();

const declaredHealth = z
  .object({
    status: z.enum(HEALTH_VALUES),
    reason: textSchema(2000).optional(),
  })
  .strict();

const projectFields = {
  title: titleSchema,
  description: textSchema(10000).optional(),
  phase: z.enum(PROJECT_PHASES).optional(),
  methodology: z.enum(METHODOLOGIES).optional(),
  owner: entityRefSchema('group'),
  sponsor: textSchema(200).optional(),
  startDate: isoDateSchema.optional(),
  targetDate: isoDateSchema.optional(),
  budget: budget.optional(),
  priority: z.enum(PRIORITIES).optional(),
  externalLinks: z
    .array(externalLink)
    .max(MAX_EXTERNAL_LINKS, messages.maxLinks(MAX_EXTERNAL_LINKS))
    .optional(),
};

/** `targetDate` not before `startDate` (bodies and import rows). @internal */
export function checkDateOrder(
  v: { startDate?: string | null; targetDate?: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.startDate && v.targetDate && v.targetDate < v.startDate) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['targetDate'],
      message: messages.notBefore('startDate'),
    });
  }
}

/** The create shape before its refinements (extended by import rows). @internal */
export const createProjectObject = z
  .object({
    key: projectKeySchema,
    ...projectFields,
    declaredHealth: declaredHealth.optional(),
  })
  .strict();

/** Body of POST /projects. @internal */
export const createProjectSchema =
  createProjectObject.superRefine(checkDateOrder);

/**
 * Body of PATCH /projects/:key; `null` clears description, sponsor, dates,
 * budget and the declared health.
 * @internal
 */
export const updateProjectSchema = z
  .object({
    // Accepted only to say that it cannot change (see the route).
    key: z.string().optional(),
    title: projectFields.title.optional(),
    description: projectFields.description.unwrap().nullable().optional(),
    phase: projectFields.phase,
    methodology: projectFields.methodology,
    owner: projectFields.owner.optional(),
    sponsor: projectFields.sponsor.unwrap().nullable().optional(),
    startDate: projectFields.startDate.unwrap().nullable().optional(),
    targetDate: projectFields.targetDate.unwrap().nullable().optional(),
    budget: projectFields.budget.unwrap().nullable().optional(),
    priority: projectFields.priority,
    externalLinks: projectFields.externalLinks,
    declaredHealth: declaredHealth.nullable().optional(),
    version: versionSchema(),
  })
  .strict()
  .superRefine(checkDateOrder);

/**
 * A declared health that differs from the computed one needs a reason
 * (POST / PATCH /projects): a 400 naming `body.declaredHealth.reason`.
 * @internal
 */
export function requireHealthReason(
  declared: { status: Health; reason?: string } | null | undefined,
  computed: Health,
) {
  const problem = checkDeclaredHealthReason(declared, computed);
  if (problem) {
    throw invalidRequest([`body.declaredHealth.reason: ${problem}`]);
  }
}

/** Query of GET /projects. @internal */
export const listProjectsQuerySchema = z
  .object({
    system: systemRefSchema.optional(),
    phase: list(z.enum(PROJECT_PHASES)).optional(),
    health: list(z.enum(HEALTH_VALUES)).optional(),
    owner: list(entityRefSchema('group')).optional(),
    entityRef: single(entityRefSchema('component')).optional(),
    q: z
      .string({ invalid_type_error: 'must be given once' })
      .trim()
      .max(200, messages.maxLength(200))
      .optional(),
    orderBy: z
      .enum(PROJECT_ORDER_BY, {
        errorMap: () => ({
          message: `must be one of ${PROJECT_ORDER_BY.join(', ')}`,
        }),
      })
      .optional(),
    limit: limitParam(200, 50),
    cursor: cursorParam,
  })
  .strict();

/** Query of GET /projects/:key/history. @internal */
export const historyQuerySchema = z
  .object({ limit: limitParam(200, 50), cursor: cursorParam })
  .strict();

/** Query of GET /portfolio. @internal */
export const portfolioQuerySchema = z
  .object({
    owner: list(entityRefSchema('group')).optional(),
    system: systemRefSchema.optional(),
  })
  .strict();
