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

// End-to-end run against the real app: starts the app (frontend :3000 with
// `yarn workspace app start`, backend :7007 with the scripts' launcher
// scripts/lib/backend.mjs; app-config.yaml: SQLite in memory, demo data)
// unless both already answer, then drives Debian's Chromium with
// playwright-core through e2e/*.e2e.mjs. Screenshots land in
// docs/screenshots/. Prints "N passed, N failed".
//
//   yarn test:e2e            (or ./scripts/test --e2e)
//   PMO_E2E_ONLY=a11y yarn test:e2e   (only e2e/*a11y*.e2e.mjs)
//   yarn test:e2e --dry-run  (starts the backend only, waits for the demo
//                             data, stops; no browser)
//   yarn test:e2e --only scaffolder  (only e2e/*scaffolder*.e2e.mjs)

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, startBackend } from './lib/backend.mjs';
import { chromiumPath, launchChromium } from './lib/chromium.mjs';

const dryRun = process.argv.includes('--dry-run');
// `--only a,b` or PMO_E2E_ONLY=a,b: only the e2e files whose names contain
// one of those.
const onlyAt = process.argv.indexOf('--only');
const only = (onlyAt >= 0 ? process.argv[onlyAt + 1] : process.env.PMO_E2E_ONLY)
  ?.split(',')
  .filter(Boolean);
const APP = process.env.PMO_E2E_APP_URL ?? 'http://localhost:3000';
const BACKEND = process.env.PMO_E2E_BACKEND_URL ?? 'http://localhost:7007';
// The automation token (reads only here). The app started below gets a
// random one; an app already running needs its own (scripts/start prints it).
const givenToken = process.env.PMO_API_TOKEN;
const token = givenToken || randomBytes(24).toString('base64url');
const executablePath = chromiumPath();

const log = msg => process.stdout.write(`[e2e] ${msg}\n`);

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function waitFor(url, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await answers(url)) return true;
    await new Promise(r => setTimeout(r, 1000));
  }
  return false;
}

async function waitForDemo(seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BACKEND}/api/pmo/projects?limit=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const cat = await fetch(
        `${BACKEND}/api/catalog/entities/by-name/component/default/vsphere-prod-cluster`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.ok && (await res.json()).totalItems > 0 && cat.ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  return false;
}

if (!executablePath && !dryRun) {
  log('no Chromium found: apt-get install -y chromium (or set PMO_CHROMIUM)');
  process.exit(1);
}

let backend;
let frontend;
if ((await answers(APP)) && (await answers(`${BACKEND}/api/pmo/health`))) {
  if (!givenToken) {
    log(
      'the app is already running: set PMO_API_TOKEN to its automation token (printed by scripts/start), or stop it',
    );
    process.exit(1);
  }
} else {
  log(dryRun ? 'starting the backend (dry run) ...' : 'starting the app ...');
  // app-config.yaml as is: port 7007, SQLite in memory, demo data.
  backend = startBackend({
    name: 'e2e-backend',
    outDir: mkdtempSync(join(tmpdir(), 'pmo-e2e-')),
    env: { PMO_API_TOKEN: token },
  });
  if (!dryRun) {
    frontend = spawn('yarn', ['workspace', 'app', 'start'], {
      cwd: root,
      env: { ...process.env, BROWSER: 'none' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
  }
}
const stop = () => {
  backend?.signal('SIGTERM');
  if (frontend) {
    try {
      process.kill(-frontend.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

const t0 = Date.now();
if (
  !(await waitFor(`${BACKEND}/api/pmo/health`, 300)) ||
  (!dryRun && !(await waitFor(APP, 300))) ||
  !(await waitForDemo(180))
) {
  log('the app did not come up (frontend :3000, backend :7007, demo data)');
  if (backend) log(`backend log: ${backend.logFile}`);
  stop();
  process.exit(1);
}
log(`app up in ${Math.round((Date.now() - t0) / 1000)} s`);
if (dryRun) {
  log(`dry run: backend and demo data answer; backend log ${backend?.logFile}`);
  stop();
  process.exit(0);
}

const shots = resolve(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });
const browser = await launchChromium(executablePath);

const results = [];
const ctx = { browser, APP, BACKEND, token, shots, log };
const files = readdirSync(resolve(root, 'e2e'))
  .filter(f => f.endsWith('.e2e.mjs'))
  .filter(f => !only || only.some(o => f.includes(o)))
  .sort();
for (const f of files) {
  const mod = await import(pathToFileURL(resolve(root, 'e2e', f)).href);
  for (const [name, fn] of mod.tests) {
    const started = Date.now();
    try {
      await fn(ctx);
      results.push({ name, ok: true });
      log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      results.push({ name, ok: false });
      log(`FAIL ${name}: ${e.stack ?? e}`);
    }
  }
}
await browser.close();
stop();
const passed = results.filter(r => r.ok).length;
const failed = results.length - passed;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
