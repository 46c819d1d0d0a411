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

// The run-transition gate as the PMO and the run team use it: the demo
// vSphere cluster (seeded "in progress", tier 1, project INFRA-101) is walked
// to "accepted": remaining items completed with evidence, one waived (which
// creates a RAID risk on the project), both sign-offs given by the guest (a
// member of Virtualisation, the delivery and the run owner), then the board.

import { signedInPage } from './pmo.e2e.mjs';

const ENTITY = '/catalog/default/component/vsphere-prod-cluster';
const WAIVE = 'Post-implementation review scheduled';

export const tests = [
  [
    'a service is walked from in progress to accepted with evidence, a waiver and both sign-offs',
    async ctx => {
      const page = await signedInPage(ctx);
      await page.goto(`${ctx.APP}${ENTITY}/pmo?section=transition`);
      await page
        .getByRole('button', { name: 'Move to Ready for review' })
        .waitFor();

      // the guard refuses early acceptance and says why
      // waive one item: reason + expiry; a RAID risk is created on INFRA-101
      await page.getByRole('button', { name: `Waive: ${WAIVE}` }).click();
      const waive = page.getByRole('dialog');
      await waive
        .getByLabel('Reason')
        .fill(
          'PIR booked with the CAB for the first week after cutover; no date yet.',
        );
      await waive.getByLabel('Waiver expires on').fill('2027-06-30');
      await waive.getByRole('button', { name: 'Waive' }).click();
      await waive.waitFor({ state: 'hidden' });
      const status = page
        .getByRole('status')
        .filter({ hasText: /risk/i })
        .first();
      await status.waitFor();

      // complete every remaining item with evidence
      for (let i = 0; i < 15; i++) {
        // every pending item but the waived one
        const next = page
          .getByRole('button', { name: /^Mark done: / })
          .filter({ hasNotText: WAIVE })
          .and(page.locator(`:not([aria-label="Mark done: ${WAIVE}"])`))
          .first();
        if ((await next.count()) === 0) break;
        const label = await next.getAttribute('aria-label');
        await next.click();
        const dialog = page.getByRole('dialog');
        const slug = (label ?? 'item')
          .replace(/^Mark done: /, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-');
        await dialog
          .getByLabel('Evidence URL')
          .fill(`https://wiki.example.com/infra/vsphere-prod-cluster/${slug}`);
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await page.getByText('100%').first().waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: WAIVE })
        .getByText('Waived')
        .waitFor();

      await page
        .getByRole('button', { name: 'Move to Ready for review' })
        .click();
      await page.getByRole('button', { name: 'Sign off delivery' }).click();
      await page
        .getByRole('button', { name: 'Revoke delivery sign-off' })
        .waitFor();
      await page.getByRole('button', { name: 'Sign off run' }).click();
      await page.getByRole('button', { name: 'Revoke run sign-off' }).waitFor();
      await page.getByRole('button', { name: 'Move to Accepted' }).click();
      await page.getByRole('button', { name: 'Move to Hypercare' }).waitFor();
      await page.screenshot({
        path: `${ctx.shots}/run-transition.png`,
        fullPage: true,
      });

      // the waiver's risk is in the project's RAID log, owned by the run owner
      const res = await fetch(
        `${ctx.BACKEND}/api/pmo/projects/INFRA-101/raid?type=risk`,
        {
          headers: { authorization: `Bearer ${ctx.token}` },
        },
      );
      const risks = await res.json();
      const items = Array.isArray(risks) ? risks : risks.items;
      const waiverRisk = items.find(r =>
        r.title.startsWith(`Waiver: ${WAIVE}`),
      );
      if (!waiverRisk)
        throw new Error(
          `no waiver risk in INFRA-101: ${JSON.stringify(
            items.map(r => r.title),
          )}`,
        );
      if (
        waiverRisk.status !== 'open' ||
        waiverRisk.owner !== 'group:default/virtualisation'
      ) {
        throw new Error(
          `waiver risk ${waiverRisk.status}, owned by ${waiverRisk.owner}`,
        );
      }
      await page.close();
    },
  ],
  [
    'the transition board shows services by state with mismatches flagged',
    async ctx => {
      const page = await signedInPage(ctx);
      await page.goto(`${ctx.APP}/pmo?view=transitions`);
      await page.getByText('citrix-daas', { exact: false }).first().waitFor();
      await page
        .getByText(/mismatch/i)
        .first()
        .waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/transition-board.png` });
      await page.close();
    },
  ],
];
