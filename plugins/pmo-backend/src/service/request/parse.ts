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

import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/*
 * Request validation (zod, "option A" of the house style): every parse
 * failure becomes an InputError (400) whose message names the offending
 * field(s), e.g. "Invalid request: body.probability: must be between 1 and 5".
 * The field messages themselves are shared with the frontend forms
 * (`pmoValidationMessages` in @infra-pmo/plugin-pmo-common).
 */

/**
 * Formats a zod path as `body.entityRefs[3].name`.
 * @internal
 */
export function formatPath(prefix: string, path: Array<string | number>) {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

/**
 * Turns zod issues into `field: message` fragments.
 * @internal
 */
export function formatIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map(issue => {
    const field = formatPath(prefix, issue.path);
    return field ? `${field}: ${issue.message}` : issue.message;
  });
}

/**
 * Parses `value` with `schema` or throws an InputError naming the fields.
 * @internal
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  prefix: 'body' | 'query' | 'params' | string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw invalidRequest(formatIssues(prefix, parsed.error));
  }
  return parsed.data;
}

/**
 * The 400 of `field: message` fragments, worded like those of `parseInput`;
 * also for the checks that need more than the request (the current row).
 * @internal
 */
export function invalidRequest(fragments: string[]): InputError {
  return new InputError(`Invalid request: ${fragments.join('; ')}`);
}
