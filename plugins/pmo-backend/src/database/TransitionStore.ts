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
  FactOutcome,
  ReadinessTemplate,
  ServiceTier,
  SignOff,
  SignOffRole,
  Transition,
  TransitionBrief,
  TransitionState,
  UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoSeedTransitionStore } from '../extensions';
import type { Actor } from './PmoStore';

/** @internal */
export interface CreateTransitionInput {
  entityRef: string;
  projectKey?: string;
  targetDate?: string;
  tier: ServiceTier;
  /** The checklist is copied from it; its id and version are recorded. */
  template: ReadinessTemplate;
}

/** @internal */
export interface UpdateTransitionInput {
  /**
   * null unlinks the project. A change (the same key is none) is allowed
   * only before ready_for_review (ConflictError otherwise) and revokes
   * every sign-off in the same transaction. The caller authorizes it on
   * the old and the new project.
   */
  projectKey?: string | null;
  targetDate?: string | null;
  version: number;
}

/** Facts of the entity a waiver needs for its RAID risk. @internal */
export interface WaiverContext {
  /** Owner of the waiver risk: the run owner of the entity. */
  runOwner: string;
}

/** @internal */
export interface UpdateItemResult {
  transition: Transition;
  /** Sign-offs revoked because the checklist changed after them. */
  revokedSignOffs: SignOff[];
  /** RAID risk created (or updated) for a waiver. */
  raidId?: string;
}

/** The outcome of each evaluated fact rule, by item key. @internal */
export type FactOutcomes = ReadonlyMap<string, FactOutcome>;

/** @internal */
export interface ApplyFactOutcomesResult {
  transition: Transition;
  /** Items the catalog marked done or reopened. */
  changedItems: string[];
  /** Sign-offs revoked because an item changed. */
  revokedSignOffs: SignOff[];
}

/** @internal */
export interface ListTransitionsOptions {
  states?: TransitionState[];
  limit: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
}

/**
 * Persistence of run transitions. Every write runs in one transaction that
 * bumps the transition's optimistic `version` (a stale one throws
 * ConflictError), records history in `pmo_history` (object type
 * `transition`) when a project is linked, and, for a waiver, writes the
 * linked RAID risk. Illegal moves throw ConflictError with the reason;
 * missing transitions or items throw NotFoundError. Entity refs are
 * normalized by the caller.
 * @internal
 */
export interface TransitionStore
  // signOff (membership of the signing group is checked by the caller;
  // `version` is the one the signer saw: the sign-off attests that
  // checklist) and moveState (guarded by `canTransition`; ConflictError
  // carries its reason) as the seed extension point declares them.
  extends Pick<
    PmoSeedTransitionStore,
    'getTransition' | 'signOff' | 'moveState'
  > {
  /** ConflictError when the entity already has a transition. */
  createTransition(
    input: CreateTransitionInput,
    actor: Actor,
  ): Promise<Transition>;
  updateTransition(
    entityRef: string,
    patch: UpdateTransitionInput,
    actor: Actor,
  ): Promise<Transition>;
  /**
   * Updates one checklist item. Validates against the stored item (evidence
   * for done, reason and expiry for a waiver, not_applicable only on
   * optional items), revokes existing sign-offs when anything changed, and
   * creates / updates / closes the waiver's RAID risk.
   */
  updateItem(
    entityRef: string,
    itemKey: string,
    patch: UpdateTransitionItemRequest,
    actor: Actor,
    waiver: WaiverContext,
  ): Promise<UpdateItemResult>;
  /**
   * Records the outcomes of an entity's fact rules (evaluated by the
   * caller) and applies them through the same item-change path as a
   * person's edit (evidence/ and rules/factRules.ts `evidenceStep`): a
   * holding rule marks a pending item done with the catalog as attester, a
   * rule that stops holding reopens it; either revokes the sign-offs and
   * writes history. Only while the checklist is editable; otherwise only
   * the last check is recorded.
   */
  applyFactOutcomes(
    entityRef: string,
    outcomes: FactOutcomes,
  ): Promise<ApplyFactOutcomesResult>;
  /** Entities whose editable checklist has an item with a fact rule. */
  listFactEntityRefs(): Promise<string[]>;
  /** Only the signer may revoke (NotAllowedError otherwise). */
  revokeSignOff(
    entityRef: string,
    role: SignOffRole,
    actor: Actor,
    version: number,
  ): Promise<Transition>;

  /**
   * A bounded page ordered by entity ref (set-based: three queries). Not
   * filtered by catalog visibility: the caller filters.
   */
  listTransitions(
    options: ListTransitionsOptions,
  ): Promise<{ items: Transition[]; nextCursor?: string }>;
  /**
   * Entity ref and state of every transition, or of those of the given
   * entities, ordered by entity ref (one query per chunk of refs). Not
   * filtered by catalog visibility: count with countTransitionsByState
   * (service/transitionVisibility.ts) over the visible ones.
   */
  listStates(
    entityRefs?: string[],
  ): Promise<Array<{ entityRef: string; state: TransitionState }>>;
  /**
   * State and readiness of many entities in a bounded number of queries;
   * `mismatch` is set for the entities whose lifecycle is given.
   */
  getTransitionBriefs(
    entityRefs: string[],
    lifecycles?: ReadonlyMap<string, string | undefined>,
  ): Promise<Map<string, TransitionBrief>>;
  /**
   * The services among `entityRefs` in hypercare, with its dates (ISO
   * dates, end inclusive) and the transition's project: a change window
   * on them by another project is a collision.
   */
  listHypercare(entityRefs: readonly string[]): Promise<
    Array<{
      entityRef: string;
      projectKey?: string;
      start: string;
      end: string;
    }>
  >;
}
