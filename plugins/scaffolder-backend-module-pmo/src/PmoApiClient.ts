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

import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** A request that takes longer is treated as an unreachable PMO backend. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Pause between tries while waiting for an entity to reach the catalog. */
const RETRY_INTERVAL_MS = 2_000;

/** @public */
export interface PmoApiClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** For tests. */
  fetch?: typeof fetch;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** @public */
export interface PmoApiRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Below `/api/pmo`, e.g. `/projects/INFRA-101`. */
  path: string;
  body?: unknown;
  /** The caller: the token is issued on its behalf. */
  credentials: BackstageCredentials;
  /**
   * Retry a 404 for up to this many seconds (an entity that the template has
   * just registered may take a few seconds to reach the catalog). Default 0.
   */
  retryNotFoundSeconds?: number;
}

/**
 * Calls the PMO backend (plugin id `pmo`) as the given caller: the token is
 * a plugin request token on behalf of the caller's credentials, so that the
 * PMO backend authorizes the call exactly as if the user had made it.
 * Errors are thrown as `ResponseError` with the backend's message.
 * @public
 */
export class PmoApiClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: PmoApiClientOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.#sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /** Sends the request and returns the parsed JSON body (undefined for 204). */
  async request<T>(request: PmoApiRequest): Promise<T> {
    const deadline = Date.now() + (request.retryNotFoundSeconds ?? 0) * 1000;
    for (;;) {
      const response = await this.#send(request);
      if (response.status === 404 && Date.now() < deadline) {
        await this.#sleep(RETRY_INTERVAL_MS);
        continue;
      }
      if (!response.ok) throw await ResponseError.fromResponse(response);
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
  }

  async #send(request: PmoApiRequest): Promise<Response> {
    const baseUrl = await this.#discovery.getBaseUrl('pmo');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: request.credentials,
      targetPluginId: 'pmo',
    });
    return this.#fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(request.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : {}),
      },
      body:
        request.body !== undefined ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  }
}

/**
 * The path of an entity below `/api/pmo`: `/entities/{kind}/{namespace}/{name}`
 * style segments, each URL-encoded.
 * @internal
 */
export function entityPath(ref: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return [ref.kind, ref.namespace, ref.name]
    .map(s => encodeURIComponent(s))
    .join('/');
}
