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

import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
  EntitySummary,
  ExportKind,
  HistoryEntry,
  ImportResult,
  ListProjectsQuery,
  Milestone,
  Page,
  Portfolio,
  PortfolioQuery,
  ProjectWithHealth,
  RaidItem,
  RaidStatus,
  RaidType,
  UpdateMilestoneRequest,
  UpdateProjectRequest,
  UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';

/** Filter of {@link PmoApi.listRaidItems}. @public */
export interface ListRaidQuery {
  type?: RaidType[];
  status?: RaidStatus[];
}

/** Paging of {@link PmoApi.getHistory}. @public */
export interface HistoryQuery {
  limit?: number;
  cursor?: string;
}

/**
 * JSON body of `POST /import`: the rows of each kind, in the shape of the
 * CSV export.
 * @public
 */
export interface ImportBatchRequest {
  projects?: Array<CreateProjectRequest & { version?: number }>;
  milestones?: Array<
    CreateMilestoneRequest & { projectKey: string; id?: string }
  >;
  raid?: Array<CreateRaidItemRequest & { projectKey: string; id?: string }>;
}

/** Options of {@link PmoApi.importData}. @public */
export type ImportRequest =
  | { format: 'json'; batch: ImportBatchRequest; dryRun: boolean }
  | { format: 'csv'; kind: ExportKind; csv: string; dryRun: boolean };

/**
 * Client of the PMO backend (`/api/pmo`). Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an
 * error status, so callers can inspect `error.response.status` (403, 409...).
 * @public
 */
export interface PmoApi {
  listProjects(query?: ListProjectsQuery): Promise<Page<ProjectWithHealth>>;
  getProject(key: string): Promise<ProjectWithHealth>;
  createProject(request: CreateProjectRequest): Promise<ProjectWithHealth>;
  updateProject(
    key: string,
    request: UpdateProjectRequest,
  ): Promise<ProjectWithHealth>;
  deleteProject(key: string): Promise<void>;

  listMilestones(projectKey: string): Promise<Milestone[]>;
  createMilestone(
    projectKey: string,
    request: CreateMilestoneRequest,
  ): Promise<Milestone>;
  updateMilestone(
    id: string,
    request: UpdateMilestoneRequest,
  ): Promise<Milestone>;
  deleteMilestone(id: string): Promise<void>;

  listRaidItems(projectKey: string, query?: ListRaidQuery): Promise<RaidItem[]>;
  createRaidItem(
    projectKey: string,
    request: CreateRaidItemRequest,
  ): Promise<RaidItem>;
  updateRaidItem(id: string, request: UpdateRaidItemRequest): Promise<RaidItem>;
  deleteRaidItem(id: string): Promise<void>;

  /** Adds a manual link between a project and a catalog entity. */
  linkEntity(projectKey: string, entityRef: string): Promise<void>;
  /** Removes a manual link (annotation links are owned by the catalog). */
  unlinkEntity(projectKey: string, entityRef: string): Promise<void>;

  /** Summary of the projects attached to one entity. */
  getEntitySummary(entityRef: string): Promise<EntitySummary>;
  /**
   * Summaries of many entities in as few requests as the backend batch limit
   * allows; the result is aligned with `entityRefs` (null: nothing attached).
   */
  getEntitySummaries(
    entityRefs: string[],
  ): Promise<Array<EntitySummary | null>>;

  getPortfolio(query?: PortfolioQuery): Promise<Portfolio>;
  getHistory(
    projectKey: string,
    query?: HistoryQuery,
  ): Promise<Page<HistoryEntry>>;

  /** The CSV export of one kind, as text. */
  exportCsv(kind: ExportKind): Promise<string>;
  /** Bulk import; with `dryRun` nothing is written and errors are listed per row. */
  importData(request: ImportRequest): Promise<ImportResult>;
}

/** @public */
export const pmoApiRef = createApiRef<PmoApi>({ id: 'plugin.pmo.service' });
