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

// Decisions on record as the PMO takes them: the demo gate of BKP-020
// ("Business case approved by portfolio board") awaits the PMO group, of
// which the guest is a member; the guest decides it "go with conditions"
// and the condition shows up as an action in the project's RAID register.
// Then the SAN refresh (INFRA-204, re-baselined once by the demo) is
// re-baselined again through a request the guest approves as a member of
// pmo.baselines.approverGroups, and the slip against the original stays
// visible.

import { signedInPage } from './pmo.e2e.mjs';

const GATE = 'Business case approved by portfolio board';
const CONDITION = 'Commvault renewal quote held until 31 March';

async function api(ctx, path) {
  const res = await fetch(`${ctx.BACKEND}/api/pmo${path}`, {
    headers: { authorization: `Bearer ${ctx.token}` },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

const plusDays = (iso, days) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);

export const tests = [
  [
    'a gate is decided with a condition, which becomes a RAID action',
    async ctx => {
      const page = await signedInPage(ctx);
      await page.goto(`${ctx.APP}/pmo/projects/BKP-020`);
      const gates = page.getByRole('table', { name: 'Stage gates' });
      await gates.getByText('Awaiting decision').first().waitFor();
      await page.getByRole('button', { name: `Decide ${GATE}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Decision').click();
      await page.getByRole('option', { name: 'Go with conditions' }).click();
      await dialog
        .getByLabel('Rationale')
        .fill('Business case sound; renewal exposure covered by a condition.');
      await dialog.getByRole('button', { name: 'Add condition' }).click();
      await dialog
        .getByRole('textbox', { name: 'Condition 1' })
        .fill(CONDITION);
      await dialog.getByLabel('Owner').fill('group:default/backup-team');
      await dialog.getByLabel('Due date').fill(plusDays(today(), 30));
      await dialog.getByRole('button', { name: 'Record decision' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await gates.getByText('Go with conditions').waitFor();
      // the condition is an open action in the RAID register of the project
      await page
        .getByText(`Gate condition (${GATE}): ${CONDITION}`)
        .first()
        .waitFor();
      await gates.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `${ctx.shots}/gate-decision.png`,
        fullPage: true,
      });

      const raid = await api(ctx, '/projects/BKP-020/raid');
      const items = Array.isArray(raid) ? raid : raid.items;
      const action = items.find(r => r.action === CONDITION);
      if (!action || action.owner !== 'group:default/backup-team') {
        throw new Error(
          `no condition action in BKP-020: ${JSON.stringify(
            items.map(r => [r.title, r.owner]),
          )}`,
        );
      }
      const { items: decisions } = await api(
        ctx,
        '/projects/BKP-020/gate-decisions',
      );
      const last = decisions[decisions.length - 1];
      if (last?.decision !== 'go-with-conditions' || !last.actionIds.length) {
        throw new Error(`decision not recorded: ${JSON.stringify(last)}`);
      }
      await page.close();
    },
  ],
  [
    'a re-baseline is requested and approved; slip against the original stays visible',
    async ctx => {
      const page = await signedInPage(ctx);
      // the portfolio flags the demo's re-baselined project
      await page.goto(`${ctx.APP}/pmo`);
      await page
        .getByRole('row')
        .filter({ hasText: 'INFRA-204' })
        .getByText('Re-baselined')
        .first()
        .waitFor();

      await page.goto(`${ctx.APP}/pmo/projects/INFRA-204`);
      const slip = page.getByRole('table', { name: 'Slip against baselines' });
      await slip.waitFor();
      await page.getByRole('button', { name: 'Request re-baseline' }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel('Reason')
        .fill('Oracle cutover window moved by the ERP owners (CAB 2026-12).');
      const vnx = dialog.getByLabel(/^VNX arrays decommissioned/);
      await vnx.fill(plusDays(await vnx.inputValue(), 7));
      await dialog.getByRole('button', { name: 'Send for approval' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Pending approval').waitFor();

      await page.getByRole('button', { name: 'Approve / reject' }).click();
      const decide = page.getByRole('dialog');
      await decide
        .getByLabel('Reason')
        .fill('Agreed at the steering committee');
      await decide
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      await decide.waitFor({ state: 'hidden' });
      await page.getByText('Approved (baseline 2)').waitFor();
      await page.getByText(/^Baseline 2 \(re-baselined 2 times\)/).waitFor();
      await slip.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `${ctx.shots}/rebaseline.png`,
        fullPage: true,
      });

      const data = await api(ctx, '/projects/INFRA-204/rebaselines');
      if (data.baselineNumber !== 2) {
        throw new Error(`baseline number ${data.baselineNumber}`);
      }
      const milestones = await api(ctx, '/projects/INFRA-204/milestones');
      const list = Array.isArray(milestones) ? milestones : milestones.items;
      const m = list.find(x => x.title === 'VNX arrays decommissioned');
      const original = data.baselines.find(
        b => b.milestoneId === m.id && b.baselineNumber === 0,
      );
      if (!original || original.baselineDate === m.baselineDate) {
        throw new Error(
          `original baseline lost: ${JSON.stringify({ original, m })}`,
        );
      }
      await page.close();
    },
  ],
];

function today() {
  return new Date().toISOString().slice(0, 10);
}
