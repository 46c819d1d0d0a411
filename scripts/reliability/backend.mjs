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

// What the process-level reliability checks (scripts/reliability/*.mjs)
// share: their tokens, their configuration over app-config.yaml, and
// database helpers. The backend itself is started by the one launcher of
// the scripts, scripts/lib/backend.mjs.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  apiClient,
  mergeConfig,
  portFree,
  require,
  root,
  sleep,
  startBackend as launchBackend,
  tcpAnswers,
} from '../lib/backend.mjs';

export { portFree, require, root, sleep };

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
 * Starts the backend on a port with the given database and extra
 * configuration, merged over the defaults of the checks (the tokens above,
 * no demo data). Returns the launcher's handle; ready() waits until
 * /api/pmo answers the writer token.
 */
export function startBackend({ name, port, db, config = {}, outDir }) {
  const handle = launchBackend({
    name,
    port,
    db,
    outDir,
    config: mergeConfig(
      {
        backend: { auth: { externalAccess: externalAccess() } },
        pmo: { demoData: false },
      },
      config,
    ),
    env: { PMO_API_TOKEN: TOKEN },
  });
  const ready = handle.ready;
  handle.ready = (timeoutMs = 240_000) =>
    ready({ token: RELIABILITY_TOKEN, timeoutMs });
  return handle;
}

/**
 * One request with the writer token (or `token`, e.g. {@link TOKEN}); JSON
 * in and out.
 */
export function call(backend, method, path, body, token) {
  return apiClient({
    base: backend.base,
    token: token ?? RELIABILITY_TOKEN,
  })(method, path, body);
}
