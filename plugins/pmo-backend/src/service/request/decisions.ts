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
  GATE_DECISIONS,
  gateConditionsProblem,
  pmoValidationMessages as messages,
  rebaselineChangesProblem,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import { isoDateSchema } from './fields';
import { entityRefSchema, itemIdSchema } from './refs';

/*
 * Bodies of the decision routes: POST /milestones/:id/gate-decisions,
 * POST /projects/:key/rebaselines and POST /rebaselines/:id/decision. The
 * rules (conditions, changes) come from pmo-common.
 */

/** Required, trimmed, non-empty text of at most `max` characters. */
const requiredText = (max: number) =>
  z
    .string({ required_error: messages.required })
    .trim()
    .min(1, messages.notEmpty)
    .max(max, messages.maxLength(max));

const conditionSchema = z
  .object({
    text: requiredText(500),
    owner: entityRefSchema('group'),
    dueDate: isoDateSchema,
  })
  .strict();

/** Body of POST /milestones/:id/gate-decisions. @internal */
export const gateDecisionSchema = z
  .object({
    decision: z.enum(GATE_DECISIONS),
    rationale: requiredText(4000),
    conditions: z.array(conditionSchema).max(20).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = gateConditionsProblem(v.decision, v.conditions ?? []);
    if (problem) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['conditions'],
        message: problem,
      });
    }
  });

/** Body of POST /projects/:key/rebaselines. @internal */
export const rebaselineRequestSchema = z
  .object({
    reason: requiredText(4000),
    changes: z
      .array(
        z
          .object({ milestoneId: itemIdSchema, baselineDate: isoDateSchema })
          .strict(),
      )
      .max(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = rebaselineChangesProblem(v.changes);
    if (problem) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['changes'],
        message: problem,
      });
    }
  });

/** Body of POST /rebaselines/:id/decision. @internal */
export const rebaselineDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: requiredText(4000),
  })
  .strict();
