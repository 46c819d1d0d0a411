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

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30).
 * @public
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return (
    d.getUTCFullYear() === +m[1] &&
    d.getUTCMonth() === +m[2] - 1 &&
    d.getUTCDate() === +m[3]
  );
}

/** Days since the Unix epoch of an ISO date (or timestamp, by its UTC day). */
function epochDay(value: string): number {
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  const t = d.getTime();
  if (Number.isNaN(t)) {
    throw new TypeError(`Invalid date '${value}'`);
  }
  return Math.floor(t / DAY_MS);
}

/**
 * Whole calendar days from `from` to `to` (negative when `to` is earlier).
 * Both are ISO dates or timestamps, compared by their UTC calendar day.
 * @public
 */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/**
 * The UTC calendar date of a moment as `YYYY-MM-DD`.
 * @public
 */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// A date with a time: `2026-03-01T10:00:00Z`, `2026-03-01T08:00:00.000+02:00`
// (MS Project, JSON exports) or `2026-03-01 00:00:00` (spreadsheets).
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The date of an imported date field: an ISO date as is, the date part of
 * an ISO timestamp as written (the day in the timestamp's own offset, which
 * is the day the planner meant), anything else unchanged (validation then
 * names the field).
 * @public
 */
export function dateOfImportedValue(value: string): string {
  const m = ISO_DATE_TIME.exec(value.trim());
  return m && isIsoDate(m[1]) ? m[1] : value;
}
