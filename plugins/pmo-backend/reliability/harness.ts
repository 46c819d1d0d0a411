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

// Shared by the reliability suites (`*.reliability.ts`, run by
// `yarn test:reliability`, not by `yarn test`): the routes of the OpenAPI
// document, the databases (a SQLite FILE and PostgreSQL when one answers),
// the plugin started in a test backend, a seeded data set and the figures
// file read by scripts/reliability/run.mjs.

import {
  type BackstageCredentials,
  type PermissionsService,
  type ServiceFactory,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { parse } from 'yaml';
import { pmoPlugin } from '../src/plugin';

// ------------------------------------------------------------------ the spec

/** A parameter of an operation, `$ref`s resolved. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SpecSchema;
}

/** The subset of JSON schema the fuzzer understands; the rest is ignored. */
export interface SpecSchema {
  type?: string;
  enum?: unknown[];
  items?: SpecSchema;
  properties?: Record<string, SpecSchema>;
  required?: string[];
  allOf?: SpecSchema[];
  oneOf?: SpecSchema[];
  nullable?: boolean;
  example?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: boolean | SpecSchema;
}

/** One operation of src/schema/openapi.yaml. */
export interface SpecOperation {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/projects/{key}/raid`. */
  path: string;
  operationId: string;
  parameters: SpecParameter[];
  /** Content type -> schema. */
  requestBody?: { required: boolean; content: Record<string, SpecSchema> };
  responses: string[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Resolves every local `$ref` (the document has no cycles through refs we follow). */
function deref(node: unknown, root: unknown, depth = 0): any {
  if (depth > 30) return {};
  if (Array.isArray(node)) return node.map(n => deref(n, root, depth + 1));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((n, part) => n?.[part], root);
    return deref(target, root, depth + 1);
  }
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, deref(v, root, depth + 1)]),
  );
}

/**
 * Every operation of the OpenAPI document, read at run time so that routes
 * added later (with their spec entries, which src/service/openapi.test.ts
 * enforces) are covered without touching these suites.
 */
export function loadOperations(): SpecOperation[] {
  const spec = parse(
    readFileSync(
      resolvePackagePath(
        '@infra-pmo/plugin-pmo-backend',
        'src/schema/openapi.yaml',
      ),
      'utf8',
    ),
  );
  const ops: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries<any>(spec.paths)) {
    const item = deref(rawItem, spec);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = new Map<string, SpecParameter>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        params.set(`${p.in}:${p.name}`, p);
      }
      ops.push({
        method,
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        parameters: [...params.values()],
        requestBody: op.requestBody
          ? {
              required: Boolean(op.requestBody.required),
              content: Object.fromEntries(
                Object.entries<any>(op.requestBody.content ?? {}).map(
                  ([type, c]) => [type, c.schema ?? {}],
                ),
              ),
            }
          : undefined,
        responses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

/**
 * A write: any non-GET operation that documents 403 (POST
 * /entities/summaries is a read sent as POST and documents no 403).
 */
export function isWrite(op: SpecOperation): boolean {
  return op.method !== 'get' && op.responses.includes('403');
}

/** Path names of an OpenAPI path, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
}

/** Fills `{name}` placeholders; values are URL-encoded unless `raw`. */
export function fillPath(
  path: string,
  values: Record<string, string>,
  raw = false,
): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    raw ? values[name] : encodeURIComponent(values[name]),
  );
}

// ------------------------------------------------------------- the catalog

/** Owner groups of the seeded projects: the conditional policy allows A. */
export const GROUP_A = 'group:default/a-team';
export const GROUP_B = 'group:default/b-team';
/** Appears in every B title / description: must never reach an A reader. */
export const SECRET_B = 'SECRET-B';

/** Catalog entities the seeded links, summaries and transitions refer to. */
export const RELIABILITY_ENTITIES: Entity[] = [
  ...['alpha-svc', 'beta-svc', 'shared-svc'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'pmo/service-tier': 'tier-3' },
    },
    spec: {
      type: 'service',
      owner: name === 'beta-svc' ? 'b-team' : 'a-team',
      lifecycle: 'experimental',
      system: 'estate',
    },
    relations: [{ type: 'partOf', targetRef: 'system:default/estate' }],
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'estate', namespace: 'default' },
    spec: { owner: 'a-team' },
  },
];

// -------------------------------------------------------------- databases

/** A database the suites run on, created fresh and dropped after. */
export interface ReliabilityDatabase {
  id: 'SQLITE_FILE' | 'POSTGRES';
  create(): Promise<Knex>;
  destroy(): Promise<void>;
}

const PG_URL = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/**
 * A SQLite file (like `backend.database.connection.directory`, one
 * connection as knex's SQLite dialect defaults to) and, when a server is
 * configured, a PostgreSQL database named `pmo_rel_<suite>_<random>`.
 */
export function reliabilityDatabases(suite: string): ReliabilityDatabase[] {
  const dbs: ReliabilityDatabase[] = [];
  // PMO_RELIABILITY_DATABASES=POSTGRES (or SQLITE_FILE) narrows the run.
  const only = process.env.PMO_RELIABILITY_DATABASES?.split(',');
  if (!only || only.includes('SQLITE_FILE')) {
    let dir: string | undefined;
    const clients: Knex[] = [];
    dbs.push({
      id: 'SQLITE_FILE',
      async create() {
        dir = dir ?? mkdtempSync(join(tmpdir(), `pmo-rel-${suite}-`));
        const knex = knexFactory({
          client: 'better-sqlite3',
          connection: {
            filename: join(dir, `pmo-${randomBytes(4).toString('hex')}.sqlite`),
          },
          useNullAsDefault: true,
          pool: {
            afterCreate: (
              conn: any,
              done: (e: unknown, c: unknown) => void,
            ) => {
              conn.pragma('foreign_keys = ON');
              done(null, conn);
            },
          },
        });
        clients.push(knex);
        return knex;
      },
      async destroy() {
        await Promise.all(clients.map(k => k.destroy()));
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    });
  }
  if (PG_URL && (!only || only.includes('POSTGRES'))) {
    const names: string[] = [];
    const clients: Knex[] = [];
    const admin = () => knexFactory({ client: 'pg', connection: PG_URL });
    dbs.push({
      id: 'POSTGRES',
      async create() {
        const name = `pmo_rel_${suite}_${randomBytes(4).toString('hex')}`;
        const a = admin();
        await a.raw(`CREATE DATABASE ??`, [name]);
        await a.destroy();
        names.push(name);
        const url = new URL(PG_URL);
        url.pathname = `/${name}`;
        const knex = knexFactory({
          client: 'pg',
          connection: url.toString(),
          pool: { min: 0, max: 10 },
        });
        clients.push(knex);
        return knex;
      },
      async destroy() {
        await Promise.all(clients.map(k => k.destroy()));
        if (names.length === 0) return;
        const a = admin();
        for (const name of names) {
          await a.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [name]);
        }
        await a.destroy();
      },
    });
  } else if (!PG_URL) {
    // eslint-disable-next-line no-console
    console.log(
      `[reliability] ${suite}: no PostgreSQL configured (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING unset): SQLite only`,
    );
  }
  return dbs;
}

// ----------------------------------------------------------------- backend

/** Options of {@link startPmoBackend}. */
export interface StartOptions {
  knex: Knex;
  /** Defaults to allow-all. */
  permissions?: Partial<PermissionsService>;
  /**
   * Credentials of requests without an Authorization header; `none` makes
   * them 401 like a real backend (the mock's default is a user).
   */
  defaultCredentials?: BackstageCredentials;
  /** Catalog entities; defaults to {@link RELIABILITY_ENTITIES}. */
  entities?: Entity[];
  /**
   * Service factories that replace the defaults below for the same
   * service (e.g. a policy, a user info with groups, the real auth).
   */
  overrides?: ServiceFactory[];
  /** Root config; defaults to `{ pmo: {} }`. */
  config?: JsonObject;
}

/** The PMO plugin in a test backend, with the scheduler tasks captured. */
export async function startPmoBackend(options: StartOptions): Promise<{
  server: Server;
  stop: () => Promise<void>;
}> {
  const scheduler = mockServices.scheduler.mock({ async scheduleTask() {} });
  const overrides = options.overrides ?? [];
  const replaced = new Set(overrides.map(f => f.service.id));
  const defaults: ServiceFactory[] = [
    catalogServiceMock.factory({
      entities: options.entities ?? RELIABILITY_ENTITIES,
    }),
    mockServices.database.factory({ knex: options.knex }),
    mockServices.rootConfig.factory({ data: options.config ?? { pmo: {} } }),
    mockServices.httpAuth.factory({
      defaultCredentials: options.defaultCredentials,
    }),
    scheduler.factory,
    ...(options.permissions
      ? [mockServices.permissions.mock(options.permissions).factory]
      : []),
  ];
  const backend = await startTestBackend({
    features: [
      pmoPlugin,
      ...defaults.filter(f => !replaced.has(f.service.id)),
      ...overrides,
    ],
  });
  return { server: backend.server, stop: () => backend.stop() };
}

/** Authorization header of the default mock user. */
export const USER = mockCredentials.user.header();

// ------------------------------------------------------------------- seed

/** What {@link seed} created, for path parameters and expectations. */
export interface Seeded {
  a: { keys: string[]; milestones: string[]; raid: string[] };
  b: { keys: string[]; milestones: string[]; raid: string[] };
  entity: { kind: string; namespace: string; name: string };
  itemKey: string;
}

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function ok(res: request.Response, what: string) {
  if (res.status >= 300) {
    throw new Error(`seed: ${what} answered ${res.status}: ${res.text}`);
  }
  return res.body;
}

/**
 * Three A projects and two B projects, each with two milestones, two RAID
 * items (one high risk) and a manual link; a transition on shared-svc
 * linked to a B project. B rows carry {@link SECRET_B}.
 */
export async function seed(
  server: Server,
  options: { only?: 'a' } = {},
): Promise<Seeded> {
  const out: Seeded = {
    a: { keys: [], milestones: [], raid: [] },
    b: { keys: [], milestones: [], raid: [] },
    entity: { kind: 'component', namespace: 'default', name: 'shared-svc' },
    itemKey: '',
  };
  const groups = [
    { side: out.a, prefix: 'ALPHA', owner: GROUP_A, n: 3, mark: 'Alpha' },
    { side: out.b, prefix: 'BETA', owner: GROUP_B, n: 2, mark: SECRET_B },
  ];
  for (const g of groups) {
    if (options.only === 'a' && g.side === out.b) continue;
    for (let i = 1; i <= g.n; i++) {
      const key = `${g.prefix}-${i}`;
      await ok(
        await request(server)
          .post('/api/pmo/projects')
          .set('authorization', USER)
          .send({
            key,
            title: `${g.mark} project ${i}`,
            description: `${g.mark} description`,
            owner: g.owner,
            phase: 'execution',
            startDate: dayOffset(-60),
            targetDate: dayOffset(120),
          }),
        `project ${key}`,
      );
      g.side.keys.push(key);
      for (const [j, slip] of [0, 30].entries()) {
        const m = await ok(
          await request(server)
            .post(`/api/pmo/projects/${key}/milestones`)
            .set('authorization', USER)
            .send({
              title: `${g.mark} milestone ${j}`,
              baselineDate: dayOffset(10),
              forecastDate: dayOffset(10 + slip),
              entityRef: `component:default/${
                g.owner === GROUP_A ? 'alpha-svc' : 'beta-svc'
              }`,
            }),
          'milestone',
        );
        g.side.milestones.push(m.id);
      }
      for (const [type, score] of [
        ['risk', 5],
        ['issue', 2],
      ] as const) {
        const r = await ok(
          await request(server)
            .post(`/api/pmo/projects/${key}/raid`)
            .set('authorization', USER)
            .send({
              type,
              title: `${g.mark} ${type}`,
              probability: score,
              impact: score,
              owner: g.mark,
              dueDate: dayOffset(-3),
            }),
          'raid',
        );
        g.side.raid.push(r.id);
      }
      await ok(
        await request(server)
          .put(
            `/api/pmo/projects/${key}/entities/component/default/${
              g.owner === GROUP_A ? 'alpha-svc' : 'beta-svc'
            }`,
          )
          .set('authorization', USER),
        'link',
      );
      await ok(
        await request(server)
          .put(`/api/pmo/projects/${key}/entities/component/default/shared-svc`)
          .set('authorization', USER),
        'link',
      );
    }
  }
  const transition = await ok(
    await request(server)
      .put('/api/pmo/entities/component/default/shared-svc/transition')
      .set('authorization', USER)
      .send(out.b.keys.length ? { projectKey: out.b.keys[0] } : {}),
    'transition',
  );
  out.itemKey = transition.items[0].key;
  return out;
}

/** Row counts of every pmo table: equal before and after means no write. */
export async function tableCounts(knex: Knex): Promise<Record<string, number>> {
  const isPg = String(knex.client.config.client).includes('pg');
  const tables: string[] = isPg
    ? (
        await knex('pg_tables')
          .where({ schemaname: 'public' })
          .andWhere('tablename', 'like', 'pmo_%')
          .select('tablename')
      ).map((r: { tablename: string }) => r.tablename)
    : (
        await knex('sqlite_master')
          .where({ type: 'table' })
          .andWhere('name', 'like', 'pmo_%')
          .select('name')
      ).map((r: { name: string }) => r.name);
  const out: Record<string, number> = {};
  for (const t of tables.sort()) {
    const [{ n }] = await knex(t).count({ n: '*' });
    out[t] = Number(n);
  }
  return out;
}

// ---------------------------------------------------------------- figures

/**
 * Appends one JSON line of figures to `$PMO_RELIABILITY_OUT/figures.jsonl`
 * (scripts/reliability/run.mjs prints them in its summary) and logs it.
 */
export function recordFigures(section: string, figures: object): void {
  const line = JSON.stringify({ section, ...figures });
  // eslint-disable-next-line no-console
  console.log(`[reliability] ${line}`);
  const dir = process.env.PMO_RELIABILITY_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'figures.jsonl'), `${line}\n`);
}

/** A scale factor for the bounded runs (`PMO_RELIABILITY_SCALE=0.1` while developing). */
export function scaled(n: number): number {
  const f = Number(process.env.PMO_RELIABILITY_SCALE ?? '1');
  return Math.max(1, Math.round(n * (Number.isFinite(f) && f > 0 ? f : 1)));
}

// ------------------------------------------------------- valid requests

/** A value the schema accepts, from its example, enum or type. */
export function sampleValue(schema: SpecSchema | undefined, depth = 0): any {
  if (!schema || depth > 8) return 'x';
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.allOf?.length) {
    return Object.assign(
      {},
      ...schema.allOf.map(s => sampleValue(s, depth + 1)),
      schema.properties ? sampleValue({ ...schema, allOf: undefined }) : {},
    );
  }
  if (schema.oneOf?.length) return sampleValue(schema.oneOf[0], depth + 1);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [sampleValue(schema.items, depth + 1)];
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map(name => [
          name,
          sampleValue(schema.properties?.[name], depth + 1),
        ]),
      );
    default:
      return schema.format === 'date' ? '2026-03-31' : 'x';
  }
}

/** A change window as written: wall clock in a time zone. */
export const VALID_WINDOW = {
  type: 'cutover',
  start: '2027-03-13T20:00',
  end: '2027-03-14T06:00',
  timeZone: 'Europe/Berlin',
};

/** A re-baseline request of the third A project's first milestone. */
export function validRebaselineRequest(s: Seeded) {
  return {
    reason: 'Vendor slip',
    changes: [{ milestoneId: s.a.milestones[4], baselineDate: '2026-06-30' }],
  };
}

/** A change window and a re-baseline request that routes can name. */
export interface SeededDecisions {
  window: string;
  rebaseline: string;
}

/**
 * A change window on the third A project's first milestone and a pending
 * re-baseline request of that project, written as the admin: the routes
 * that name a window, a re-baseline or a collision (`unapproved:<window>`)
 * must refuse a caller before they look anything up, so the sweeps aim at
 * objects that exist.
 */
export async function seedDecisions(
  server: Server,
  s: Seeded,
): Promise<SeededDecisions> {
  const window = await ok(
    await request(server)
      .post(`/api/pmo/milestones/${s.a.milestones[4]}/windows`)
      .set('authorization', USER)
      .send(VALID_WINDOW),
    'window',
  );
  const rebaseline = await ok(
    await request(server)
      .post(`/api/pmo/projects/${s.a.keys[2]}/rebaselines`)
      .set('authorization', USER)
      .send(validRebaselineRequest(s)),
    're-baseline',
  );
  return { window: window.id, rebaseline: rebaseline.id };
}

/** `params` with the seeded window, re-baseline or collision the path names. */
export function withDecisionIds(
  op: SpecOperation,
  params: Record<string, string>,
  ids: SeededDecisions,
): Record<string, string> {
  if (op.path.startsWith('/windows/')) return { ...params, id: ids.window };
  if (op.path.startsWith('/rebaselines/')) {
    return { ...params, id: ids.rebaseline };
  }
  if (op.path.startsWith('/collisions/')) {
    return { ...params, id: `unapproved:${ids.window}` };
  }
  return params;
}

/** Bodies that pass validation for the operations known today. */
const VALID_BODIES: Record<string, (s: Seeded) => unknown> = {
  CreateChangeWindow: () => VALID_WINDOW,
  UpdateChangeWindow: () => ({ version: 1, changeRecord: 'CHG0000001' }),
  RequestRebaseline: validRebaselineRequest,
  DecideRebaseline: () => ({ decision: 'approve', reason: 'Agreed' }),
  DecideGate: () => ({ decision: 'go', rationale: 'Ready' }),
  AcknowledgeCollision: () => ({ reason: 'CAB: accepted' }),
  CreateProject: () => ({ key: 'GAMMA-1', title: 'Gamma', owner: GROUP_A }),
  UpdateProject: () => ({ version: 1, title: 'Renamed' }),
  CreateMilestone: () => ({ title: 'Cutover' }),
  UpdateMilestone: () => ({ version: 1, title: 'Cutover' }),
  CreateRaidItem: () => ({ type: 'assumption', title: 'Vendor on site' }),
  UpdateRaidItem: () => ({ version: 1, title: 'Vendor on site' }),
  PutTransition: () => ({}),
  UpdateTransitionItem: () => ({ version: 1, status: 'done' }),
  SignOffTransition: () => ({ role: 'delivery' }),
  MoveTransitionState: () => ({ target: 'in_progress' }),
  Import: () => ({
    projects: [{ key: 'GAMMA-2', title: 'Gamma 2', owner: GROUP_A }],
  }),
  GetEntitySummaries: () => ({
    entityRefs: [
      'component:default/shared-svc',
      'component:default/alpha-svc',
      'component:default/beta-svc',
    ],
  }),
};

/** A request body the operation accepts (known ones) or its schema sample. */
export function validBody(op: SpecOperation, seeded: Seeded): unknown {
  const known = VALID_BODIES[op.operationId];
  if (known) return known(seeded);
  if (!op.requestBody) return undefined;
  const schema =
    op.requestBody.content['application/json'] ??
    Object.values(op.requestBody.content)[0];
  return sampleValue(schema);
}

/**
 * Path parameters naming seeded objects of side A or B; unknown names (of
 * routes added later) use their example or enum.
 */
export function validParams(
  op: SpecOperation,
  seeded: Seeded,
  side: 'a' | 'b',
): Record<string, string> {
  const s = seeded[side];
  const entity =
    side === 'a' || op.path.includes('/transition')
      ? seeded.entity
      : { kind: 'component', namespace: 'default', name: 'beta-svc' };
  const out: Record<string, string> = {};
  for (const name of pathParamNames(op.path)) {
    const p = op.parameters.find(x => x.in === 'path' && x.name === name);
    switch (name) {
      case 'key':
        out[name] = s.keys[0];
        break;
      case 'id':
        if (op.path.startsWith('/raid')) out[name] = s.raid[0];
        else if (op.path.startsWith('/milestones')) {
          out[name] = s.milestones[0];
        } else out[name] = String(sampleValue(p?.schema));
        break;
      case 'kind':
      case 'namespace':
      case 'name':
        out[name] = entity[name];
        break;
      case 'itemKey':
        out[name] = seeded.itemKey;
        break;
      default:
        out[name] = String(sampleValue(p?.schema));
    }
  }
  return out;
}

/** Whether every path parameter of the operation is one {@link validParams} knows. */
export function knowsAllParams(op: SpecOperation): boolean {
  const known = ['key', 'id', 'kind', 'namespace', 'name', 'itemKey', 'role'];
  return pathParamNames(op.path).every(n => known.includes(n));
}

/** Sends an operation with path values, query, body and headers. */
export function send(
  server: Server,
  op: SpecOperation,
  params: Record<string, string>,
  options: {
    auth?: string;
    body?: unknown;
    query?: string;
    contentType?: string;
  } = {},
): Promise<request.Response> {
  const url = `/api/pmo${fillPath(op.path, params)}${
    options.query ? `?${options.query}` : ''
  }`;
  let req = request(server)[op.method](url);
  if (options.auth) req = req.set('authorization', options.auth);
  if (options.body !== undefined) {
    if (options.contentType) req = req.set('content-type', options.contentType);
    req = req.send(options.body as object);
  }
  return req;
}
