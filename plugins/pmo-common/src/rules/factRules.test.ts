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
import {
  catalogEvidenceLock,
  evidenceStep,
  evaluateAnnotationRule,
  evaluateRelationRule,
  safeEvidenceLink,
  validateFactRule,
  type ChecklistFactRule,
} from './factRules';

/** A link a rule must never pass on (built so the linter sees no URL). */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');

const nameArb = fc.constantFrom(
  'pagerduty.com/service-id',
  'opsgenie.com/team',
  'grafana/dashboard-selector',
  'backstage.io/techdocs-ref',
  'datadoghq.com/dashboard-url',
);
const valueArb = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constant('https://grafana.example.com/d/abc'),
);
const annotationsArb = fc.dictionary(nameArb, valueArb, { maxKeys: 5 });
const ruleArb = fc.record({
  rule: fc.constant('annotation'),
  annotations: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 4 }),
  match: fc.constantFrom<'any' | 'all' | undefined>('any', 'all', undefined),
});
const entity = (annotations: Record<string, string>) => ({
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default', annotations },
});
const filled = (annotations: Record<string, string>, n: string) =>
  (annotations[n] ?? '').trim() !== '';

describe('evaluateAnnotationRule', () => {
  it('holds exactly when one (any) or every (all) listed annotation has a value', () => {
    fc.assert(
      fc.property(ruleArb, annotationsArb, (rule, annotations) => {
        const outcome = evaluateAnnotationRule(rule, entity(annotations));
        const expected =
          rule.match === 'all'
            ? rule.annotations.every(n => filled(annotations, n))
            : rule.annotations.some(n => filled(annotations, n));
        expect(outcome.status).toBe(expected ? 'satisfied' : 'unsatisfied');
      }),
    );
  });

  it('links satisfied evidence safely and names what is missing otherwise', () => {
    fc.assert(
      fc.property(ruleArb, annotationsArb, (rule, annotations) => {
        const outcome = evaluateAnnotationRule(rule, entity(annotations));
        const satisfied = outcome.status === 'satisfied';
        // Satisfied: a safe link. Otherwise: no link, every missing name.
        expect(safeEvidenceLink(outcome.evidenceUrl)).toBe(outcome.evidenceUrl);
        expect(outcome.evidenceUrl !== undefined).toBe(satisfied);
        const missing = rule.annotations.filter(
          n => rule.match !== 'all' || !filled(annotations, n),
        );
        expect(
          satisfied || missing.every(n => outcome.detail.includes(n)),
        ).toBe(true);
      }),
    );
  });

  it('reads like the checklist shows it', () => {
    const rule: ChecklistFactRule = {
      rule: 'annotation',
      annotations: ['pagerduty.com/service-id', 'opsgenie.com/team'],
    };
    expect(evaluateAnnotationRule(rule, entity({})).detail).toBe(
      'needs one of: pagerduty.com/service-id, opsgenie.com/team',
    );
    const ok = evaluateAnnotationRule(
      rule,
      entity({ 'opsgenie.com/team': 'wintel' }),
    );
    expect(ok).toEqual({
      status: 'satisfied',
      detail: 'opsgenie.com/team: wintel',
      evidenceUrl: '/catalog/default/component/svc',
    });
    const url = evaluateAnnotationRule(
      { rule: 'annotation', annotations: ['grafana/dashboard-url'] },
      entity({ 'grafana/dashboard-url': 'https://grafana.example.com/d/1' }),
    );
    expect(url.evidenceUrl).toBe('https://grafana.example.com/d/1');
    const script = evaluateAnnotationRule(
      { rule: 'annotation', annotations: ['x/link'] },
      entity({ 'x/link': SCRIPT_URL }),
    );
    expect(script.evidenceUrl).toBe('/catalog/default/component/svc');
  });
});

describe('evaluateRelationRule', () => {
  const relationArb = fc.record({
    type: fc.constantFrom('ownedBy', 'partOf', 'dependsOn'),
    targetRef: fc.constantFrom(
      'group:default/wintel-ops',
      'system:default/virtualization',
      'component:default/vcenter',
    ),
  });
  it('holds exactly when a listed relation (to the target kind) exists', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('ownedBy', 'partOf', 'dependsOn'), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom(undefined, 'system', 'group'),
        fc.array(relationArb, { maxLength: 5 }),
        (relations, targetKind, rels) => {
          const outcome = evaluateRelationRule(
            { rule: 'relation', relations, targetKind },
            { relations: rels },
          );
          const expected = rels.some(
            r =>
              relations.includes(r.type) &&
              (!targetKind || r.targetRef.startsWith(`${targetKind}:`)),
          );
          expect(outcome.status).toBe(expected ? 'satisfied' : 'unsatisfied');
          expect(/^\/catalog\//.test(outcome.evidenceUrl ?? '')).toBe(expected);
        },
      ),
    );
  });

  it('links the related entity', () => {
    expect(
      evaluateRelationRule(
        { rule: 'relation', relations: ['partOf'], targetKind: 'system' },
        {
          relations: [
            { type: 'partOf', targetRef: 'system:default/virtualization' },
          ],
        },
      ),
    ).toEqual({
      status: 'satisfied',
      detail: 'partOf system:default/virtualization',
      evidenceUrl: '/catalog/default/system/virtualization',
    });
    expect(
      evaluateRelationRule(
        { rule: 'relation', relations: ['partOf'], targetKind: 'system' },
        { relations: [] },
      ).detail,
    ).toBe('needs a relation partOf (to a system)');
  });
});

describe('validateFactRule', () => {
  it('accepts every well-formed built-in rule', () => {
    fc.assert(
      fc.property(ruleArb, rule => {
        expect(validateFactRule(rule)).toEqual([]);
      }),
    );
  });

  it('names the field of every problem', () => {
    expect(validateFactRule('annotation', 'items[0].fact')).toEqual([
      'items[0].fact: must be an object with a rule',
    ]);
    expect(validateFactRule({ rule: 'Bad Name' })).toEqual([
      'fact.rule: must name a rule: lower-case letters, digits and dashes',
    ]);
    expect(validateFactRule({ rule: 'annotation', match: 'some' })).toEqual([
      "fact.match: must be 'any' or 'all'",
      'fact.annotations: must be a non-empty list of annotation names like pagerduty.com/service-id',
    ]);
    expect(
      validateFactRule({ rule: 'relation', relations: ['part of'] }),
    ).toEqual(["fact.relations: 'part of' is not a valid relation type"]);
    // Parameters of rules added by modules are theirs to check.
    expect(validateFactRule({ rule: 'tech-insights', check: 1 })).toEqual([]);
  });

  it('never accepts an object without a valid rule name', () => {
    fc.assert(
      fc.property(fc.anything(), raw => {
        const problems = validateFactRule(raw);
        const name = (raw as any)?.rule;
        const valid =
          typeof name === 'string' && /^[a-z][a-z0-9-]*$/.test(name);
        expect(valid || problems.length > 0).toBe(true);
      }),
    );
  });
});

describe('safeEvidenceLink', () => {
  it('keeps only http(s) URLs and app paths', () => {
    fc.assert(
      fc.property(fc.string(), s => {
        const link = safeEvidenceLink(s);
        expect(
          link === undefined || /^(https?:\/\/|\/(?![/\\]))/i.test(link),
        ).toBe(true);
      }),
    );
    expect(safeEvidenceLink('//evil.example.com')).toBeUndefined();
    expect(safeEvidenceLink(SCRIPT_URL)).toBeUndefined();
    expect(safeEvidenceLink('/docs/default/component/x')).toBe(
      '/docs/default/component/x',
    );
  });
});

describe('catalogEvidenceLock', () => {
  const item = {
    title: 'On-call',
    attesterKind: 'catalog' as const,
    factCheck: {
      status: 'satisfied' as const,
      detail: 'pagerduty.com/service-id: P1',
      checkedAt: '2026-12-01T00:00:00Z',
    },
  };
  it('refuses reopening and re-evidencing by hand while the rule holds, never a waiver or a note', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          undefined,
          'pending',
          'done',
          'waived',
          'not_applicable',
        ) as fc.Arbitrary<any>,
        fc.option(fc.webUrl(), { nil: undefined }),
        (status, evidenceUrl) => {
          const message = catalogEvidenceLock(item, { status, evidenceUrl });
          const refused =
            status !== 'waived' &&
            ((status !== undefined && status !== 'done') ||
              evidenceUrl !== undefined);
          expect(message !== undefined).toBe(refused);
          expect(message ?? 'evidenced by the catalog').toContain(
            'evidenced by the catalog',
          );
          // Without a holding rule, or for a user's item, nothing is locked.
          expect(
            catalogEvidenceLock(
              {
                ...item,
                factCheck: { ...item.factCheck, status: 'unsatisfied' },
              },
              { status, evidenceUrl },
            ),
          ).toBeUndefined();
          expect(
            catalogEvidenceLock(
              { ...item, attesterKind: 'user' },
              { status, evidenceUrl },
            ),
          ).toBeUndefined();
        },
      ),
    );
  });
});

describe('evidenceStep', () => {
  const outcomeArb = fc.record({
    status: fc.constantFrom(
      'satisfied',
      'unsatisfied',
      'unknown',
    ) as fc.Arbitrary<'satisfied' | 'unsatisfied' | 'unknown'>,
    detail: fc.string(),
    evidenceUrl: fc.constantFrom(
      '/catalog/default/component/a',
      'https://x.example.com',
    ),
  });
  const itemArb = fc.record({
    status: fc.constantFrom(
      'pending',
      'done',
      'waived',
      'not_applicable',
    ) as fc.Arbitrary<any>,
    attesterKind: fc.constantFrom(
      undefined,
      'user',
      'catalog',
    ) as fc.Arbitrary<any>,
    evidenceUrl: fc.constantFrom(undefined, '/catalog/default/component/a'),
  });
  it('never touches what a person attested, waived or set not applicable', () => {
    fc.assert(
      fc.property(itemArb, outcomeArb, (item, outcome) => {
        const step = evidenceStep(item, outcome);
        const untouchable =
          (item.status !== 'pending' && item.attesterKind !== 'catalog') ||
          item.status === 'waived' ||
          item.status === 'not_applicable';
        expect(untouchable && step !== 'none').toBe(false);
      }),
    );
  });
  it('marks pending items done while the rule holds and reopens only its own items when it stops', () => {
    fc.assert(
      fc.property(itemArb, outcomeArb, (item, outcome) => {
        const step = evidenceStep(item, outcome);
        const takes =
          outcome.status === 'satisfied' && item.status === 'pending';
        expect(!takes || step === 'mark-done').toBe(true);
        // Only the catalog's own done items are reopened, and only when
        // the rule does not hold.
        expect(step === 'reopen').toBe(
          outcome.status !== 'satisfied' &&
            item.attesterKind === 'catalog' &&
            item.status === 'done',
        );
        // Applying the step reaches a fixed point: a second pass does nothing.
        const after = {
          'mark-done': {
            status: 'done',
            attesterKind: 'catalog',
            evidenceUrl: outcome.evidenceUrl,
          },
          reopen: { status: 'pending' },
          none: item,
        };
        const next = after[step];
        expect(evidenceStep(next as any, outcome)).toBe('none');
      }),
    );
  });
});
