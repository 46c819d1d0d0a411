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
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ProjectKeysResponse } from '@infra-pmo/plugin-pmo-common';

/** Default lifetime of the cached key set, in seconds. @public */
export const DEFAULT_KEYS_TTL_SECONDS = 60;

/** A request that takes longer is treated as an unreachable PMO backend. */
const REQUEST_TIMEOUT_MS = 10_000;

/** @public */
export interface ProjectKeySourceOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Lifetime of the cached key set (and of a failure), in seconds. */
  ttlSeconds?: number;
  /** For tests. */
  fetch?: typeof fetch;
  /** For tests. */
  now?: () => number;
}

/**
 * The set of existing PMO project keys, read from the PMO backend
 * (`GET /api/pmo/project-keys`) with the module's own service credentials
 * and cached for a short time: the catalog processes every entity every few
 * minutes, and one request per TTL serves all of them. Concurrent callers
 * share one request.
 *
 * `getKeys()` never throws: when the PMO backend cannot be reached (or
 * answers with an error) it logs one warning and resolves `undefined` until
 * the TTL has passed, so that processing goes on without the unknown-key
 * check rather than failing (or hammering a struggling backend once per
 * entity).
 * @public
 */
export class ProjectKeySource {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #ttlMs: number;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  #cached: { keys: Set<string> | undefined; expiresAt: number } | undefined;
  #inFlight: Promise<Set<string> | undefined> | undefined;

  constructor(options: ProjectKeySourceOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#ttlMs = (options.ttlSeconds ?? DEFAULT_KEYS_TTL_SECONDS) * 1000;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.#now = options.now ?? Date.now;
  }

  /** The known keys (upper case), or undefined when they cannot be read. */
  async getKeys(): Promise<Set<string> | undefined> {
    if (this.#cached && this.#now() < this.#cached.expiresAt) {
      return this.#cached.keys;
    }
    if (!this.#inFlight) {
      this.#inFlight = this.#load().finally(() => {
        this.#inFlight = undefined;
      });
    }
    return this.#inFlight;
  }

  async #load(): Promise<Set<string> | undefined> {
    let keys: Set<string> | undefined;
    try {
      keys = await this.#fetchKeys();
    } catch (error) {
      this.#logger.warn(
        `Could not read the PMO project keys; unknown keys in pmo/projects are not reported for the next ${
          this.#ttlMs / 1000
        }s: ${error}`,
      );
    }
    this.#cached = { keys, expiresAt: this.#now() + this.#ttlMs };
    return keys;
  }

  async #fetchKeys(): Promise<Set<string>> {
    const baseUrl = await this.#discovery.getBaseUrl('pmo');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'pmo',
    });
    const response = await this.#fetch(`${baseUrl}/project-keys`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as Partial<ProjectKeysResponse>;
    if (
      !Array.isArray(body.keys) ||
      !body.keys.every(k => typeof k === 'string')
    ) {
      throw new Error('Unexpected response from /project-keys: no keys');
    }
    return new Set(body.keys.map(k => k.toUpperCase()));
  }
}
