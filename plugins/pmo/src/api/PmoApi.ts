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
  GroupPmoOverview,
  MyPmoItems,
  MyPmoItemsQuery,
  Page,
  PortfolioQuery,
  ProjectWithHealth,
  RaidItem,
  RaidStatus,
  RaidType,
  PutTransitionRequest,
  SignOffRole,
  TransitionBoard,
  TransitionState,
  TransitionStateRequest,
  TransitionView,
  UpdateMilestoneRequest,
  UpdateRaidItemRequest,
  UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import type {
  ChangeWindow,
  Collision,
  Freeze,
  MilestoneWithProject,
  RaidItemWithProject,
} from '@infra-pmo/plugin-pmo-common';
import type {
  Snapshot,
  SnapshotProjectsPage,
  SnapshotProjectsQuery,
  StatusReportQuery,
  Trends,
  TrendsQuery,
} from '@infra-pmo/plugin-pmo-common';
import type {
  EntitySummaryWithTransition,
  PortfolioWithTransitions,
  ProjectEntityLink,
  ProjectPatch,
  SearchMilestonesQuery,
  SearchRaidQuery,
  TransitionItemUpdateResult,
} from './types';

/** Filter of {@link PmoApi.listRaidItems}. @public */
export interface ListRaidQuery {
  type?: RaidType[];
  status?: RaidStatus[];
}

/**
 * Query of {@link PmoApi.listProjects}: the common query plus the System
 * filter (projects linked to the System's member entities).
 * @public
 */
export type ListProjectsQueryWithSystem = ListProjectsQuery & {
  system?: string;
};

/** Filter of {@link PmoApi.listTransitions}. @public */
export interface ListTransitionsQuery {
  state?: TransitionState[];
  /** Only entities whose catalog lifecycle contradicts the state. */
  mismatch?: boolean;
  limit?: number;
  cursor?: string;
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

/**
 * Options of {@link PmoApi.importData}: JSON rows, a CSV of one kind (the
 * backend infers the kind from the header when `kind` is absent), an MS
 * Project XML plan of one project, or an XLSX workbook.
 * @public
 */
export type ImportRequest =
  | { format: 'json'; batch: ImportBatchRequest; dryRun: boolean }
  | { format: 'csv'; kind?: ExportKind; csv: string; dryRun: boolean }
  | {
      format: 'xml';
      xml: string;
      projectKey: string;
      /** The owner of the project when the import creates it. */
      owner?: string;
      /** Summary tasks of this outline level become milestones too. */
      summaryLevel?: number;
      dryRun: boolean;
    }
  | {
      format: 'xlsx';
      workbook: Blob;
      /** The project of rows without a project column (Smartsheet). */
      projectKey?: string;
      dryRun: boolean;
    };

/**
 * Client of the PMO backend (`/api/pmo`). Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an
 * error status, so callers can inspect `error.response.status` (403, 409...).
 * @public
 */
export interface PmoApi {
  listProjects(
    query?: ListProjectsQueryWithSystem,
  ): Promise<Page<ProjectWithHealth>>;
  getProject(key: string): Promise<ProjectWithHealth>;
  createProject(request: CreateProjectRequest): Promise<ProjectWithHealth>;
  updateProject(key: string, request: ProjectPatch): Promise<ProjectWithHealth>;
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

  /** Milestones across projects (`GET /milestones`), one request. */
  searchMilestones(
    query?: SearchMilestonesQuery,
  ): Promise<Page<MilestoneWithProject>>;
  /** RAID items across projects (`GET /raid`), highest score first. */
  searchRaid(query?: SearchRaidQuery): Promise<Page<RaidItemWithProject>>;

  /** Entities linked to a project, with where each link comes from. */
  listProjectEntities(projectKey: string): Promise<ProjectEntityLink[]>;
  /** Adds a manual link between a project and a catalog entity. */
  linkEntity(projectKey: string, entityRef: string): Promise<void>;
  /** Removes a manual link (annotation links are owned by the catalog). */
  unlinkEntity(projectKey: string, entityRef: string): Promise<void>;

  /** Summary of the projects attached to one entity. */
  getEntitySummary(entityRef: string): Promise<EntitySummaryWithTransition>;
  /**
   * Summaries of many entities in as few requests as the backend batch limit
   * allows; the result is aligned with `entityRefs` (null: nothing attached).
   */
  getEntitySummaries(
    entityRefs: string[],
  ): Promise<Array<EntitySummary | null>>;

  getPortfolio(query?: PortfolioQuery): Promise<PortfolioWithTransitions>;
  /**
   * The signed-in user's projects, open actions, due milestones and pending
   * sign-offs (`GET /me/items`); rejects with a 403 for service callers.
   */
  getMyItems(query?: MyPmoItemsQuery): Promise<MyPmoItems>;
  /**
   * The PMO work of a group and its child groups
   * (`GET /groups/{namespace}/{name}/overview`): the lists of
   * {@link PmoApi.getMyItems} plus the services the groups own.
   */
  getGroupOverview(
    groupRef: string,
    query?: MyPmoItemsQuery,
  ): Promise<GroupPmoOverview>;
  getHistory(
    projectKey: string,
    query?: HistoryQuery,
  ): Promise<Page<HistoryEntry>>;

  /** The run transition of an entity; rejects with a 404 when none exists. */
  getTransition(entityRef: string): Promise<TransitionView>;
  /** Starts (or updates, with `version`) the run transition of an entity. */
  putTransition(
    entityRef: string,
    request: PutTransitionRequest,
  ): Promise<TransitionView>;
  updateTransitionItem(
    entityRef: string,
    itemKey: string,
    request: UpdateTransitionItemRequest,
  ): Promise<TransitionItemUpdateResult>;
  /**
   * Gives a sign-off; `version` is the one of the transition the signer
   * saw (a 409 when it changed since).
   */
  signOffTransition(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView>;
  /** Revokes one's own sign-off, based on the `version` last read. */
  revokeTransitionSignOff(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView>;
  /** Moves the state; a refused move rejects with a 409 giving the reason. */
  moveTransition(
    entityRef: string,
    request: TransitionStateRequest,
  ): Promise<TransitionView>;
  /** The transitions board. */
  listTransitions(query?: ListTransitionsQuery): Promise<TransitionBoard>;

  /** The CSV export of one kind, as text. */
  exportCsv(kind: ExportKind): Promise<string>;
  /** One XLSX workbook with a sheet per kind. */
  exportXlsx(): Promise<Blob>;
  /** Bulk import; with `dryRun` nothing is written and errors are listed per row. */
  importData(request: ImportRequest): Promise<ImportResult>;

  /** Immutable health snapshots, newest first. */
  listSnapshots(): Promise<Snapshot[]>;
  /** Takes a manual snapshot now (`pmo.snapshot.create`). */
  createSnapshot(): Promise<Snapshot>;
  /** The "as of" view: a page of a snapshot's projects, with counts. */
  listSnapshotProjects(
    snapshotId: number | 'latest',
    query?: SnapshotProjectsQuery & { system?: string },
  ): Promise<SnapshotProjectsPage>;
  /** Health, slip and high risks per week, oldest first. */
  getTrends(query?: TrendsQuery): Promise<Trends>;
  /** The executive status report of a snapshot, as Markdown or CSV text. */
  getStatusReport(
    format: 'md' | 'csv',
    query?: StatusReportQuery & { system?: string },
  ): Promise<string>;

  /** Change windows of every readable project in `[from, to)` (ISO instants). */
  listWindows(query: { from: string; to: string }): Promise<ChangeWindow[]>;
  /** Freeze periods (config and API). */
  listFreezes(): Promise<Freeze[]>;
  /**
   * Collisions among the readable projects' windows in `[from, to)`;
   * `entityRef`: only those where the sides meet on that entity.
   */
  listCollisions(query: {
    from: string;
    to: string;
    entityRef?: string;
  }): Promise<Collision[]>;
  /**
   * The CAB's decision on a collision, with its reason (needs
   * `pmo.milestone.update` on the project of every window of the finding);
   * a later change to either side re-opens it.
   */
  acknowledgeCollision(id: string, reason: string): Promise<Collision>;
}

/** @public */
export const pmoApiRef = createApiRef<PmoApi>({ id: 'plugin.pmo.service' });
