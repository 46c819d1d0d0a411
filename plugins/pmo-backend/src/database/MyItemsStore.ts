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
  MyAction,
  MyItemsList,
  MyMilestone,
  MyProject,
  ServiceTier,
  SignOffRole,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectAccessFilter } from './PmoStore';

/** Options of {@link MyItemsStore.getMyItems}. @internal */
export interface MyItemsOptions {
  /**
   * The user's entity ref and ownership refs (groups). Compared
   * case-insensitively with the stored owners.
   */
  refs: string[];
  /** The conditional `pmo.project.read` filter, applied in SQL. */
  access?: ProjectAccessFilter;
  /** Items per list; each list also reports its total count. */
  limit: number;
}

/** Projects, actions and milestones of {@link MyItemsStore.getMyItems}. @internal */
export interface MyItems {
  projects: MyItemsList<MyProject>;
  actions: MyItemsList<MyAction>;
  milestones: MyItemsList<MyMilestone>;
}

/**
 * A transition in `ready_for_review` that still misses a sign-off. Who
 * holds the roles is decided by the caller, which needs the catalog entity
 * for the run owner (`pmo/run-owner`, else the entity owner).
 * @internal
 */
export interface SignOffCandidate {
  entityRef: string;
  projectKey?: string;
  /** Owner of the linked project: the delivery owner when present. */
  projectOwner?: string;
  tier: ServiceTier;
  targetDate?: string;
  /** Roles without a sign-off yet. */
  unsignedRoles: SignOffRole[];
}

/**
 * Read-only queries of the "My PMO items" home widget, in a bounded number
 * of set-based queries whatever the number of projects.
 * @internal
 */
export interface MyItemsStore {
  getMyItems(options: MyItemsOptions): Promise<MyItems>;
  /**
   * Transitions ready for review with at least one role unsigned, by target
   * date (undated last) then entity ref; at most `limit`, `truncated` when
   * there were more.
   */
  listSignOffCandidates(options: {
    limit: number;
  }): Promise<{ items: SignOffCandidate[]; truncated: boolean }>;
}
