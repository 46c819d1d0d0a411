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

import {
  formErrorsOf,
  parseValidationMessage,
  placeFormErrors,
} from './errors';
import { isSafeHttpUrl } from './links';
import { responseError } from '../../__testUtils__/fixtures';

describe('parseValidationMessage', () => {
  it('splits the backend format into field messages', () => {
    expect(
      parseValidationMessage(
        'Invalid request: body.probability: must be between 1 and 5; body.declaredHealth.reason: is required',
      ),
    ).toEqual({
      fields: {
        probability: 'must be between 1 and 5',
        'declaredHealth.reason': 'is required',
      },
    });
  });

  it('normalizes array indexes and keeps messages that name no field', () => {
    expect(
      parseValidationMessage(
        'body.externalLinks[0].url: must be an http(s) URL',
      ),
    ).toEqual({
      fields: { 'externalLinks.0.url': 'must be an http(s) URL' },
    });
    expect(parseValidationMessage('Project key already exists')).toEqual({
      fields: {},
      form: 'Project key already exists',
    });
  });

  it('understands a JSON list of zod issues', () => {
    expect(
      parseValidationMessage(
        '[{"path":["body","impact"],"message":"Too big"}]',
      ),
    ).toEqual({ fields: { impact: 'Too big' } });
  });
});

describe('formErrorsOf / placeFormErrors', () => {
  it('maps a 400 to fields and moves unknown fields to the form message', async () => {
    const e = await responseError(
      400,
      'InputError',
      'Invalid request: body.budget.planned: must be positive; body.foo: nope',
    );
    const placed = placeFormErrors(formErrorsOf(e), ['title', 'budget']);
    expect(placed).toEqual({
      fields: { budget: 'must be positive' },
      form: 'foo: nope',
    });
  });

  it('uses the whole message for other errors', async () => {
    const e = await responseError(500, 'Error', 'database down');
    expect(formErrorsOf(e)).toEqual({ fields: {}, form: 'database down' });
  });
});

describe('isSafeHttpUrl', () => {
  it.each([
    ['https://sn.example.com/x', true],
    ['http://jira/x', true],
    // eslint-disable-next-line no-script-url -- the unsafe input under test
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['/relative', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeHttpUrl(url)).toBe(safe);
  });
});
