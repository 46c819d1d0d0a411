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

import { daysBetween } from './dates';

/*
 * Decisions on record: stage-gate decisions and re-baselining. Who may
 * decide, which decision needs conditions, slip against baseline N and the
 * validation messages live here once, for the backend and the forms.
 */

/** The outcomes of a stage gate. @public */
export const GATE_DECISIONS = [
  'go',
  'go-with-conditions',
  'no-go',
  'deferred',
] as const;
/** @public */
export type GateDecisionOutcome = (typeof GATE_DECISIONS)[number];

/**
 * A condition attached to a `go-with-conditions` decision; it becomes a
 * RAID action on the project.
 * @public
 */
export interface GateCondition {
  text: string;
  /** Group or user entity ref. */
  owner: string;
  /** ISO date. */
  dueDate: string;
}

/** One recorded gate decision (never overwritten). @public */
export interface GateDecision {
  id: string;
  milestoneId: string;
  projectKey: string;
  decision: GateDecisionOutcome;
  rationale: string;
  conditions: GateCondition[];
  /** The RAID action created for each condition, in order. */
  actionIds: string[];
  decidedBy: string;
  decidedAt: string;
}

/** Body of `POST /milestones/{id}/gate-decisions`. @public */
export interface CreateGateDecisionRequest {
  decision: GateDecisionOutcome;
  rationale: string;
  conditions?: GateCondition[];
}

/** Status of a re-baseline request. @public */
export const REBASELINE_STATUSES = ['pending', 'approved', 'rejected'] as const;
/** @public */
export type RebaselineStatus = (typeof REBASELINE_STATUSES)[number];

/** A proposed baseline date of one milestone. @public */
export interface RebaselineChange {
  milestoneId: string;
  baselineDate: string;
}

/** A request to re-baseline milestones of a project. @public */
export interface Rebaseline {
  id: string;
  projectKey: string;
  status: RebaselineStatus;
  reason: string;
  changes: RebaselineChange[];
  requestedBy: string;
  requestedAt: string;
  /** Set once approved: 1 for the first re-baseline (0 is the original). */
  baselineNumber?: number;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}

/** Body of `POST /projects/{key}/rebaselines`. @public */
export interface CreateRebaselineRequest {
  reason: string;
  changes: RebaselineChange[];
}

/** Body of `POST /rebaselines/{id}/decision`. @public */
export interface RebaselineDecisionRequest {
  decision: 'approve' | 'reject';
  reason: string;
}

/** One kept baseline date of a milestone (0 = original). @public */
export interface MilestoneBaseline {
  milestoneId: string;
  baselineNumber: number;
  baselineDate: string;
}

/** Messages of the decision rules (field name put in front by callers). @public */
export const decisionMessages = {
  conditionsRequired: 'must name at least one condition for go-with-conditions',
  conditionsNotAllowed: (decision: string) =>
    `must be empty for a ${decision} decision; only go-with-conditions carries conditions`,
  notApprover: (approvers: readonly string[]) =>
    approvers.length
      ? `Only the gate's approvers (${approvers.join(
          ', ',
        )}) can decide this gate`
      : 'This gate names no approvers; set gateApprovers on the milestone first',
  notGate: 'is not a stage gate (gate is false)',
  notBaselineApprover: (approvers: readonly string[]) =>
    approvers.length
      ? `Only the project sponsor or a member of ${approvers.join(
          ', ',
        )} can decide a re-baseline`
      : 'Nobody can decide this re-baseline: the project has no sponsor and pmo.baselines.approverGroups is empty',
  alreadyDecided: (status: string) =>
    `This re-baseline request is already ${status}`,
  duplicateMilestone: (id: string) => `names milestone ${id} twice`,
  noChanges: 'must propose at least one baseline date',
  baselineLocked: (field: string) =>
    `${field}: the baseline of a milestone that has one changes only through an approved re-baseline request (POST /projects/{key}/rebaselines)`,
};

/**
 * Which problem, if any, the conditions of a decision have: only
 * `go-with-conditions` carries conditions, and it needs at least one.
 * @public
 */
export function gateConditionsProblem(
  decision: GateDecisionOutcome,
  conditions: readonly GateCondition[],
): string | undefined {
  if (decision === 'go-with-conditions') {
    return conditions.length ? undefined : decisionMessages.conditionsRequired;
  }
  return conditions.length
    ? decisionMessages.conditionsNotAllowed(decision)
    : undefined;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * True when one of `refs` (the user's ref and ownership refs) is one of the
 * approvers (group or user refs), compared case-insensitively like owners.
 * @public
 */
export function isGateApprover(
  approvers: readonly string[],
  refs: readonly string[],
): boolean {
  const mine = new Set(refs.map(lower));
  return approvers.some(a => mine.has(lower(a)));
}

/**
 * The approvers of a re-baseline: the project sponsor and the configured
 * PMO groups, lower-cased and without duplicates.
 * @public
 */
export function rebaselineApprovers(
  sponsor: string | undefined,
  approverGroups: readonly string[],
): string[] {
  return [
    ...new Set([...(sponsor ? [sponsor] : []), ...approverGroups].map(lower)),
  ];
}

/**
 * A gate is pending while it is open and its latest decision (decisions
 * sorted oldest first) is missing or `deferred`.
 * @public
 */
export function isGatePending(
  milestone: { gate: boolean; status: string; actualDate?: string },
  decisions: readonly Pick<GateDecision, 'decision'>[],
): boolean {
  if (!milestone.gate || milestone.actualDate) return false;
  if (milestone.status === 'done' || milestone.status === 'cancelled') {
    return false;
  }
  const latest = decisions[decisions.length - 1];
  return !latest || latest.decision === 'deferred';
}

/**
 * Which problem, if any, the proposed changes of a re-baseline have: at
 * least one, each milestone at most once.
 * @public
 */
export function rebaselineChangesProblem(
  changes: readonly RebaselineChange[],
): string | undefined {
  if (!changes.length) return decisionMessages.noChanges;
  const seen = new Set<string>();
  for (const c of changes) {
    if (seen.has(c.milestoneId)) {
      return decisionMessages.duplicateMilestone(c.milestoneId);
    }
    seen.add(c.milestoneId);
  }
  return undefined;
}

/**
 * True when a direct edit (PATCH, import) would move or clear the baseline
 * of a milestone that has one: only an approved re-baseline may. Setting a
 * first baseline, or leaving it as it is, is allowed.
 * @public
 */
export function isBaselineEditRefused(
  current: string | null | undefined,
  proposed: string | null | undefined,
): boolean {
  if (!current || proposed === undefined) return false;
  return proposed !== current;
}

/**
 * The baseline date of a milestone as of baseline `n`: the latest kept
 * baseline numbered at most `n`, else (never re-baselined) the current one.
 * @public
 */
export function baselineAsOf(
  baselines: readonly MilestoneBaseline[],
  n: number,
  current?: string,
): string | undefined {
  let best: MilestoneBaseline | undefined;
  for (const b of baselines) {
    if (
      b.baselineNumber <= n &&
      (!best || b.baselineNumber > best.baselineNumber)
    ) {
      best = b;
    }
  }
  return best?.baselineDate ?? current;
}

/**
 * Slip in days of a milestone against baseline `n` (0 = original): actual,
 * else forecast, minus that baseline. Undefined without both dates.
 * @public
 */
export function slipAgainstBaseline(
  milestone: {
    baselineDate?: string;
    forecastDate?: string;
    actualDate?: string;
  },
  baselines: readonly MilestoneBaseline[],
  n: number,
): number | undefined {
  const baseline = baselineAsOf(baselines, n, milestone.baselineDate);
  const current = milestone.actualDate ?? milestone.forecastDate;
  if (!baseline || !current) return undefined;
  return daysBetween(baseline, current);
}
