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

import type { Health, ProjectPhase } from './types';

/**
 * Search document type of PMO projects (the `pmo-project` collator of
 * `@infra-pmo/plugin-search-backend-module-pmo`); also the value of the
 * search `types` filter.
 * @public
 */
export const PMO_PROJECT_SEARCH_TYPE = 'pmo-project';

/**
 * Default number of projects per page of `GET /search/projects`.
 * @public
 */
export const SEARCH_PROJECTS_DEFAULT_LIMIT = 500;

/**
 * Largest page of `GET /search/projects`.
 * @public
 */
export const SEARCH_PROJECTS_MAX_LIMIT = 1000;

/**
 * Response of `GET /project-keys`: the keys of every project the caller may
 * read, sorted.
 * @public
 */
export interface ProjectKeysResponse {
  keys: string[];
}

/**
 * One project as the search collator indexes it.
 * @public
 */
export interface SearchProject {
  key: string;
  title: string;
  description?: string;
  phase: ProjectPhase;
  /** Worse of the declared and the computed health. */
  health: Health;
  /** Entity ref of the owning group or user. */
  owner: string;
  /** Entity refs of the linked catalog entities, annotation and manual. */
  entityRefs: string[];
}

/**
 * A page of `GET /search/projects`, in key order (keyset cursor).
 * @public
 */
export interface SearchProjectsPage {
  items: SearchProject[];
  pageInfo: { nextCursor?: string };
}

/**
 * The search document of a project (type {@link PMO_PROJECT_SEARCH_TYPE}):
 * the fields of a `SearchProject` plus the standard `title`, `text` and
 * `location` of a search document.
 * @public
 */
export interface PmoProjectSearchDocument {
  /** The project title. */
  title: string;
  /** The description, for full-text search. */
  text: string;
  /** App route of the project page, e.g. `/pmo/projects/INFRA-101`. */
  location: string;
  key: string;
  phase: ProjectPhase;
  /** Worse of the declared and the computed health. */
  health: Health;
  owner: string;
  /** Linked catalog entities. */
  entityRefs: string[];
}
