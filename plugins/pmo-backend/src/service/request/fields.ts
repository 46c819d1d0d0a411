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
  isHttpUrl,
  isIsoDate,
  pmoValidationMessages as messages,
  TITLE_MAX_LENGTH,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';

/*
 * Field schemas shared by the bodies of several resources (projects,
 * milestones, RAID, transitions, import rows), worded with the messages
 * the frontend forms show.
 */

/** An ISO date (`YYYY-MM-DD`). @internal */
export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: messages.isoDate });

/** Trimmed free text of at most `max` characters. @internal */
export const textSchema = (max: number) =>
  z.string().trim().max(max, messages.maxLength(max));

/** A required, non-empty title. @internal */
export const titleSchema = z
  .string({ required_error: messages.required })
  .trim()
  .min(1, messages.notEmpty)
  .max(TITLE_MAX_LENGTH, messages.maxLength(TITLE_MAX_LENGTH));

/**
 * The version of the row the caller read (optimistic concurrency);
 * `required` says which row when it is missing.
 * @internal
 */
export const versionSchema = (
  required = 'is required (the version last read)',
) =>
  z
    .number({
      required_error: required,
      invalid_type_error: 'must be an integer',
    })
    .int('must be an integer')
    .nonnegative(messages.notNegative);

/** Absolute http(s) URL; other schemes (javascript:, file:) are rejected. @internal */
export const httpUrlSchema = z
  .string()
  .refine(isHttpUrl, { message: messages.httpUrl });
