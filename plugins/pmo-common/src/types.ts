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

/** Lifecycle phase of a project. @public */
export const PROJECT_PHASES = [
  'intake',
  'initiation',
  'planning',
  'execution',
  'closing',
  'closed',
] as const;
/** @public */
export type ProjectPhase = (typeof PROJECT_PHASES)[number];

/** Delivery methodology. @public */
export const METHODOLOGIES = ['waterfall', 'agile', 'hybrid', 'safe'] as const;
/** @public */
export type Methodology = (typeof METHODOLOGIES)[number];

/** Red / amber / green health. @public */
export const HEALTH_VALUES = ['green', 'amber', 'red'] as const;
/** @public */
export type Health = (typeof HEALTH_VALUES)[number];

/** Business priority of a project. @public */
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
/** @public */
export type Priority = (typeof PRIORITIES)[number];

/** Systems an external link can point to. @public */
export const EXTERNAL_SYSTEMS = [
  'servicenow',
  'jira',
  'azure-devops',
  'other',
] as const;
/** @public */
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];

/**
 * A reference to a record in another tool (change record, epic, work item).
 * When `url` is absent the backend derives it from the configured URL
 * template of the system.
 * @public
 */
export interface ExternalLink {
  system: ExternalSystem;
  key: string;
  url?: string;
}

/** @public */
export interface Budget {
  planned?: number;
  actual?: number;
  /** ISO 4217 currency code. */
  currency: string;
}

/** Health as declared by the project manager. @public */
export interface DeclaredHealth {
  status: Health;
  /** Required when it differs from the computed health. */
  reason?: string;
  /** ISO timestamp of the declaration. */
  setAt: string;
  /** Entity ref of the user who declared it. */
  setBy?: string;
}

/** A project of the portfolio. Dates are ISO `YYYY-MM-DD`. @public */
export interface Project {
  key: string;
  title: string;
  description?: string;
  phase: ProjectPhase;
  methodology: Methodology;
  /** Entity ref of the owning group or user, e.g. `group:default/pmo`. */
  owner: string;
  sponsor?: string;
  startDate?: string;
  targetDate?: string;
  budget?: Budget;
  priority: Priority;
  declaredHealth?: DeclaredHealth;
  externalLinks: ExternalLink[];
  /** Optimistic concurrency version, incremented on each update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Reason codes of the computed health. @public */
export type HealthReasonCode =
  | 'milestone_slip'
  | 'milestone_overdue'
  | 'high_risk'
  | 'open_issue'
  | 'overdue_action'
  | 'stale_status';

/** One fact that pulled the computed health down. @public */
export interface HealthReason {
  code: HealthReasonCode;
  severity: Exclude<Health, 'green'>;
  message: string;
}

/** Health computed from facts (milestones, RAID, status age). @public */
export interface ComputedHealth {
  status: Health;
  reasons: HealthReason[];
}

/** A project with its computed health. @public */
export interface ProjectWithHealth extends Project {
  computedHealth: ComputedHealth;
  /** True when the declared health is better than the computed one. */
  watermelon: boolean;
  /** Approved re-baselines so far; absent (0) when never re-baselined. */
  baselineNumber?: number;
}

/** @public */
export const MILESTONE_STATUSES = [
  'planned',
  'in_progress',
  'done',
  'missed',
  'cancelled',
] as const;
/** @public */
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A dated milestone; `gate` marks a stage gate (go/no-go). @public */
export interface Milestone {
  id: string;
  projectKey: string;
  title: string;
  baselineDate?: string;
  forecastDate?: string;
  actualDate?: string;
  status: MilestoneStatus;
  gate: boolean;
  /** Who decides the gate: group or user entity refs (gates only). */
  gateApprovers?: string[];
  /** ITSM change record, e.g. CHG0031337. */
  changeRecord?: string;
  entityRef?: string;
  /**
   * Id in the planning tool the milestone was imported from, e.g.
   * `mspdi:42` (MS Project task UID): a re-import updates it.
   */
  externalId?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The dated facts of a milestone that health, slip, reminders and
 * snapshots read.
 * @public
 */
export type MilestoneFacts = Pick<
  Milestone,
  'title' | 'baselineDate' | 'forecastDate' | 'actualDate' | 'status' | 'gate'
>;

/** @public */
export const RAID_TYPES = [
  'risk',
  'assumption',
  'issue',
  'dependency',
] as const;
/** @public */
export type RaidType = (typeof RAID_TYPES)[number];

/** @public */
export const RAID_STATUSES = [
  'open',
  'mitigating',
  'closed',
  'accepted',
] as const;
/** @public */
export type RaidStatus = (typeof RAID_STATUSES)[number];

/** A RAID log entry. Score = probability x impact (1-25). @public */
export interface RaidItem {
  id: string;
  projectKey: string;
  type: RaidType;
  title: string;
  description?: string;
  probability: number;
  impact: number;
  score: number;
  owner?: string;
  action?: string;
  dueDate?: string;
  status: RaidStatus;
  entityRef?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Where a project-entity link comes from. @public */
export type LinkSource = 'annotation' | 'manual';

/** A many-to-many link between a project and a catalog entity. @public */
export interface EntityLink {
  projectKey: string;
  entityRef: string;
  source: LinkSource;
  createdAt: string;
}
