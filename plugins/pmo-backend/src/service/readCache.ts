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
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { createHash, randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Key of the current generation in the plugin's cache. */
const GENERATION_KEY = 'read-cache:generation';
/** A lost generation only costs misses; renewed long before that. */
const GENERATION_TTL = { hours: 24 };
/**
 * Upper bound of an entry's life. Writes invalidate entries at once through
 * the generation; the TTL only bounds memory, and the staleness when several
 * replicas are (wrongly) given per-process memory caches.
 */
const ENTRY_TTL = { minutes: 5 };
/** Read-only routes that use POST for their long bodies. */
const READ_ONLY_POSTS = new Set(['/entities/summaries']);

/**
 * Cache of expensive PMO reads (entity summaries, the portfolio roll-up)
 * through the plugin's cache service, invalidated on every write.
 *
 * Every entry key contains the current *generation*, a random value in the
 * cache. Any successful write request of the plugin (POST, PUT, PATCH,
 * DELETE on `/api/pmo`, whichever router serves it) and the background
 * jobs that write (annotation sync, computed health refresh) replace the
 * generation before their response is sent, so a read issued after a write
 * returned can never hit an entry computed before it. Old entries are
 * simply never read again and expire.
 *
 * With several backend replicas, configure a shared cache store
 * (`backend.cache`, Redis or Valkey): the generation must be shared too.
 *
 * @internal
 */
export class PmoReadCache {
  readonly #cache: CacheService;
  readonly #logger?: LoggerService;

  constructor(options: { cache: CacheService; logger?: LoggerService }) {
    this.#cache = options.cache;
    this.#logger = options.logger;
  }

  /** The current generation, created when missing. */
  async generation(): Promise<string> {
    const current = await this.#cache.get<string>(GENERATION_KEY);
    if (current) return current;
    const fresh = randomUUID();
    await this.#cache.set(GENERATION_KEY, fresh, { ttl: GENERATION_TTL });
    return fresh;
  }

  /** Invalidates every entry (call after a write has committed). */
  async bump(): Promise<void> {
    await this.#cache.set(GENERATION_KEY, randomUUID(), {
      ttl: GENERATION_TTL,
    });
  }

  /**
   * Cache key of a read: the generation plus everything the result depends
   * on (hashed: parts may be long ref lists or permission filters).
   */
  key(generation: string, scope: string, parts: JsonValue[]): string {
    const digest = createHash('sha256')
      .update(JSON.stringify(parts))
      .digest('base64url');
    return `read-cache:${scope}:${generation}:${digest}`;
  }

  async get<T extends JsonValue>(key: string): Promise<T | undefined> {
    return this.#cache.get<T>(key);
  }

  async set(key: string, value: JsonValue): Promise<void> {
    await this.#cache.set(key, value, { ttl: ENTRY_TTL });
  }

  /**
   * Cached single value: `compute` runs on a miss, under the generation read
   * before it (a write during `compute` bumps past it, so a result that
   * may predate the write is never served after the write returned).
   */
  async wrap<T extends JsonValue>(
    scope: string,
    parts: JsonValue[],
    compute: () => Promise<T>,
  ): Promise<T> {
    const key = this.key(await this.generation(), scope, parts);
    const hit = await this.#cache.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await compute();
    await this.set(key, value);
    return value;
  }

  /**
   * Express middleware that runs before every route of the plugin (see
   * createRouter.ts): a write request bumps the generation right before its
   * response is sent (after its transaction committed). Client errors
   * (4xx) wrote nothing and do not bump, so unauthenticated calls cannot
   * flush the cache.
   */
  invalidateOnWrite(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const method = req.method.toUpperCase();
      if (
        method === 'GET' ||
        method === 'HEAD' ||
        method === 'OPTIONS' ||
        (method === 'POST' && READ_ONLY_POSTS.has(req.path))
      ) {
        next();
        return;
      }
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      let bumped = false;
      (res as { end: unknown }).end = (...args: unknown[]) => {
        const status = res.statusCode;
        if (bumped || (status >= 400 && status < 500)) return end(...args);
        bumped = true;
        this.bump()
          .catch(error =>
            this.#logger?.warn(`Could not invalidate the PMO read cache`, {
              error: String(error),
            }),
          )
          .finally(() => end(...args));
        return res;
      };
      next();
    };
  }
}
