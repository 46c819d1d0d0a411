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
import type { JsonObject } from '@backstage/types';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { readTransitionTemplates } from '../service/transitionConfig';
import {
  annotationFactRule,
  createTechDocsFactRule,
  relationFactRule,
} from './builtInRules';
import { PmoFactRules } from './factRuleRegistry';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'vm-provisioning', namespace: 'default', annotations },
});
const context = {
  entityRef: 'component:default/vm-provisioning',
  logger: mockServices.logger.mock(),
};

describe('techdocs fact rule', () => {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async id => `http://backend/api/${id}`,
  });
  const auth = mockServices.auth();

  it('reports unknown when TechDocs is not installed, without calling anything', async () => {
    const fetch = jest.fn();
    const rule = createTechDocsFactRule({
      discovery,
      auth,
      installed: false,
      fetch,
    });
    const outcome = await rule.evaluate(
      entity({ 'backstage.io/techdocs-ref': 'dir:.' }),
      { rule: 'techdocs' },
      context,
    );
    expect(outcome).toEqual({
      status: 'unknown',
      detail: 'TechDocs is not installed in this Backstage',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('needs the annotation, then a built site, and links the docs page', async () => {
    const fetch = jest.fn();
    const rule = createTechDocsFactRule({
      discovery,
      auth,
      installed: true,
      fetch,
    });
    expect(
      (await rule.evaluate(entity(), { rule: 'techdocs' }, context)).detail,
    ).toBe('needs backstage.io/techdocs-ref');
    expect(fetch).not.toHaveBeenCalled();

    const docs = entity({ 'backstage.io/techdocs-ref': 'dir:.' });
    fetch.mockResolvedValueOnce({ ok: true, status: 200 });
    expect(await rule.evaluate(docs, { rule: 'techdocs' }, context)).toEqual({
      status: 'satisfied',
      detail: 'TechDocs site built from dir:.',
      evidenceUrl: '/docs/default/component/vm-provisioning',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/techdocs/metadata/techdocs/default/component/vm-provisioning',
    );
    expect(init.headers.Authorization).toMatch(/^Bearer /);

    fetch.mockResolvedValueOnce({ ok: false, status: 404 });
    expect(
      (await rule.evaluate(docs, { rule: 'techdocs' }, context)).status,
    ).toBe('unsatisfied');
    fetch.mockResolvedValueOnce({ ok: false, status: 503 });
    expect(await rule.evaluate(docs, { rule: 'techdocs' }, context)).toEqual({
      status: 'unknown',
      detail: 'TechDocs did not answer (HTTP 503)',
    });
  });
});

describe('PmoFactRules', () => {
  const config = (fact: JsonObject) =>
    new ConfigReader({
      pmo: {
        transition: {
          templates: {
            'tier-3': {
              items: [{ key: 'on-call', title: 'On-call', fact }],
            },
          },
        },
      },
    });

  it('fails the start on a rule config that is malformed or names no installed rule', () => {
    expect(() =>
      readTransitionTemplates(config({ rule: 'annotation' })),
    ).toThrow(
      'pmo.transition.templates.tier-3.items[0].fact.annotations: must be a non-empty list',
    );
    const rules = new PmoFactRules();
    rules.add(annotationFactRule);
    rules.add(relationFactRule);
    rules.add({
      name: 'tech-insights',
      validate: (rule, path) =>
        typeof rule.check === 'string' ? [] : [`${path}.check: is required`],
      evaluate: async () => ({ status: 'unknown', detail: '' }),
    });
    expect(() =>
      rules.validateTemplates(
        readTransitionTemplates(config({ rule: 'sonar' })),
      ),
    ).toThrow(
      "pmo.transition.templates.tier-3.items[0].fact.rule: unknown rule 'sonar'; registered rules: annotation, relation, tech-insights",
    );
    expect(() =>
      rules.validateTemplates(
        readTransitionTemplates(config({ rule: 'tech-insights' })),
      ),
    ).toThrow(
      'pmo.transition.templates.tier-3.items[0].fact.check: is required',
    );
    const templates = readTransitionTemplates(
      config({ rule: 'annotation', annotations: ['opsgenie.com/team'] }),
    );
    expect(() => rules.validateTemplates(templates)).not.toThrow();
    expect(templates['tier-3'].items[0].fact).toEqual({
      rule: 'annotation',
      annotations: ['opsgenie.com/team'],
    });
    expect(() => rules.add(annotationFactRule)).toThrow(/already added/);
  });

  it('evaluates the built-in rules through the same interface as a module rule', async () => {
    expect(
      await annotationFactRule.evaluate(
        entity({ 'opsgenie.com/team': 'ops' }),
        { rule: 'annotation', annotations: ['opsgenie.com/team'] },
        context,
      ),
    ).toMatchObject({ status: 'satisfied' });
    expect(
      await relationFactRule.evaluate(
        entity(),
        { rule: 'relation', relations: ['ownedBy'] },
        context,
      ),
    ).toMatchObject({
      status: 'unsatisfied',
      detail: 'needs a relation ownedBy',
    });
  });
});
