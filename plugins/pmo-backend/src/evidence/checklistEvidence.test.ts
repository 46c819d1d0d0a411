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

import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_READINESS_TEMPLATES,
  type ReadinessTemplate,
} from '@infra-pmo/plugin-pmo-common';
import {
  alice,
  createTestDatabases,
  useStoreFixture,
} from '../__testUtils__/databases';
import type { PmoFactRule } from '../extensions';
import { annotationFactRule, relationFactRule } from './builtInRules';
import { ChecklistEvidence, refreshAllEvidence } from './checklistEvidence';
import { PmoFactRules } from './factRuleRegistry';

jest.setTimeout(60_000);

const databases = createTestDatabases();
/** A link a rule must never pass on (built so the linter sees no URL). */
const SCRIPT_URL = ['javascript', 'alert(1)'].join(':');
const REF = 'component:default/vm-provisioning';
const ONCALL = ['pagerduty.com/service-id', 'opsgenie.com/team'];

const template: ReadinessTemplate = {
  ...DEFAULT_READINESS_TEMPLATES['tier-2'],
  id: 'facts',
  items: [
    {
      key: 'on-call',
      title: 'On-call',
      description: '',
      required: true,
      evidenceRequired: true,
      fact: { rule: 'annotation', annotations: ONCALL },
    },
    {
      key: 'system',
      title: 'Part of a system',
      description: '',
      required: true,
      evidenceRequired: false,
      fact: { rule: 'relation', relations: ['partOf'], targetKind: 'system' },
    },
    {
      key: 'runbook',
      title: 'Runbook',
      description: '',
      required: true,
      evidenceRequired: true,
    },
  ],
};

function entity(annotations: Record<string, string>, system = false): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'vm-provisioning', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'wintel-ops', lifecycle: 'experimental' },
    relations: system
      ? [{ type: 'partOf', targetRef: 'system:default/virtualization' }]
      : [],
  };
}

describe.each(databases.eachSupportedId())(
  'checklist evidence (%s)',
  databaseId => {
    const t = useStoreFixture(databases, databaseId);
    const logger = mockServices.logger.mock();
    let rules: PmoFactRules;
    let evidence: ChecklistEvidence;

    beforeEach(async () => {
      rules = new PmoFactRules();
      rules.add(annotationFactRule);
      rules.add(relationFactRule);
      evidence = new ChecklistEvidence({
        rules,
        store: t.stores.transitions,
        logger,
      });
      await t.project('INFRA-101');
      await t.stores.transitions.createTransition(
        { entityRef: REF, projectKey: 'INFRA-101', tier: 'tier-2', template },
        alice,
      );
    });

    const load = async () => (await t.stores.transitions.getTransition(REF))!;
    const item = async (key: string) =>
      (await load()).items.find(i => i.key === key)!;

    it('marks satisfied items done with the catalog as attester and a link, and shows what is missing', async () => {
      const result = await evidence.refresh(
        entity({ 'opsgenie.com/team': 'wintel' }),
        await load(),
      );
      expect(result.changedItems).toEqual(['on-call']);
      expect(await item('on-call')).toMatchObject({
        status: 'done',
        attesterKind: 'catalog',
        evidenceUrl: '/catalog/default/component/vm-provisioning',
        factCheck: { status: 'satisfied', detail: 'opsgenie.com/team: wintel' },
      });
      expect((await item('on-call')).attestedBy).toBeUndefined();
      expect(await item('system')).toMatchObject({
        status: 'pending',
        factCheck: {
          status: 'unsatisfied',
          detail: 'needs a relation partOf (to a system)',
        },
      });
      expect((await item('runbook')).factCheck).toBeUndefined();
      expect((await load()).version).toBe(2);
      // The same facts again: nothing changes, not even the version.
      const again = await evidence.refresh(
        entity({ 'opsgenie.com/team': 'wintel' }),
        await load(),
      );
      expect(again.changedItems).toEqual([]);
      expect((await load()).version).toBe(2);
      const history = await t.stores.history.listHistory('INFRA-101', {
        limit: 10,
      });
      const byCatalog = history.items.filter(h => h.actor === 'catalog');
      expect(byCatalog).toHaveLength(1);
      expect(byCatalog[0].changes).toMatchObject({
        'items.on-call.status': ['pending', 'done'],
      });
    });

    it('reopens an item whose rule stopped holding and revokes the sign-offs like any item change', async () => {
      const facts = entity({ 'pagerduty.com/service-id': 'P1' }, true);
      await evidence.refresh(facts, await load());
      const store = t.stores.transitions;
      await store.updateItem(
        REF,
        'runbook',
        {
          status: 'done',
          evidenceUrl: 'https://wiki.example.com/rb',
          version: (await load()).version,
        },
        alice,
        { runOwner: 'group:default/wintel-ops' },
      );
      await store.moveState(
        REF,
        'in_progress',
        { version: (await load()).version },
        alice,
      );
      await store.moveState(
        REF,
        'ready_for_review',
        { version: (await load()).version },
        alice,
      );
      await store.signOff(REF, 'run', alice, (await load()).version);
      expect((await load()).signOffs).toHaveLength(1);

      // The annotation is removed from the entity.
      const result = await evidence.refresh(entity({}, true), await load());
      expect(result.changedItems).toEqual(['on-call']);
      expect(result.revokedSignOffs.map(s => s.role)).toEqual(['run']);
      const after = await load();
      expect(after.signOffs).toEqual([]);
      expect(after.items.find(i => i.key === 'on-call')).toMatchObject({
        status: 'pending',
        factCheck: {
          status: 'unsatisfied',
          detail: 'needs one of: pagerduty.com/service-id, opsgenie.com/team',
        },
      });
      expect(
        after.items.find(i => i.key === 'on-call')!.attesterKind,
      ).toBeUndefined();
      // The item a person attested is left alone.
      expect(after.items.find(i => i.key === 'runbook')!.status).toBe('done');
    });

    it('refuses to reopen a catalog-evidenced item by hand while the rule holds, but lets it be waived', async () => {
      await evidence.refresh(
        entity({ 'opsgenie.com/team': 'x' }),
        await load(),
      );
      const store = t.stores.transitions;
      const version = (await load()).version;
      await expect(
        store.updateItem(
          REF,
          'on-call',
          { status: 'pending', version },
          alice,
          {
            runOwner: 'group:default/wintel-ops',
          },
        ),
      ).rejects.toThrow(/evidenced by the catalog \(opsgenie.com\/team: x\)/);
      expect((await load()).version).toBe(version);
      const waived = await store.updateItem(
        REF,
        'on-call',
        {
          status: 'waived',
          waiverReason: 'PagerDuty migration',
          expiresAt: '2026-04-01',
          version,
        },
        alice,
        { runOwner: 'group:default/wintel-ops' },
      );
      const on = waived.transition.items.find(i => i.key === 'on-call')!;
      expect(on).toMatchObject({ status: 'waived', attesterKind: 'user' });
      // The waiver stands: the catalog does not take it back.
      const again = await evidence.refresh(
        entity({ 'opsgenie.com/team': 'x' }),
        await load(),
      );
      expect(again.changedItems).toEqual([]);
    });

    it('treats a rule that throws or links outside http(s) and app paths as unknown, never satisfied', async () => {
      const evil: PmoFactRule = {
        name: 'evil',
        evaluate: async () => ({
          status: 'satisfied',
          detail: 'ok',
          evidenceUrl: SCRIPT_URL,
        }),
      };
      const broken: PmoFactRule = {
        name: 'broken',
        evaluate: async () => {
          throw new Error('boom');
        },
      };
      rules.add(evil);
      rules.add(broken);
      const outcomes = await evidence.evaluate(entity({}), {
        entityRef: REF,
        items: [
          { ...(await item('on-call')), key: 'a', fact: { rule: 'broken' } },
          { ...(await item('on-call')), key: 'b', fact: { rule: 'gone' } },
        ],
      });
      expect(outcomes.get('a')).toMatchObject({ status: 'unknown' });
      expect(outcomes.get('a')!.detail).toContain('boom');
      expect(outcomes.get('b')).toMatchObject({ status: 'unknown' });
      // A satisfied outcome with an unsafe link is recorded as unknown.
      const applied = await t.stores.transitions.applyFactOutcomes(
        REF,
        new Map([
          [
            'on-call',
            {
              status: 'satisfied',
              detail: 'ok',
              evidenceUrl: SCRIPT_URL,
            },
          ],
        ]),
      );
      const on = applied.transition.items.find(i => i.key === 'on-call')!;
      expect(on.status).toBe('pending');
      expect(on.factCheck?.status).toBe('unknown');
    });

    it('re-evaluates every editable transition with fact rules from the catalog, skipping entities gone', async () => {
      await t.stores.transitions.createTransition(
        {
          entityRef: 'component:default/gone',
          tier: 'tier-2',
          template,
        },
        alice,
      );
      const catalog = catalogServiceMock({
        entities: [entity({ 'pagerduty.com/service-id': 'P1' }, true)],
      });
      const result = await refreshAllEvidence({
        evidence,
        store: t.stores.transitions,
        catalog,
        auth: mockServices.auth(),
        logger,
      });
      expect(result).toEqual({ entities: 2, changedItems: 2 });
      expect(
        (await load()).items
          .filter(i => i.attesterKind === 'catalog')
          .map(i => i.key),
      ).toEqual(['on-call', 'system']);
    });
  },
);
