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
  CHECKLIST_ITEM_STATUSES,
  SIGNOFF_ROLES,
  TRANSITION_STATES,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import { ITEM_KEY_PATTERN } from '../transitionConfig';
import {
  httpUrlSchema,
  isoDateSchema as isoDate,
  textSchema as text,
  versionSchema,
} from './fields';
import { cursorParam, limitParam, list } from './lists';
import { projectKeySchema } from './refs';

/*
 * Request schemas of the run-transition routes.
 */

/** Default and largest page of the transitions board. */
const DEFAULT_BOARD_LIMIT = 100;
const MAX_BOARD_LIMIT = 500;

const VERSION_REQUIRED =
  'is required (the version of the transition last read)';

/** The version of the transition the caller read (optimistic check). */
const version = versionSchema(VERSION_REQUIRED);

/** The same, as a query parameter (`?version=3`). */
const queryVersion = z
  .string({
    required_error: VERSION_REQUIRED,
    invalid_type_error: 'must be an integer',
  })
  .regex(/^\d{1,15}$/, 'must be a non-negative integer')
  .transform(Number);

/** Body of PUT .../transition; `version` is required to update. @internal */
export const putTransitionSchema = z
  .object({
    projectKey: projectKeySchema.nullable().optional(),
    targetDate: isoDate.nullable().optional(),
    version: version.optional(),
  })
  .strict();

/** Body of PATCH .../transition/items/:itemKey. @internal */
export const updateItemSchema = z
  .object({
    status: z.enum(CHECKLIST_ITEM_STATUSES).optional(),
    evidenceUrl: httpUrlSchema
      .pipe(z.string().max(2000, 'must be at most 2000 characters'))
      .nullable()
      .optional(),
    expiresAt: isoDate.nullable().optional(),
    waiverReason: text(2000).nullable().optional(),
    note: text(2000).nullable().optional(),
    version,
  })
  .strict();

/** Body of POST .../transition/signoffs. @internal */
export const signOffSchema = z
  .object({ role: z.enum(SIGNOFF_ROLES), version })
  .strict();

/** Query of DELETE .../transition/signoffs/:role. @internal */
export const revokeSignOffQuerySchema = z
  .object({ version: queryVersion })
  .strict();

/** `:role` of DELETE .../transition/signoffs/:role. @internal */
export const roleParamSchema = z.enum(SIGNOFF_ROLES);

/** Body of POST .../transition/state. @internal */
export const stateSchema = z
  .object({
    target: z.enum(TRANSITION_STATES),
    reason: text(2000).optional(),
    version,
  })
  .strict();

/** `:itemKey` of PATCH .../transition/items/:itemKey. @internal */
export const itemKeySchema = z
  .string()
  .regex(ITEM_KEY_PATTERN, 'must be a checklist item key like runbook');

/** Query of GET /transitions. @internal */
export const boardQuerySchema = z
  .object({
    state: list(z.enum(TRANSITION_STATES)).optional(),
    mismatch: z.enum(['true', 'false']).optional(),
    limit: limitParam(MAX_BOARD_LIMIT, DEFAULT_BOARD_LIMIT),
    cursor: cursorParam,
  })
  .strict();
