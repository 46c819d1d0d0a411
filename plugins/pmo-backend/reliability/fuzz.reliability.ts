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

import fc from 'fast-check';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  type Seeded,
  type SpecOperation,
  type SpecSchema,
  USER,
  fillPath,
  loadOperations,
  pathParamNames,
  recordFigures,
  reliabilityDatabases,
  sampleValue,
  scaled,
  seed,
  startPmoBackend,
  validBody,
  validParams,
} from './harness';

jest.setTimeout(900_000);

const databases = reliabilityDatabases('fuzz');

/**
 * Requests per database: 10,000 in all (PMO_FUZZ_TOTAL), of which 2,500 on
 * PostgreSQL when it runs (same code paths: the dialect differences are in
 * the queries, not in the input handling), the rest on the SQLite file.
 */
const TOTAL = Number(process.env.PMO_FUZZ_TOTAL ?? scaled(10_000));
const PG_SHARE = databases.some(d => d.id === 'POSTGRES')
  ? Math.round(TOTAL / 4)
  : 0;
const RUNS = {
  SQLITE_FILE: Number(process.env.PMO_FUZZ_RUNS ?? TOTAL - PG_SHARE),
  POSTGRES: Number(process.env.PMO_FUZZ_RUNS_PG ?? PG_SHARE),
};
const SEED = process.env.PMO_FUZZ_SEED
  ? Number(process.env.PMO_FUZZ_SEED)
  : undefined;

const operations = loadOperations();

// ------------------------------------------------------------ hostile values

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Values that broke or could break parsers, refs, paths, SQL and CSV. */
const NASTY = [
  '',
  ' ',
  '../',
  '../../../../etc/passwd',
  '..%2F..%2F',
  '%2e%2e%2f',
  '%00',
  '\u0000',
  'a\u0000b',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  '99999999999999999999',
  '\u202Eevil\u202C',
  'עברית',
  '👩‍👩‍👧‍👦🚀',
  'Ω≈ç√∫',
  '\uD800',
  '<script>alert(1)</script>',
  "'; DROP TABLE pmo_projects; --",
  '" OR 1=1 --',
  '=cmd|/C calc!A0',
  '\r\n\r\n',
  'component:',
  ':/',
  'a:b/c/d',
  'component:default/',
  'user:default/guest',
  'group:default/a-team',
  'system:default/estate',
  'component:default/shared-svc',
  `component:default/${'x'.repeat(300)}`,
  'INFRA-101',
  'infra-0000001',
  'ALPHA-1',
  'BETA-1',
  '2026-02-30',
  '2026-13-01',
  '31/12/2026',
  'eyJ',
  'e30',
  '!!!',
  b64('not json'),
  b64('[1,2]'),
  b64('{}'),
  b64('{"k":"ALPHA-1"}'),
  b64('{"o":"key","k":null,"v":null}'),
  b64('{"o":"-updatedAt","k":"A","v":{"x":1}}'),
  b64(JSON.stringify({ e: 'component:default/x' })),
  b64(JSON.stringify({ d: '2026-01-01', i: 'x' })),
  '00000000-0000-0000-0000-000000000000',
];

/** Lone surrogates cannot be put into a URL (encodeURIComponent throws). */
const wellFormed = (s: string) =>
  s.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );

const shortString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.base64String({ maxLength: 60 }),
  fc.uuid(),
);

/** 100k characters, ASCII or multi-byte (kept under the 1 MB JSON limit). */
const hugeString = fc.constantFrom(
  'x'.repeat(100_000),
  'é'.repeat(100_000),
  '👍'.repeat(50_000),
  '../'.repeat(33_000),
);

const hostileString = fc.oneof(
  { weight: 8, arbitrary: shortString },
  { weight: 1, arbitrary: hugeString },
);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-1, 0, 6, 1.5, 2 ** 53, -(2 ** 31)),
  fc.array(shortString, { maxLength: 3 }),
  fc.dictionary(shortString, shortString, { maxKeys: 3 }),
  fc.array(fc.constantFrom(...NASTY), { minLength: 60, maxLength: 80 }),
);

// ------------------------------------------------------------- generation

/** A value valid for a schema, with some variety (enums, ranges). */
function validValue(schema: SpecSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant('x');
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.type === 'integer' || schema.type === 'number') {
    return fc.integer({
      min: schema.minimum ?? 0,
      max: schema.maximum ?? 1000,
    });
  }
  if (schema.type === 'array') {
    return fc.array(validValue(schema.items), { minLength: 1, maxLength: 3 });
  }
  return fc.constant(sampleValue(schema));
}

function schemaProperties(schema: SpecSchema | undefined): string[] {
  if (!schema) return [];
  return [
    ...Object.keys(schema.properties ?? {}),
    ...(schema.allOf ?? []).flatMap(schemaProperties),
  ];
}

function propertySchema(
  schema: SpecSchema | undefined,
  name: string,
): SpecSchema | undefined {
  if (!schema) return undefined;
  return (
    schema.properties?.[name] ??
    (schema.allOf ?? [])
      .map(s => propertySchema(s, name))
      .find(s => s !== undefined)
  );
}

/** An object body: the valid one with some fields removed, replaced or added. */
function mutatedObject(
  base: Record<string, unknown>,
  schema: SpecSchema | undefined,
): fc.Arbitrary<Record<string, unknown>> {
  const names = [
    ...new Set([...Object.keys(base), ...schemaProperties(schema)]),
  ];
  return fc
    .record({
      drop: fc.subarray(Object.keys(base)),
      set: fc.dictionary(
        names.length ? fc.constantFrom(...names) : fc.constant('x'),
        fc.oneof(
          { weight: 3, arbitrary: hostileJson },
          {
            weight: 2,
            arbitrary: fc.constant(null),
          },
        ),
        { maxKeys: 3 },
      ),
      valid: fc.dictionary(
        names.length ? fc.constantFrom(...names) : fc.constant('x'),
        fc.constant(0),
        { maxKeys: 2 },
      ),
      extra: fc.option(
        fc.dictionary(shortString, hostileJson, { minKeys: 1, maxKeys: 2 }),
      ),
    })
    .chain(({ drop, set, valid, extra }) => {
      const out: Record<string, unknown> = { ...base };
      for (const k of drop) delete out[k];
      const validNames = Object.keys(valid);
      return fc
        .tuple(...validNames.map(n => validValue(propertySchema(schema, n))))
        .map(values => {
          validNames.forEach((n, i) => {
            out[n] = values[i];
          });
          Object.assign(out, set, extra ?? {});
          return out;
        });
    });
}

/** CSV bodies for POST /import: exported columns, broken in many ways. */
const csvBody = fc.oneof(
  fc.constantFrom(
    '',
    'key,title,owner\n',
    'key,title,owner\nGAMMA-9,"unterminated,group:default/a-team\n',
    'key,title,owner\nGAMMA-9,a,b,c,d,e\n',
    '"a""b",c\n"\u0000",\n',
    'projectKey,title\nALPHA-1,Cutover\n',
    'projectKey,type,title,probability\nALPHA-1,risk,R,9\n',
    `key,title,owner\n${'GAMMA-1,t,group:default/a-team\n'.repeat(3)}`,
    `key,title,owner\nGAMMA-2,${'x'.repeat(100_000)},a-team\n`,
    '\uFEFFkey;title;owner\r\nGAMMA-3;T;a-team\r\n',
    'key,title,owner\n=HYPERLINK("x"),+1,-2\n',
  ),
  fc
    .array(fc.array(shortString, { maxLength: 6 }), { maxLength: 6 })
    .map(rows =>
      [
        'key,title,owner,phase,projectKey,type,status',
        ...rows.map(r => r.join(',')),
      ].join('\n'),
    ),
);

/** Import documents: rows shaped like the create bodies, mutated. */
const importRows: fc.Arbitrary<unknown> = fc.record(
  {
    projects: fc.array(
      mutatedObject(
        { key: 'GAMMA-7', title: 'Gamma', owner: 'group:default/a-team' },
        undefined,
      ),
      { maxLength: 3 },
    ),
    milestones: fc.array(
      mutatedObject({ projectKey: 'ALPHA-1', title: 'M' }, undefined),
      { maxLength: 3 },
    ),
    raid: fc.array(
      mutatedObject(
        {
          projectKey: 'ALPHA-1',
          type: 'risk',
          title: 'R',
          probability: 2,
          impact: 2,
        },
        undefined,
      ),
      { maxLength: 3 },
    ),
    dryRun: fc.oneof(fc.boolean(), hostileJson),
  },
  { requiredKeys: [] },
);

interface FuzzRequest {
  params: Record<string, string>;
  rawPath: boolean;
  query: string;
  body?: unknown;
  contentType?: string;
}

function queryValue(schema: SpecSchema | undefined): fc.Arbitrary<string[]> {
  const valid = validValue(schema).map(v =>
    (Array.isArray(v) ? v : [v]).map(String),
  );
  return fc.oneof(
    valid,
    // URLs stay under node's 16 KB header limit (431 comes from node's
    // HTTP parser, before the backend); huge strings go into bodies
    hostileString.map(s => [wellFormed(s.slice(0, 600))]),
    fc.array(shortString.map(wellFormed), { minLength: 2, maxLength: 4 }),
  );
}

/** A request for one operation: valid parts mixed with hostile ones. */
function requestArb(
  op: SpecOperation,
  seeded: Seeded,
): fc.Arbitrary<FuzzRequest> {
  const names = pathParamNames(op.path);
  const valid = validParams(op, seeded, 'a');
  const params = fc.tuple(
    ...names.map(n =>
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(valid[n]) },
        { weight: 2, arbitrary: shortString.map(wellFormed) },
        {
          weight: 1,
          arbitrary: hostileString.map(s => wellFormed(s.slice(0, 600))),
        },
      ),
    ),
  );
  const queryParams = op.parameters.filter(p => p.in === 'query');
  const query = fc
    .tuple(
      ...queryParams.map(p => fc.option(queryValue(p.schema), { freq: 2 })),
      fc.option(
        fc.tuple(shortString.map(wellFormed), shortString.map(wellFormed)),
      ),
      fc.option(
        fc.constantFrom(
          '%zz',
          'limit[$gt]=1',
          'owner[a]=b',
          'q[]=x&q[]=y',
          'cursor=%E0%A4%A',
          '&&&=&=',
        ),
      ),
    )
    .map(values => {
      const parts: string[] = [];
      queryParams.forEach((p, i) => {
        const v = values[i] as string[] | null;
        for (const one of v ?? []) {
          parts.push(
            `${encodeURIComponent(p.name)}=${encodeURIComponent(one)}`,
          );
        }
      });
      const extra = values[queryParams.length] as [string, string] | null;
      if (extra) {
        parts.push(
          `${encodeURIComponent(extra[0] || 'x')}=${encodeURIComponent(
            extra[1],
          )}`,
        );
      }
      const raw = values[queryParams.length + 1] as string | null;
      if (raw) parts.push(raw);
      return parts.join('&');
    });

  const schema =
    op.requestBody?.content['application/json'] ??
    (op.requestBody ? Object.values(op.requestBody.content)[0] : undefined);
  const base = validBody(op, seeded);
  const jsonBodies: Array<
    fc.Arbitrary<{ body?: unknown; contentType?: string }>
  > = [
    hostileJson.map(body => ({
      body: JSON.stringify(body),
      contentType: 'application/json',
    })),
    fc
      .constantFrom('{"title": ', '{"a":1}{"b":2}', '\u0000', '[', 'nul')
      .map(body => ({ body, contentType: 'application/json' })),
    fc.constant({}),
  ];
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    jsonBodies.push(
      mutatedObject(base as Record<string, unknown>, schema).map(b => ({
        body: JSON.stringify(b),
        contentType: 'application/json',
      })),
    );
    jsonBodies.push(
      fc.constant({
        body: JSON.stringify(base),
        contentType: 'application/json',
      }),
    );
  }
  if (op.requestBody?.content['text/csv']) {
    jsonBodies.push(csvBody.map(body => ({ body, contentType: 'text/csv' })));
    jsonBodies.push(
      importRows.map(b => ({
        body: JSON.stringify(b),
        contentType: 'application/json',
      })),
    );
    jsonBodies.push(
      fc.constant({ body: 'key,title\nA-1,x', contentType: 'text/plain' }),
    );
  }
  const body =
    op.method === 'get' || op.method === 'delete'
      ? fc.option(fc.oneof(...jsonBodies), { freq: 5 }).map(b => b ?? {})
      : fc.oneof(...jsonBodies);

  return fc
    .record({
      params,
      rawPath: fc.boolean(),
      query,
      body,
    })
    .map(r => ({
      params: Object.fromEntries(names.map((n, i) => [n, r.params[i]])),
      // raw: '../' and friends reach the router unencoded
      rawPath:
        r.rawPath &&
        r.params.every(v => /^[\x21-\x7e]+$/.test(v) && !/[#?]/.test(v)),
      query: r.query,
      body: r.body.body,
      contentType: r.body.contentType,
    }));
}

// ------------------------------------------------------------------ checks

/** The field names a 400 may name: path, query and body fields. */
function fieldNames(op: SpecOperation, req: FuzzRequest): string[] {
  const names = new Set<string>(['body', 'query', 'params', 'cursor']);
  for (const n of pathParamNames(op.path)) names.add(n);
  for (const p of op.parameters) names.add(p.name);
  for (const part of req.query.split('&')) {
    const k = part.split('=')[0];
    try {
      names.add(decodeURIComponent(k));
    } catch {
      names.add(k);
    }
  }
  const schema = op.requestBody
    ? Object.values(op.requestBody.content)[0]
    : undefined;
  for (const n of schemaProperties(schema)) names.add(n);
  if (typeof req.body === 'string') {
    try {
      const parsed = JSON.parse(req.body);
      if (parsed && typeof parsed === 'object') {
        for (const k of Object.keys(parsed)) names.add(k);
      }
    } catch {
      /* not JSON */
    }
  }
  return [...names].filter(n => n.length > 1);
}

interface Stats {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: string[];
  badRequestsNamingField: number;
  badRequestsWithoutField: string[];
  clientErrorsWithoutMessage: string[];
  byOperation: Record<string, number>;
  /** 404s of URLs that match no route (raw '/' or empty parameters). */
  unrouted: number;
  /** ... of which the spec's path template matched (a route's own pattern excluded the value). */
  unroutedButTemplateMatches: number;
  /** Problem signature -> count and one example. */
  problems: Record<string, { n: number; example: string }>;
}

function noteProblem(stats: Stats, res: request.Response, example: string) {
  const message = String(res.body?.error?.message ?? res.text)
    .replace(/\d+/g, 'N')
    .slice(0, 60);
  const key = `${res.status} ${res.body?.error?.name ?? ''}: ${message}`;
  const entry = (stats.problems[key] = stats.problems[key] ?? {
    n: 0,
    example,
  });
  entry.n++;
}

async function fire(
  server: Server,
  op: SpecOperation,
  req: FuzzRequest,
): Promise<request.Response> {
  const path = fillPath(op.path, req.params, req.rawPath);
  const url = `/api/pmo${path}${req.query ? `?${req.query}` : ''}`;
  let r = request(server)[op.method](url).set('authorization', USER);
  if (req.body !== undefined && !(typeof req.body === 'object')) {
    r = r
      .set('content-type', req.contentType ?? 'application/json')
      .send(req.body as string);
  }
  return r.ok(() => true);
}

const routeMatchers = operations.map(o => ({
  method: o.method,
  re: new RegExp(
    `^${o.path
      .split(/\{[^}]+\}/)
      .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  ),
}));

/** Whether the URL sent matches any route of the spec (for the method). */
function routable(op: SpecOperation, req: FuzzRequest): boolean {
  const path = fillPath(op.path, req.params, req.rawPath);
  return routeMatchers.some(m => m.method === op.method && m.re.test(path));
}

function check(
  op: SpecOperation,
  req: FuzzRequest,
  res: request.Response,
  stats: Stats,
): string | undefined {
  stats.requests++;
  stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
  stats.byOperation[op.operationId] =
    (stats.byOperation[op.operationId] ?? 0) + 1;
  const what = () =>
    `${op.method.toUpperCase()} ${fillPath(
      op.path,
      req.params,
      req.rawPath,
    ).slice(0, 200)}?${req.query.slice(0, 200)} body=${String(req.body).slice(
      0,
      200,
    )} -> ${res.status} ${res.text.slice(0, 300)}`;
  if (res.status >= 500) {
    noteProblem(stats, res, what());
    stats.serverErrors.push(what());
    return `5xx: ${what()}`;
  }
  if (res.status === 404 && res.text === '') {
    // A URL that no PMO route matches (a raw '/', '#' or '?' in a path
    // parameter, an empty one, a value a route's pattern excludes): the
    // backend's own not-found handler answers it, with no body. The PMO
    // routes' own 404s always carry an error message.
    stats.unrouted++;
    if (routable(op, req)) stats.unroutedButTemplateMatches++;
    return undefined;
  }
  if (res.status >= 400) {
    const message: unknown = res.body?.error?.message;
    if (typeof message !== 'string' || message.trim() === '') {
      noteProblem(stats, res, what());
      stats.clientErrorsWithoutMessage.push(what());
      return `4xx without a message: ${what()}`;
    }
    if (res.status === 400) {
      const names = fieldNames(op, req);
      if (names.some(n => message.includes(n))) {
        stats.badRequestsNamingField++;
      } else {
        noteProblem(stats, res, what());
        stats.badRequestsWithoutField.push(what());
        return `400 without a field name: ${what()}`;
      }
    }
  }
  return undefined;
}

// ------------------------------------------------------------------- suite

describe.each(databases.map(db => [db.id, db] as const))(
  'fuzz on %s',
  (id, db) => {
    let server: Server;
    let seeded: Seeded;
    let stop: () => Promise<void>;
    const stats: Stats = {
      requests: 0,
      byStatus: {},
      serverErrors: [],
      badRequestsNamingField: 0,
      badRequestsWithoutField: [],
      clientErrorsWithoutMessage: [],
      byOperation: {},
      unrouted: 0,
      unroutedButTemplateMatches: 0,
      problems: {},
    };

    beforeAll(async () => {
      const knex = await db.create();
      const started = await startPmoBackend({ knex });
      server = started.server;
      stop = started.stop;
      seeded = await seed(server);
    });

    afterAll(async () => {
      await stop?.();
      await db.destroy();
      recordFigures('fuzz', {
        database: id,
        operations: operations.length,
        requests: stats.requests,
        byStatus: stats.byStatus,
        serverErrors: stats.serverErrors.length,
        unroutedNotFound: stats.unrouted,
        unroutedButTemplateMatches: stats.unroutedButTemplateMatches,
        badRequestsNamingField: stats.badRequestsNamingField,
        badRequestsWithoutField: stats.badRequestsWithoutField.length,
        clientErrorsWithoutMessage: stats.clientErrorsWithoutMessage.length,
        problems: stats.problems,
      });
    });

    const perOperation = Math.ceil(RUNS[id] / operations.length);

    it.each(
      operations.map(op => [`${op.method.toUpperCase()} ${op.path}`, op]),
    )('%s: never 5xx, every 400 names the field', async (_, op) => {
      await fc.assert(
        fc.asyncProperty(requestArb(op, seeded), async req => {
          const res = await fire(server, op, req);
          const problem = check(op, req, res, stats);
          // PMO_FUZZ_SURVEY=1 lists every kind of problem instead of
          // stopping at the first (while fixing the backend)
          if (problem && !process.env.PMO_FUZZ_SURVEY) {
            throw new Error(problem);
          }
        }),
        { numRuns: perOperation, seed: SEED, endOnFailure: true },
      );
      expect(stats.byOperation[op.operationId]).toBeGreaterThanOrEqual(
        perOperation,
      );
    });
  },
);
