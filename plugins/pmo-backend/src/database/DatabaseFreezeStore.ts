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
  type CreateFreezeRequest,
  type Freeze,
  type FreezeScope,
  type UpdateFreezeRequest,
} from '@infra-pmo/plugin-pmo-common';
import { randomUUID } from 'node:crypto';
import type {
  CollisionAckStore,
  FreezeStore,
  StoredAcknowledgement,
} from './CutoverStore';
import { checkVersion, concurrentConflict, chunks } from './helpers';
import { UUID_PATTERN } from './itemColumns';
import { KnexStore } from './KnexStore';
import type { Actor } from './PmoStore';
import { isoNow } from './storeOptions';

/** A row of `pmo_freezes`. */
interface RawDbFreezeRow {
  id: string;
  title: string;
  scope_kind: string;
  scope_value: string | null;
  local_start: string;
  local_end: string | null;
  time_zone: string;
  start_at: string;
  end_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The scope as stored: kind plus the ref or tier (none for `all`). */
function scopeOf(row: RawDbFreezeRow): FreezeScope {
  switch (row.scope_kind) {
    case 'system':
    case 'group':
      return { kind: row.scope_kind, ref: row.scope_value ?? '' };
    case 'tier':
      return { kind: 'tier', tier: row.scope_value ?? '' };
    default:
      return { kind: 'all' };
  }
}

function scopeColumns(scope: FreezeScope) {
  let value: string | null = null;
  if (scope.kind === 'tier') value = scope.tier;
  else if (scope.kind !== 'all') value = scope.ref;
  return { scope_kind: scope.kind, scope_value: value };
}

function rowToFreeze(row: RawDbFreezeRow): Freeze {
  return {
    id: row.id,
    title: row.title,
    scope: scopeOf(row),
    start: row.local_start,
    ...(row.local_end ? { end: row.local_end } : {}),
    timeZone: row.time_zone,
    startAt: row.start_at,
    ...(row.end_at ? { endAt: row.end_at } : {}),
    source: 'api',
    version: row.version,
  };
}

function instants(start: string, end: string | undefined, timeZone: string) {
  const interval = zonedIntervalOf({ start, end, timeZone });
  return {
    start_at: new Date(interval.start).toISOString(),
    end_at:
      interval.end === undefined ? null : new Date(interval.end).toISOString(),
  };
}

/**
 * Knex implementation of {@link FreezeStore}: the freezes written through
 * the API (config freezes never reach the database).
 * @internal
 */
export class DatabaseFreezeStore extends KnexStore implements FreezeStore {
  async listFreezes(): Promise<Freeze[]> {
    const rows = await this.db<RawDbFreezeRow>('pmo_freezes').orderBy([
      { column: 'start_at' },
      { column: 'id' },
    ]);
    return rows.map(rowToFreeze);
  }

  async getFreeze(id: string): Promise<Freeze | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const row = await this.db<RawDbFreezeRow>('pmo_freezes')
      .where({ id })
      .first();
    return row && rowToFreeze(row);
  }

  async createFreeze(
    input: CreateFreezeRequest,
    actor: Actor,
  ): Promise<Freeze> {
    const now = isoNow(this.options.clock);
    const row: RawDbFreezeRow = {
      id: randomUUID(),
      title: input.title,
      ...scopeColumns(input.scope),
      local_start: input.start,
      local_end: input.end ?? null,
      time_zone: input.timeZone,
      ...instants(input.start, input.end, input.timeZone),
      version: 1,
      created_by: actor.ref,
      created_at: now,
      updated_at: now,
    };
    await this.db('pmo_freezes').insert(row);
    return rowToFreeze(row);
  }

  async updateFreeze(id: string, patch: UpdateFreezeRequest): Promise<Freeze> {
    return this.db.transaction(async trx => {
      const current = UUID_PATTERN.test(id)
        ? await trx<RawDbFreezeRow>('pmo_freezes').where({ id }).first()
        : undefined;
      if (!current) throw new NotFoundError(`Freeze ${id} not found`);
      checkVersion(`Freeze ${id}`, current.version, patch.version);
      const start = patch.start ?? current.local_start;
      const end =
        patch.end === null
          ? undefined
          : patch.end ?? current.local_end ?? undefined;
      const timeZone = patch.timeZone ?? current.time_zone;
      const next: RawDbFreezeRow = {
        ...current,
        title: patch.title ?? current.title,
        ...(patch.scope ? scopeColumns(patch.scope) : {}),
        local_start: start,
        local_end: end ?? null,
        time_zone: timeZone,
        ...instants(start, end, timeZone),
        version: current.version + 1,
        updated_at: isoNow(this.options.clock),
      };
      const { id: _id, created_at: _c, ...changes } = next;
      const updated = await trx('pmo_freezes')
        .where({ id, version: patch.version })
        .update(changes);
      if (updated === 0)
        throw concurrentConflict(`Freeze ${id}`, patch.version);
      return rowToFreeze(next);
    });
  }

  async deleteFreeze(id: string): Promise<void> {
    const deleted = UUID_PATTERN.test(id)
      ? await this.db('pmo_freezes').where({ id }).delete()
      : 0;
    if (!deleted) throw new NotFoundError(`Freeze ${id} not found`);
  }
}

/**
 * Knex implementation of {@link CollisionAckStore}. One row per finding:
 * acknowledging again (after a side changed) replaces the decision.
 * @internal
 */
export class DatabaseCollisionAckStore
  extends KnexStore
  implements CollisionAckStore
{
  async getAcknowledgements(
    findingIds: readonly string[],
  ): Promise<Map<string, StoredAcknowledgement>> {
    const result = new Map<string, StoredAcknowledgement>();
    for (const chunk of chunks([...new Set(findingIds)])) {
      const rows = await this.db('pmo_collision_acks').whereIn(
        'finding_id',
        chunk,
      );
      for (const row of rows) {
        result.set(row.finding_id, {
          findingId: row.finding_id,
          reason: row.reason,
          by: row.acknowledged_by,
          at: row.acknowledged_at,
          fingerprint: row.fingerprint,
        });
      }
    }
    return result;
  }

  async acknowledge(ack: StoredAcknowledgement): Promise<void> {
    await this.db('pmo_collision_acks')
      .insert({
        finding_id: ack.findingId,
        reason: ack.reason,
        acknowledged_by: ack.by,
        acknowledged_at: ack.at,
        fingerprint: ack.fingerprint,
      })
      .onConflict('finding_id')
      .merge();
  }
}
