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

import type { ChecklistFactRule, FactCheck } from './factRules';

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
  /**
   * A fact of the catalog that evidences the item (rules/factRules.ts):
   * while it holds the item is done, attested by the catalog.
   */
  fact?: ChecklistFactRule;
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
  /** Entity ref of who last set the status (none when the catalog did). */
  attestedBy?: string;
  /** `catalog` when a fact rule set the status, with `evidenceUrl`. */
  attesterKind?: 'user' | 'catalog';
  /** The last evaluation of the item's fact rule. */
  factCheck?: FactCheck;
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
