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
  ChangeWindowType,
  FreezeScope,
  RadiusEntry,
} from './rules/cutover';
import type { CollisionFinding } from './rules/cutoverCollisions';

/*
 * The cutover API's resources (#16): change windows on milestones, freeze
 * periods, collisions with the CAB's acknowledgement, blast radius.
 * Times are kept as written (wall clock + IANA zone) and as UTC instants.
 */

/** A change window of a milestone. @public */
export interface ChangeWindow {
  id: string;
  milestoneId: string;
  projectKey: string;
  type: ChangeWindowType;
  /** Wall clock as written, `YYYY-MM-DDTHH:mm`. */
  start: string;
  end: string;
  timeZone: string;
  /** UTC instants (ISO) of `start` and `end`. */
  startAt: string;
  endAt: string;
  changeRecord?: string;
  changeApproved: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /milestones/{id}/windows`. @public */
export interface CreateChangeWindowRequest {
  type: ChangeWindowType;
  start: string;
  end: string;
  timeZone: string;
  changeRecord?: string;
  changeApproved?: boolean;
}

/** Body of `PATCH /windows/{id}`; `null` clears the change record. @public */
export interface UpdateChangeWindowRequest {
  type?: ChangeWindowType;
  start?: string;
  end?: string;
  timeZone?: string;
  changeRecord?: string | null;
  changeApproved?: boolean;
  version: number;
}

/** A freeze period; `source: config` ones are read-only. @public */
export interface Freeze {
  id: string;
  title: string;
  scope: FreezeScope;
  start: string;
  /** No end: an open freeze. */
  end?: string;
  timeZone: string;
  startAt: string;
  endAt?: string;
  source: 'api' | 'config';
  version: number;
}

/** Body of `POST /freezes`. @public */
export interface CreateFreezeRequest {
  title: string;
  scope: FreezeScope;
  start: string;
  end?: string;
  timeZone: string;
}

/** Body of `PATCH /freezes/{id}`. @public */
export type UpdateFreezeRequest = Partial<Omit<CreateFreezeRequest, 'end'>> & {
  end?: string | null;
  version: number;
};

/** The CAB's acknowledgement of a collision. @public */
export interface CollisionAcknowledgement {
  reason: string;
  by: string;
  at: string;
}

/**
 * A collision finding as the API returns it: acknowledged ones stay in the
 * list with their acknowledgement, until a side changes.
 * @public
 */
export type Collision = CollisionFinding & {
  acknowledgement?: CollisionAcknowledgement;
};

/** Result of `GET /projects/{key}/blast-radius`. @public */
export interface BlastRadius {
  projectKey: string;
  maxDepth: number;
  entities: Array<
    RadiusEntry & { system?: string; tier?: string; groups: string[] }
  >;
}
