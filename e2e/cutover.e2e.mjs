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

// Cutover safety as the CAB meets it: the demo's storage cutover (INFRA-204
// on the Pure SAN) and database migration (DB-118 on the Oracle service,
// which depends on that SAN) fall on the same weekend; the change
// calendar marks the overlap, and the database service's PMO tab lists it.

import { signedInPage } from './pmo.e2e.mjs';

/** The calendar's month that holds the demo weekend (next Saturday). */
async function showDemoWeekend(page) {
  const windows = page.getByRole('list', { name: 'Change windows' });
  for (let i = 0; i < 2; i++) {
    const found = windows.getByText(/DB-118/).first();
    if (await found.isVisible().catch(() => false)) return;
    try {
      await found.waitFor({ timeout: 10_000 });
      return;
    } catch {
      // the weekend is in the next month near a month's end
      await page.getByRole('button', { name: 'Next month' }).click();
    }
  }
  throw new Error('the demo change windows are not on the calendar');
}

export const tests = [
  [
    'the change calendar marks the storage and database windows of one weekend',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1200 });
      await page.goto(`${ctx.APP}/pmo/calendar`);
      await page.getByText('Change calendar').first().waitFor();
      await showDemoWeekend(page);
      const windows = page.getByRole('list', { name: 'Change windows' });
      await windows
        .getByText(/INFRA-204/)
        .first()
        .waitFor();
      // both sides of the overlap carry the marker
      const overlaps = windows.getByText('overlap', { exact: true });
      await overlaps.first().waitFor();
      if ((await overlaps.count()) < 2) {
        throw new Error('the overlap is marked on one side only');
      }
      await page.getByText('Freezes').first().waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/change-calendar.png` });
      await page.close();
    },
  ],
  [
    "the database service's PMO tab lists the collision, and the CAB acknowledges it",
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1000 });
      await page.goto(
        `${ctx.APP}/catalog/default/component/oracle-db-service/pmo?section=cutover`,
      );
      const list = page.getByRole('list', { name: 'Collisions' });
      await list.waitFor();
      await list
        .getByText(/INFRA-204.*DB-118|DB-118.*INFRA-204/)
        .first()
        .waitFor();
      await list
        .getByText(/^overlap · /)
        .first()
        .waitFor();
      // the CAB acknowledges the overlap with its reason
      await list
        .getByRole('button', { name: /^Acknowledge: .*INFRA-204/ })
        .first()
        .click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel(/Reason/)
        .fill('CAB 2026-12: storage first, database after the SAN checks');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${ctx.shots}/acknowledge-collision.png` });
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await dialog.waitFor({ state: 'detached' });
      await list
        .getByText(/Acknowledged by .*storage first, database after/)
        .first()
        .waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ctx.shots}/entity-collisions.png` });
      await page.close();
    },
  ],
];
