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
