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

// PMO from a pipeline: record readiness evidence on a run transition, or the
// actual date of a milestone. Dependency-free (Node >= 18, global fetch).
//
//   PMO_API_TOKEN=... [PMO_BASE_URL=http://localhost:7007] \
//     node scripts/pmo-ci.mjs evidence component:default/my-service runbook \
//       --url https://wiki.example.com/runbook [--note "..."] [--status done]
//   node scripts/pmo-ci.mjs milestone <milestone-id> --actual 2026-03-31
//     (sets the actual date and status done)
//
// Both read the current version first and send it (optimistic concurrency);
// on a 409 (someone else wrote in between) they read again and retry once.
// Prints one line; exits 1 with the server's error message on failure, 2 on
// a usage error.

const DEFAULT_BASE_URL = 'http://localhost:7007';
const STATUSES = ['pending', 'done', 'waived', 'not_applicable'];

export const USAGE = `Usage:
  pmo-ci evidence <kind:namespace/name> <itemKey> --url <https://...> [--note <text>] [--status <${STATUSES.join(
    '|',
  )}>]
  pmo-ci milestone <id> --actual <YYYY-MM-DD>
Environment: PMO_API_TOKEN (required), PMO_BASE_URL (default ${DEFAULT_BASE_URL})`;

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The server answered with an error: exit code 1 with its message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** `--name value` options after the positional arguments. */
function parseOptions(args, allowed) {
  const options = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name))
      throw new UsageError(`Unknown option --${name}`);
    const value = inline ?? args[++i];
    if (
      value === undefined ||
      (inline === undefined && value.startsWith('--'))
    ) {
      throw new UsageError(`--${name} needs a value`);
    }
    options[name] = value;
  }
  return { positional, options };
}

/** `kind:namespace/name` (namespace optional, default `default`). */
export function parseEntityRef(ref) {
  const m = /^([^:/\s]+):(?:([^:/\s]+)\/)?([^:/\s]+)$/.exec(ref ?? '');
  if (!m) {
    throw new UsageError(
      `'${ref ?? ''}' is not an entity ref like component:default/my-service`,
    );
  }
  return { kind: m[1], namespace: m[2] ?? 'default', name: m[3] };
}

/**
 * The command line as a command object, validated as far as the CLI can
 * (the server validates the rest and its message is printed).
 */
export function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (command === 'evidence') {
    const { positional, options } = parseOptions(rest, [
      'url',
      'note',
      'status',
    ]);
    if (positional.length !== 2) {
      throw new UsageError('evidence needs <kind:namespace/name> <itemKey>');
    }
    const [entityRef, itemKey] = positional;
    const entity = parseEntityRef(entityRef);
    if (!options.url)
      throw new UsageError('evidence needs --url <https://...>');
    if (!/^https?:\/\//i.test(options.url)) {
      throw new UsageError('--url must be an http(s) URL');
    }
    if (options.status && !STATUSES.includes(options.status)) {
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    }
    return {
      command,
      entity,
      itemKey,
      patch: {
        evidenceUrl: options.url,
        ...(options.note !== undefined ? { note: options.note } : {}),
        ...(options.status ? { status: options.status } : {}),
      },
    };
  }
  if (command === 'milestone') {
    const { positional, options } = parseOptions(rest, ['actual']);
    if (positional.length !== 1) throw new UsageError('milestone needs <id>');
    if (!options.actual || !/^\d{4}-\d{2}-\d{2}$/.test(options.actual)) {
      throw new UsageError('milestone needs --actual <YYYY-MM-DD>');
    }
    // Reached on that date: the actual date and status done go together.
    return {
      command,
      id: positional[0],
      patch: { actualDate: options.actual, status: 'done' },
    };
  }
  throw new UsageError(
    command ? `Unknown command '${command}'` : 'No command given',
  );
}

/** Base URL and token from the environment. */
export function readEnv(env) {
  const token = env.PMO_API_TOKEN?.trim();
  if (!token) throw new UsageError('PMO_API_TOKEN is not set');
  const baseUrl = (env.PMO_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  );
  return { baseUrl, token };
}

const seg = value => encodeURIComponent(value);

function transitionPath(entity) {
  return `/api/pmo/entities/${seg(entity.kind)}/${seg(entity.namespace)}/${seg(
    entity.name,
  )}/transition`;
}

/**
 * The requests of a command: `read` gets the current version, `write(version)`
 * is the PATCH. Pure, so that tests can check what would be sent.
 */
export function buildRequests(cmd, { baseUrl, token }) {
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
  };
  const json = { ...headers, 'content-type': 'application/json' };
  if (cmd.command === 'evidence') {
    const path = transitionPath(cmd.entity);
    return {
      read: { method: 'GET', url: `${baseUrl}${path}`, headers },
      version: body => body.version,
      write: version => ({
        method: 'PATCH',
        url: `${baseUrl}${path}/items/${seg(cmd.itemKey)}`,
        headers: json,
        body: JSON.stringify({ ...cmd.patch, version }),
      }),
    };
  }
  return {
    read: {
      method: 'GET',
      url: `${baseUrl}/api/pmo/milestones/${seg(cmd.id)}`,
      headers,
    },
    version: body => body.version,
    write: version => ({
      method: 'PATCH',
      url: `${baseUrl}/api/pmo/milestones/${seg(cmd.id)}`,
      headers: json,
      body: JSON.stringify({ ...cmd.patch, version }),
    }),
  };
}

async function send(fetchImpl, request) {
  const { url, ...init } = request;
  let res;
  try {
    res = await fetchImpl(url, init);
  } catch (error) {
    throw new ApiError(
      0,
      `${init.method} ${url} failed: ${error.cause?.message ?? error.message}`,
    );
  }
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    // Backstage errors: { error: { name, message } }.
    const message = body?.error?.message ?? (text.trim() || res.statusText);
    throw new ApiError(res.status, `${res.status} ${message}`);
  }
  return body;
}

/** One line describing the result of a successful command. */
export function describeResult(cmd, body) {
  if (cmd.command === 'evidence') {
    const item = body?.items?.find(i => i.key === cmd.itemKey);
    const revoked = body?.revokedSignOffs?.length
      ? `; revoked sign-offs: ${body.revokedSignOffs
          .map(s => s.role)
          .join(', ')}`
      : '';
    return `${body?.entityRef ?? ''} ${cmd.itemKey}: ${
      item?.status ?? '?'
    }, evidence ${
      item?.evidenceUrl ?? cmd.patch.evidenceUrl
    } (transition version ${body?.version}, readiness ${
      body?.readinessPercent
    }%)${revoked}`;
  }
  return `milestone ${body?.id ?? cmd.id} (${body?.projectKey ?? '?'}) '${
    body?.title ?? ''
  }': actual ${body?.actualDate ?? cmd.patch.actualDate}, status ${
    body?.status ?? '?'
  } (version ${body?.version})`;
}

/**
 * @typedef {(url: string, init: { method: string, headers: Record<string, string>, body?: string }) =>
 *   Promise<{ ok: boolean, status: number, statusText: string, text(): Promise<string> }>} Fetch
 *   The part of `fetch` the CLI uses (tests pass their own).
 */

/**
 * Reads the version, writes, and on a 409 reads again and retries once.
 * Resolves to the one-line result; rejects with ApiError.
 * @param {any} cmd
 * @param {{ baseUrl: string, token: string }} env
 * @param {Fetch} [fetchImpl]
 * @returns {Promise<string>}
 */
export async function run(cmd, env, fetchImpl = globalThis.fetch) {
  const requests = buildRequests(cmd, env);
  for (let attempt = 1; ; attempt++) {
    const current = await send(fetchImpl, requests.read);
    try {
      const body = await send(
        fetchImpl,
        requests.write(requests.version(current)),
      );
      return describeResult(cmd, body);
    } catch (error) {
      if (
        !(error instanceof ApiError) ||
        error.status !== 409 ||
        attempt >= 2
      ) {
        throw error;
      }
    }
  }
}

/**
 * The CLI: returns the exit code; output goes to the given streams.
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env
 * @param {{ stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown } }} [io]
 * @param {Fetch} [fetchImpl]
 * @returns {Promise<number>}
 */
export async function main(
  argv,
  env,
  io = process,
  fetchImpl = globalThis.fetch,
) {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const cmd = parseArgs(argv);
    const line = await run(cmd, readEnv(env), fetchImpl);
    io.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pmo-ci: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr.write(`pmo-ci: ${error.message}\n`);
    return 1;
  }
}

// Run only as a program, not when imported (the jest test imports it; no
// import.meta, which the test transform to CommonJS does not support).
if (/pmo-ci(\.mjs)?$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2), process.env).then(code => {
    process.exitCode = code;
  });
}
