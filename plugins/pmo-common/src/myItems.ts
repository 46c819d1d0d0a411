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

import type { MilestoneBrief } from './api';
import type { SignOffRole, ServiceTier } from './rules/transitionModel';
import type { TransitionBrief } from './rules/transitionApi';
import type {
  Health,
  MilestoneStatus,
  ProjectPhase,
  RaidStatus,
  RaidType,
} from './types';

/**
 * Wire contract of `GET /me/items`: what needs the signed-in user, through
 * their own entity ref and the groups they belong to (ownership refs).
 */

/** Days ahead within which an open milestone counts as "due soon". @public */
export const MY_ITEMS_DUE_SOON_DAYS = 14;

/** Default and maximum number of items in each list of `GET /me/items`. @public */
export const MY_ITEMS_DEFAULT_LIMIT = 20;
/** @public */
export const MY_ITEMS_MAX_LIMIT = 100;

/** The first items of a list and how many there are in all. @public */
export interface MyItemsList<T> {
  items: T[];
  totalItems: number;
}

/** A project owned by the user or one of their groups. @public */
export interface MyProject {
  key: string;
  title: string;
  phase: ProjectPhase;
  owner: string;
  /** Worse of declared and computed health. */
  health: Health;
  declaredHealth?: Health;
  computedHealth: Health;
  /** True when declared green but computed red ("watermelon"). */
  watermelon: boolean;
  targetDate?: string;
  nextMilestone?: MilestoneBrief;
}

/** A gate milestone waiting for a decision by one of the user's refs. @public */
export interface MyGate {
  milestoneId: string;
  projectKey: string;
  projectTitle: string;
  title: string;
  approvers: string[];
  /** Forecast, else baseline date of the gate. */
  dueDate?: string;
}

/** An open RAID item (action) owned by the user or one of their groups. @public */
export interface MyAction {
  id: string;
  projectKey: string;
  projectTitle: string;
  type: RaidType;
  title: string;
  /** The RAID item's owner, one of the user's refs. */
  owner: string;
  status: RaidStatus;
  score: number;
  action?: string;
  dueDate?: string;
  /** Open with a due date before today. */
  overdue: boolean;
}

/**
 * An open milestone of one of the user's projects, overdue or due within
 * {@link MY_ITEMS_DUE_SOON_DAYS} days.
 * @public
 */
export interface MyMilestone {
  id: string;
  projectKey: string;
  projectTitle: string;
  title: string;
  gate: boolean;
  status: MilestoneStatus;
  /** Forecast, else baseline. */
  date: string;
  /** Days from today to `date`; negative when overdue. */
  daysToGo: number;
  overdue: boolean;
}

/**
 * A run-transition sign-off the user can give: the transition is ready for
 * review, the role is not signed yet, and the role's owner (delivery: the
 * project owner, else the entity owner; run: `pmo/run-owner`, else the
 * entity owner) is the user or one of their groups.
 * @public
 */
export interface MySignOff {
  entityRef: string;
  role: SignOffRole;
  /** The group (or user) that holds the role. */
  owner: string;
  projectKey?: string;
  tier: ServiceTier;
  readinessPercent: number;
  targetDate?: string;
}

/** Response of `GET /me/items`. @public */
export interface MyPmoItems {
  userEntityRef: string;
  /** The refs the lists were matched against (user and groups). */
  ownershipEntityRefs: string[];
  projects: MyItemsList<MyProject>;
  actions: MyItemsList<MyAction>;
  milestones: MyItemsList<MyMilestone>;
  /** Gates waiting for the user's decision (absent from older backends). */
  gates?: MyItemsList<MyGate>;
  /**
   * Empty when the caller may not read transitions or give sign-offs
   * (`pmo.transition.read`, `pmo.transition.signoff`).
   */
  signOffs: MyItemsList<MySignOff>;
}

/** Query of `GET /me/items`. @public */
export interface MyPmoItemsQuery {
  /** Items per list, 1..{@link MY_ITEMS_MAX_LIMIT}; default 20. */
  limit?: number;
}

/** A service owned by a group, with its run transition if one started. @public */
export interface GroupService {
  entityRef: string;
  transition?: TransitionBrief;
}

/**
 * Wire contract of `GET /groups/{namespace}/{name}/overview`: the PMO work
 * of a group and of its child groups (rolled up through `parentOf`), in
 * the lists of `GET /me/items` plus the services the groups own with
 * their run transitions.
 * @public
 */
export interface GroupPmoOverview {
  groupRef: string;
  /** The group and its descendants the lists were matched against. */
  groupRefs: string[];
  projects: MyItemsList<MyProject>;
  actions: MyItemsList<MyAction>;
  milestones: MyItemsList<MyMilestone>;
  signOffs: MyItemsList<MySignOff>;
  services: MyItemsList<GroupService>;
}
