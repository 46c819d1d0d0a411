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

import { daysBetween, toIsoDate } from './dates';

/*
 * Run transition (operational readiness): the gate between a project and
 * "Run" operations for one catalog entity. Everything here is pure so that
 * the backend, the frontend and the property tests share one definition.
 */

/** States of a run transition, in order. @public */
export const TRANSITION_STATES = [
  'not_started',
  'in_progress',
  'ready_for_review',
  'accepted',
  'hypercare',
  'run',
] as const;
/** @public */
export type TransitionState = (typeof TRANSITION_STATES)[number];

/** Status of one readiness checklist item. @public */
export const CHECKLIST_ITEM_STATUSES = [
  'pending',
  'done',
  'waived',
  'not_applicable',
] as const;
/** @public */
export type ChecklistItemStatus = (typeof CHECKLIST_ITEM_STATUSES)[number];

/** Sign-off roles: the delivering project and the receiving run team. @public */
export const SIGNOFF_ROLES = ['delivery', 'run'] as const;
/** @public */
export type SignOffRole = (typeof SIGNOFF_ROLES)[number];

/** Service tiers, from the `pmo/service-tier` annotation. @public */
export const SERVICE_TIERS = ['tier-1', 'tier-2', 'tier-3'] as const;
/** @public */
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** Tier of an entity without a (valid) `pmo/service-tier` annotation. @public */
export const DEFAULT_SERVICE_TIER: ServiceTier = 'tier-2';

/** Default hypercare (early-life support) window, in days. @public */
export const DEFAULT_HYPERCARE_DAYS = 30;

/** States in which the checklist may change (it is frozen once accepted). @public */
export const EDITABLE_TRANSITION_STATES: ReadonlyArray<TransitionState> = [
  'not_started',
  'in_progress',
  'ready_for_review',
];

/**
 * States in which the linked project (`projectKey`) may change: those before
 * `ready_for_review`. A change revokes every sign-off. @public
 */
export const RELINKABLE_TRANSITION_STATES: ReadonlyArray<TransitionState> =
  TRANSITION_STATES.slice(0, TRANSITION_STATES.indexOf('ready_for_review'));

/** States that count as "accepted into Run" (or beyond). @public */
export const ACCEPTED_TRANSITION_STATES: ReadonlyArray<TransitionState> = [
  'accepted',
  'hypercare',
  'run',
];

/** One item of a readiness template. @public */
export interface ReadinessTemplateItem {
  /** Stable key, e.g. `runbook`; lower-case letters, digits and dashes. */
  key: string;
  title: string;
  description: string;
  /** Required items must be done or waived before acceptance. */
  required: boolean;
  /** "done" needs an evidence URL. */
  evidenceRequired: boolean;
}

/**
 * A versioned readiness template for one service tier. A transition records
 * the id and version it was created from and keeps a copy of the items, so
 * that a later template change never rewrites a running transition.
 * @public
 */
export interface ReadinessTemplate {
  id: string;
  version: number;
  tier: ServiceTier;
  /** Length of the hypercare window for this tier. */
  hypercareDays: number;
  items: ReadinessTemplateItem[];
}

/** A checklist item of a transition. Dates are ISO `YYYY-MM-DD`. @public */
export interface TransitionItem extends ReadinessTemplateItem {
  status: ChecklistItemStatus;
  /** http(s) link to the evidence (runbook page, dashboard, test report). */
  evidenceUrl?: string;
  /** Entity ref of who last set the status. */
  attestedBy?: string;
  /** ISO timestamp of the attestation. */
  attestedAt?: string;
  /**
   * Last day on which the evidence or waiver counts. From the next day the
   * item is effectively pending again.
   */
  expiresAt?: string;
  /** Why the item is waived (required for a waiver). */
  waiverReason?: string;
  /** Id of the RAID risk that records the waiver on the project. */
  raidId?: string;
  note?: string;
  updatedAt?: string;
}

/** A recorded sign-off. @public */
export interface SignOff {
  role: SignOffRole;
  /** User entity ref of the signer. */
  signedBy: string;
  /** ISO timestamp. */
  signedAt: string;
}

/** The run transition of one catalog entity. @public */
export interface Transition {
  entityRef: string;
  projectKey?: string;
  state: TransitionState;
  tier: ServiceTier;
  templateId: string;
  templateVersion: number;
  /** Planned date of acceptance into Run. */
  targetDate?: string;
  /** ISO date the hypercare window started (move to hypercare). */
  hypercareStart?: string;
  /** ISO date of the last day of the hypercare window. */
  hypercareEnd?: string;
  /** Reason given to leave hypercare before the window ended. */
  earlyExitReason?: string;
  items: TransitionItem[];
  signOffs: SignOff[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

function templateItem(
  key: string,
  title: string,
  description: string,
  required: boolean,
  evidenceRequired: boolean,
): ReadinessTemplateItem {
  return { key, title, description, required, evidenceRequired };
}

/**
 * The built-in checklist. Tier 1 requires everything; tier 2 makes the DR
 * test and the PIR optional; tier 3 (non-critical) only keeps the basics
 * required: runbook, monitoring, backup, support model and CMDB.
 */
const BASE_ITEMS: Array<[ReadinessTemplateItem, ServiceTier[]]> = [
  [
    templateItem(
      'runbook',
      'Runbook and operating procedures',
      'Start/stop, health checks, common faults and their fixes, escalation paths.',
      true,
      true,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'monitoring',
      'Monitoring and alerting',
      'Service and infrastructure monitors in place, alerts routed to the run team.',
      true,
      true,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'backup-restore',
      'Backup and a tested restore',
      'Backups scheduled to policy and a restore tested end to end.',
      true,
      true,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'dr-test',
      'Disaster recovery test',
      'Failover to the secondary site exercised and RTO/RPO met.',
      true,
      true,
    ),
    ['tier-1'],
  ],
  [
    templateItem(
      'capacity',
      'Capacity and performance sign-off',
      'Load tested or sized against the forecast, with headroom and growth plan.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'security',
      'Security review and vulnerability scan',
      'Hardening baseline applied, scan clean or findings accepted.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'sla-ola',
      'SLA / OLA agreed',
      'Service levels agreed with the business and operational levels with support teams.',
      true,
      false,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'support-model',
      'Support model and on-call',
      'Resolver groups, on-call rota and vendor support contracts in place.',
      true,
      false,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'as-built',
      'As-built configuration documented',
      'Final configuration, diagrams and dependencies documented.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'cmdb',
      'CMDB / catalog updated',
      'Configuration items and catalog entity (owner, lifecycle, relations) up to date.',
      true,
      false,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'change-record',
      'Change record approved (CAB)',
      'The go-live change approved by the change advisory board.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'pir',
      'Post-implementation review scheduled',
      'PIR booked with the project, run team and stakeholders.',
      true,
      false,
    ),
    ['tier-1'],
  ],
];

function defaultTemplate(
  tier: ServiceTier,
  hypercareDays: number,
): ReadinessTemplate {
  return {
    id: `default-${tier}`,
    version: 1,
    tier,
    hypercareDays,
    items: BASE_ITEMS.map(([i, requiredFor]) => ({
      ...i,
      required: requiredFor.includes(tier),
    })),
  };
}

/**
 * Built-in readiness templates per tier. Operators override them under
 * `pmo.transition.templates.<tier>` in app-config.
 * @public
 */
export const DEFAULT_READINESS_TEMPLATES: Readonly<
  Record<ServiceTier, ReadinessTemplate>
> = {
  'tier-1': defaultTemplate('tier-1', 45),
  'tier-2': defaultTemplate('tier-2', DEFAULT_HYPERCARE_DAYS),
  'tier-3': defaultTemplate('tier-3', 14),
};

/**
 * The tier of a `pmo/service-tier` annotation value. Accepts `tier-1`,
 * `Tier 1`, `1` and the like; anything else is the default tier.
 * @public
 */
export function parseServiceTier(value: string | undefined): ServiceTier {
  const m = /^\s*(?:tier[-_\s]?)?([123])\s*$/i.exec(value ?? '');
  return m ? (`tier-${m[1]}` as ServiceTier) : DEFAULT_SERVICE_TIER;
}

/**
 * True when the evidence (or waiver) of an item is past its expiry: the
 * expiry date is the last day it counts.
 * @public
 */
export function isItemExpired(
  item: Pick<TransitionItem, 'expiresAt'>,
  today: string,
): boolean {
  return Boolean(item.expiresAt) && daysBetween(item.expiresAt!, today) > 0;
}

/**
 * The status an item counts as today: a done or waived item whose expiry
 * has passed is pending again (the stored status is kept for history).
 * @public
 */
export function effectiveItemStatus(
  item: Pick<TransitionItem, 'status' | 'expiresAt'>,
  today: string,
): ChecklistItemStatus {
  if (
    (item.status === 'done' || item.status === 'waived') &&
    isItemExpired(item, today)
  ) {
    return 'pending';
  }
  return item.status;
}

/**
 * Readiness as a whole percentage (0-100), rounded down so that 100 means
 * complete: items effectively done or waived over the applicable items.
 * Not-applicable items leave both sides of the ratio (they are out of
 * scope, not achievements). Every item weighs the same, required or not:
 * the percentage is a progress indicator, while acceptance separately
 * demands every required item (see {@link canTransition}). A checklist with
 * no applicable item is 100% ready.
 * @public
 */
export function readinessPercent(
  items: ReadonlyArray<Pick<TransitionItem, 'status' | 'expiresAt'>>,
  today: string,
): number {
  let applicable = 0;
  let satisfied = 0;
  for (const i of items) {
    const status = effectiveItemStatus(i, today);
    if (status === 'not_applicable') continue;
    applicable++;
    if (status === 'done' || status === 'waived') satisfied++;
  }
  if (applicable === 0) return 100;
  return Math.floor((100 * satisfied) / applicable);
}

/**
 * Required items that keep the transition from acceptance today, with why.
 * @public
 */
export function blockingItems(
  items: ReadonlyArray<
    Pick<TransitionItem, 'key' | 'title' | 'required' | 'status' | 'expiresAt'>
  >,
  today: string,
): Array<{ key: string; title: string; problem: string }> {
  const blocking: Array<{ key: string; title: string; problem: string }> = [];
  for (const i of items) {
    if (!i.required) continue;
    const status = effectiveItemStatus(i, today);
    if (status === 'done' || status === 'waived') continue;
    let problem = 'is pending';
    if (status === 'not_applicable') {
      problem = 'is required and cannot be not_applicable';
    } else if (i.status !== 'pending') {
      problem = `${i.status === 'waived' ? 'waiver' : 'evidence'} expired on ${
        i.expiresAt
      }`;
    }
    blocking.push({ key: i.key, title: i.title, problem });
  }
  return blocking;
}

/**
 * The last day of a hypercare window of `days` days starting on `start`
 * (an ISO date or timestamp): a 30-day window starting 2026-03-01 ends on
 * 2026-03-30.
 * @public
 */
export function hypercareWindowEnd(start: string, days: number): string {
  const d = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.max(1, Math.floor(days)) - 1);
  return toIsoDate(d);
}

/** Facts that {@link canTransition} needs beyond the transition. @public */
export interface TransitionContext {
  /** ISO date of "today". */
  today: string;
  /**
   * Open issue-type RAID items scoring >= 15 on the linked project (0 when
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

// ------------------------------------------------------------ wire contract

/**
 * A transition as served by `GET /entities/{kind}/{namespace}/{name}/transition`:
 * the stored transition plus what is derived today.
 * @public
 */
export interface TransitionView extends Transition {
  readinessPercent: number;
  /** Required items that block acceptance today. */
  blocking: Array<{ key: string; title: string; problem: string }>;
  /**
   * Group (or user) whose members may give the delivery sign-off; empty
   * when nobody can, or when the linked project is hidden from the caller.
   */
  deliveryOwner: string;
  /**
   * True when a project is linked that the caller may not read: its key
   * and its owner (`deliveryOwner`) are left out.
   */
  projectHidden?: boolean;
  /** Group (or user) whose members may give the run sign-off. */
  runOwner: string;
  /** The entity's catalog `spec.lifecycle`. */
  lifecycle?: string;
  lifecycleMismatch: boolean;
}

/** Body of `PUT .../transition`; `version` is required to update. @public */
export interface PutTransitionRequest {
  projectKey?: string | null;
  targetDate?: string | null;
  version?: number;
}

/** Body of `PATCH .../transition/items/{itemKey}`. @public */
export interface UpdateTransitionItemRequest {
  status?: ChecklistItemStatus;
  evidenceUrl?: string | null;
  expiresAt?: string | null;
  waiverReason?: string | null;
  note?: string | null;
  /** Version of the transition last read. */
  version: number;
}

/** Body of `POST .../transition/signoffs`. @public */
export interface SignOffRequest {
  role: SignOffRole;
  /** Version of the transition the signer saw. */
  version: number;
}

/** Body of `POST .../transition/state`. @public */
export interface TransitionStateRequest {
  target: TransitionState;
  /** Required to leave hypercare early; recorded in history. */
  reason?: string;
  /** Version of the transition last read. */
  version: number;
}

/** One row of the transitions board (`GET /transitions`). @public */
export interface TransitionBoardRow {
  entityRef: string;
  projectKey?: string;
  /** A project is linked that the caller may not read (key left out). */
  projectHidden?: boolean;
  state: TransitionState;
  tier: ServiceTier;
  readinessPercent: number;
  lifecycle?: string;
  lifecycleMismatch: boolean;
  signOffs: SignOff[];
  targetDate?: string;
  hypercareEnd?: string;
  updatedAt: string;
}

/** Response of `GET /transitions`. @public */
export interface TransitionBoard {
  items: TransitionBoardRow[];
  countsByState: Record<TransitionState, number>;
  pageInfo: { nextCursor?: string };
}

/** What an entity summary or the portfolio shows of a transition. @public */
export interface TransitionBrief {
  state: TransitionState;
  readinessPercent: number;
  tier: ServiceTier;
  /** Present when the lifecycle was known to the caller. */
  mismatch?: boolean;
}
