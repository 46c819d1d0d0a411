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

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Strings that only the PMO page's code contains (UI texts survive
 * minification). A chunk holding one of them is part of the lazy page.
 */
const PAGE_MARKERS = ['aria-label":"Projects"', 'Transition board'];

function chunkSizes(root) {
  const dir = resolve(root, 'packages/app/dist/static');
  if (!existsSync(dir)) return undefined;
  const chunks = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue;
    const text = readFileSync(resolve(dir, name));
    const s = text.toString('utf8');
    if (!PAGE_MARKERS.some(m => s.includes(m))) continue;
    chunks.push({
      name,
      bytes: text.length,
      gzipBytes: gzipSync(text, { level: 9 }).length,
    });
  }
  return chunks;
}

function chromiumPath() {
  return (
    process.env.PMO_CHROMIUM ??
    ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(p => existsSync(p))
  );
}

/** Median of the time-to-table over a few fresh page loads. */
async function timeToTable({ base, log, runs = 3 }) {
  const executablePath = chromiumPath();
  if (!executablePath) {
    log('no Chromium (apt-get install -y chromium): time-to-table skipped');
    return undefined;
  }
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
    return { runs: times, medianMs: times[Math.floor(times.length / 2)] };
  } finally {
    await browser.close();
  }
}

/** Chunk sizes and time-to-table; undefined parts when unavailable. */
export async function measureFrontend({ root, log, base, total }) {
  const chunks = chunkSizes(root);
  if (!chunks) {
    log('no packages/app/dist: run `yarn workspace app build` first');
    return { note: 'app not built' };
  }
  const gzip = chunks.reduce((n, c) => n + c.gzipBytes, 0);
  log(
    `PMO page chunk(s): ${chunks.map(c => c.name).join(', ')} = ${(
      gzip / 1024
    ).toFixed(1)} KiB gzipped`,
  );
  const ttt = await timeToTable({ base, log });
  return { projects: total, chunks, gzipBytes: gzip, timeToTable: ttt };
}
