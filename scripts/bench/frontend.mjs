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

// Frontend figures of `yarn bench --frontend`, from the production build of
// packages/app (`yarn workspace app build`, served by the backend's
// app-backend):
//  * the gzipped size of the lazy chunk(s) holding the PMO page;
//  * the time from navigation start to the first row of the PMO projects
//    table, in headless Chromium, signed in as guest.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath, launchChromium } from '../lib/chromium.mjs';

/** Raw and gzipped (level 9) sizes of built chunks, by file name. */
function chunkSizes(root, names) {
  const dir = resolve(root, 'packages/app/dist/static');
  return names.map(name => {
    const text = readFileSync(resolve(dir, name));
    return {
      name,
      bytes: text.length,
      gzipBytes: gzipSync(text, { level: 9 }).length,
    };
  });
}

/**
 * The lazy chunks of the PMO page (the scripts fetched when the signed-in
 * app navigates to /pmo), the time of that in-app navigation, and the
 * median time from navigation start to the first row of the projects table
 * over a few full page loads of /pmo.
 */
async function measurePage({ root, base, log, runs = 3 }) {
  const executablePath = chromiumPath();
  if (!executablePath) {
    log('no Chromium (apt-get install -y chromium): time-to-table skipped');
    return undefined;
  }
  const browser = await launchChromium(executablePath);
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    // Sign in once as guest (the session is kept in the context).
    await page.goto(base);
    const enter = page.getByRole('button', { name: /^enter$/i });
    await Promise.race([
      enter.waitFor({ timeout: 60_000 }).then(() => enter.click()),
      page.getByText('Catalog', { exact: true }).first().waitFor({
        timeout: 60_000,
      }),
    ]);
    await page.getByRole('link', { name: 'PMO' }).first().waitFor();
    await page.waitForLoadState('networkidle');

    const scripts = new Set();
    page.on('response', r => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/static/') && url.pathname.endsWith('.js')) {
        scripts.add(url.pathname.slice('/static/'.length));
      }
    });
    const t0 = Date.now();
    await page.getByRole('link', { name: 'PMO' }).first().click();
    await page
      .locator('table[aria-label="Projects"] tbody tr td')
      .first()
      .waitFor();
    const inAppMs = Date.now() - t0;
    const chunks = chunkSizes(root, [...scripts].sort());
    log(
      `PMO page chunks: ${chunks
        .map(c => `${c.name} ${(c.gzipBytes / 1024).toFixed(1)} KiB`)
        .join(', ')} (gzipped); in-app navigation to the table ${inAppMs} ms`,
    );

    const times = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${base}/pmo`, { waitUntil: 'commit' });
      await page
        .locator('table[aria-label="Projects"] tbody tr td')
        .first()
        .waitFor();
      const ms = await page.evaluate(() => performance.now());
      times.push(ms);
      log(`time to the projects table: ${ms.toFixed(0)} ms`);
    }
    times.sort((a, b) => a - b);
    return {
      chunks,
      gzipBytes: chunks.reduce((n, c) => n + c.gzipBytes, 0),
      inAppNavigationMs: inAppMs,
      fullLoadMs: times,
      medianFullLoadMs: times[Math.floor(times.length / 2)],
    };
  } finally {
    await browser.close();
  }
}

/** Chunk sizes and time-to-table; undefined parts when unavailable. */
export async function measureFrontend({ root, log, base, total }) {
  if (!existsSync(resolve(root, 'packages/app/dist/index.html'))) {
    log('no packages/app/dist: run `yarn workspace app build` first');
    return { note: 'app not built' };
  }
  const result = await measurePage({ root, base, log });
  return result ? { projects: total, ...result } : { note: 'no Chromium' };
}
