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

import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';

/*
 * The HTTP side of the PMO client: URLs, query strings, bodies and the
 * error of a failed response, so that PmoClient only maps methods to routes.
 */

/** A query parameter; lists are sent comma-separated. @internal */
export type QueryValue = string | number | Array<string | number> | undefined;

/** How to send a request and read its response. @internal */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  /** A raw body with its content type (CSV, XML or XLSX import). */
  text?: { contentType: string; value: string | Blob };
  /** How to read the response body. */
  responseType?: 'json' | 'text' | 'blob' | 'none';
}

/** A project key as a path segment. @internal */
export function encodeKey(key: string): string {
  return encodeURIComponent(key);
}

/**
 * An entity ref as the `kind/namespace/name` path of the backend.
 * @internal
 */
export function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

/**
 * A group ref (`group:` may be left out) as the `namespace/name` path of
 * the group routes.
 * @internal
 */
export function groupPath(groupRef: string): string {
  const { namespace, name } = parseEntityRef(groupRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return [namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

/**
 * List routes answer either with a bare array or with `{ items }`; accept
 * both so the UI does not depend on that detail of the backend.
 * @internal
 */
export function itemsOf<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items ?? [];
}

/**
 * The named fields of a query, and only those: a caller's object may carry
 * more than its type says, and nothing else must reach the URL.
 * @internal
 */
export function pick<Q extends object, K extends keyof Q>(
  query: Q,
  keys: readonly K[],
): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const k of keys) out[k as string] = query[k] as QueryValue;
  return out;
}

/**
 * Sends one request to the `pmo` backend through the discovery and fetch
 * APIs (which add the user's token); a failed response rejects with a
 * `ResponseError`.
 * @internal
 */
export async function pmoRequest<T>(
  apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const baseUrl = await apis.discoveryApi.getBaseUrl('pmo');
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, value.join(','));
    } else {
      params.set(name, String(value));
    }
  }
  const search = params.toString();
  const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;

  const headers: Record<string, string> = {};
  let body: string | Blob | undefined;
  if (options.text) {
    headers['Content-Type'] = options.text.contentType;
    body = options.text.value;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  const res = await apis.fetchApi.fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  if (!res.ok) {
    throw await ResponseError.fromResponse(res);
  }
  switch (options.responseType ?? 'json') {
    case 'none':
      return undefined as T;
    case 'text':
      return (await res.text()) as T;
    case 'blob':
      return (await res.blob()) as T;
    default:
      return (await res.json()) as T;
  }
}

/**
 * The verbs of a PMO client over one pair of discovery and fetch APIs.
 * @internal
 */
export interface PmoHttp {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A list route, answered with `{ items }` (or, before, a bare array). */
  items<T>(path: string, query?: RequestOptions['query']): Promise<T[]>;
  /** A write with a JSON body answered with the written object. */
  write<T>(
    method: 'POST' | 'PATCH' | 'PUT',
    path: string,
    body: unknown,
  ): Promise<T>;
  /** A write without a body whose answer has none either (204). */
  send(method: 'PUT' | 'DELETE', path: string): Promise<void>;
}

/** The verbs of a PMO client (see {@link PmoHttp}). @internal */
export function pmoHttp(apis: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}): PmoHttp {
  const deps = { discoveryApi: apis.discoveryApi, fetchApi: apis.fetchApi };
  const request = <T>(path: string, options?: RequestOptions) =>
    pmoRequest<T>(deps, path, options);
  return {
    request,
    items: async <T>(path: string, query?: RequestOptions['query']) =>
      itemsOf(await request<T[] | { items: T[] }>(path, { query })),
    write: (method, path, body) => request(path, { method, body }),
    send: async (method, path) => {
      await request(path, { method, responseType: 'none' });
    },
  };
}
