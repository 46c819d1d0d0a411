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
 * Wall-clock times in a named time zone, as change windows are written
 * ("Saturday 22:00 to Sunday 06:00, Europe/Berlin"), and the instants they
 * mean. Uses the platform's time-zone database (Intl), no library: the
 * only operations needed are "offset of a zone at an instant" and its
 * inverse. Across a DST change the inverse follows the rule of the
 * JavaScript Temporal proposal ("compatible"), which is also what Outlook
 * and iCalendar clients do:
 * - a wall-clock time that happens twice (autumn, clocks go back) is the
 *   earlier of the two instants;
 * - a wall-clock time that never happens (spring, clocks go forward) moves
 *   forward by the length of the gap (02:30 becomes 03:30).
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * True when `timeZone` is an IANA time-zone name the platform knows (e.g.
 * `Europe/Berlin`, `UTC`).
 * @public
 */
export function isTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `timeZone` at `instant` (ms), as ms since the epoch read as UTC. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find(p => p.type === type)?.value);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
}

/**
 * The offset of `timeZone` from UTC at `instant`, in minutes (east
 * positive: Europe/Berlin in summer is 120).
 * @public
 */
export function timeZoneOffsetMinutes(
  instant: Date | number,
  timeZone: string,
): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallClockMs(whole, timeZone) - whole) / 60_000);
}

/**
 * The instant of a wall-clock time (`YYYY-MM-DDTHH:mm[:ss]`, no offset) in
 * `timeZone`, with the DST rule above. Undefined when the text or the zone
 * is not valid.
 * @public
 */
export function zonedTimeToInstant(
  local: string,
  timeZone: string,
): Date | undefined {
  const m = LOCAL.exec(local);
  if (!m || !isTimeZone(timeZone)) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(v => Number(v ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return undefined;
  }
  // The offsets a day before and a day after cover any single transition.
  const before = timeZoneOffsetMinutes(wall - 86_400_000, timeZone);
  const after = timeZoneOffsetMinutes(wall + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map(offset => wall - offset * 60_000)
    .filter(instant => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]);
  // In a gap: read with the offset before the change, i.e. moved forward.
  return new Date(wall - before * 60_000);
}

/**
 * The wall-clock time of `instant` in `timeZone`, `YYYY-MM-DDTHH:mm`.
 * @public
 */
export function instantToZonedTime(
  instant: Date | number,
  timeZone: string,
): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(wallClockMs(ms, timeZone)).toISOString().slice(0, 16);
}
