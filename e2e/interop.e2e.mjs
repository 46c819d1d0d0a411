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

// The PMO's own files and keys, as a PMO analyst meets them: an MS Project
// plan (MSPDI XML) imported from the PMO page with a dry run first, whose
// milestones then show on the PMO tab of a service the project is linked
// to; and a service annotated with keys as PMOs write them (a ServiceNow
// number and a multi-segment key) that the catalog keeps and the card shows.

import { fileURLToPath } from 'node:url';
import { cardWith, signedInPage } from './pmo.e2e.mjs';

const PLAN = fileURLToPath(
  new URL(
    '../plugins/pmo-backend/src/service/interop/__fixtures__/dc-migration.mspdi.xml',
    import.meta.url,
  ),
);
const FILE_SERVICES = '/catalog/default/component/file-services';

export const tests = [
  [
    'an MS Project plan imported from the PMO page shows on a linked service',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1100 });
      await page.goto(`${ctx.APP}/pmo`);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Import projects, milestones and RAID').waitFor();
      // the format follows the file's extension (.xml: MS Project)
      await dialog.getByLabel('Import file').setInputFiles(PLAN);
      await dialog.getByLabel('Project key').fill('DC-MIG-01');
      await dialog.getByRole('button', { name: 'Preview (dry run)' }).click();
      await dialog.getByText(/^Dry run passed/).waitFor();
      // nothing written yet: the plan's gate milestone is not on the tab
      const tabPage = await signedInPage(ctx, { width: 1280, height: 1100 });
      await tabPage.goto(`${ctx.APP}${FILE_SERVICES}/pmo`);
      await tabPage
        .getByText('Pilot wave cut over', { exact: true })
        .first()
        .waitFor();
      if ((await tabPage.getByText('Design approved (gate)').count()) !== 0) {
        throw new Error('the dry run wrote the plan');
      }
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${ctx.shots}/import-mspdi.png` });

      await dialog.getByRole('button', { name: 'Apply import' }).click();
      await dialog.getByRole('button', { name: 'Close' }).waitFor();
      await page.keyboard.press('Escape');

      // DC-MIG-01 is linked to the file services by their annotation: the
      // plan's milestones (with the MS Project baselines) are on their tab
      await tabPage.reload();
      await tabPage.getByText('Design approved (gate)').first().waitFor();
      await tabPage
        .getByText('Old data centre decommissioned')
        .first()
        .waitFor();
      await tabPage.waitForTimeout(500);
      await tabPage.screenshot({ path: `${ctx.shots}/import-mspdi-tab.png` });
      await tabPage.close();
      await page.close();
    },
  ],
  [
    'a service annotated with PRJ0012345 and DC-MIG-01 is in the catalog with both on its card',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1100 });
      await page.goto(`${ctx.APP}${FILE_SERVICES}`);
      const card = cardWith(page, 'Projects changing this entity');
      await card.waitFor();
      await card.getByText('PRJ0012345').first().waitFor();
      await card.getByText('DC-MIG-01').first().waitFor();
      await page.waitForTimeout(500);
      await card.screenshot({ path: `${ctx.shots}/entity-card-pmo-keys.png` });
      await page.close();
    },
  ],
];
