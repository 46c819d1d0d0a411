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

import { NotFoundError } from '@backstage/errors';
import {
  zonedIntervalOf,
  type ChangeWindow,
  type ChangeWindowType,
  type CreateChangeWindowRequest,
  type UpdateChangeWindowRequest,
} from '@infra-pmo/plugin-pmo-common';
import { randomUUID } from 'node:crypto';
import type {
  ChangeWindowStore,
  ListWindowsOptions,
  WindowWithMilestone,
} from './CutoverStore';
import {
  checkVersion,
  concurrentConflict,
  diffSnapshots,
  writeHistory,
} from './helpers';
import { UUID_PATTERN } from './itemColumns';
import { KnexStore } from './KnexStore';
import type { Actor } from './PmoStore';
import { applyAccess, whereInChunked } from './sql';
import { isoNow } from './storeOptions';

/** A row of `pmo_change_windows`. @internal */
export interface RawDbWindowRow {
  id: string;
  milestone_id: string;
  project_key: string;
  type: string;
  local_start: string;
  local_end: string;
  time_zone: string;
  start_at: string;
  end_at: string;
  change_record: string | null;
  change_approved: boolean | number;
  version: number;
  created_at: string;
  updated_at: string;
}

function rowToWindow(row: RawDbWindowRow): ChangeWindow {
  return {
    id: row.id,
    milestoneId: row.milestone_id,
    projectKey: row.project_key,
    type: row.type as ChangeWindowType,
    start: row.local_start,
    end: row.local_end,
    timeZone: row.time_zone,
    startAt: row.start_at,
    endAt: row.end_at,
    ...(row.change_record ? { changeRecord: row.change_record } : {}),
    changeApproved: Boolean(row.change_approved),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The fields history records of a window. */
function snapshot(row: RawDbWindowRow): Record<string, unknown> {
  return {
    milestoneId: row.milestone_id,
    type: row.type,
    start: row.local_start,
    end: row.local_end,
    timeZone: row.time_zone,
    changeRecord: row.change_record,
    changeApproved: Boolean(row.change_approved),
  };
}

/** The UTC instants (ISO) of a window as written; validated by the route. */
function instants(start: string, end: string, timeZone: string) {
  const interval = zonedIntervalOf({ start, end, timeZone });
  return {
    start_at: new Date(interval.start).toISOString(),
    end_at: new Date(interval.end!).toISOString(),
  };
}

/**
 * Knex implementation of {@link ChangeWindowStore}: each write in a
 * transaction with its history row (object type `window`).
 * @internal
 */
export class DatabaseChangeWindowStore
  extends KnexStore
  implements ChangeWindowStore
{
  async listWindows(
    options: ListWindowsOptions,
  ): Promise<WindowWithMilestone[]> {
    const query = this.db('pmo_change_windows as w')
      .join('pmo_milestones as m', 'm.id', 'w.milestone_id')
      .join('pmo_projects as p', 'p.key', 'w.project_key')
      .select<
        Array<RawDbWindowRow & { m_title: string; m_entity: string | null }>
      >('w.*', 'm.title as m_title', 'm.entity_ref as m_entity')
      .orderBy([{ column: 'w.start_at' }, { column: 'w.id' }]);
    if (options.projectKeys) {
      whereInChunked(query, 'w.project_key', options.projectKeys);
    }
    // Half-open intervals: a window ending at `from` is not in the range.
    if (options.from) query.where('w.end_at', '>', options.from);
    if (options.to) query.where('w.start_at', '<', options.to);
    if (options.access) applyAccess(query, options.access);
    const rows = await query;
    return rows.map(row => ({
      ...rowToWindow(row),
      milestoneTitle: row.m_title,
      ...(row.m_entity ? { milestoneEntityRef: row.m_entity } : {}),
    }));
  }

  async getWindow(id: string): Promise<ChangeWindow | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const row = await this.db<RawDbWindowRow>('pmo_change_windows')
      .where({ id })
      .first();
    return row && rowToWindow(row);
  }

  async createWindow(
    milestoneId: string,
    input: CreateChangeWindowRequest,
    actor: Actor,
  ): Promise<ChangeWindow> {
    return this.db.transaction(async trx => {
      const milestone = UUID_PATTERN.test(milestoneId)
        ? await trx('pmo_milestones')
            .where({ id: milestoneId })
            .first('project_key')
        : undefined;
      if (!milestone) {
        throw new NotFoundError(`Milestone ${milestoneId} not found`);
      }
      const now = isoNow(this.options.clock);
      const row: RawDbWindowRow = {
        id: randomUUID(),
        milestone_id: milestoneId,
        project_key: milestone.project_key,
        type: input.type,
        local_start: input.start,
        local_end: input.end,
        time_zone: input.timeZone,
        ...instants(input.start, input.end, input.timeZone),
        change_record: input.changeRecord ?? null,
        change_approved: input.changeApproved ?? false,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await trx('pmo_change_windows').insert(row);
      await writeHistory(trx, now, {
        projectKey: row.project_key,
        objectType: 'window',
        objectId: row.id,
        action: 'create',
        actor,
        changes: diffSnapshots({}, snapshot(row)),
      });
      return rowToWindow(row);
    });
  }

  async updateWindow(
    id: string,
    patch: UpdateChangeWindowRequest,
    actor: Actor,
  ): Promise<ChangeWindow> {
    return this.db.transaction(async trx => {
      const current = await this.#read(trx, id);
      checkVersion(`Change window ${id}`, current.version, patch.version);
      const now = isoNow(this.options.clock);
      const start = patch.start ?? current.local_start;
      const end = patch.end ?? current.local_end;
      const timeZone = patch.timeZone ?? current.time_zone;
      const next: RawDbWindowRow = {
        ...current,
        type: patch.type ?? current.type,
        local_start: start,
        local_end: end,
        time_zone: timeZone,
        ...instants(start, end, timeZone),
        change_record:
          patch.changeRecord === undefined
            ? current.change_record
            : patch.changeRecord,
        change_approved:
          patch.changeApproved ?? Boolean(current.change_approved),
        version: current.version + 1,
        updated_at: now,
      };
      const { id: _id, created_at: _c, ...changes } = next;
      const updated = await trx('pmo_change_windows')
        .where({ id, version: patch.version })
        .update(changes);
      if (updated === 0) {
        throw concurrentConflict(`Change window ${id}`, patch.version);
      }
      await writeHistory(trx, now, {
        projectKey: current.project_key,
        objectType: 'window',
        objectId: id,
        action: 'update',
        actor,
        changes: diffSnapshots(snapshot(current), snapshot(next)),
      });
      return rowToWindow(next);
    });
  }

  async deleteWindow(id: string, actor: Actor): Promise<void> {
    await this.db.transaction(async trx => {
      const current = await this.#read(trx, id);
      await trx('pmo_change_windows').where({ id }).delete();
      await writeHistory(trx, isoNow(this.options.clock), {
        projectKey: current.project_key,
        objectType: 'window',
        objectId: id,
        action: 'delete',
        actor,
        changes: diffSnapshots(snapshot(current), {}),
      });
    });
  }

  async #read(trx: typeof this.db, id: string): Promise<RawDbWindowRow> {
    const row = UUID_PATTERN.test(id)
      ? await trx<RawDbWindowRow>('pmo_change_windows').where({ id }).first()
      : undefined;
    if (!row) throw new NotFoundError(`Change window ${id} not found`);
    return row;
  }
}
