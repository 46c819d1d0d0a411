#!/usr/bin/env node
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

// Fails when a package imports a module it does not declare.
//
// For every workspace package under plugins/ and packages/:
// - its shipped source (src/**, not tests or test utilities) and its
//   published types (the committed report*.api.md API reports, and
//   dist-types/<package>/** when `yarn tsc` wrote them) may import only
//   `dependencies` and `peerDependencies`;
// - its tests (*.test.*, __testUtils__, setupTests, dev/) may import
//   `devDependencies` too.
// Relative imports, node: builtins and the package's own name are fine.
//
// Usage: node scripts/check-deps.mjs   (exit 1 and one line per finding)

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const builtins = new Set(builtinModules);
const IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|\bjest\.mock\s*\(\s*)['"]([\w@.:/-]+)['"]/gm;

/** The package a module specifier names (`@scope/name/sub` -> `@scope/name`). */
export function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@')
    ? parts.slice(0, 2).join('/')
    : parts[0];
  return builtins.has(name) ? undefined : name;
}

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.(m?[jt]sx?|d\.ts)$/.test(entry)) yield path;
  }
}

// Build scripts inside a package (e.g. the OpenAPI generator, *.mjs) are not
// bundled into it; they run from the repository root with its devDependencies.
const rootManifest = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
);
const rootDev = Object.keys(rootManifest.devDependencies ?? {});
const isToolFile = path => /\.mjs$/.test(path);

const isTestFile = path =>
  /\.test\.[jt]sx?$|__testUtils__|__fixtures__|setupTests|\/dev\/|\/reliability\//.test(
    path,
  );

function specifiers(text) {
  return [...text.matchAll(IMPORT)].map(m => m[1]);
}

const findings = [];
for (const group of ['plugins', 'packages']) {
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const shipped = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const forTests = new Set([
      ...shipped,
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    const check = (file, allowed, what) => {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const pkg = packageOf(spec);
        if (pkg && !allowed.has(pkg)) {
          findings.push(
            `${relative(root, file)}: imports ${pkg} (${what}), which ${
              manifest.name
            } does not declare`,
          );
        }
      }
    };
    for (const file of walk(join(dir, 'src'))) {
      if (isToolFile(file)) {
        check(file, new Set([...forTests, ...rootDev]), 'build script');
        continue;
      }
      const test = isTestFile(file);
      check(file, test ? forTests : shipped, test ? 'test' : 'shipped source');
    }
    for (const file of walk(join(dir, 'dev'))) check(file, forTests, 'dev');
    if (manifest.private) continue;
    for (const entry of readdirSync(dir)) {
      if (/^report.*\.api\.md$/.test(entry)) {
        check(join(dir, entry), shipped, 'published types');
      }
    }
    for (const file of walk(join(root, 'dist-types', group, name, 'src'))) {
      if (!isTestFile(file)) check(file, shipped, 'published types');
    }
  }
}

if (findings.length) {
  for (const f of [...new Set(findings)]) console.error(f);
  console.error(
    `${findings.length} undeclared import(s): add them to the package's dependencies (or devDependencies for tests)`,
  );
  process.exit(1);
}
console.log('check-deps: every import is declared');
