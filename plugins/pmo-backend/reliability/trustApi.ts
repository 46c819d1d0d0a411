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

// Small request helpers of the trust suites.

import type { Server } from 'node:http';
import type { Knex } from 'knex';
import request from 'supertest';
import { type DbState, dbState, diffState } from './dbState';
import { authOf } from './policy';

/** One request as a user (or with a raw Authorization header). */
export function call(
  server: Server,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  as: { user?: string; header?: string },
  body?: unknown,
  contentType?: string,
): Promise<request.Response> {
  let req = request(server)[method](`/api/pmo${path}`);
  const header = as.header ?? (as.user ? authOf(as.user) : undefined);
  if (header) req = req.set('authorization', header);
  if (body !== undefined) {
    if (contentType) req = req.set('content-type', contentType);
    req = req.send(body as object);
  }
  return req;
}

/** `METHOD path -> status message` for failure lists. */
export function describeResponse(
  what: string,
  res: { status: number; text: string },
): string {
  return `${what} -> ${res.status} ${res.text.slice(0, 300)}`;
}

/** The body of a 2xx answer, else throws (setup steps of a scenario). */
export function ok(res: request.Response, what: string): any {
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`setup: ${describeResponse(what, res)}`);
  }
  return res.body;
}

/** CSV text of rows (header from the union of their keys). */
export function csvOf(rows: Array<Record<string, unknown>>): string {
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))];
  const cell = (v: unknown) => {
    if (v === undefined || v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [
    columns.join(','),
    ...rows.map(r => columns.map(c => cell(r[c])).join(',')),
  ].join('\r\n');
}

/**
 * Runs `fn` and reports, as failure lines, every difference it made to
 * the pmo_* tables.
 */
export async function unchangedBy(
  knex: Knex,
  what: string,
  fn: () => Promise<void>,
): Promise<string[]> {
  const before: DbState = await dbState(knex);
  await fn();
  const diff = diffState(before, await dbState(knex));
  return diff.map(d => `${what} changed the database: ${d}`);
}

/** A date `days` from today, YYYY-MM-DD. */
export function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
