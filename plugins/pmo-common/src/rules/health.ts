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

import { HIGH_RISK_SCORE } from '../constants';
import type {
  ComputedHealth,
  Health,
  HealthReason,
  MilestoneFacts,
  Project,
  RaidItem,
} from '../types';
import { daysBetween } from './dates';
import {
  isMilestoneClosed,
  isMilestoneOverdue,
  milestoneSlipDays,
} from './slip';

/**
 * Thresholds of the computed health, configurable under `pmo.health`.
 * @public
 */
export interface HealthThresholds {
  /** Slip (days) of an open milestone that turns the project amber. */
  slipAmberDays: number;
  /** Slip (days) of an open milestone that turns the project red. */
  slipRedDays: number;
  /** Days without a status update after which the project is stale (amber). */
  staleStatusDays: number;
  /** Overdue RAID actions that turn the project red (one is amber). */
  overdueActionsRed: number;
}

/** @public */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  slipAmberDays: 5,
  slipRedDays: 20,
  staleStatusDays: 14,
  overdueActionsRed: 3,
};

const RANK: Record<Health, number> = { green: 0, amber: 1, red: 2 };

/**
 * Numeric rank of a health: green 0, amber 1, red 2.
 * @public
 */
export function healthRank(h: Health): number {
  return RANK[h];
}

/**
 * The worst of the given healths; undefined for none.
 * @public
 */
export function worstHealth(
  values: Iterable<Health | undefined>,
): Health | undefined {
  let worst: Health | undefined;
  for (const v of values) {
    if (v && (worst === undefined || RANK[v] > RANK[worst])) worst = v;
  }
  return worst;
}

/**
 * The health a project is shown and filtered with: the worse of its declared
 * and computed health (so a "watermelon" never hides its red inside).
 * @public
 */
export function effectiveHealth(
  declared: Health | undefined,
  computed: Health,
): Health {
  return worstHealth([declared, computed]) ?? computed;
}

/**
 * True for a RAID item that is still live (open or being mitigated).
 * @public
 */
export function isRaidOpen(r: Pick<RaidItem, 'status'>): boolean {
  return r.status === 'open' || r.status === 'mitigating';
}

/** Input of {@link computeHealth}. @public */
export interface HealthInput {
  project: Pick<
    Project,
    'phase' | 'declaredHealth' | 'updatedAt' | 'createdAt'
  >;
  milestones: MilestoneFacts[];
  raid: Array<
    Pick<RaidItem, 'type' | 'title' | 'score' | 'status' | 'dueDate'>
  >;
  /** ISO date of "today". */
  today: string;
  thresholds?: HealthThresholds;
}

/**
 * Computes a project's health from facts:
 * - an open milestone slipping past its baseline (amber / red by threshold);
 * - an overdue open milestone (red for a stage gate, else amber);
 * - an open risk scoring 15 or more (amber) or an open issue scoring 15 or
 *   more (red);
 * - open RAID actions past their due date (amber, red from the threshold);
 * - no status declaration for more than `staleStatusDays` (amber).
 * Closed projects are green: there is nothing left to steer.
 * @public
 */
export function computeHealth(input: HealthInput): ComputedHealth {
  const t = input.thresholds ?? DEFAULT_HEALTH_THRESHOLDS;
  const { project, today } = input;
  if (project.phase === 'closed') return { status: 'green', reasons: [] };
  const reasons: HealthReason[] = [];

  for (const m of input.milestones) {
    if (isMilestoneClosed(m)) continue;
    const slip = milestoneSlipDays(m);
    if (slip !== undefined && slip >= t.slipAmberDays) {
      reasons.push({
        code: 'milestone_slip',
        severity: slip >= t.slipRedDays ? 'red' : 'amber',
        message: `'${m.title}' forecast ${slip} days after baseline`,
      });
    }
    if (isMilestoneOverdue(m, today)) {
      reasons.push({
        code: 'milestone_overdue',
        severity: m.gate ? 'red' : 'amber',
        message: `${m.gate ? 'Stage gate' : 'Milestone'} '${
          m.title
        }' is overdue`,
      });
    }
  }

  let overdueActions = 0;
  for (const r of input.raid) {
    if (!isRaidOpen(r)) continue;
    if (
      r.score >= HIGH_RISK_SCORE &&
      (r.type === 'risk' || r.type === 'issue')
    ) {
      reasons.push({
        code: r.type === 'issue' ? 'open_issue' : 'high_risk',
        severity: r.type === 'issue' ? 'red' : 'amber',
        message: `Open ${r.type} '${r.title}' scores ${r.score}`,
      });
    }
    if (r.dueDate && daysBetween(today, r.dueDate) < 0) overdueActions++;
  }
  if (overdueActions > 0) {
    reasons.push({
      code: 'overdue_action',
      severity: overdueActions >= t.overdueActionsRed ? 'red' : 'amber',
      message: `${overdueActions} RAID action${
        overdueActions === 1 ? ' is' : 's are'
      } past due`,
    });
  }

  const lastStatus = project.declaredHealth?.setAt ?? project.createdAt;
  const age = daysBetween(lastStatus, today);
  if (age > t.staleStatusDays) {
    reasons.push({
      code: 'stale_status',
      severity: 'amber',
      message: `Status not updated for ${age} days`,
    });
  }

  return {
    status: worstHealth(reasons.map(r => r.severity)) ?? 'green',
    reasons,
  };
}

/**
 * True when a declared health differs from the computed one and so must
 * carry a reason.
 * @public
 */
export function declaredHealthNeedsReason(
  declared: Health,
  computed: Health,
): boolean {
  return declared !== computed;
}

/**
 * "Watermelon": declared better than computed (green outside, red inside).
 * @public
 */
export function isWatermelon(
  declared: Health | undefined,
  computed: Health,
): boolean {
  return declared !== undefined && RANK[declared] < RANK[computed];
}

/**
 * Probability x impact, each 1-5.
 * @public
 */
export function raidScore(probability: number, impact: number): number {
  return probability * impact;
}
