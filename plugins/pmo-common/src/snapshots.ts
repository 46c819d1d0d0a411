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

import type { Page, RaidCounts } from './api';
import { HIGH_RISK_SCORE } from './constants';
import { daysBetween } from './rules/dates';
import { isRaidOpen } from './rules/health';
import type {
  ComputedHealth,
  Health,
  MilestoneFacts,
  ProjectPhase,
  RaidItem,
  RaidType,
} from './types';

/*
 * Weekly, immutable snapshots of every project's health, and the wire
 * contract of `/snapshots`, `/trends` and `/reports/status.{md,csv}`.
 */

/**
 * How a snapshot was taken: by the weekly task, on demand, or back-filled
 * from the demo data in development (never real history).
 * @public
 */
export const SNAPSHOT_KINDS = ['scheduled', 'manual', 'demo'] as const;
/** @public */
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** One snapshot (`GET /snapshots`). @public */
export interface Snapshot {
  id: number;
  /** ISO timestamp. */
  takenAt: string;
  /** ISO week of `takenAt` (UTC), e.g. `2026-W49`. */
  period: string;
  kind: SnapshotKind;
  /** User entity ref, service subject, or `plugin:pmo/...` for tasks. */
  takenBy: string;
  /** Projects in the snapshot (all of them, before any access filter). */
  projectCount: number;
}

/** A milestone as it was when the snapshot was taken. @public */
export interface SnapshotMilestone extends MilestoneFacts {
  /** Forecast (or actual) minus baseline, in days. */
  slipDays?: number;
}

/** An open risk among the top five of a project, by score. @public */
export type SnapshotRisk = Pick<
  RaidItem,
  'title' | 'probability' | 'impact' | 'score' | 'owner' | 'action' | 'dueDate'
>;

/**
 * What the project needs from the steering committee: an open issue or
 * dependency that is overdue or scores high (see {@link isStatusAsk}).
 * @public
 */
export interface SnapshotAsk {
  /** Only issues and dependencies are asks (see isStatusAsk). */
  type: Extract<RaidType, 'issue' | 'dependency'>;
  title: string;
  score: number;
  owner?: string;
  action?: string;
  dueDate?: string;
  /** Due date before the snapshot's day. */
  overdue: boolean;
}

/** One project in a snapshot (`GET /snapshots/{id}/projects`). @public */
export interface SnapshotProject {
  snapshotId: number;
  projectKey: string;
  title: string;
  phase: ProjectPhase;
  owner: string;
  priority: string;
  targetDate?: string;
  declaredHealth?: { status: Health; reason?: string; setAt?: string };
  computedHealth: ComputedHealth;
  /** Worse of declared and computed. */
  health: Health;
  watermelon: boolean;
  milestones: SnapshotMilestone[];
  openRaid: RaidCounts;
  /** Open risks scoring 15 or more. */
  highRisks: number;
  topRisks: SnapshotRisk[];
  asks: SnapshotAsk[];
  /** Sum of the positive slip of open milestones. */
  openSlipDays: number;
  /** Open milestones with a baseline and a forecast. */
  openDatedMilestones: number;
}

/** Query of `GET /snapshots/{id}/projects`. @public */
export interface SnapshotProjectsQuery {
  owner?: string[];
  phase?: ProjectPhase[];
  health?: Health[];
  limit?: number;
  cursor?: string;
}

/**
 * The as-of view: a page of a snapshot's projects, with the counts of
 * every matching (readable) project.
 * @public
 */
export interface SnapshotProjectsPage extends Page<SnapshotProject> {
  snapshot: Snapshot;
  byHealth: Record<Health, number>;
  watermelons: number;
}

/** Query of `GET /trends`. @public */
export interface TrendsQuery {
  /** 1-104, default 26. */
  weeks?: number;
  owner?: string[];
  /** System entity ref: projects now linked to the System's members. */
  system?: string;
}

/** One week of the trend: one snapshot per ISO week. @public */
export interface TrendPoint {
  snapshotId: number;
  period: string;
  takenAt: string;
  kind: SnapshotKind;
  totalProjects: number;
  byHealth: Record<Health, number>;
  watermelons: number;
  /** Sum of the positive slip of open milestones. */
  slipDaysTotal: number;
  /** slipDaysTotal over the open milestones with a baseline and forecast. */
  averageSlipDays: number;
  /** Open risks scoring 15 or more. */
  openHighRisks: number;
}

/** Response of `GET /trends`, oldest week first. @public */
export interface Trends {
  points: TrendPoint[];
}

/** Query of `GET /reports/status.{md,csv}`. @public */
export interface StatusReportQuery {
  /** Snapshot id; the latest snapshot when absent. */
  snapshot?: number | 'latest';
  /** One project; otherwise the portfolio filters apply. */
  project?: string;
  owner?: string[];
  phase?: ProjectPhase[];
  health?: Health[];
}

const DAY_MS = 86_400_000;

/**
 * The ISO-8601 week of a moment, by its UTC date, e.g. `2026-W49`. Weeks
 * start on Monday; week 1 holds the year's first Thursday, so the first
 * days of January may belong to the previous year's last week.
 * @public
 */
export function isoWeekPeriod(date: Date): string {
  const day = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
  );
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * True for a RAID item the steering committee should be asked about: an
 * open issue or dependency that is past its due date or scores high.
 * @public
 */
export function isStatusAsk(
  item: Pick<RaidItem, 'type' | 'status' | 'score' | 'dueDate'>,
  today: string,
): boolean {
  if (!isRaidOpen(item)) return false;
  if (item.type !== 'issue' && item.type !== 'dependency') return false;
  const overdue =
    item.dueDate !== undefined && daysBetween(today, item.dueDate) < 0;
  return overdue || item.score >= HIGH_RISK_SCORE;
}
