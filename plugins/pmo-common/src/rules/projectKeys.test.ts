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
import { PROJECT_KEY_PATTERN } from '../constants';
import { checkProjectKey, normalizeProjectKey } from '../validation/fields';
import { pmoValidationMessages as messages } from '../validation/messages';
import {
  createProjectKeyRule,
  DEFAULT_PROJECT_KEY_RULE,
  PROJECT_KEY_MAX_LENGTH,
} from './projectKeys';

const OLD_RULE = /^[A-Z][A-Z0-9]{1,11}-[0-9]{1,6}$/;
const keyChar = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.',
);

describe('project keys', () => {
  it('accepts the keys PMOs write, in any case', () => {
    for (const key of [
      'INFRA-101',
      'PRJ0012345',
      'DC-MIG-01',
      'NET-2027-04',
      'ops_2026.q3',
      '2027-DC',
    ]) {
      expect(checkProjectKey(key)).toBeUndefined();
    }
    expect(normalizeProjectKey(' dc-mig-01 ')).toBe('DC-MIG-01');
  });

  it('refuses separators first, blanks, other characters and long keys', () => {
    for (const key of [
      '',
      '-INFRA',
      '.X',
      '_X',
      'INFRA 101',
      'INFRA/101',
      'INFRA,101',
      'ÄB-1',
      'A'.repeat(PROJECT_KEY_MAX_LENGTH + 1),
    ]) {
      expect(checkProjectKey(key)).toBe(messages.projectKey);
    }
    expect(checkProjectKey('A'.repeat(PROJECT_KEY_MAX_LENGTH))).toBeUndefined();
  });

  it('property: every key of the earlier rule stays valid (existing data)', () => {
    fc.assert(
      fc.property(fc.stringMatching(OLD_RULE), key => {
        expect(DEFAULT_PROJECT_KEY_RULE.test(key)).toBe(true);
      }),
    );
  });

  it('property: a valid key is at most 40 characters, URL- and annotation-safe, and normalizing it is idempotent', () => {
    fc.assert(
      fc.property(fc.array(keyChar, { minLength: 1, maxLength: 50 }), chars => {
        const raw = chars.join('');
        const key = normalizeProjectKey(raw);
        expect(normalizeProjectKey(key)).toBe(key);
        const safe =
          key.length <= PROJECT_KEY_MAX_LENGTH &&
          encodeURIComponent(key) === key &&
          !/[,\s]/.test(key) &&
          /^[A-Z0-9]/.test(key);
        expect(checkProjectKey(raw) === undefined).toBe(safe);
      }),
    );
  });

  it('property: a configured pattern only narrows the base rule', () => {
    const rule = createProjectKeyRule('[A-Z]+-[0-9]+|PRJ[0-9]{7}|.*');
    fc.assert(
      fc.property(fc.string({ maxLength: 45 }), raw => {
        const key = raw.toUpperCase();
        expect(!rule.test(key) || PROJECT_KEY_PATTERN.test(key)).toBe(true);
      }),
    );
  });

  it('a configured pattern refuses new keys outside it, naming the pattern', () => {
    const rule = createProjectKeyRule('PRJ[0-9]{7}');
    expect(checkProjectKey('prj0012345', rule)).toBeUndefined();
    expect(checkProjectKey('INFRA-101', rule)).toBe(
      messages.projectKeyPattern('PRJ[0-9]{7}'),
    );
    expect(checkProjectKey('PRJ 1', rule)).toBe(messages.projectKey);
    expect(() => createProjectKeyRule('PRJ[')).toThrow(
      /pmo.projectKeys.pattern 'PRJ\[' is not a regular expression/,
    );
  });
});
