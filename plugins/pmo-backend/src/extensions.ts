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
  createExtensionPoint,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  ChangeWindow,
  CreateChangeWindowRequest,
  CreateFreezeRequest,
  Freeze,
  ChecklistFactRule,
  CreateMilestoneRequest,
  FactOutcome,
  CreateProjectRequest,
  CreateRaidItemRequest,
  CreateRebaselineRequest,
  Milestone,
  ProjectWithHealth,
  RaidItem,
  Rebaseline,
  ReadinessTemplate,
  ServiceTier,
  SignOffRole,
  Snapshot,
  SnapshotKind,
  Transition,
  TransitionState,
  UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';

// What a seeder may call, as narrow interfaces of their own: the plugin's
// stores implement them, and their internal types stay out of the API.

/**
 * Who a seeder writes as (a user or service ref); recorded in the history.
 * @alpha
 */
export interface PmoSeedActor {
  ref: string;
}

/**
 * Projects, their plans, RAID logs and manual entity links.
 * @alpha
 */
export interface PmoSeedProjectStore {
  getProject(key: string): Promise<ProjectWithHealth | undefined>;
  createProject(
    input: CreateProjectRequest,
    actor: PmoSeedActor,
  ): Promise<ProjectWithHealth>;
  createMilestone(
    projectKey: string,
    input: CreateMilestoneRequest,
    actor: PmoSeedActor,
  ): Promise<Milestone>;
  createRaidItem(
    projectKey: string,
    input: CreateRaidItemRequest,
    actor: PmoSeedActor,
  ): Promise<RaidItem>;
  getRaidItem(id: string): Promise<RaidItem | undefined>;
  listMilestones(projectKey: string): Promise<Milestone[]>;
  /** Links an entity (normalized ref) to a project. */
  addManualLink(
    projectKey: string,
    entityRef: string,
    actor: PmoSeedActor,
  ): Promise<boolean>;
}

/**
 * Run transitions, moved only through their guarded steps.
 * @alpha
 */
export interface PmoSeedTransitionStore {
  getTransition(entityRef: string): Promise<Transition | undefined>;
  createTransition(
    input: {
      entityRef: string;
      projectKey?: string;
      targetDate?: string;
      tier: ServiceTier;
      template: ReadinessTemplate;
    },
    actor: PmoSeedActor,
  ): Promise<Transition>;
  /** A waiver creates a RAID risk owned by `waiver.runOwner`. */
  updateItem(
    entityRef: string,
    itemKey: string,
    patch: UpdateTransitionItemRequest,
    actor: PmoSeedActor,
    waiver: { runOwner: string },
  ): Promise<{ transition: Transition }>;
  signOff(
    entityRef: string,
    role: SignOffRole,
    actor: PmoSeedActor,
    version: number,
  ): Promise<Transition>;
  moveState(
    entityRef: string,
    target: TransitionState,
    options: { reason?: string; version: number },
    actor: PmoSeedActor,
  ): Promise<Transition>;
}

/**
 * The columns of a project row that a snapshot adjuster may change; the
 * row carries the others through untouched.
 * @alpha
 */
export interface PmoSnapshotProjectRow {
  key: string;
  declared_health: string | null;
}

/**
 * Changes the facts of a project before they are snapshotted (a back-fill
 * derives a plausible past from today's data). Returns the project row it
 * was given, changed or not.
 * @alpha
 */
export type PmoSnapshotFactsAdjuster = <
  P extends PmoSnapshotProjectRow,
>(facts: {
  project: P;
  milestones: Milestone[];
  raid: RaidItem[];
}) => { project: P; milestones: Milestone[]; raid: RaidItem[] };

/**
 * Snapshots; a seeder may take them as of a past date.
 * @alpha
 */
export interface PmoSeedSnapshotStore {
  /** Newest first. */
  listSnapshots(options?: { limit?: number }): Promise<Snapshot[]>;
  /** At most one per ISO week and kind (`created: false` otherwise). */
  takeSnapshotAt(options: {
    kind: SnapshotKind;
    actor: string;
    at: Date;
    adjust?: PmoSnapshotFactsAdjuster;
  }): Promise<{ snapshot: Snapshot; created: boolean }>;
}

/**
 * Change windows and freezes (cutover safety); a seeder checks what is
 * there before it writes, as every seeder must be idempotent.
 * @alpha
 */
export interface PmoSeedCutoverStore {
  listMilestones(projectKey: string): Promise<Milestone[]>;
  listWindows(projectKey: string): Promise<ChangeWindow[]>;
  createWindow(
    milestoneId: string,
    input: CreateChangeWindowRequest,
    actor: { ref: string },
  ): Promise<ChangeWindow>;
  /** The freezes written through the API (not those of config). */
  listFreezes(): Promise<Freeze[]>;
  createFreeze(
    input: CreateFreezeRequest,
    actor: { ref: string },
  ): Promise<Freeze>;
}

/**
 * Re-baseline requests, approved or rejected like through the API.
 * @alpha
 */
export interface PmoSeedRebaselineStore {
  listRebaselines(projectKey: string): Promise<Rebaseline[]>;
  requestRebaseline(
    projectKey: string,
    input: CreateRebaselineRequest,
    actor: PmoSeedActor,
  ): Promise<Rebaseline>;
  decideRebaseline(
    id: string,
    decision: { approve: boolean; reason: string },
    actor: PmoSeedActor,
  ): Promise<Rebaseline>;
}

/**
 * The stores a seeder writes through. They are the plugin's own, so that
 * seeded data is written like any other write: validated, with its history
 * rows, health recomputed.
 * @alpha
 */
export interface PmoSeedStores {
  pmo: PmoSeedProjectStore;
  transitions: PmoSeedTransitionStore;
  snapshots: PmoSeedSnapshotStore;
  cutover: PmoSeedCutoverStore;
  /** Absent in seed tests that need none. */
  rebaselines?: PmoSeedRebaselineStore;
}

/**
 * What a seeder gets besides the stores.
 * @alpha
 */
export interface PmoSeedContext {
  logger: LoggerService;
  /** The readiness templates per tier (`pmo.transitions`, or the defaults). */
  transitionTemplates: Record<ServiceTier, ReadinessTemplate>;
}

/**
 * Writes data into the plugin's database at start, after the migrations
 * and before the plugin serves requests. It runs on every start and on
 * every replica: it must be idempotent.
 * @alpha
 */
export type PmoSeeder = (
  stores: PmoSeedStores,
  context: PmoSeedContext,
) => Promise<void>;

/**
 * Lets a backend module seed the PMO plugin's database, e.g. the demo
 * data of the demo app.
 * @alpha
 */
export interface PmoSeedExtensionPoint {
  addSeeder(seeder: PmoSeeder): void;
}

/**
 * The extension point of {@link PmoSeedExtensionPoint}.
 * @alpha
 */
export const pmoSeedExtensionPoint =
  createExtensionPoint<PmoSeedExtensionPoint>({
    id: 'pmo.seed',
  });

/**
 * What a fact rule gets besides the entity and its config.
 * @alpha
 */
export interface PmoFactRuleContext {
  /** Normalized ref of the entity, e.g. `component:default/vm-provisioning`. */
  entityRef: string;
  logger: LoggerService;
}

/**
 * A fact of the catalog that evidences a readiness checklist item, named
 * by `fact.rule` in a template item (`pmo.transition.templates`). The
 * built-in `annotation`, `relation` and `techdocs` rules register through
 * the same interface. `evaluate` answers `satisfied` with an evidence link
 * (http(s) or an app path; anything else is treated as unknown),
 * `unsatisfied` with what is missing, or `unknown` when it cannot tell (it
 * never satisfies); a throw counts as unknown.
 * @alpha
 */
export interface PmoFactRule {
  /** The name used in config, e.g. `tech-insights`. */
  name: string;
  /**
   * Problems of a template item's rule config, each naming its field
   * under `path`; checked when the plugin starts (bad config fails it).
   */
  validate?(rule: ChecklistFactRule, path: string): string[];
  evaluate(
    entity: Entity,
    rule: ChecklistFactRule,
    context: PmoFactRuleContext,
  ): Promise<FactOutcome>;
}

/**
 * Lets a backend module add a fact rule, e.g. a Tech Insights check or an
 * organisation's own rule.
 * @alpha
 */
export interface PmoFactRulesExtensionPoint {
  addFactRule(rule: PmoFactRule): void;
}

/**
 * The extension point of {@link PmoFactRulesExtensionPoint}.
 * @alpha
 */
export const pmoFactRulesExtensionPoint =
  createExtensionPoint<PmoFactRulesExtensionPoint>({
    id: 'pmo.fact-rules',
  });

/**
 * The seeders registered by modules, run by the plugin. Modules only see
 * {@link PmoSeeders.extensionPoint}: they add seeders, they cannot run them.
 * @internal
 */
export class PmoSeeders {
  readonly #seeders: PmoSeeder[] = [];

  extensionPoint(): PmoSeedExtensionPoint {
    return { addSeeder: seeder => this.#seeders.push(seeder) };
  }

  /** Runs every seeder, one after the other, in registration order. */
  async run(stores: PmoSeedStores, context: PmoSeedContext): Promise<void> {
    for (const seeder of this.#seeders) {
      await seeder(stores, context);
    }
  }
}
