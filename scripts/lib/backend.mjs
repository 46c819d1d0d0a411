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

// The one way the operations scripts start the real backend
// (packages/backend/src/index.ts): bench, soak, reliability, e2e and the
// API tour. It runs as ONE node process with the transform of
// `backstage-cli package start` but without its file watcher and the yarn
// wrapper, because
//   - a working tree that changes would restart a watched backend in the
//     middle of a run (bench, soak);
//   - its pid is then the backend itself: RSS is the backend's (soak), and
//     kill -9 kills the backend and nothing else (reliability crash check).
//
// startBackend({...}) returns a handle (pid, base URL, log, ready(),
// waitFor(), kill()); shell scripts use it through scripts/lib/backend-cli.mjs.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** `require` from the root: knex, yaml, the CLI's transform. */
export const require = createRequire(resolve(root, 'package.json'));

export const sleep = ms => new Promise(ok => setTimeout(ok, ms));

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function tcpAnswers(port) {
  return new Promise(ok => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('error', () => ok(false));
  });
}

/** Whether 127.0.0.1:port can be listened on. */
export function portFree(port) {
  return new Promise(ok => {
    const probe = createServer()
      .once('error', () => ok(false))
      .once('listening', () => probe.close(() => ok(true)))
      .listen(port, '127.0.0.1');
  });
}

/**
 * The `backend.database` configuration of a database choice:
 *   - 'memory': SQLite in memory (gone with the process);
 *   - { client: 'sqlite', directory }: a SQLite file per plugin;
 *   - { client: 'pg', prefix, connection? }: PostgreSQL, one database per
 *     plugin named `<prefix><pluginId>` (default server 127.0.0.1:5432,
 *     user postgres, trust auth).
 */
export function databaseConfig(db) {
  if (db === 'memory') {
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  if (db.client === 'sqlite') {
    return {
      client: 'better-sqlite3',
      connection: { directory: db.directory },
    };
  }
  return {
    client: 'pg',
    prefix: db.prefix,
    connection: db.connection ?? {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
    },
  };
}

/** Deep merge of plain objects; arrays and scalars of `b` replace. */
export function mergeConfig(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) {
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      a?.[k] &&
      typeof a[k] === 'object'
        ? mergeConfig(a[k], v)
        : v;
  }
  return out;
}

/**
 * JSON requests to a backend with a bearer token: call(method, path, body)
 * answers { status, text, json } (json parsed when read: the soak's load
 * loop never reads it).
 */
export function apiClient({ base, token, timeoutMs = 30_000 }) {
  return async function call(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      get json() {
        try {
          return JSON.parse(text);
        } catch {
          return undefined;
        }
      },
    };
  };
}

/** Backends started here and not yet exited: stopped when we exit. */
const live = new Set();
process.on('exit', () => {
  for (const handle of live) handle.signal('SIGTERM');
});

/** Request log lines are many: kept in the log file, not in memory. */
const REQUEST_LOG = /rootHttpRouter/;
const KEEP_LINES = 4000;

/**
 * Starts the backend. Options:
 *   - name: names the log (`<outDir>/<name>.log`, appended) and the config
 *     overlay (`<outDir>/<name>.app-config.yaml`);
 *   - port: sets app.baseUrl, backend.baseUrl and backend.listen.port
 *     (omitted: app-config.yaml's);
 *   - db: see databaseConfig (omitted: app-config.yaml's);
 *   - config: merged over the above and written as the last --config;
 *   - configFiles: further --config files, after app-config.yaml;
 *   - env: over the parent's environment (NODE_ENV development, colours
 *     off so that the log can be grepped);
 *   - outDir: where the log and overlay go (default: a temporary folder).
 *
 * The handle: name, base, pid, logFile, lines ({at, text}, the last ones,
 * request logs left out), seen (lines kept so far), exited, exitPromise,
 * tail(n), waitFor(fn, options), ready(options), signal(sig), kill(sig).
 */
export function startBackend({
  name = 'backend',
  port,
  db,
  config = {},
  configFiles = [],
  env = {},
  outDir = resolve(tmpdir(), 'pmo-backend'),
}) {
  mkdirSync(outDir, { recursive: true });
  const base = port ? `http://127.0.0.1:${port}` : undefined;
  const overlay = mergeConfig(
    {
      ...(base ? { app: { baseUrl: base } } : {}),
      backend: {
        ...(base ? { baseUrl: base, listen: { port } } : {}),
        ...(db ? { database: databaseConfig(db) } : {}),
      },
    },
    config,
  );
  const configFile = resolve(outDir, `${name}.app-config.yaml`);
  // JSON is YAML: the overlay is written as JSON.
  writeFileSync(configFile, JSON.stringify(overlay, null, 2));
  const logFile = resolve(outDir, `${name}.log`);
  // The backend writes its log file itself: it must not depend on us being
  // alive to read a pipe (a backend whose parent exited mid-start hung on
  // its closed stdout instead of stopping on SIGTERM). We follow the file.
  const logFd = openSync(logFile, 'a');
  const readFd = openSync(logFile, 'r');
  let offset = fstatSync(readFd).size;
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      ...[...configFiles, configFile].flatMap(f => ['--config', f]),
    ],
    {
      cwd: resolve(root, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', logFd, logFd],
      // Its own process group: a Ctrl-C of the script does not reach it
      // before the script has stopped it in order.
      detached: true,
    },
  );

  closeSync(logFd);

  // New lines of the log since the start, into `lines` (request logs left
  // out, timed by the timestamp the logger wrote when there is one).
  let partial = '';
  const decoder = new StringDecoder('utf8');
  const follow = () => {
    const size = fstatSync(readFd).size;
    if (size <= offset) return;
    const chunk = Buffer.alloc(size - offset);
    offset += readSync(readFd, chunk, 0, chunk.length, offset);
    const parts = (partial + decoder.write(chunk)).split('\n');
    partial = parts.pop();
    for (const line of parts) {
      if (!line || REQUEST_LOG.test(line)) continue;
      const stamp = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/.exec(line);
      handle.lines.push({
        at: stamp ? Date.parse(stamp[0]) : Date.now(),
        text: line,
      });
      handle.seen++;
    }
    if (handle.lines.length > KEEP_LINES) {
      handle.lines.splice(0, KEEP_LINES / 2);
    }
  };
  const follower = setInterval(follow, 250);
  follower.unref();

  const handle = {
    name,
    base: base ?? 'http://localhost:7007',
    pid: child.pid,
    logFile,
    configFile,
    lines: [],
    seen: 0,
    exited: null,
    exitPromise: new Promise(ok =>
      child.on('exit', (code, signal) => {
        clearInterval(follower);
        follow();
        closeSync(readFd);
        handle.exited = { code, signal };
        live.delete(handle);
        ok(handle.exited);
      }),
    ),

    /** The last n lines of the log kept in memory. */
    tail(n = 40) {
      return handle.lines
        .slice(-n)
        .map(l => l.text)
        .join('\n');
    },

    /**
     * Polls `fn` until it returns something other than undefined, false or
     * a string (a string is a progress note, shown on timeout); that value
     * is returned. Fails early when the backend exits or logs a failed
     * start.
     */
    async waitFor(
      fn,
      { label = 'the backend', timeoutMs = 240_000, intervalMs = 1000 } = {},
    ) {
      const deadline = Date.now() + timeoutMs;
      let note;
      while (Date.now() < deadline) {
        if (handle.lines.some(l => l.text.includes('Backend startup failed'))) {
          throw new Error(`${name} failed to start; see ${logFile}`);
        }
        if (handle.exited) {
          throw new Error(
            `${name} exited while waiting for ${label} (${JSON.stringify(
              handle.exited,
            )}); see ${logFile}`,
          );
        }
        try {
          const value = await fn();
          if (
            value !== undefined &&
            value !== false &&
            typeof value !== 'string'
          ) {
            return value;
          }
          note = value;
        } catch (e) {
          note = String(e);
        }
        await sleep(intervalMs);
      }
      throw new Error(
        `timed out after ${Math.round(
          timeoutMs / 1000,
        )} s waiting for ${label}${
          note ? ` (last: ${note})` : ''
        }; see ${logFile}`,
      );
    },

    /** Waits until GET `path` answers 200 with the bearer `token`. */
    ready({
      token,
      path = '/api/pmo/projects?limit=1',
      timeoutMs,
      intervalMs = 500,
    } = {}) {
      return handle.waitFor(
        async () => {
          const res = await fetch(handle.base + path, {
            headers: token ? { authorization: `Bearer ${token}` } : {},
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
          return res.status === 200 || `HTTP ${res.status}`;
        },
        { label: `${name} to answer ${path}`, timeoutMs, intervalMs },
      );
    },

    /** Sends a signal to the backend's process group, if still running. */
    signal(sig) {
      if (handle.exited) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* gone */
      }
    },

    /** Stops the backend (SIGKILL after 15 s) and waits for its exit. */
    async kill(sig = 'SIGTERM') {
      if (handle.exited) return handle.exited;
      handle.signal(sig);
      const timer = setTimeout(() => handle.signal('SIGKILL'), 15_000);
      const result = await handle.exitPromise;
      clearTimeout(timer);
      return result;
    },
  };
  live.add(handle);
  return handle;
}

/** Stops every backend started here (for the scripts' signal handlers). */
export async function stopAll() {
  await Promise.all([...live].map(h => h.kill()));
}
