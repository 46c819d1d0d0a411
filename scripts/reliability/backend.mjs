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

// Starts the real backend (packages/backend/src/index.ts) as ONE node
// process, the way `backstage-cli package start` runs it but without the
// watcher and the yarn wrapper, so that its pid is the backend itself: a
// kill -9 kills the backend, nothing else. Shared by the process-level
// reliability checks (scripts/reliability/*.mjs).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const require = createRequire(resolve(root, 'package.json'));

/**
 * Value of PMO_API_TOKEN: the automation token of app-config.yaml, with
 * the accessRestrictions configured there (reads, checklist evidence,
 * milestone dates).
 */
export const TOKEN = 'pmo-reliability-token';
/**
 * A second static token for the process-level checks, which write
 * projects, milestones and RAID items: restricted to the PMO plugin (and
 * catalog reads), not to a set of permissions. Configured by
 * {@link startBackend} next to the entries of app-config.yaml.
 */
export const RELIABILITY_TOKEN = 'pmo-reliability-writer-token';

/** backend.auth.externalAccess of app-config.yaml plus the writer token. */
export function externalAccess() {
  const yaml = require('yaml');
  const appConfig = yaml.parse(
    readFileSync(resolve(root, 'app-config.yaml'), 'utf8'),
  );
  // a later config file replaces the array: repeat app-config's entries
  const entries = (appConfig?.backend?.auth?.externalAccess ?? []).map(e =>
    e?.options?.token === '${PMO_API_TOKEN}'
      ? { ...e, options: { ...e.options, token: TOKEN } }
      : e,
  );
  return [
    ...entries,
    {
      type: 'static',
      options: { token: RELIABILITY_TOKEN, subject: 'pmo-reliability' },
      accessRestrictions: [
        { plugin: 'pmo' },
        { plugin: 'catalog', permissionAttribute: { action: ['read'] } },
      ],
    },
  ];
}

export function log(section, msg) {
  process.stdout.write(
    `[reliability ${section} ${new Date()
      .toISOString()
      .slice(11, 19)}] ${msg}\n`,
  );
}

/** Whether PostgreSQL answers on 127.0.0.1:5432. */
export function postgresAnswers() {
  return tcpAnswers(5432);
}

/** Whether Redis answers on 127.0.0.1:6379 (the replicas' shared cache). */
export function redisAnswers() {
  return tcpAnswers(6379);
}

function tcpAnswers(port) {
  return new Promise(ok => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('error', () => ok(false));
  });
}

export async function portFree(port) {
  return new Promise(ok => {
    const probe = createServer()
      .once('error', () => ok(false))
      .once('listening', () => probe.close(() => ok(true)))
      .listen(port, '127.0.0.1');
  });
}

/** A PostgreSQL admin connection (trust auth, user postgres). */
export function pgAdmin() {
  const knex = require('knex');
  return knex({
    client: 'pg',
    connection: {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    },
    pool: { min: 0, max: 2 },
  });
}

/** Drops every database whose name starts with the prefix. */
export async function dropDatabases(prefix) {
  const admin = pgAdmin();
  try {
    const rows = await admin('pg_database')
      .where('datname', 'like', `${prefix}%`)
      .select('datname');
    for (const { datname } of rows) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
    return rows.map(r => r.datname);
  } finally {
    await admin.destroy();
  }
}

/**
 * The database part of the backend configuration: a SQLite file per plugin
 * in `directory`, or PostgreSQL with databases named `<prefix><pluginId>`.
 */
export function databaseConfig(db) {
  if (db.client === 'sqlite') {
    return {
      client: 'better-sqlite3',
      connection: { directory: db.directory },
    };
  }
  return {
    client: 'pg',
    prefix: db.prefix,
    connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
  };
}

function merge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) {
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      typeof a[k] === 'object'
        ? merge(a[k], v)
        : v;
  }
  return out;
}

/**
 * Starts the backend on a port with the given database and extra
 * configuration (merged over the defaults of the checks). Returns a handle with
 * the pid, the log, ready(), kill(signal) and exited.
 */
export function startBackend({ name, port, db, config = {}, outDir }) {
  const base = `http://127.0.0.1:${port}`;
  const configFile = resolve(outDir, `${name}.app-config.yaml`);
  // JSON is YAML: the override file is written as JSON.
  writeFileSync(
    configFile,
    JSON.stringify(
      merge(
        {
          app: { baseUrl: base },
          backend: {
            baseUrl: base,
            listen: { port },
            database: databaseConfig(db),
            auth: { externalAccess: externalAccess() },
          },
          pmo: { demoData: false },
        },
        config,
      ),
      null,
      2,
    ),
  );
  const logFile = resolve(outDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const transform = require.resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
  );
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      transform,
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: resolve(root, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PMO_API_TOKEN: TOKEN,
        // colors off: the checks grep the log
        FORCE_COLOR: '0',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines = [];
  const keep = chunk => {
    out.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      if (line) lines.push(`${Date.now()} ${line}`);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const handle = {
    name,
    base,
    pid: child.pid,
    logFile,
    lines,
    exited: null,
    exitPromise: new Promise(ok =>
      child.on('exit', (code, signal) => {
        handle.exited = { code, signal };
        out.end();
        ok(handle.exited);
      }),
    ),
    /** Waits until /api/pmo answers the writer token. */
    async ready(timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (lines.some(l => l.includes('Backend startup failed'))) {
          throw new Error(`${name} failed to start; see ${logFile}`);
        }
        if (handle.exited) {
          throw new Error(
            `${name} exited during start (${JSON.stringify(
              handle.exited,
            )}); see ${logFile}`,
          );
        }
        try {
          const r = await call(handle, 'GET', '/api/pmo/projects?limit=1');
          if (r.status === 200) return;
        } catch {
          /* not up yet */
        }
        await sleep(500);
      }
      throw new Error(`${name} not ready within ${timeoutMs / 1000} s`);
    },
    async kill(signal = 'SIGTERM') {
      if (handle.exited) return handle.exited;
      try {
        process.kill(child.pid, signal);
      } catch {
        /* gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 15_000);
      const result = await handle.exitPromise;
      clearTimeout(timer);
      return result;
    },
  };
  return handle;
}

export const sleep = ms => new Promise(ok => setTimeout(ok, ms));

/**
 * One request with the writer token (or `token`, e.g. {@link TOKEN}); JSON
 * in and out.
 */
export async function call(backend, method, path, body, token) {
  const res = await fetch(backend.base + path, {
    method,
    headers: {
      authorization: `Bearer ${token ?? RELIABILITY_TOKEN}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}
