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

import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
  EntityLink,
  EntitySummary,
  ExportKind,
  Health,
  HistoryEntry,
  ImportResult,
  Milestone,
  MilestoneWithProject,
  Page,
  Portfolio,
  ProjectOrderBy,
  ProjectPhase,
  ProjectWithHealth,
  RaidItem,
  RaidItemWithProject,
  ListRaidQuery,
  RaidStatus,
  RaidType,
  UpdateMilestoneRequest,
  UpdateProjectRequest,
  UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';

/**
 * A leaf condition produced by the permission rules' `toQuery` (see
 * service/rules.ts): keep projects whose `field` is one of `values`.
 * @internal
 */
export interface ProjectFieldFilter {
  field: 'owner' | 'phase' | 'key';
  values: string[];
}

/**
 * Conditional read filter from the permission framework, applied in SQL so
 * that lists, counts and roll-ups never leak projects a user cannot read.
 * @internal
 */
export type ProjectAccessFilter = PermissionCriteria<ProjectFieldFilter>;

/** Who performs a write; recorded in history. @internal */
export interface Actor {
  /** User entity ref or service principal subject. */
  ref: string;
}

/** @internal */
export interface ListProjectsOptions {
  phase?: ProjectPhase[];
  /** Worse of declared and computed health. */
  health?: Health[];
  owner?: string[];
  /** Projects linked (annotation or manual) to this normalized entity ref. */
  entityRef?: string;
  /** Projects linked to any of these entity refs (e.g. members of a System). */
  entityRefs?: string[];
  /** Case-insensitive text search over key, title and description. */
  q?: string;
  orderBy?: ProjectOrderBy;
  limit: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
  access?: ProjectAccessFilter;
}

/** Cross-project RAID search (`GET /raid`). @internal */
export interface SearchRaidOptions extends Omit<ListRaidQuery, 'limit'> {
  limit: number;
  access?: ProjectAccessFilter;
}

/** Cross-project milestone search (`GET /milestones`). @internal */
export interface SearchMilestonesOptions {
  projectKey?: string[];
  /** Inclusive ISO dates on forecast, else baseline. */
  from?: string;
  to?: string;
  /** Open and dated before today (isMilestoneOverdue). */
  overdue?: boolean;
  /** Open and forecast - baseline >= slipAmberDays. */
  slipping?: boolean;
  limit: number;
  cursor?: string;
  access?: ProjectAccessFilter;
}

/** @internal */
export interface PortfolioOptions {
  owner?: string[];
  /** Restrict to projects linked to these entity refs (System filter). */
  entityRefs?: string[];
  access?: ProjectAccessFilter;
}

/**
 * Rows of a bulk import, in the shape of the CSV export, validated and
 * authorized (service/importPlan.ts). A row of an existing object updates
 * it and must carry the version it was read at.
 * @internal
 */
export interface ImportBatch {
  projects: Array<CreateProjectRequest & { version?: number }>;
  milestones: Array<
    CreateMilestoneRequest & {
      projectKey: string;
      id?: string;
      version?: number;
      /** The planning tool's id (mspdi:<UID>); kept when absent. */
      externalId?: string;
    }
  >;
  raid: Array<
    CreateRaidItemRequest & {
      projectKey: string;
      id?: string;
      version?: number;
    }
  >;
}

/**
 * What an import was authorized on: the version of every project it looked
 * at (`null`: absent) and the project of every milestone / RAID id (`null`:
 * absent). The store refuses the import (ConflictError) when the database
 * no longer matches, so that nothing is written on a state that was not
 * authorized.
 * @internal
 */
export interface ImportExpectations {
  projects: ReadonlyMap<string, number | null>;
  milestones: ReadonlyMap<string, string | null>;
  raid: ReadonlyMap<string, string | null>;
}

/** Where a milestone or RAID item is, for an import plan. @internal */
export interface ItemLocation {
  id: string;
  projectKey: string;
  version: number;
}

/*
 * Persistence of the PMO domain, one interface per aggregate. Every write
 * runs in one transaction that also records history and recomputes the
 * project's stored health; updates are optimistic: a stale `version` throws
 * ConflictError. Missing rows throw NotFoundError. Entity refs are already
 * normalized by the caller.
 */

/**
 * Projects and their stored computed health.
 * @internal
 */
export interface ProjectStore {
  listProjects(options: ListProjectsOptions): Promise<Page<ProjectWithHealth>>;
  getProject(
    key: string,
    access?: ProjectAccessFilter,
  ): Promise<ProjectWithHealth | undefined>;
  /** Projects by key, in no particular order; missing keys are left out. */
  getProjects(keys: readonly string[]): Promise<ProjectWithHealth[]>;
  createProject(
    input: CreateProjectRequest,
    actor: Actor,
  ): Promise<ProjectWithHealth>;
  updateProject(
    key: string,
    patch: UpdateProjectRequest,
    actor: Actor,
  ): Promise<ProjectWithHealth>;
  deleteProject(key: string, actor: Actor): Promise<void>;

  /** Recomputes stored computed health (time-based rules) for all or some projects. */
  refreshComputedHealth(keys?: string[]): Promise<number>;
}

/**
 * Milestones of a project (writes recompute its health).
 * @internal
 */
export interface MilestoneStore {
  listMilestones(projectKey: string): Promise<Milestone[]>;
  getMilestone(id: string): Promise<Milestone | undefined>;
  createMilestone(
    projectKey: string,
    input: CreateMilestoneRequest,
    actor: Actor,
  ): Promise<Milestone>;
  updateMilestone(
    id: string,
    patch: UpdateMilestoneRequest,
    actor: Actor,
  ): Promise<Milestone>;
  deleteMilestone(id: string, actor: Actor): Promise<void>;
  /**
   * Across readable projects, by forecast ?? baseline (undated last) then
   * id (keyset cursor).
   */
  searchMilestones(
    options: SearchMilestonesOptions,
  ): Promise<Page<MilestoneWithProject>>;
}

/**
 * RAID items of a project (writes recompute its health).
 * @internal
 */
export interface RaidStore {
  listRaidItems(
    projectKey: string,
    filter?: { type?: RaidType[]; status?: RaidStatus[] },
  ): Promise<RaidItem[]>;
  /** Across readable projects, by score desc then id (keyset cursor). */
  searchRaidItems(
    options: SearchRaidOptions,
  ): Promise<Page<RaidItemWithProject>>;
  getRaidItem(id: string): Promise<RaidItem | undefined>;
  createRaidItem(
    projectKey: string,
    input: CreateRaidItemRequest,
    actor: Actor,
  ): Promise<RaidItem>;
  updateRaidItem(
    id: string,
    patch: UpdateRaidItemRequest,
    actor: Actor,
  ): Promise<RaidItem>;
  deleteRaidItem(id: string, actor: Actor): Promise<void>;
}

/**
 * Links between projects and catalog entities (manual and annotation).
 * @internal
 */
export interface LinkStore {
  /** Idempotent; returns false when the manual link already existed. */
  addManualLink(
    projectKey: string,
    entityRef: string,
    actor: Actor,
  ): Promise<boolean>;
  /** Returns false when there was no manual link. */
  removeManualLink(
    projectKey: string,
    entityRef: string,
    actor: Actor,
  ): Promise<boolean>;
  /**
   * Replaces the annotation-sourced links (and the raw annotation) of the
   * given entities; with `complete: true` every entity not in the map loses
   * its annotation links (a full catalog sync).
   */
  syncAnnotationLinks(
    annotations: Map<string, { keys: string[]; invalid: string[] }>,
    options?: { complete?: boolean },
  ): Promise<void>;
  listLinks(filter: {
    entityRefs?: string[];
    projectKeys?: string[];
  }): Promise<EntityLink[]>;
}

/**
 * Read models over projects, milestones, RAID and links.
 * @internal
 */
export interface SummaryQueries {
  /**
   * Set-based summaries for many entities (bounded number of queries, not
   * per entity). The map has an entry only for entities with something
   * attached (a link or an annotation).
   */
  getEntitySummaries(
    entityRefs: string[],
    access?: ProjectAccessFilter,
  ): Promise<Map<string, EntitySummary>>;
  /** Without the transitions (the route adds them from the catalog). */
  getPortfolio(
    options: PortfolioOptions,
  ): Promise<Omit<Portfolio, 'transitions'>>;
}

/**
 * The change history of a project (per incarnation of its key).
 * @internal
 */
export interface HistoryStore {
  listHistory(
    projectKey: string,
    options: { limit: number; cursor?: string },
  ): Promise<Page<HistoryEntry>>;
}

/**
 * CSV export and the bulk import.
 * @internal
 */
export interface TransferStore {
  /** Rows for CSV export, flat and in a stable order. */
  exportRows(
    kind: ExportKind,
    access?: ProjectAccessFilter,
  ): Promise<Array<Record<string, string | number | boolean | null>>>;
  /**
   * Applies validated rows in one transaction (rolled back on a dry run, so
   * that the counts are exact). Database checks only: a stale or missing
   * version, an item of another project, or a state that differs from
   * `expected` throw (ConflictError, InputError) and nothing is written.
   */
  importBatch(
    batch: ImportBatch,
    options: { dryRun: boolean; expected?: ImportExpectations },
    actor: Actor,
  ): Promise<ImportResult>;
  /** Milestones or RAID items by id (missing ids left out), for an import. */
  locateItems(
    kind: 'milestones' | 'raid',
    ids: readonly string[],
  ): Promise<ItemLocation[]>;
  /**
   * The milestones of a project with these external ids (a planning tool's
   * ids, e.g. `mspdi:42`), for a re-import to update them.
   */
  milestonesByExternalId(
    projectKey: string,
    externalIds: readonly string[],
  ): Promise<Milestone[]>;
}

/**
 * Every PMO aggregate; routes and tasks take the narrow interfaces above.
 * @internal
 */
export type PmoStore = ProjectStore &
  MilestoneStore &
  RaidStore &
  LinkStore &
  SummaryQueries &
  HistoryStore &
  TransferStore;
