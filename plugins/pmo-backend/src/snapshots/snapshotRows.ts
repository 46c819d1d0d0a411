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

import {
  HIGH_RISK_SCORE,
  computeHealth,
  daysBetween,
  effectiveHealth,
  isMilestoneClosed,
  isRaidOpen,
  isStatusAsk,
  isWatermelon,
  milestoneSlipDays,
  type Health,
  type HealthThresholds,
  type Milestone,
  type ProjectPhase,
  type RaidItem,
  type RaidType,
  type Snapshot,
  type SnapshotAsk,
  type SnapshotKind,
  type SnapshotMilestone,
  type SnapshotProject,
  type SnapshotRisk,
} from '@infra-pmo/plugin-pmo-common';
import {
  parseJson,
  rowToProject,
  type RawDbProjectRow,
} from '../database/rows';

/*
 * The rows of a snapshot: what is stored per project (computed once, when
 * the snapshot is taken) and how it reads back.
 */

const MAX_MILESTONES = 50;
const TOP_RISKS = 5;
const MAX_ASKS = 5;

/** Row of `pmo_snapshots`. @internal */
export type RawDbSnapshotRow = {
  id: number | string;
  taken_at: string;
  period: string;
  kind: string;
  taken_by: string;
  project_count: number | string;
};

/** Row of `pmo_snapshot_projects`. @internal */
export type RawDbSnapshotProjectRow = {
  snapshot_id: number | string;
  project_key: string;
  title: string;
  phase: string;
  owner: string;
  priority: string;
  target_date: string | null;
  declared_health: string | null;
  declared_reason: string | null;
  declared_set_at: string | null;
  computed_health: string;
  computed_reasons: string;
  health: string;
  /** 0/1 on SQLite. */
  watermelon: boolean | number;
  milestones: string;
  open_risks: number;
  open_assumptions: number;
  open_issues: number;
  open_dependencies: number;
  high_risks: number;
  top_risks: string;
  asks: string;
  open_slip_days: number;
  open_dated_milestones: number;
};

/**
 * Changes the facts of a project before they are snapshotted; only the demo
 * back-fill uses it, to derive a plausible past from today's demo data.
 * @internal
 */
export type SnapshotFactsAdjuster = (facts: {
  project: RawDbProjectRow;
  milestones: Milestone[];
  raid: RaidItem[];
}) => { project: RawDbProjectRow; milestones: Milestone[]; raid: RaidItem[] };

/** @internal */
export function rowToSnapshot(row: RawDbSnapshotRow): Snapshot {
  return {
    id: Number(row.id),
    takenAt: row.taken_at,
    period: row.period,
    kind: row.kind as SnapshotKind,
    takenBy: row.taken_by,
    projectCount: Number(row.project_count),
  };
}

/** @internal */
export function rowToSnapshotProject(
  row: RawDbSnapshotProjectRow,
): SnapshotProject {
  const project: SnapshotProject = {
    snapshotId: Number(row.snapshot_id),
    projectKey: row.project_key,
    title: row.title,
    phase: row.phase as ProjectPhase,
    owner: row.owner,
    priority: row.priority,
    computedHealth: {
      status: row.computed_health as Health,
      reasons: parseJson(row.computed_reasons, []),
    },
    health: row.health as Health,
    watermelon: Boolean(row.watermelon),
    milestones: parseJson(row.milestones, []),
    openRaid: {
      risk: Number(row.open_risks),
      assumption: Number(row.open_assumptions),
      issue: Number(row.open_issues),
      dependency: Number(row.open_dependencies),
    },
    highRisks: Number(row.high_risks),
    topRisks: parseJson(row.top_risks, []),
    asks: parseJson(row.asks, []),
    openSlipDays: Number(row.open_slip_days),
    openDatedMilestones: Number(row.open_dated_milestones),
  };
  if (row.target_date) project.targetDate = row.target_date;
  if (row.declared_health) {
    project.declaredHealth = { status: row.declared_health as Health };
    if (row.declared_reason) {
      project.declaredHealth.reason = row.declared_reason;
    }
    if (row.declared_set_at) {
      project.declaredHealth.setAt = row.declared_set_at;
    }
  }
  return project;
}

function withOptional<T extends object>(
  target: T,
  values: Record<string, unknown>,
): T {
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null) (target as any)[k] = v;
  }
  return target;
}

const byMilestoneDate = (a: Milestone, b: Milestone) => {
  const da = a.forecastDate ?? a.baselineDate ?? '9999-12-31';
  const db = b.forecastDate ?? b.baselineDate ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  if (a.title === b.title) return 0;
  return a.title < b.title ? -1 : 1;
};

/**
 * The snapshot row of one project from its live row and facts, with the
 * computed health recomputed for `today` by the shared rules (so that a
 * snapshot never depends on when the hourly refresh last ran).
 * @internal
 */
export function buildSnapshotRow(options: {
  snapshotId: number;
  project: RawDbProjectRow;
  milestones: Milestone[];
  /** Open RAID items (closed ones are ignored). */
  raid: RaidItem[];
  today: string;
  thresholds: HealthThresholds;
}): RawDbSnapshotProjectRow {
  const { project: row, today, thresholds } = options;
  const project = rowToProject(row);
  const raid = options.raid.filter(isRaidOpen);
  const milestones = [...options.milestones].sort(byMilestoneDate);
  const computed = computeHealth({
    project,
    milestones,
    raid,
    today,
    thresholds,
  });
  const declared = project.declaredHealth?.status;

  let openSlipDays = 0;
  let openDated = 0;
  const snapshotMilestones: SnapshotMilestone[] = milestones
    .slice(0, MAX_MILESTONES)
    .map(m => {
      const slip = milestoneSlipDays(m);
      return withOptional<SnapshotMilestone>(
        { title: m.title, status: m.status, gate: m.gate },
        {
          baselineDate: m.baselineDate,
          forecastDate: m.forecastDate,
          actualDate: m.actualDate,
          slipDays: slip,
        },
      );
    });
  for (const m of milestones) {
    const slip = milestoneSlipDays(m);
    if (!isMilestoneClosed(m) && slip !== undefined) {
      openDated += 1;
      openSlipDays += Math.max(0, slip);
    }
  }

  const count = (type: RaidType) => raid.filter(r => r.type === type).length;
  const risks = raid
    .filter(r => r.type === 'risk')
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
        a.title.localeCompare(b.title),
    );
  const topRisks: SnapshotRisk[] = risks.slice(0, TOP_RISKS).map(r =>
    withOptional<SnapshotRisk>(
      {
        title: r.title,
        probability: r.probability,
        impact: r.impact,
        score: r.score,
      },
      { owner: r.owner, action: r.action, dueDate: r.dueDate },
    ),
  );
  const asks: SnapshotAsk[] = raid
    .filter(r => isStatusAsk(r, today))
    .map(r =>
      withOptional<SnapshotAsk>(
        {
          // isStatusAsk keeps issues and dependencies only.
          type: r.type as SnapshotAsk['type'],
          title: r.title,
          score: r.score,
          overdue: r.dueDate !== undefined && daysBetween(today, r.dueDate) < 0,
        },
        { owner: r.owner, action: r.action, dueDate: r.dueDate },
      ),
    )
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        b.score - a.score ||
        a.title.localeCompare(b.title),
    )
    .slice(0, MAX_ASKS);

  return {
    snapshot_id: options.snapshotId,
    project_key: row.key,
    title: row.title,
    phase: row.phase,
    owner: row.owner,
    priority: row.priority,
    target_date: row.target_date ?? null,
    declared_health: row.declared_health ?? null,
    declared_reason: row.declared_reason ?? null,
    declared_set_at: row.declared_set_at ?? null,
    computed_health: computed.status,
    computed_reasons: JSON.stringify(computed.reasons),
    health: effectiveHealth(declared, computed.status),
    watermelon: isWatermelon(declared, computed.status),
    milestones: JSON.stringify(snapshotMilestones),
    open_risks: count('risk'),
    open_assumptions: count('assumption'),
    open_issues: count('issue'),
    open_dependencies: count('dependency'),
    high_risks: risks.filter(r => r.score >= HIGH_RISK_SCORE).length,
    top_risks: JSON.stringify(topRisks),
    asks: JSON.stringify(asks),
    open_slip_days: openSlipDays,
    open_dated_milestones: openDated,
  };
}
