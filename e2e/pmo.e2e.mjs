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

// The PMO as a user meets it: a service page (card + tab), the portfolio
// page (filters), and a project created, planned and linked from the UI.

const SERVICE = '/catalog/default/component/vsphere-prod-cluster';
const LINK_TARGET = 'component:default/oracle-db-service';

/** A page signed in as guest (the demo app's sign-in). */
export async function signedInPage(
  ctx,
  viewport = { width: 1280, height: 800 },
) {
  const page = await ctx.browser.newPage({ viewport });
  page.setDefaultTimeout(30_000);
  await page.goto(ctx.APP);
  const enter = page.getByRole('button', { name: /^enter$/i });
  await Promise.race([
    enter.waitFor({ timeout: 60_000 }).then(() => enter.click()),
    page
      .getByText('Catalog', { exact: true })
      .first()
      .waitFor({ timeout: 60_000 }),
  ]);
  await page.getByRole('link', { name: 'PMO' }).first().waitFor();
  return page;
}

/** The first card (MUI card or article) that contains `text`. */
export function cardWith(page, text) {
  return page
    .locator('article, .MuiCard-root')
    .filter({ hasText: text })
    .first();
}

export const tests = [
  [
    'a service page shows the PMO card and the PMO tab',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1400 });
      await page.goto(ctx.APP + SERVICE);
      const card = cardWith(page, 'Projects changing this entity');
      await card.waitFor();
      await card.getByText('INFRA-101').first().waitFor();
      await card
        .getByText(/Watermelon/)
        .first()
        .waitFor();
      await card.screenshot({ path: `${ctx.shots}/entity-card.png` });
      await page.locator(`a[href$="${SERVICE}/pmo"]`).first().click();
      await page.getByText('Milestones', { exact: true }).first().waitFor();
      await page
        .getByText('CAB approval for production ESXi cutover')
        .first()
        .waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/entity-tab.png` });
      await page.close();
    },
  ],
  [
    'the PMO page shows the portfolio and filters projects by health',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1250 });
      await page.goto(`${ctx.APP}/pmo`);
      await page.getByText('INFRA-204').first().waitFor();
      await page.screenshot({ path: `${ctx.shots}/pmo-page.png` });
      await page
        .getByRole('button', { name: /^Health/ })
        .first()
        .click();
      await page.getByRole('option', { name: /^Red$/i }).click();
      await page.keyboard.press('Escape');
      await page.waitForURL(/health=red/);
      // only the projects table: other panels (timeline, KPIs) link projects too
      const table = page.getByRole('table', { name: 'Projects' });
      await table.getByRole('link', { name: 'INFRA-101' }).waitFor();
      await table
        .getByRole('link', { name: 'INFRA-204' })
        .waitFor({ state: 'detached', timeout: 15_000 })
        .catch(() => {
          throw new Error('INFRA-204 (amber) still listed with the red filter');
        });
      await page.close();
    },
  ],
  [
    'a project created in the UI with a milestone and a risk shows on the linked service',
    async ctx => {
      const key = `E2E-${Date.now() % 1_000_000}`;
      const page = await signedInPage(ctx);
      await page.goto(`${ctx.APP}/pmo`);
      await page.getByRole('button', { name: /new project/i }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Key').fill(key);
      await dialog
        .getByLabel('Title', { exact: false })
        .first()
        .fill('Exadata X10M refresh (e2e)');
      await dialog.getByLabel(/^Owner/).fill('group:default/dba-team');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(new RegExp(`/pmo/projects/${key}`));
      await page.getByText('Exadata X10M refresh (e2e)').first().waitFor();

      await page.getByRole('button', { name: /add milestone/i }).click();
      const ms = page.getByRole('dialog');
      await ms.getByLabel('Title').fill('Cutover to X10M');
      await ms.getByLabel('Baseline').fill('2027-03-01');
      await ms.getByLabel('Forecast').fill('2027-03-22');
      await ms.getByRole('button', { name: 'Create' }).click();
      await ms.waitFor({ state: 'hidden' });
      await page.getByText('Cutover to X10M').first().waitFor();

      await page.getByRole('button', { name: /add raid item/i }).click();
      const raid = page.getByRole('dialog');
      await raid
        .getByLabel('Title')
        .fill('Exadata delivery slips past support end');
      await raid.getByLabel('Probability').click();
      await page.getByRole('option', { name: /^4/ }).click();
      await raid.getByLabel('Impact').click();
      await page.getByRole('option', { name: /^5/ }).click();
      await raid.getByRole('button', { name: 'Create' }).click();
      await raid.waitFor({ state: 'hidden' });
      await page
        .getByText('Exadata delivery slips past support end')
        .first()
        .waitFor();

      const picker = page.getByRole('textbox', { name: 'Entity' });
      await picker.fill(LINK_TARGET);
      await picker.press('Enter');
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await page
        .getByText(/linked/i)
        .first()
        .waitFor();
      await page.screenshot({
        path: `${ctx.shots}/project-page.png`,
        fullPage: true,
      });

      await page.goto(`${ctx.APP}/catalog/default/component/oracle-db-service`);
      const card = cardWith(page, 'Projects changing this entity');
      await card.getByText(key).first().waitFor();
      await card
        .getByText(/manual/i)
        .first()
        .waitFor();
      await page.close();
    },
  ],
];
