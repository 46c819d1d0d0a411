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
import { parseProjectsAnnotation } from './annotations';
import { PROJECT_KEY_PATTERN } from './constants';

describe('parseProjectsAnnotation', () => {
  it('parses comma or space separated keys, normalizes case and de-duplicates', () => {
    expect(
      parseProjectsAnnotation('INFRA-101, infra-204,INFRA-101  DB-7'),
    ).toEqual({
      keys: ['INFRA-101', 'INFRA-204', 'DB-7'],
      invalid: [],
    });
  });
  it('reports invalid tokens instead of dropping them', () => {
    expect(parseProjectsAnnotation('INFRA-101, -x, a/b, PRJ0012345')).toEqual({
      keys: ['INFRA-101', 'PRJ0012345'],
      invalid: ['-x', 'a/b'],
    });
    expect(parseProjectsAnnotation('PRJ0012345, DC-MIG-01')).toEqual({
      keys: ['PRJ0012345', 'DC-MIG-01'],
      invalid: [],
    });
    expect(parseProjectsAnnotation(undefined)).toEqual({
      keys: [],
      invalid: [],
    });
  });
  it('every token ends up in exactly one of keys or invalid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z0-9/._-]{1,12}$/), {
          maxLength: 10,
        }),
        tokens => {
          const { keys, invalid } = parseProjectsAnnotation(tokens.join(','));
          for (const t of tokens) {
            const upper = t.toUpperCase();
            expect(keys.includes(upper) !== invalid.includes(t)).toBe(true);
          }
          keys.forEach(k => expect(PROJECT_KEY_PATTERN.test(k)).toBe(true));
        },
      ),
    );
  });
});
