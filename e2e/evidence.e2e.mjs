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

// Readiness evidence the catalog already knows: the demo Azure landing
// zone (tier 2, "in progress") carries `pagerduty.com/service-id` and is
// part of a System; the demo checklist templates (app-config.yaml) name
// those facts. The `pmo-checklist-evidence` task (first run 30 s after
// start) marks the items done with the catalog as attester; the PMO tab
// shows the "catalog" chip and the evidence link, and what is still
// missing on the items whose fact does not hold.

import { signedInPage } from './pmo.e2e.mjs';

const REF = 'component/default/azure-landing-zone';
const ENTITY = '/catalog/default/component/azure-landing-zone';

async function transition(ctx) {
  const res = await fetch(`${ctx.BACKEND}/api/pmo/entities/${REF}/transition`, {
    headers: { authorization: `Bearer ${ctx.token}` },
  });
  if (!res.ok) throw new Error(`GET transition: HTTP ${res.status}`);
  return res.json();
}

const byCatalog = t =>
  t.items.filter(i => i.attesterKind === 'catalog').map(i => i.key);

export const tests = [
  [
    'a service checklist item is evidenced by the catalog, with its link and what is missing elsewhere',
    async ctx => {
      // Wait for the scheduled task (it runs once the catalog has ingested).
      let t = await transition(ctx);
      const deadline = Date.now() + 90_000;
      while (!byCatalog(t).includes('support-model') && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 3000));
        t = await transition(ctx);
      }
      if (!byCatalog(t).includes('support-model')) {
        throw new Error(
          `the catalog evidenced ${JSON.stringify(byCatalog(t))} after 90 s`,
        );
      }
      ctx.log(`catalog-evidenced items: ${byCatalog(t).join(', ')}`);
      const support = t.items.find(i => i.key === 'support-model');
      if (support.status !== 'done' || support.attestedBy) {
        throw new Error(`support-model: ${JSON.stringify(support)}`);
      }

      const page = await signedInPage(ctx);
      await page.goto(`${ctx.APP}${ENTITY}/pmo?section=transition`);
      const row = page.getByTestId('item-support-model');
      await row.getByTestId('catalog-attester-support-model').waitFor();
      const link = row.getByRole('link', { name: 'Evidence' });
      const href = await link.getAttribute('href');
      if (href !== ENTITY) throw new Error(`evidence link ${href}`);
      // no reset by hand while the fact holds; a waiver stays possible
      if (
        (await row
          .getByRole('button', { name: /^Back to pending: / })
          .count()) !== 0
      ) {
        throw new Error('a catalog-evidenced item offers a reset');
      }
      await row.getByRole('button', { name: /^Waive: / }).waitFor();
      // TechDocs is not installed in the demo: the rule cannot tell
      await page
        .getByTestId('fact-as-built')
        .filter({ hasText: 'TechDocs is not installed' })
        .waitFor();
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `${ctx.shots}/checklist-evidence.png`,
        fullPage: true,
      });
      // the evidence link opens the entity page in the app
      await link.click();
      await page.waitForURL(url => url.pathname === ENTITY);
      await page.close();
    },
  ],
];
