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
  raidScore,
  type CreateMilestoneRequest,
  type CreateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  checkVersion,
  chunks,
  concurrentConflict,
  diffSnapshots,
  unique,
  writeHistory,
} from './helpers';
import { milestoneColumns, raidColumns, UUID_PATTERN } from './itemColumns';
import type { Actor } from './PmoStore';
import {
  milestoneSnapshot,
  raidSnapshot,
  type RawDbMilestoneRow,
  type RawDbRaidRow,
} from './rows';
import { isoNow } from './storeOptions';

/*
 * Writes of milestones and RAID items (the items of a project) inside the
 * caller's transaction, shared by their stores and the bulk import. Each
 * records its history; the caller recomputes the project's health.
 */

/** A milestone or a RAID item. @internal */
export type ItemKind = 'milestone' | 'raid';

type ItemRow = RawDbMilestoneRow | RawDbRaidRow;

const ITEMS: Record<
  ItemKind,
  {
    table: 'pmo_milestones' | 'pmo_raid_items';
    label: string;
    snapshot: (row: ItemRow) => Record<string, unknown>;
  }
> = {
  milestone: {
    table: 'pmo_milestones',
    label: 'Milestone',
    snapshot: row => milestoneSnapshot(row as RawDbMilestoneRow),
  },
  raid: {
    table: 'pmo_raid_items',
    label: 'RAID item',
    snapshot: row => raidSnapshot(row as RawDbRaidRow),
  },
};

async function readItem(
  trx: Knex.Transaction,
  kind: ItemKind,
  id: string,
): Promise<ItemRow | undefined> {
  return UUID_PATTERN.test(id)
    ? await trx<ItemRow>(ITEMS[kind].table).where({ id }).first()
    : undefined;
}

/** Inserts a new item row and its `create` history row. */
async function insertItem<TRow extends ItemRow>(
  trx: Knex.Transaction,
  now: string,
  kind: ItemKind,
  row: TRow,
  actor: Actor,
): Promise<TRow> {
  await trx(ITEMS[kind].table).insert(row);
  await writeHistory(trx, now, {
    projectKey: row.project_key,
    objectType: kind,
    objectId: row.id,
    action: 'create',
    actor,
    changes: diffSnapshots({}, ITEMS[kind].snapshot(row)),
  });
  return row;
}

/** Inserts a milestone with its history. @internal */
export async function insertMilestone(
  trx: Knex.Transaction,
  clock: () => Date,
  projectKey: string,
  input: CreateMilestoneRequest,
  actor: Actor,
  id: string = randomUUID(),
): Promise<RawDbMilestoneRow> {
  const now = isoNow(clock);
  const cols = milestoneColumns(input);
  const row = {
    id,
    project_key: projectKey,
    title: input.title,
    baseline_date: null,
    forecast_date: null,
    actual_date: null,
    status: 'planned',
    gate: false,
    change_record: null,
    entity_ref: null,
    ...cols,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  return insertItem(trx, now, 'milestone', row, actor);
}

/** Inserts a RAID item, scored, with its history. @internal */
export async function insertRaid(
  trx: Knex.Transaction,
  clock: () => Date,
  projectKey: string,
  input: CreateRaidItemRequest,
  actor: Actor,
  id: string = randomUUID(),
): Promise<RawDbRaidRow> {
  const now = isoNow(clock);
  const cols = raidColumns(input);
  const probability = cols.probability ?? 1;
  const impact = cols.impact ?? 1;
  const row = {
    id,
    project_key: projectKey,
    type: input.type,
    title: input.title,
    description: null,
    owner: null,
    action: null,
    due_date: null,
    status: 'open',
    entity_ref: null,
    ...cols,
    probability,
    impact,
    score: raidScore(probability, impact),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  return insertItem(trx, now, 'raid', row, actor);
}

/**
 * Optimistic update of a milestone or RAID item (as for projects), with
 * the RAID score kept in step with probability and impact.
 * @internal
 */
export async function updateItemRow(
  trx: Knex.Transaction,
  clock: () => Date,
  update: {
    kind: ItemKind;
    id: string;
    version: number;
    cols: Partial<RawDbMilestoneRow> | Partial<RawDbRaidRow>;
    actor: Actor;
  },
): Promise<ItemRow> {
  const { kind, id, version, actor } = update;
  const { table, snapshot } = ITEMS[kind];
  const label = `${ITEMS[kind].label} '${id}'`;
  const before = await readItem(trx, kind, id);
  if (!before) {
    throw new NotFoundError(`${label} not found`);
  }
  checkVersion(label, Number(before.version), version);
  const cols: Record<string, unknown> = { ...update.cols };
  if (kind === 'raid' && ('probability' in cols || 'impact' in cols)) {
    const raid = before as RawDbRaidRow;
    cols.score = raidScore(
      (cols.probability as number | undefined) ?? raid.probability,
      (cols.impact as number | undefined) ?? raid.impact,
    );
  }
  const updated = await trx(table)
    .where({ id, version })
    .update({ ...cols, version: version + 1, updated_at: isoNow(clock) });
  if (updated !== 1) {
    throw concurrentConflict(label, version);
  }
  const after = (await trx<ItemRow>(table).where({ id }).first())!;
  const changes = diffSnapshots(snapshot(before), snapshot(after));
  if (Object.keys(changes).length > 0) {
    await writeHistory(trx, isoNow(clock), {
      projectKey: after.project_key,
      objectType: kind,
      objectId: id,
      action: 'update',
      actor,
      changes,
    });
  }
  return after;
}

/** Deletes a milestone or RAID item with its history; returns the row. @internal */
export async function deleteItemRow(
  trx: Knex.Transaction,
  clock: () => Date,
  remove: { kind: ItemKind; id: string; actor: Actor },
): Promise<ItemRow> {
  const { kind, id, actor } = remove;
  const { table, snapshot } = ITEMS[kind];
  const before = await readItem(trx, kind, id);
  const deleted = before ? await trx(table).where({ id }).delete() : 0;
  if (!before || deleted !== 1) {
    throw new NotFoundError(`${ITEMS[kind].label} '${id}' not found`);
  }
  await writeHistory(trx, isoNow(clock), {
    projectKey: before.project_key,
    objectType: kind,
    objectId: id,
    action: 'delete',
    actor,
    changes: diffSnapshots(snapshot(before), {}),
  });
  return before;
}

/**
 * Rows of `table` by id, in chunks; ids that are not UUIDs are left out.
 * @internal
 */
export async function loadByIds<T extends { id: string }>(
  db: Knex,
  table: 'pmo_milestones' | 'pmo_raid_items',
  ids: Array<string | undefined>,
): Promise<Map<string, T>> {
  const wanted = unique(
    ids.filter(
      (id): id is string => typeof id === 'string' && UUID_PATTERN.test(id),
    ),
  );
  const map = new Map<string, T>();
  for (const chunk of chunks(wanted)) {
    for (const row of await db<T>(table).whereIn('id', chunk)) {
      map.set((row as T).id, row as T);
    }
  }
  return map;
}
