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

// Accessibility of the PMO views with axe-core (WCAG 2.0/2.1 A and AA),
// injected into the real app: the entity card and tab, the PMO page and its
// tabs, a project page, a Group page (card and tab) and the home widget.
// A violation on an element of the plugin's own making fails the run;
// violations inside Backstage's own components (header, sidebar, tabs,
// core Table, ...) are listed, not counted. Each view is also
// photographed at 1280 and 420 px for the README (docs/screenshots/a11y-*).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signedInPage } from './pmo.e2e.mjs';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const SERVICE = '/catalog/default/component/vsphere-prod-cluster';
const GROUP = '/catalog/default/group/hosting-services';

/**
 * The views: where they are, the text that says they are loaded, and
 * what they are called in the screenshots.
 */
const VIEWS = [
  {
    shot: 'entity-card',
    path: SERVICE,
    ready: 'Projects changing this entity',
  },
  { shot: 'entity-tab', path: `${SERVICE}/pmo`, ready: 'Milestones' },
  { shot: 'pmo-page', path: '/pmo', ready: 'INFRA-204' },
  { shot: 'pmo-transitions', path: '/pmo/transitions', ready: 'Not started' },
  { shot: 'pmo-trends', path: '/pmo/trends', ready: 'Trends' },
  { shot: 'project-page', path: '/pmo/projects/INFRA-101', ready: 'RAID log' },
  { shot: 'group-card', path: GROUP, ready: 'Projects owned' },
  {
    shot: 'group-tab',
    path: `${GROUP}/pmo`,
    ready: 'Services and run transitions',
  },
  { shot: 'home-widget', path: '/', ready: 'My PMO items' },
  { shot: 'not-found', path: '/pmo/no-such-view', ready: 'does not exist' },
];

const WIDTHS = [1280, 420];

/**
 * Class names and tags of Backstage's own parts (app header and sidebar,
 * page tabs, the core Table's header, toolbar and pager, the error page,
 * other plugins' components such as the catalog graph: `Plugin…`),
 * not the layout containers (page, content, info card) that hold the
 * plugin's views.
 */
const CORE_CLASS =
  /^(Backstage(Sidebar(?!Page)|Header|HeaderTabs|HeaderLabel|TableHeader|TableToolbar|TableFilters|ErrorPage|BottomLink|Breadcrumbs|ContentHeader|CardTab|TabbedCard)|Plugin(?!Pmo)|MTable|MuiTablePagination)/;

/**
 * Runs axe on the page and splits the violating nodes: inside one of
 * Backstage's own parts (CORE_CLASS, `nav`, `header`, a header cell of the
 * core Table) is core; anything else is the plugin's own.
 */
async function audit(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async coreClass => {
    const CORE = new RegExp(coreClass);
    const core = el => {
      for (let e = el; e; e = e.parentElement) {
        if (e.tagName === 'NAV' || e.tagName === 'HEADER') return true;
        if ([...e.classList].some(c => CORE.test(c))) return true;
        if (e.tagName === 'TH' && e.closest('[class*="BackstageTable-root"]'))
          return true;
      }
      return false;
    };
    const result = await window.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      },
    });
    const out = [];
    for (const v of result.violations) {
      for (const node of v.nodes) {
        out.push({
          rule: v.id,
          target: node.target.join(' '),
          html: node.html.slice(0, 160),
          summary: (node.failureSummary ?? '').split('\n').slice(1, 2).join(''),
          core: core(document.querySelector(node.target[0])),
        });
      }
    }
    return out;
  }, CORE_CLASS.source);
}

/** One signed-in page per width, shared by the views (signing in is slow). */
async function pageFor(ctx, width) {
  ctx.a11yPages ??= new Map();
  if (!ctx.a11yPages.has(width)) {
    ctx.a11yPages.set(width, await signedInPage(ctx, { width, height: 900 }));
  }
  return ctx.a11yPages.get(width);
}

export const tests = VIEWS.map((view, index) => [
  `a11y: ${view.shot} has no WCAG A/AA violation of its own`,
  async ctx => {
    const own = [];
    for (const width of WIDTHS) {
      const page = await pageFor(ctx, width);
      await page.goto(ctx.APP + view.path);
      await page.getByText(view.ready).first().waitFor({ timeout: 60_000 });
      // Let lazy parts (charts, presentation names) settle.
      await page.waitForTimeout(1500);
      if (width === WIDTHS[0]) {
        const found = await audit(page);
        for (const f of found.filter(n => n.core)) {
          ctx.log(`  core (listed): ${f.rule} ${f.target}`);
        }
        own.push(...found.filter(n => !n.core));
      }
      await page.screenshot({
        path: `${ctx.shots}/a11y-${view.shot}-${width}.png`,
        fullPage: width === WIDTHS[1],
      });
      if (index === VIEWS.length - 1) await page.close();
    }
    if (own.length > 0) {
      throw new Error(
        `${own.length} violation(s) of the plugin's own:\n${own
          .map(n => `${n.rule} ${n.target}\n    ${n.summary}\n    ${n.html}`)
          .join('\n')}`,
      );
    }
  },
]);
