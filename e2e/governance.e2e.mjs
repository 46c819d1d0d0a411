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

// Governance that runs itself, as the guest meets it: the "My PMO items"
// home widget, a project found by Backstage search, the trends chart with a
// generated executive status report, and a reminder in the notifications.

import { readFile } from 'node:fs/promises';
import { cardWith, signedInPage } from './pmo.e2e.mjs';

/** Reloads until `locator()` shows up: background work (index, reminders). */
async function eventually(page, locator, seconds, what) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      await locator().first().waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        throw new Error(`${what} not shown after ${seconds} s: ${e.message}`);
      }
      await page.reload();
    }
  }
}

export const tests = [
  [
    'the home page shows My PMO items with a pending sign-off',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1000 });
      await page.goto(ctx.APP);
      const widget = cardWith(page, 'My PMO items');
      await widget.waitFor();
      await widget.getByText('Pending sign-offs').first().waitFor();
      await widget.getByText('My projects').first().waitFor();
      // the demo's Hyper-V cluster waits for the run sign-off of the
      // guest's Virtualisation group; shown by its ref until the catalog's
      // entity presentation answers, then by its title
      await widget
        .getByText(/hyperv-prod-cluster|Hyper-V production cluster/i)
        .first()
        .waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/home-my-items.png` });
      await page.close();
    },
  ],
  [
    'Backstage search finds a PMO project and opens its page',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 900 });
      await page.goto(`${ctx.APP}/search?query=vsphere`);
      // the collator's first run is 45 s after the backend started
      const hit = () =>
        page.locator('a[href*="/pmo/projects/INFRA-101"]').filter({
          hasText: /INFRA-101/,
        });
      await eventually(page, hit, 180, 'search hit for INFRA-101');
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/search.png` });
      await hit().first().click();
      await page.waitForURL(/\/pmo\/projects\/INFRA-101/);
      await page.getByText('INFRA-101').first().waitFor();
      await page.close();
    },
  ],
  [
    'the PMO page shows trends and generates an executive status report',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1000 });
      // The trends tab has its own URL; the report is on the portfolio tab.
      await page.goto(`${ctx.APP}/pmo/trends`);
      const chart = page.getByTestId('pmo-trends-chart');
      await chart.waitFor();
      await chart.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await chart
        .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]')
        .screenshot({
          path: `${ctx.shots}/trends.png`,
        });

      await page.getByRole('tab', { name: 'Portfolio' }).click();
      await page.getByRole('button', { name: 'Status report' }).first().click();
      await page.getByRole('menuitem', { name: 'Preview' }).click();
      const preview = page.getByTestId('status-report-preview');
      await preview.waitFor();
      await preview
        .getByText(/INFRA-101/)
        .first()
        .waitFor();
      await page.waitForTimeout(300);
      await page.getByRole('dialog').screenshot({
        path: `${ctx.shots}/status-report.png`,
      });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('dialog')
          .getByRole('button', { name: 'Download Markdown' })
          .click(),
      ]);
      const markdown = await readFile(await download.path(), 'utf8');
      if (!/INFRA-101/.test(markdown) || !/\|/.test(markdown)) {
        throw new Error(`unexpected report: ${markdown.slice(0, 200)}`);
      }
      await page.close();
    },
  ],
  [
    'a governance reminder reaches the guest in the notifications',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 900 });
      await page.goto(`${ctx.APP}/notifications`);
      // the reminders task first runs one minute after the backend started
      const reminder = () => page.getByText(/slipped|overdue/i);
      await eventually(page, reminder, 180, 'a PMO reminder');
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/notifications.png` });
      await page.close();
    },
  ],
];
