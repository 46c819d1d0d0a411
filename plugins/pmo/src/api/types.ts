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
  EntityLink,
  EntitySummary,
  Milestone,
  Portfolio,
  RaidItem,
  RaidStatus,
  RaidType,
  SignOff,
  TransitionBrief,
  TransitionState,
  TransitionView,
  UpdateProjectRequest,
} from '@infra-pmo/plugin-pmo-common';

/*
 * Structural types of the routes the backend is adding alongside this
 * plugin version. They mirror the contract agreed for
 * `@infra-pmo/plugin-pmo-common`; every new field is optional so that the
 * UI degrades gracefully against an older backend.
 */

/** Query of the cross-project `GET /raid`. @public */
export interface SearchRaidQuery {
  type?: RaidType[];
  status?: RaidStatus[];
  /** 1-5; several values are sent comma-separated. */
  probability?: number | number[];
  /** 1-5; several values are sent comma-separated. */
  impact?: number | number[];
  projectKey?: string | string[];
  /** Owner group ref(s). */
  owner?: string | string[];
  q?: string;
  limit?: number;
  cursor?: string;
}

/** A RAID item of the cross-project list. @public */
export type RaidItemWithProject = RaidItem & { projectTitle?: string };

/** Query of the cross-project `GET /milestones`. @public */
export interface SearchMilestonesQuery {
  projectKey?: string | string[];
  /** ISO date, inclusive. */
  from?: string;
  /** ISO date, inclusive. */
  to?: string;
  overdue?: boolean;
  slipping?: boolean;
  limit?: number;
  cursor?: string;
}

/** A milestone of the cross-project list. @public */
export type MilestoneWithProject = Milestone & {
  projectTitle?: string;
  slipDays?: number;
};

/**
 * Body of `PATCH /projects/{key}`: optional fields may be cleared with
 * `null`.
 * @public
 */
export type ProjectPatch = Omit<
  UpdateProjectRequest,
  'description' | 'sponsor' | 'startDate' | 'targetDate' | 'budget'
> & {
  description?: string | null;
  sponsor?: string | null;
  startDate?: string | null;
  targetDate?: string | null;
  budget?: UpdateProjectRequest['budget'] | null;
};

/** Transition of an entity as the summary carries it. @public */
export type SummaryTransition = Pick<
  TransitionBrief,
  'state' | 'readinessPercent'
> &
  Partial<Pick<TransitionBrief, 'tier' | 'mismatch'>>;

/** {@link @infra-pmo/plugin-pmo-common#EntitySummary} with its transition. @public */
export type EntitySummaryWithTransition = EntitySummary & {
  transition?: SummaryTransition;
};

/** A lifecycle/transition contradiction in the portfolio. @public */
export interface TransitionMismatch {
  entityRef: string;
  state: TransitionState | 'none';
  lifecycle?: string;
  reason: string;
}

/** Transition roll-up of the portfolio. @public */
export interface PortfolioTransitions {
  byState: Partial<Record<TransitionState, number>>;
  mismatches: TransitionMismatch[];
}

/** {@link @infra-pmo/plugin-pmo-common#Portfolio} with its transition roll-up. @public */
export type PortfolioWithTransitions = Portfolio & {
  transitions?: PortfolioTransitions;
};

/**
 * Response of the checklist item PATCH: the view plus the sign-offs the
 * change revoked (a changed item invalidates earlier sign-offs).
 * @public
 */
export type TransitionItemUpdateResult = TransitionView & {
  revokedSignOffs?: SignOff[];
};

/** Response of `GET /projects/{key}/entities`. @public */
export type ProjectEntityLink = Pick<EntityLink, 'entityRef' | 'source'> &
  Partial<EntityLink>;
