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

/*
 * From form inputs (always strings) to request bodies. A blank optional
 * input is left out of a create (undefined) and clears the stored value in
 * an update (null), so one body builder serves both with `empty`.
 */

/**
 * The text fields of an object as form values ('' when unset, or for a new
 * object). @internal
 */
export function textsOf<T extends object, K extends keyof T & string>(
  item: T | undefined,
  keys: readonly K[],
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) out[k] = (item?.[k] as string | undefined) ?? '';
  return out;
}

/** The trimmed text, or `empty` when it is blank. @internal */
export function textOr<E extends null | undefined>(
  value: string,
  empty: E,
): string | E {
  const v = value.trim();
  return v === '' ? empty : v;
}

/** A number typed into a text input; undefined when blank, NaN when not a number. @internal */
export function toNumber(value: string): number | undefined {
  const v = value.trim();
  return v === '' ? undefined : Number(v);
}

/** Field messages without the fields that passed (`undefined`). @internal */
export function fieldErrors(
  checks: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(checks)) {
    if (message) out[field] = message;
  }
  return out;
}
