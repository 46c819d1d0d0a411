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
  EntityLink,
  ExternalLink,
  Health,
  HistoryEntry,
  LinkSource,
  Methodology,
  Milestone,
  MilestoneStatus,
  Priority,
  Project,
  ProjectPhase,
  ProjectWithHealth,
  RaidItem,
  RaidStatus,
  RaidType,
} from '@infra-pmo/plugin-pmo-common';
import { isWatermelon } from '@infra-pmo/plugin-pmo-common';
import { compact, opt } from './helpers';

/** Row of `pmo_projects`. @internal */
export type RawDbProjectRow = {
  key: string;
  title: string;
  description: string | null;
  phase: string;
  methodology: string;
  owner: string;
  sponsor: string | null;
  start_date: string | null;
  target_date: string | null;
  budget_planned: number | string | null;
  budget_actual: number | string | null;
  budget_currency: string | null;
  priority: string;
  declared_health: string | null;
  declared_reason: string | null;
  declared_set_at: string | null;
  declared_set_by: string | null;
  external_links: string;
  version: number;
  created_at: string;
  updated_at: string;
  computed_health: string;
  computed_reasons: string;
  health: string;
  computed_at: string | null;
  /** Approved re-baselines so far (0 = original). */
  baseline_number?: number | string | null;
};

/** Row of `pmo_milestones`. @internal */
export type RawDbMilestoneRow = {
  id: string;
  project_key: string;
  title: string;
  baseline_date: string | null;
  forecast_date: string | null;
  actual_date: string | null;
  status: string;
  /** 0/1 on SQLite. */
  gate: boolean | number;
  /** JSON array of approver refs (gates); absent before its migration. */
  gate_approvers?: string | null;
  change_record: string | null;
  entity_ref: string | null;
  /** Id in the planning tool it was imported from (mspdi:<UID>). */
  external_id?: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Row of `pmo_raid_items`. @internal */
export type RawDbRaidRow = {
  id: string;
  project_key: string;
  type: string;
  title: string;
  description: string | null;
  probability: number;
  impact: number;
  score: number;
  owner: string | null;
  action: string | null;
  due_date: string | null;
  status: string;
  entity_ref: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Row of `pmo_entity_links`. @internal */
export type RawDbLinkRow = {
  project_key: string;
  entity_ref: string;
  source: string;
  created_at: string;
};

/** Row of `pmo_entity_annotations`. @internal */
export type RawDbAnnotationRow = {
  entity_ref: string;
  raw_keys: string;
  invalid_tokens: string;
  synced_at: string;
};

/** Row of `pmo_history`. @internal */
export type RawDbHistoryRow = {
  /** bigint: a string on PostgreSQL. */
  id: number | string;
  project_key: string;
  object_type: string;
  object_id: string;
  action: string;
  actor: string;
  at: string;
  changes: string;
};

/** PostgreSQL may return numeric columns as strings. */
function optNumber(value: number | string | null): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/** @internal */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** @internal */
export function rowToProject(row: RawDbProjectRow): Project {
  const planned = optNumber(row.budget_planned);
  const actual = optNumber(row.budget_actual);
  const hasBudget =
    planned !== undefined ||
    actual !== undefined ||
    Boolean(row.budget_currency);
  return compact<Project>({
    key: row.key,
    title: row.title,
    description: opt(row.description),
    phase: row.phase as ProjectPhase,
    methodology: row.methodology as Methodology,
    owner: row.owner,
    sponsor: opt(row.sponsor),
    startDate: opt(row.start_date),
    targetDate: opt(row.target_date),
    budget: hasBudget
      ? compact({ planned, actual, currency: row.budget_currency ?? '' })
      : undefined,
    priority: row.priority as Priority,
    declaredHealth: row.declared_health
      ? compact({
          status: row.declared_health as Health,
          reason: opt(row.declared_reason),
          setAt: row.declared_set_at ?? row.updated_at,
          setBy: opt(row.declared_set_by),
        })
      : undefined,
    externalLinks: parseJson<ExternalLink[]>(row.external_links, []),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** @internal */
export function rowToComputedHealth(row: RawDbProjectRow): ComputedHealth {
  return {
    status: row.computed_health as Health,
    reasons: parseJson(row.computed_reasons, []),
  };
}

/** @internal */
export function rowToProjectWithHealth(
  row: RawDbProjectRow,
): ProjectWithHealth {
  const project = rowToProject(row);
  const computedHealth = rowToComputedHealth(row);
  return {
    ...project,
    computedHealth,
    watermelon: isWatermelon(
      project.declaredHealth?.status,
      computedHealth.status,
    ),
    ...(Number(row.baseline_number ?? 0) > 0
      ? { baselineNumber: Number(row.baseline_number) }
      : {}),
  };
}

/** @internal */
export function rowToMilestone(row: RawDbMilestoneRow): Milestone {
  return compact<Milestone>({
    id: row.id,
    projectKey: row.project_key,
    title: row.title,
    baselineDate: opt(row.baseline_date),
    forecastDate: opt(row.forecast_date),
    actualDate: opt(row.actual_date),
    status: row.status as MilestoneStatus,
    gate: Boolean(row.gate),
    gateApprovers: row.gate_approvers
      ? (JSON.parse(row.gate_approvers) as string[])
      : undefined,
    changeRecord: opt(row.change_record),
    entityRef: opt(row.entity_ref),
    externalId: opt(row.external_id ?? null),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** @internal */
export function rowToRaidItem(row: RawDbRaidRow): RaidItem {
  return compact<RaidItem>({
    id: row.id,
    projectKey: row.project_key,
    type: row.type as RaidType,
    title: row.title,
    description: opt(row.description),
    probability: Number(row.probability),
    impact: Number(row.impact),
    score: Number(row.score),
    owner: opt(row.owner),
    action: opt(row.action),
    dueDate: opt(row.due_date),
    status: row.status as RaidStatus,
    entityRef: opt(row.entity_ref),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** @internal */
export function rowToLink(row: RawDbLinkRow): EntityLink {
  return {
    projectKey: row.project_key,
    entityRef: row.entity_ref,
    source: row.source as LinkSource,
    createdAt: row.created_at,
  };
}

/** @internal */
export function rowToHistory(row: RawDbHistoryRow): HistoryEntry {
  return {
    id: String(row.id),
    projectKey: row.project_key,
    objectType: row.object_type as HistoryEntry['objectType'],
    objectId: row.object_id,
    action: row.action as HistoryEntry['action'],
    actor: row.actor,
    at: row.at,
    changes: parseJson(row.changes, {}),
  };
}

/**
 * The user-editable fields of a project, as recorded in history. Version,
 * timestamps and computed health are derived and left out.
 * @internal
 */
export function projectSnapshot(row: RawDbProjectRow): Record<string, unknown> {
  const { version, createdAt, updatedAt, ...rest } = rowToProject(row);
  return rest;
}

/** @internal */
export function milestoneSnapshot(
  row: RawDbMilestoneRow,
): Record<string, unknown> {
  const { id, projectKey, version, createdAt, updatedAt, ...rest } =
    rowToMilestone(row);
  return rest;
}

/** @internal */
export function raidSnapshot(row: RawDbRaidRow): Record<string, unknown> {
  const { id, projectKey, version, createdAt, updatedAt, ...rest } =
    rowToRaidItem(row);
  return rest;
}
