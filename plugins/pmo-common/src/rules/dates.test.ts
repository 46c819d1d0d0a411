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

import fc from 'fast-check';
import { dateOfImportedValue } from './dates';

describe('dateOfImportedValue', () => {
  it('keeps the date of ISO timestamps as written, leaves the rest', () => {
    expect(dateOfImportedValue('2026-03-01')).toBe('2026-03-01');
    expect(dateOfImportedValue('2026-03-01T23:30:00-05:00')).toBe('2026-03-01');
    expect(dateOfImportedValue('2026-03-01T08:00:00')).toBe('2026-03-01');
    expect(dateOfImportedValue('2026-03-01 00:00:00')).toBe('2026-03-01');
    expect(dateOfImportedValue('2026-02-30T08:00:00Z')).toBe(
      '2026-02-30T08:00:00Z',
    );
    expect(dateOfImportedValue('next week')).toBe('next week');
  });

  it('property: the date of any timestamp is the first ten characters', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        d => {
          const stamp = d.toISOString();
          expect(dateOfImportedValue(stamp)).toBe(stamp.slice(0, 10));
        },
      ),
    );
  });
});
