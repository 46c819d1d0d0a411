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
  ComputedHealth,
  DeclaredHealth,
  ExternalLink,
  Health,
  LinkSource,
  Milestone,
  ProjectPhase,
  ProjectWithHealth,
  RaidItem,
  RaidStatus,
  RaidType,
  Budget,
  Methodology,
  Priority,
  MilestoneStatus,
} from './types';
import type { TransitionBrief } from './rules/transitionApi';
import type { TransitionState } from './rules/transitionModel';

/**
 * Wire contract of the `/api/pmo` routes, shared by the backend router and
 * the frontend client.
 */

/** Sort orders of `GET /projects`. @public */
export const PROJECT_ORDER_BY = [
  'key',
  '-key',
  'title',
  '-title',
  'targetDate',
  '-targetDate',
  'updatedAt',
  '-updatedAt',
  'priority',
  '-priority',
] as const;
/** @public */
export type ProjectOrderBy = (typeof PROJECT_ORDER_BY)[number];

/** Query of `GET /projects`. @public */
export interface ListProjectsQuery {
  phase?: ProjectPhase[];
  /** Filters on the worse of declared and computed health. */
  health?: Health[];
  owner?: string[];
  entityRef?: string;
  /**
   * System entity ref: projects linked to the System itself or to entities
   * whose `spec.system` is that System.
   */
  system?: string;
  q?: string;
  orderBy?: ProjectOrderBy;
  limit?: number;
  cursor?: string;
}

/** A page of results with an opaque cursor to the next one. @public */
export interface Page<T> {
  items: T[];
  totalItems: number;
  pageInfo: { nextCursor?: string };
}

/** Body of `POST /projects`. @public */
export interface CreateProjectRequest {
  key: string;
  title: string;
  description?: string;
  phase?: ProjectPhase;
  methodology?: Methodology;
  owner: string;
  sponsor?: string;
  startDate?: string;
  targetDate?: string;
  budget?: Budget;
  priority?: Priority;
  declaredHealth?: Pick<DeclaredHealth, 'status' | 'reason'>;
  externalLinks?: ExternalLink[];
}

/**
 * Body of `PATCH /projects/{key}`; `version` is the one last read. `null`
 * clears an optional field (description, sponsor, dates, budget, declared
 * health).
 * @public
 */
export type UpdateProjectRequest = Partial<
  Omit<
    CreateProjectRequest,
    | 'key'
    | 'declaredHealth'
    | 'description'
    | 'sponsor'
    | 'startDate'
    | 'targetDate'
    | 'budget'
  >
> & {
  version: number;
  description?: string | null;
  sponsor?: string | null;
  startDate?: string | null;
  targetDate?: string | null;
  budget?: Budget | null;
  declaredHealth?: Pick<DeclaredHealth, 'status' | 'reason'> | null;
};

/**
 * A PATCH body: any field of the create body, `null` to clear it, and the
 * version the caller last read (optimistic concurrency).
 * @public
 */
export type PatchOf<TCreate> = {
  [K in keyof TCreate]?: TCreate[K] | null;
} & { version: number };

/** Body of `POST /projects/{key}/milestones`. @public */
export interface CreateMilestoneRequest {
  title: string;
  baselineDate?: string;
  forecastDate?: string;
  actualDate?: string;
  status?: MilestoneStatus;
  gate?: boolean;
  /** Group or user refs who decide the gate. */
  gateApprovers?: string[];
  changeRecord?: string;
  entityRef?: string;
}

/** Body of `PATCH /milestones/{id}`. @public */
export type UpdateMilestoneRequest = PatchOf<CreateMilestoneRequest>;

/** Body of `POST /projects/{key}/raid`. @public */
export interface CreateRaidItemRequest {
  type: RaidType;
  title: string;
  description?: string;
  probability?: number;
  impact?: number;
  owner?: string;
  action?: string;
  dueDate?: string;
  status?: RaidStatus;
  entityRef?: string;
}

/** Body of `PATCH /raid/{id}`. @public */
export type UpdateRaidItemRequest = PatchOf<CreateRaidItemRequest>;

/** A milestone as shown next to an entity or in a list. @public */
export interface MilestoneBrief {
  id: string;
  projectKey: string;
  title: string;
  /** forecast, else baseline */
  date?: string;
  baselineDate?: string;
  /** Days from today to `date` (negative when overdue). */
  daysToGo?: number;
  /** forecast (or actual) minus baseline, in days. */
  slipDays?: number;
  gate: boolean;
  status: MilestoneStatus;
}

/** Open RAID counts by type. @public */
export type RaidCounts = Record<RaidType, number>;

/** The highest-scored open risk or issue. @public */
export interface RiskBrief {
  id: string;
  projectKey: string;
  type: RaidType;
  title: string;
  score: number;
}

/** One project as seen from an entity page. @public */
export interface EntityProjectSummary {
  key: string;
  title: string;
  phase: ProjectPhase;
  owner: string;
  declaredHealth?: DeclaredHealth;
  computedHealth: ComputedHealth;
  /** Worse of declared and computed. */
  health: Health;
  sources: LinkSource[];
  nextMilestone?: MilestoneBrief;
  openRaid: RaidCounts;
  highestRisk?: RiskBrief;
}

/** Everything an entity page needs, in one response. @public */
export interface EntitySummary {
  entityRef: string;
  projects: EntityProjectSummary[];
  worstHealth?: Health;
  nextMilestone?: MilestoneBrief;
  openRaid: RaidCounts;
  highestRisk?: RiskBrief;
  /** Keys in the entity's `pmo/projects` annotation that match no project. */
  unknownProjectKeys: string[];
  /** Tokens of the annotation that are not valid project keys. */
  invalidProjectKeys: string[];
  /**
   * The entity's run transition, when it has one (and the caller may read
   * transitions); `mismatch` is set when the catalog lifecycle was known.
   */
  transition?: TransitionBrief;
}

/** A stale project in the portfolio. @public */
export interface StaleProject {
  key: string;
  title: string;
  owner: string;
  statusUpdatedAt: string;
  daysSinceUpdate: number;
}

/** Query of `GET /portfolio`. @public */
export interface PortfolioQuery {
  /** Owner group ref(s). */
  owner?: string[];
  /** System entity ref: only projects linked to components of the system. */
  system?: string;
}

/**
 * An entity whose catalog lifecycle contradicts its run transition
 * (see `lifecycleMismatch`). @public
 */
export interface TransitionMismatch {
  entityRef: string;
  /** `none` is reserved for entities without a transition. */
  state: TransitionState | 'none';
  lifecycle: string;
  reason: string;
}

/** Run transitions in the portfolio roll-up. @public */
export interface PortfolioTransitions {
  /** Transitions per state (within the System when filtered by one). */
  byState: Record<TransitionState, number>;
  /** Ordered by entity ref; at most 50. */
  mismatches: TransitionMismatch[];
}

/** Portfolio roll-up. @public */
export interface Portfolio {
  totalProjects: number;
  byHealth: Record<Health, number>;
  byPhase: Record<ProjectPhase, number>;
  /** heatMap[p-1][i-1] = open risks with probability p and impact i. */
  heatMap: number[][];
  overdueMilestones: MilestoneBrief[];
  slippingMilestones: MilestoneBrief[];
  staleProjects: StaleProject[];
  /** Projects declared better than computed. */
  watermelons: Array<{
    key: string;
    title: string;
    declared: Health;
    computed: Health;
  }>;
  /**
   * Run transitions; always sent by the backend (empty when the caller may
   * not read transitions). Optional only for older clients' fixtures.
   */
  transitions: PortfolioTransitions;
}

/**
 * Query of `GET /raid`, the RAID items of every readable project. Lists are
 * sent comma-separated.
 * @public
 */
export interface ListRaidQuery {
  type?: RaidType[];
  status?: RaidStatus[];
  /** 1-5 */
  probability?: number[];
  /** 1-5 */
  impact?: number[];
  projectKey?: string[];
  owner?: string[];
  /** Case-insensitive text search over title and description. */
  q?: string;
  /** 1-500, default 50. */
  limit?: number;
  cursor?: string;
}

/** A RAID item of `GET /raid`, ordered by score desc then id. @public */
export type RaidItemWithProject = RaidItem & { projectTitle: string };

/**
 * Query of `GET /milestones`, the milestones of every readable project,
 * ordered by their date (forecast, else baseline; undated last) then id.
 * @public
 */
export interface ListMilestonesQuery {
  projectKey?: string[];
  /** ISO date, inclusive, on forecast else baseline. */
  from?: string;
  /** ISO date, inclusive, on forecast else baseline. */
  to?: string;
  /** Only open milestones whose date has passed (`isMilestoneOverdue`). */
  overdue?: boolean;
  /** Only open milestones that slipped `pmo.health.slipAmberDays` or more. */
  slipping?: boolean;
  /** 1-500, default 50. */
  limit?: number;
  cursor?: string;
}

/** A milestone of `GET /milestones`. @public */
export type MilestoneWithProject = Milestone & {
  projectTitle: string;
  /** Forecast (or actual) minus baseline, in days. */
  slipDays?: number;
};

/** One entry of the audit history. @public */
export interface HistoryEntry {
  id: string;
  projectKey: string;
  objectType:
    | 'project'
    | 'milestone'
    | 'raid'
    | 'link'
    | 'transition'
    | 'window';
  objectId: string;
  action: 'create' | 'update' | 'delete';
  actor: string;
  at: string;
  /** Changed fields: field name to `[before, after]`. */
  changes: Record<string, [unknown, unknown]>;
}

/** Kinds of CSV export. @public */
export type ExportKind = 'projects' | 'milestones' | 'raid';

/** Result of `POST /import`. @public */
export interface ImportResult {
  dryRun: boolean;
  applied: boolean;
  counts: Record<ExportKind, { created: number; updated: number }>;
  errors: Array<{
    kind: ExportKind;
    row: number;
    field?: string;
    message: string;
  }>;
  /**
   * How the columns of each file or sheet were read (CSV, XLSX, MS Project
   * XML): the header and the field it fills, none when it is ignored.
   */
  mapping?: ImportColumnMapping[];
}

/**
 * The columns of one imported file or sheet and the fields they fill.
 * @public
 */
export interface ImportColumnMapping {
  /** `CSV`, the sheet name of a workbook, or `MS Project`. */
  source: string;
  kind: ExportKind;
  columns: Array<{ header: string; field?: string }>;
}

/** Re-exported for convenience. @public */
export type { ProjectWithHealth, Milestone, RaidItem };
