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
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  PMO_PROJECT_SEARCH_TYPE,
  pmoProjectReadPermission,
  SEARCH_PROJECTS_DEFAULT_LIMIT,
  type PmoProjectSearchDocument,
  type SearchProject,
  type SearchProjectsPage,
} from '@infra-pmo/plugin-pmo-common';
import { Readable } from 'node:stream';

/** Default location of a result: the project page of the PMO plugin. @public */
export const DEFAULT_PMO_LOCATION_TEMPLATE = '/pmo/projects/:key';

/**
 * A PMO project as indexed: the shared document shape plus the resource ref
 * that lets the search backend filter results by `pmo.project.read`.
 * @public
 */
export type PmoProjectIndexableDocument = PmoProjectSearchDocument &
  IndexableDocument;

/** @public */
export interface PmoProjectCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Location of a result; `:key` is replaced by the project key. */
  locationTemplate?: string;
  /** Projects per request to the PMO backend (1-1000). */
  pageSize?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

/**
 * Collates every PMO project into search documents of type `pmo-project`.
 *
 * It pages through `GET /api/pmo/search/projects` (keyset cursor, each page
 * with its linked entity refs) with its own service credentials, so 30,000
 * projects cost 60 requests, not one per project. Documents carry the project
 * key as `authorization.resourceRef` and the factory declares
 * `pmo.project.read` as its visibility permission: the search backend then
 * filters results per user with the same rules as the PMO pages (including
 * conditional decisions such as "owned by one of my groups").
 *
 * A failing page fails the whole collation (the error is thrown), so the
 * previous index stays instead of being replaced by a partial one.
 * @public
 */
export class PmoProjectCollatorFactory implements DocumentCollatorFactory {
  readonly type = PMO_PROJECT_SEARCH_TYPE;
  readonly visibilityPermission = pmoProjectReadPermission;

  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #locationTemplate: string;
  readonly #pageSize: number;
  readonly #fetch: typeof fetch;

  constructor(options: PmoProjectCollatorFactoryOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#locationTemplate =
      options.locationTemplate ?? DEFAULT_PMO_LOCATION_TEMPLATE;
    this.#pageSize = options.pageSize ?? SEARCH_PROJECTS_DEFAULT_LIMIT;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.#execute());
  }

  async *#execute(): AsyncGenerator<PmoProjectIndexableDocument> {
    const baseUrl = await this.#discovery.getBaseUrl('pmo');
    let cursor: string | undefined;
    do {
      // A fresh token per page: a large collation can outlive one.
      const { token } = await this.#auth.getPluginRequestToken({
        onBehalfOf: await this.#auth.getOwnServiceCredentials(),
        targetPluginId: 'pmo',
      });
      const params = new URLSearchParams({ limit: String(this.#pageSize) });
      if (cursor) params.set('cursor', cursor);
      const response = await this.#fetch(
        `${baseUrl}/search/projects?${params}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as SearchProjectsPage;
      for (const project of page.items) {
        yield this.#toDocument(project);
      }
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
  }

  #toDocument(project: SearchProject): PmoProjectIndexableDocument {
    return {
      title: project.title,
      text: project.description ?? '',
      location: this.#locationTemplate.replace(
        ':key',
        encodeURIComponent(project.key),
      ),
      key: project.key,
      phase: project.phase,
      health: project.health,
      owner: project.owner,
      entityRefs: project.entityRefs,
      authorization: { resourceRef: project.key },
    };
  }
}
