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
  ChangeWindow,
  ChangeWindowType,
  CollisionAcknowledgement,
  CreateChangeWindowRequest,
  CreateFreezeRequest,
  Freeze,
  UpdateChangeWindowRequest,
  UpdateFreezeRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectAccessFilter, Actor } from './PmoStore';

/*
 * The stores of cutover safety (#16), one per aggregate: change windows
 * (on milestones, with history), freezes (the API's; config freezes are
 * merged in by the routes) and the CAB's acknowledgements of collisions.
 */

/** Filters of a window listing; instants are ISO strings. @internal */
export interface ListWindowsOptions {
  projectKeys?: readonly string[];
  /** Windows that end after `from`. */
  from?: string;
  /** Windows that start before `to`. */
  to?: string;
  /** The caller's read filter. */
  access?: ProjectAccessFilter;
}

/** A window with the milestone it belongs to. @internal */
export type WindowWithMilestone = ChangeWindow & {
  milestoneTitle: string;
  /** The milestone's own entity, if it names one. */
  milestoneEntityRef?: string;
};

/** @internal */
export interface ChangeWindowStore {
  listWindows(options: ListWindowsOptions): Promise<WindowWithMilestone[]>;
  getWindow(id: string): Promise<ChangeWindow | undefined>;
  createWindow(
    milestoneId: string,
    input: CreateChangeWindowRequest,
    actor: Actor,
  ): Promise<ChangeWindow>;
  updateWindow(
    id: string,
    patch: UpdateChangeWindowRequest,
    actor: Actor,
  ): Promise<ChangeWindow>;
  deleteWindow(id: string, actor: Actor): Promise<void>;
}

/** @internal */
export interface FreezeStore {
  listFreezes(): Promise<Freeze[]>;
  getFreeze(id: string): Promise<Freeze | undefined>;
  createFreeze(input: CreateFreezeRequest, actor: Actor): Promise<Freeze>;
  updateFreeze(id: string, patch: UpdateFreezeRequest): Promise<Freeze>;
  deleteFreeze(id: string): Promise<void>;
}

/** A stored acknowledgement with the fingerprint it was given for. @internal */
export type StoredAcknowledgement = CollisionAcknowledgement & {
  findingId: string;
  fingerprint: string;
};

/** @internal */
export interface CollisionAckStore {
  getAcknowledgements(
    findingIds: readonly string[],
  ): Promise<Map<string, StoredAcknowledgement>>;
  acknowledge(ack: StoredAcknowledgement): Promise<void>;
}

export type { ChangeWindowType };
