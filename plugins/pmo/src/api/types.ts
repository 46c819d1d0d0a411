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
  ListMilestonesQuery,
  ListRaidQuery as CrossProjectRaidQuery,
  Portfolio,
  SignOff,
  TransitionBrief,
  TransitionView,
  UpdateProjectRequest,
} from '@infra-pmo/plugin-pmo-common';

/*
 * Names used by this plugin's API for wire types of
 * `@infra-pmo/plugin-pmo-common`. They started as local structural types
 * while the backend routes were being added and are now aliases, kept so
 * that callers of the plugin's API need not change.
 */

/** Query of the cross-project `GET /raid`. @public */
export type SearchRaidQuery = CrossProjectRaidQuery;

/** Query of the cross-project `GET /milestones`. @public */
export type SearchMilestonesQuery = ListMilestonesQuery;

/** Body of `PATCH /projects/{key}`; `null` clears optional fields. @public */
export type ProjectPatch = UpdateProjectRequest;

/** Transition of an entity as the summary carries it. @public */
export type SummaryTransition = TransitionBrief;

/** An entity summary, including its run transition. @public */
export type EntitySummaryWithTransition = EntitySummary;

/** The portfolio roll-up, including run transitions. @public */
export type PortfolioWithTransitions = Portfolio;

/**
 * Response of the checklist item PATCH: the view plus the sign-offs the
 * change revoked (a changed item invalidates earlier sign-offs).
 * @public
 */
export type TransitionItemUpdateResult = TransitionView & {
  revokedSignOffs?: SignOff[];
};

/** One link of `GET /projects/{key}/entities`. @public */
export type ProjectEntityLink = Pick<EntityLink, 'entityRef' | 'source'> &
  Partial<EntityLink>;
