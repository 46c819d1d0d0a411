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

import type { Page } from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import { isoDateSchema } from './fields';

/*
 * Query parameters of lists: repeated or comma-separated filters, single
 * values, and the one `limit` and `cursor` parser of every paged route.
 */

/**
 * A query parameter that must not be repeated.
 * @internal
 */
export const single = <T extends z.ZodTypeAny>(schema: T) =>
  z.string({ invalid_type_error: 'must be given once' }).pipe(schema);

/**
 * A query parameter given as `a,b`, repeated (`?x=a&x=b`) or both.
 * @internal
 */
export function list<T extends z.ZodTypeAny>(item: T) {
  return (
    z
      .union([z.string(), z.array(z.string())], {
        errorMap: () => ({ message: 'must be a string or a list of strings' }),
      })
      .transform(v =>
        [v]
          .flat()
          .flatMap(s => s.split(','))
          .map(s => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item))
      // `?owner=` filters nothing rather than everything.
      .transform(v => (v.length ? v : undefined))
  );
}

/**
 * A whole number from `min` to `max` given once (`?weeks=26`).
 * @internal
 */
export function intParam(min: number, max: number) {
  const message = `must be an integer between ${min} and ${max}`;
  return single(
    z
      .string()
      .regex(/^\d+$/, message)
      .transform(Number)
      .pipe(z.number().int(message).min(min, message).max(max, message)),
  );
}

/**
 * `?limit=` of every paged route: an integer from 1 to `max`,
 * `defaultLimit` when absent.
 * @internal
 */
export function limitParam(max: number, defaultLimit: number) {
  return intParam(1, max).default(String(defaultLimit));
}

/** `?cursor=`: the opaque `pageInfo.nextCursor` of the previous page. @internal */
export const cursorParam = single(z.string().min(1).max(2000)).optional();

/** An ISO date given once (`?from=2026-03-01`). @internal */
export const isoDateParam = single(isoDateSchema);

/** `?overdue=true`. @internal */
export const flagParam = z
  .enum(['true', 'false'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .transform(v => v === 'true');

/** What a paged list answers when the caller may read nothing. @internal */
export function emptyPage<T>(): Page<T> {
  return { items: [], totalItems: 0, pageInfo: {} };
}
