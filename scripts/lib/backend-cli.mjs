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

// The scripts' backend launcher (scripts/lib/backend.mjs) for shell scripts
// (scripts/api-tour.sh): runs the backend in the foreground until it is
// signalled, then stops it.
//   node scripts/lib/backend-cli.mjs --port 7118 --database memory \
//     --config extra.yaml [--config more.yaml] [--out DIR] [--name NAME]
// (--database: `memory` or a folder for SQLite files; the backend's log is
// <out>/<name>.log.)

import { resolve } from 'node:path';
import { startBackend } from './backend.mjs';

async function main(argv) {
  const opt = name => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const db = opt('database');
  const handle = startBackend({
    name: opt('name') ?? 'backend',
    port: opt('port') ? Number(opt('port')) : undefined,
    db:
      db === 'memory' || db === undefined
        ? db
        : { client: 'sqlite', directory: resolve(db) },
    configFiles: argv
      .flatMap((a, i) => (a === '--config' ? [resolve(argv[i + 1])] : []))
      .filter(Boolean),
    outDir: opt('out'),
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      await handle.kill();
      process.exit(0);
    });
  }
  process.stdout.write(
    `${handle.name} started, pid ${handle.pid}, log ${handle.logFile}\n`,
  );
  const { code, signal } = await handle.exitPromise;
  process.stdout.write(`${handle.name} exited (${code ?? signal})\n`);
  process.exit(code ?? 1);
}

await main(process.argv.slice(2));
