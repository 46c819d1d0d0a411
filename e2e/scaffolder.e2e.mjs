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

// The demo software template (examples/templates/infrastructure-service)
// creates a service, links it to INFRA-101 (pmo:project:link) and starts its
// run transition (pmo:transition:start). The template is shown on the
// scaffolder's /create page; the run itself is driven through the scaffolder
// REST API as the signed-in guest (the same request the form's "Create"
// button sends), because the form's pickers need catalog data that the
// browser run would only re-type. Then the new service's page shows the PMO
// card with its project and run transition.

import { signedInPage } from './pmo.e2e.mjs';

const TEMPLATE = 'template:default/infrastructure-service';

async function guestToken(ctx) {
  const res = await fetch(`${ctx.BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function runTemplate(ctx, token, values) {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${ctx.BACKEND}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ templateRef: TEMPLATE, values }),
  });
  if (created.status !== 201) {
    throw new Error(`task: ${created.status} ${await created.text()}`);
  }
  const { id } = await created.json();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const task = await (
      await fetch(`${ctx.BACKEND}/api/scaffolder/v2/tasks/${id}`, { headers })
    ).json();
    if (task.status === 'completed') return id;
    if (task.status === 'failed' || Date.now() > deadline) {
      const events = await (
        await fetch(`${ctx.BACKEND}/api/scaffolder/v2/tasks/${id}/events`, {
          headers,
        })
      ).json();
      throw new Error(
        `task ${task.status}: ${events
          .map(e => e.body?.message)
          .filter(Boolean)
          .join('\n')}`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

export const tests = [
  [
    'the demo template creates a service that appears with its project and run transition on the PMO card',
    async ctx => {
      const page = await signedInPage(ctx, { width: 1280, height: 1200 });
      await page.goto(`${ctx.APP}/create`);
      await page
        .getByText('Infrastructure service (with PMO project)')
        .first()
        .waitFor();

      const name = `vmware-cluster-${Date.now().toString(36)}`;
      const token = await guestToken(ctx);
      await runTemplate(ctx, token, {
        name,
        owner: 'group:default/virtualisation',
        tier: 'tier-2',
        projectKey: 'infra-101',
        goLive: '2027-03-31',
      });

      // the transition is there, linked to the project
      const transition = await fetch(
        `${ctx.BACKEND}/api/pmo/entities/component/default/${name}/transition`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (!transition.ok) throw new Error(`transition: ${transition.status}`);
      const body = await transition.json();
      if (body.projectKey !== 'INFRA-101') {
        throw new Error(`transition project: ${JSON.stringify(body)}`);
      }

      await page.goto(`${ctx.APP}/catalog/default/component/${name}`);
      const card = page
        .locator('article, .MuiCard-root')
        .filter({ hasText: 'Projects changing this entity' })
        .first();
      await card.waitFor({ timeout: 60_000 });
      await card.getByText('INFRA-101').first().waitFor();
      await card
        .getByText(/transition/i)
        .first()
        .waitFor();
      await card.screenshot({ path: `${ctx.shots}/scaffolded-service.png` });
      await page.close();
    },
  ],
];
