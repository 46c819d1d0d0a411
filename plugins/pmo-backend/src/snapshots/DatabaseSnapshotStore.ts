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
  HealthThresholds,
  Snapshot,
  SnapshotProject,
  SnapshotProjectsPage,
  TrendPoint,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import type { ProjectAccessFilter } from '../database/PmoStore';
import {
  countSnapshotProjects,
  listSnapshotProjects,
  reportProjects,
} from './snapshotQueries';
import {
  rowToSnapshot,
  type RawDbSnapshotRow,
  type SnapshotFactsAdjuster,
} from './snapshotRows';
import type {
  SnapshotProjectFilter,
  SnapshotStore,
  TakeSnapshotOptions,
} from './SnapshotStore';
import { snapshotTrends } from './snapshotTrends';
import { takeSnapshotAt } from './snapshotWriter';

/**
 * Knex implementation of {@link SnapshotStore}, on PostgreSQL or SQLite.
 * The snapshot is written by snapshotWriter.ts (its rows built in
 * snapshotRows.ts) and read by snapshotQueries.ts and snapshotTrends.ts.
 * @internal
 */
export class DatabaseSnapshotStore implements SnapshotStore {
  readonly #db: Knex;
  readonly #clock: () => Date;
  readonly #thresholds: HealthThresholds;

  constructor(options: {
    /** The plugin's knex client (database/persistenceContext.ts). */
    db: Knex;
    clock: () => Date;
    thresholds: HealthThresholds;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#thresholds = options.thresholds;
  }

  async takeSnapshot(
    options: TakeSnapshotOptions,
  ): Promise<{ snapshot: Snapshot; created: boolean }> {
    return this.takeSnapshotAt({ ...options, at: this.#clock() });
  }

  /**
   * Takes a snapshot as of `at` (its period and "today"); the demo
   * back-fill (a seeder of the demo app) passes past dates and an adjuster.
   */
  async takeSnapshotAt(
    options: TakeSnapshotOptions & { at: Date; adjust?: SnapshotFactsAdjuster },
  ): Promise<{ snapshot: Snapshot; created: boolean }> {
    return takeSnapshotAt(this.#db, this.#thresholds, options);
  }

  async listSnapshots(options: { limit?: number } = {}): Promise<Snapshot[]> {
    const rows = await this.#db<RawDbSnapshotRow>('pmo_snapshots')
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit ?? 500);
    return rows.map(rowToSnapshot);
  }

  async getSnapshot(id: number | 'latest'): Promise<Snapshot | undefined> {
    const query = this.#db<RawDbSnapshotRow>('pmo_snapshots');
    if (id === 'latest') {
      query.orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    } else {
      query.where({ id });
    }
    const row = await query.first();
    return row ? rowToSnapshot(row) : undefined;
  }

  countSnapshotProjects(
    snapshotIds: number[],
    access: ProjectAccessFilter,
  ): Promise<Map<number, number>> {
    return countSnapshotProjects(this.#db, snapshotIds, access);
  }

  listSnapshotProjects(
    snapshot: Snapshot,
    filter: SnapshotProjectFilter & { limit: number; cursor?: string },
  ): Promise<Omit<SnapshotProjectsPage, 'snapshot'>> {
    return listSnapshotProjects(this.#db, snapshot, filter);
  }

  reportProjects(
    snapshotId: number,
    filter: SnapshotProjectFilter & { limit: number },
  ): Promise<{ items: SnapshotProject[]; totalItems: number }> {
    return reportProjects(this.#db, snapshotId, filter);
  }

  trends(
    filter: Omit<SnapshotProjectFilter, 'phase' | 'health'> & {
      since: string;
    },
  ): Promise<TrendPoint[]> {
    return snapshotTrends(this.#db, filter);
  }

  async pruneSnapshots(before: string): Promise<number> {
    const ids = (
      await this.#db('pmo_snapshots')
        .where('taken_at', '<', before)
        .select('id')
    ).map(r => Number(r.id));
    // One transaction per snapshot keeps locks short; project rows first so
    // that SQLite without foreign keys leaves no orphans either.
    for (const id of ids) {
      await this.#db.transaction(async trx => {
        await trx('pmo_snapshot_projects').where('snapshot_id', id).delete();
        await trx('pmo_snapshots').where('id', id).delete();
      });
    }
    return ids.length;
  }
}
