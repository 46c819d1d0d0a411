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

export interface Config {
  catalog?: {
    processors?: {
      /**
       * The PMO annotation processor of
       * `@infra-pmo/plugin-catalog-backend-module-pmo`.
       */
      pmo?: {
        /**
         * How long the set of known project keys (read from the PMO backend)
         * is reused before it is fetched again, in seconds. Also how long
         * the unknown-key check stays off after the PMO backend could not be
         * reached. Default 60.
         */
        keysTtlSeconds?: number;
        /**
         * Strict mode: a malformed PMO annotation (and, with `unknownKeys:
         * error`, a key that names no PMO project) is a processing error of
         * the entity, so the catalog keeps the entity's previous version and
         * a new entity does not appear until it is fixed. Default false:
         * problems are logged once and shown on the PMO card and tab, and
         * the entity is ingested.
         */
        strict?: boolean;
        /**
         * Whether a key in `pmo/projects` that names no PMO project is a
         * problem: `error` (default) reports it (a processing error in
         * strict mode, a log line otherwise), `ignore` leaves it to the PMO
         * entity card, which lists unknown keys either way.
         */
        unknownKeys?: 'error' | 'ignore';
      };
    };
  };
}
