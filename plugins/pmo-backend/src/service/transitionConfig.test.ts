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

import { ConfigReader } from '@backstage/config';
import { DEFAULT_READINESS_TEMPLATES } from '@infra-pmo/plugin-pmo-common';
import { readTransitionTemplates } from './transitionConfig';

const read = (transition: object) =>
  readTransitionTemplates(new ConfigReader({ pmo: { transition } }));

describe('readTransitionTemplates', () => {
  it('uses the built-in templates without configuration', () => {
    expect(readTransitionTemplates(new ConfigReader({}))).toEqual(
      DEFAULT_READINESS_TEMPLATES,
    );
  });

  it('overrides the hypercare window and keeps the built-in items', () => {
    const t = read({ templates: { 'tier-1': { hypercareDays: 60 } } });
    expect(t['tier-1']).toEqual({
      ...DEFAULT_READINESS_TEMPLATES['tier-1'],
      hypercareDays: 60,
    });
    expect(t['tier-2']).toBe(DEFAULT_READINESS_TEMPLATES['tier-2']);
  });

  it('replaces the items of a tier with a versioned template', () => {
    const t = read({
      templates: {
        'tier-3': {
          id: 'wintel-tier-3',
          version: 2,
          items: [
            { key: 'runbook', title: 'Runbook', evidenceRequired: true },
            { key: 'pir', title: 'PIR', required: false },
          ],
        },
      },
    });
    expect(t['tier-3']).toEqual({
      id: 'wintel-tier-3',
      version: 2,
      tier: 'tier-3',
      hypercareDays: DEFAULT_READINESS_TEMPLATES['tier-3'].hypercareDays,
      items: [
        {
          key: 'runbook',
          title: 'Runbook',
          description: '',
          required: true,
          evidenceRequired: true,
        },
        {
          key: 'pir',
          title: 'PIR',
          description: '',
          required: false,
          evidenceRequired: false,
        },
      ],
    });
  });

  it('rejects unknown tiers, bad keys, duplicates and bad numbers', () => {
    expect(() => read({ templates: { gold: {} } })).toThrow(/unknown tier/);
    expect(() =>
      read({
        templates: { 'tier-1': { items: [{ key: 'Run Book', title: 'x' }] } },
      }),
    ).toThrow(/key 'Run Book'/);
    expect(() =>
      read({
        templates: {
          'tier-1': {
            items: [
              { key: 'a', title: 'x' },
              { key: 'a', title: 'y' },
            ],
          },
        },
      }),
    ).toThrow(/duplicate key 'a'/);
    expect(() =>
      read({ templates: { 'tier-2': { hypercareDays: 0 } } }),
    ).toThrow(/hypercareDays must be a positive integer/);
  });
});
