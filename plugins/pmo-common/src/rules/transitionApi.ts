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
  ChecklistItemStatus,
  ServiceTier,
  SignOff,
  SignOffRole,
  Transition,
  TransitionState,
} from './transitionModel';

/*
 * The wire contract of the run transition endpoints (see the OpenAPI spec
 * of pmo-backend): what the routes serve and accept.
 */

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
