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
  ReminderKind,
  ReminderMilestone,
  ReminderProject,
  ReminderRaidItem,
  ReminderThresholds,
  ReminderTransition,
  ReminderTransitionItem,
} from '@infra-pmo/plugin-pmo-common';

/** A project with its owner (normalized entity ref). @internal */
export type ReminderProjectFacts = ReminderProject & { owner: string };

/** @internal */
export type ReminderMilestoneFacts = ReminderMilestone & { projectKey: string };

/** @internal */
export type ReminderRaidFacts = ReminderRaidItem & {
  projectKey: string;
  /** Free text or an entity ref. */
  owner?: string;
};

/** A transition with the owner of its delivering project, if any. @internal */
export type ReminderTransitionFacts = ReminderTransition & {
  projectOwner?: string;
};

/** @internal */
export type ReminderItemFacts = ReminderTransitionItem & { entityRef: string };

/**
 * The candidate facts of one run. The queries pre-filter with the date
 * comparisons a database can do on ISO text; the pure rules of pmo-common
 * decide. Projects are all the open ones (their owners and titles are
 * needed, and staleness is decided per project).
 * @internal
 */
export interface ReminderFacts {
  projects: ReminderProjectFacts[];
  milestones: ReminderMilestoneFacts[];
  raid: ReminderRaidFacts[];
  /** Transitions in hypercare, or with candidate checklist items. */
  transitions: ReminderTransitionFacts[];
  items: ReminderItemFacts[];
}

/** A row of `pmo_reminders_sent`. @internal */
export interface SentReminder {
  findingId: string;
  kind: ReminderKind;
  fingerprint: string;
  /** Sorted comma-separated entity refs. */
  recipient: string;
  firstSentAt: string;
  lastSentAt: string;
}

/** A finding to notify, and what was notified of it before. @internal */
export interface ReminderClaim {
  findingId: string;
  kind: ReminderKind;
  fingerprint: string;
  recipient: string;
  /** The row read at the start of the run; absent for a new finding. */
  previous?: Pick<SentReminder, 'fingerprint' | 'recipient'>;
}

/**
 * Persistence of the reminder run: set-based reads of the facts and the
 * dedupe table `pmo_reminders_sent`, where a claim is atomic so that two
 * concurrent runs never both notify the same finding and fingerprint.
 * @internal
 */
export interface ReminderStore {
  /** A few set-based queries, whatever the number of projects. */
  loadFacts(
    today: string,
    thresholds: ReminderThresholds,
  ): Promise<ReminderFacts>;
  listSent(): Promise<SentReminder[]>;
  /**
   * Records the claims that nobody else recorded since `previous` was read
   * (an insert for a new finding, a compare-and-set update for a changed
   * one) and returns the ids claimed by this call. Only those may be sent.
   */
  claim(claims: ReminderClaim[]): Promise<Set<string>>;
  /** Undoes a claim whose notification failed, so that the next run retries. */
  release(
    claims: Array<Pick<ReminderClaim, 'findingId' | 'fingerprint'>>,
  ): Promise<void>;
  /** Forgets findings that are gone; returns how many rows were deleted. */
  forget(findingIds: string[]): Promise<number>;
}
