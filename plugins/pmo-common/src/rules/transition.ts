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
import { blockingItems } from './transitionReadiness';
import {
  ACCEPTED_TRANSITION_STATES,
  SIGNOFF_ROLES,
  type Transition,
  type TransitionState,
} from './transitionModel';

/*
 * The run transition state machine: which moves exist and the guards on
 * acceptance and on leaving hypercare, plus the catalog lifecycle check.
 * The model lives in transitionModel.ts, readiness in
 * transitionReadiness.ts.
 */

/** Facts that {@link canTransition} needs beyond the transition. @public */
export interface TransitionContext {
  /** ISO date of "today". */
  today: string;
  /**
   * Open issue-type RAID items scoring at least 15 on the linked project (0 when
   * there is no project). Only checked when leaving hypercare.
   */
  openHighIssues?: number;
  /** Reason to leave hypercare before the window has ended. */
  earlyExitReason?: string;
}

/** Outcome of {@link canTransition}. @public */
export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Moves allowed by the state machine, before the guards. @public */
export const TRANSITION_MOVES: Readonly<
  Record<TransitionState, ReadonlyArray<TransitionState>>
> = {
  not_started: ['in_progress'],
  in_progress: ['ready_for_review'],
  ready_for_review: ['in_progress', 'accepted'],
  accepted: ['hypercare'],
  hypercare: ['run'],
  run: [],
};

/**
 * Whether `transition` may move to `target` today, and if not why:
 * - only the moves of {@link TRANSITION_MOVES};
 * - `accepted` needs every required item done or waived (not expired),
 *   not_applicable only on optional items, and both sign-offs;
 * - `run` needs no open high-scoring issue on the project, and the hypercare
 *   window over or an explicit early-exit reason.
 * @public
 */
export function canTransition(
  transition: Pick<Transition, 'state' | 'items' | 'signOffs' | 'hypercareEnd'>,
  target: TransitionState,
  ctx: TransitionContext,
): TransitionCheck {
  const from = transition.state;
  if (from === target) {
    return { ok: false, reason: `The transition is already ${target}` };
  }
  const allowed = TRANSITION_MOVES[from] ?? [];
  if (!allowed.includes(target)) {
    return {
      ok: false,
      reason: `Cannot move from ${from} to ${target}; allowed: ${
        allowed.length ? allowed.join(', ') : 'none (final state)'
      }`,
    };
  }
  if (target === 'accepted') {
    const problems: string[] = [];
    // Also reports required items marked not_applicable.
    for (const b of blockingItems(transition.items, ctx.today)) {
      problems.push(`'${b.title}' ${b.problem}`);
    }
    const missing = SIGNOFF_ROLES.filter(
      role => !transition.signOffs.some(s => s.role === role),
    );
    if (missing.length > 0) {
      problems.push(`missing ${missing.join(' and ')} sign-off`);
    }
    if (problems.length > 0) {
      return {
        ok: false,
        reason: `Cannot accept into Run: ${problems.join('; ')}`,
      };
    }
  }
  if (target === 'run') {
    const problems: string[] = [];
    const issues = ctx.openHighIssues ?? 0;
    if (issues > 0) {
      problems.push(
        `${issues} open issue${
          issues === 1 ? '' : 's'
        } scoring 15 or more on the project`,
      );
    }
    const end = transition.hypercareEnd;
    const windowOver = end !== undefined && daysBetween(end, ctx.today) > 0;
    if (!windowOver && !ctx.earlyExitReason?.trim()) {
      problems.push(
        end
          ? `the hypercare window runs until ${end}; give a reason to exit early`
          : 'the hypercare window has no end date; give a reason to exit early',
      );
    }
    if (problems.length > 0) {
      return {
        ok: false,
        reason: `Cannot leave hypercare: ${problems.join('; ')}`,
      };
    }
  }
  return { ok: true };
}

/**
 * True when the catalog lifecycle contradicts the transition: `production`
 * before acceptance, or still `experimental` once accepted. Entities with
 * no transition (`state` undefined) are never flagged: most of an estate
 * went live before transitions were tracked.
 * @public
 */
export function lifecycleMismatch(
  lifecycle: string | undefined,
  state: TransitionState | undefined,
): boolean {
  if (state === undefined) return false;
  const accepted = ACCEPTED_TRANSITION_STATES.includes(state);
  const value = lifecycle?.trim().toLocaleLowerCase('en-US');
  if (value === 'production') return !accepted;
  if (value === 'experimental') return accepted;
  return false;
}
