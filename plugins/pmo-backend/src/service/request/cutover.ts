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
  CHANGE_WINDOW_TYPES,
  checkZonedInterval,
  pmoValidationMessages as messages,
  type ZonedIntervalInput,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import { textSchema, titleSchema, versionSchema } from './fields';
import { single } from './lists';
import { entityRefSchema } from './refs';
import { invalidRequest } from './parse';

/*
 * Bodies and queries of the cutover routes (#16). The schemas check the
 * shapes; the times are checked with checkZonedInterval of pmo-common on
 * the window or freeze as it will be (body over the stored one), so that
 * every message names its field (`body.end: must be after start`).
 */

const localTime = z.string().trim().min(1, messages.notEmpty).max(32);
const timeZone = z.string().trim().min(1, messages.notEmpty).max(64);
const changeRecord = z.string().trim().min(1, messages.notEmpty).max(200);

/** Body of POST /milestones/:id/windows. @internal */
export const createWindowSchema = z
  .object({
    type: z.enum(CHANGE_WINDOW_TYPES),
    start: localTime,
    end: localTime,
    timeZone,
    changeRecord: changeRecord.optional(),
    changeApproved: z.boolean().optional(),
  })
  .strict();

/** Body of PATCH /windows/:id. @internal */
export const updateWindowSchema = z
  .object({
    type: z.enum(CHANGE_WINDOW_TYPES).optional(),
    start: localTime.optional(),
    end: localTime.optional(),
    timeZone: timeZone.optional(),
    changeRecord: changeRecord.nullable().optional(),
    changeApproved: z.boolean().optional(),
    version: versionSchema(),
  })
  .strict();

/** A freeze scope. @internal */
export const freezeScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z
    .object({ kind: z.literal('system'), ref: entityRefSchema('system') })
    .strict(),
  z
    .object({ kind: z.literal('group'), ref: entityRefSchema('group') })
    .strict(),
  z
    .object({ kind: z.literal('tier'), tier: z.string().trim().min(1).max(64) })
    .strict(),
]);

/** Body of POST /freezes. @internal */
export const createFreezeSchema = z
  .object({
    title: titleSchema,
    scope: freezeScopeSchema,
    start: localTime,
    end: localTime.optional(),
    timeZone,
  })
  .strict();

/** Body of PATCH /freezes/:id. @internal */
export const updateFreezeSchema = z
  .object({
    title: titleSchema.optional(),
    scope: freezeScopeSchema.optional(),
    start: localTime.optional(),
    end: localTime.nullable().optional(),
    timeZone: timeZone.optional(),
    version: versionSchema(),
  })
  .strict();

/** Body of POST /collisions/:id/acknowledgement. @internal */
export const acknowledgeSchema = z
  .object({
    reason: z
      .string({ required_error: messages.required })
      .trim()
      .min(1, messages.notEmpty)
      .pipe(textSchema(2000)),
  })
  .strict();

const instant = single(
  z
    .string()
    .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO date-time')
    .transform(v => new Date(v).toISOString()),
);

/** Query of GET /windows. @internal */
export const windowsQuerySchema = z
  .object({ from: instant.optional(), to: instant.optional() })
  .strict();

/** Query of GET /collisions. @internal */
export const collisionsQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    system: single(entityRefSchema('system')).optional(),
    group: single(entityRefSchema('group')).optional(),
    entityRef: single(entityRefSchema('component')).optional(),
  })
  .strict();

/**
 * The 400 naming the fields when the window or freeze as it will be is not
 * a valid interval (see checkZonedInterval).
 * @internal
 */
export function assertZonedInterval(
  interval: ZonedIntervalInput,
  options: { requireEnd: boolean },
  prefix = 'body',
): void {
  const problems = checkZonedInterval(interval, options);
  const fragments = Object.entries(problems).map(
    ([field, message]) => `${prefix}.${field}: ${message}`,
  );
  if (fragments.length) throw invalidRequest(fragments);
}
