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

// Debian's Chromium for the scripts that drive the app (e2e, the bench's
// frontend figures) through playwright-core, with one set of flags.

import { existsSync } from 'node:fs';

/** PMO_CHROMIUM, or the first Chromium/Chrome installed; undefined if none. */
export function chromiumPath() {
  return (
    process.env.PMO_CHROMIUM ??
    [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
    ].find(p => existsSync(p))
  );
}

/**
 * A headless browser: no sandbox (containers run as root), no GPU, and no
 * background traffic (updates, sync, QUIC) that could skew timings.
 */
export async function launchChromium(executablePath) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
