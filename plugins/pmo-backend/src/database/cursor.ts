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
import type { Knex } from 'knex';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Encodes keyset pagination state (the sort values of the last row of a
 * page) as an opaque, URL-safe string.
 * @internal
 */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}. Cursors come from clients,
 * so anything that does not decode to the expected shape is an InputError
 * rather than a server error.
 * @internal
 */
export function decodeCursor<T>(
  cursor: string,
  isValid: (value: unknown) => value is T,
): T {
  let parsed: unknown;
  try {
    if (!BASE64URL.test(cursor)) {
      throw new Error('not base64url');
    }
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('Invalid cursor');
  }
  if (!isValid(parsed)) {
    throw new InputError('Invalid cursor');
  }
  return parsed;
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A keyset cursor of two values: the sort value of the last row (`s`) and
 * its unique tie-breaker (`t`). Numbers are finite, integers safe.
 * @internal
 */
export type KeysetCursor<
  S extends string | number,
  T extends string | number,
> = { s: S; t: T };

function isKeysetValue(value: unknown, type: 'string' | 'number'): boolean {
  return type === 'string'
    ? typeof value === 'string'
    : typeof value === 'number' && Number.isFinite(value);
}

/**
 * Decodes a {@link KeysetCursor} whose values have the given types, and
 * restricts `query` to the rows strictly after it in keyset order: sort
 * value beyond `s` in the `sort` direction, or equal to `s` with the
 * tie-breaker beyond `t` in the `tie` direction.
 * @internal
 */
export function whereAfterCursor(
  query: Knex.QueryBuilder,
  cursor: string,
  sort: { column: string | Knex.Raw; type: 'string' | 'number'; op: '<' | '>' },
  tie: { column: string; type: 'string' | 'number'; op: '<' | '>' },
): void {
  const { s, t } = decodeCursor(
    cursor,
    (v): v is KeysetCursor<string | number, string | number> =>
      isRecord(v) &&
      isKeysetValue(v.s, sort.type) &&
      isKeysetValue(v.t, tie.type),
  );
  query.where(w =>
    w
      .where(sort.column as string, sort.op, s)
      .orWhere(inner =>
        inner.where(sort.column as string, s).andWhere(tie.column, tie.op, t),
      ),
  );
}
