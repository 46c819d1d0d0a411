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

import type { Freeze } from '@infra-pmo/plugin-pmo-common';
import type { WindowWithMilestone } from '../../database/CutoverStore';

/*
 * The change calendar as iCalendar (RFC 5545) that Outlook and Google
 * Calendar subscribe to: one VEVENT per change window (UID = window id)
 * and per freeze, in UTC. Written by hand: the format is small and the
 * plugin takes no dependency for it.
 */

/** An open freeze is shown for a year from its start. */
const OPEN_FREEZE_MS = 366 * 86_400_000;

/** `20270109T210000Z` */
function utc(iso: string | number): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT escaping of RFC 5545 3.3.11. @internal */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1). @internal */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never split a UTF-8 sequence: back off continuation bytes.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space of a continuation line counts
  }
  return parts.join('\r\n ');
}

/** The calendar of `windows` and `freezes`, stamped `now`. @internal */
export function changeCalendarIcs(input: {
  windows: readonly WindowWithMilestone[];
  freezes: readonly Freeze[];
  now: Date;
}): string {
  const stamp = utc(input.now.getTime());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//infra-pmo//change calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:PMO change calendar',
  ];
  for (const w of input.windows) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${w.id}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(w.startAt)}`,
      `DTEND:${utc(w.endAt)}`,
      `SUMMARY:${icsText(`${w.projectKey} ${w.type}: ${w.milestoneTitle}`)}`,
      `DESCRIPTION:${icsText(
        [
          `${w.start} to ${w.end} ${w.timeZone}`,
          w.changeRecord
            ? `Change ${w.changeRecord}${
                w.changeApproved ? ' (approved)' : ' (not approved)'
              }`
            : 'No change record',
        ].join('\n'),
      )}`,
      `CATEGORIES:${icsText(w.type)}`,
      `SEQUENCE:${w.version}`,
      'END:VEVENT',
    );
  }
  for (const f of input.freezes) {
    const start = Date.parse(f.startAt);
    const end = f.endAt ? Date.parse(f.endAt) : start + OPEN_FREEZE_MS;
    lines.push(
      'BEGIN:VEVENT',
      `UID:freeze-${f.id}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(start)}`,
      `DTEND:${utc(end)}`,
      `SUMMARY:${icsText(`Freeze: ${f.title}`)}`,
      `DESCRIPTION:${icsText(
        f.endAt ? `Scope: ${f.scope.kind}` : `Scope: ${f.scope.kind}; open end`,
      )}`,
      'CATEGORIES:freeze',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
