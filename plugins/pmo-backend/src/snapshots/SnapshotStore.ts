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
  Health,
  ProjectPhase,
  Snapshot,
  SnapshotKind,
  SnapshotProject,
  SnapshotProjectsPage,
  TrendPoint,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectAccessFilter } from '../database/PmoStore';

/** Filters of the as-of view, the trends and the status report. @internal */
export interface SnapshotProjectFilter {
  owner?: string[];
  phase?: ProjectPhase[];
  health?: Health[];
  /** Only these projects (one project, or the members of a System). */
  projectKeys?: string[];
  /** Applied to the project as it was in the snapshot. */
  access?: ProjectAccessFilter;
}

/** @internal */
export interface TakeSnapshotOptions {
  kind: SnapshotKind;
  /** Recorded as `takenBy`. */
  actor: string;
}

/**
 * Immutable snapshots. There is deliberately no update: a snapshot is
 * written once, in one transaction, and only the retention task deletes
 * whole snapshots.
 * @internal
 */
export interface SnapshotStore {
  /**
   * Takes a snapshot of every project. A scheduled (or demo) snapshot is
   * taken at most once per ISO week: when the week already has one, that
   * one is returned with `created: false`.
   */
  takeSnapshot(
    options: TakeSnapshotOptions,
  ): Promise<{ snapshot: Snapshot; created: boolean }>;
  /** Newest first. */
  listSnapshots(options?: { limit?: number }): Promise<Snapshot[]>;
  /** By id, or the newest one for 'latest'. */
  getSnapshot(id: number | 'latest'): Promise<Snapshot | undefined>;
  /** Rows per snapshot that the read filter lets through. */
  countSnapshotProjects(
    snapshotIds: number[],
    access: ProjectAccessFilter,
  ): Promise<Map<number, number>>;
  /** A page of the snapshot's projects, by key, with the matching counts. */
  listSnapshotProjects(
    snapshot: Snapshot,
    filter: SnapshotProjectFilter & { limit: number; cursor?: string },
  ): Promise<Omit<SnapshotProjectsPage, 'snapshot'>>;
  /** Every matching project, worst health first, at most `limit`. */
  reportProjects(
    snapshotId: number,
    filter: SnapshotProjectFilter & { limit: number },
  ): Promise<{ items: SnapshotProject[]; totalItems: number }>;
  /**
   * One point per ISO week (the scheduled snapshot, else the newest of the
   * week) of the snapshots taken since `since`, oldest first.
   */
  trends(
    filter: Omit<SnapshotProjectFilter, 'phase' | 'health'> & {
      since: string;
    },
  ): Promise<TrendPoint[]>;
  /** Deletes the snapshots taken before `before` (ISO timestamp). */
  pruneSnapshots(before: string): Promise<number>;
}
