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

import type { Knex } from 'knex';
import { writeWithHealth } from './health';
import { requireProject } from './helpers';
import { UUID_PATTERN } from './itemColumns';
import { deleteItemRow, updateItemRow, type ItemKind } from './itemWrites';
import type { Actor } from './PmoStore';
import type { RawDbMilestoneRow, RawDbRaidRow } from './rows';
import type { StoreOptions } from './storeOptions';

/**
 * What differs between milestones and RAID items in their single-item reads
 * and writes: the table, the row mapper, the insert and the column mapping.
 * @internal
 */
export interface ProjectItemSpec<TRow, TItem, TCreate, TFields> {
  kind: ItemKind;
  table: string;
  toItem(row: TRow): TItem;
  insert(
    trx: Knex.Transaction,
    clock: () => Date,
    projectKey: string,
    input: TCreate,
    actor: Actor,
  ): Promise<TRow>;
  columns(fields: TFields): Partial<RawDbMilestoneRow> | Partial<RawDbRaidRow>;
}

/**
 * Get, create, update and delete of one milestone or RAID item: the same
 * steps (each write recomputes its project's health in its transaction),
 * kept in one place so the two stores cannot drift apart.
 * @internal
 */
export class ProjectItems<
  TRow extends { project_key: string },
  TItem,
  TCreate,
  TFields,
> {
  readonly #options: StoreOptions;
  readonly #spec: ProjectItemSpec<TRow, TItem, TCreate, TFields>;

  constructor(
    options: StoreOptions,
    spec: ProjectItemSpec<TRow, TItem, TCreate, TFields>,
  ) {
    this.#options = options;
    this.#spec = spec;
  }

  async get(id: string): Promise<TItem | undefined> {
    // Not a UUID: no such row (and PostgreSQL would reject the cast).
    if (!UUID_PATTERN.test(id)) return undefined;
    const row = await this.#options.db(this.#spec.table).where({ id }).first();
    return row ? this.#spec.toItem(row as TRow) : undefined;
  }

  async create(
    projectKey: string,
    input: TCreate,
    actor: Actor,
  ): Promise<TItem> {
    const { clock } = this.#options;
    const row = await writeWithHealth(
      this.#options.db,
      this.#options,
      async trx => {
        await requireProject(trx, projectKey);
        return this.#spec.insert(trx, clock, projectKey, input, actor);
      },
    );
    return this.#spec.toItem(row);
  }

  async update(
    id: string,
    patch: TFields & { version: number },
    actor: Actor,
  ): Promise<TItem> {
    const { version, ...fields } = patch;
    const row = await writeWithHealth(this.#options.db, this.#options, trx =>
      updateItemRow(trx, this.#options.clock, {
        kind: this.#spec.kind,
        id,
        version,
        cols: this.#spec.columns(fields as unknown as TFields),
        actor,
      }),
    );
    // The row of this spec's kind, read back from its table.
    return this.#spec.toItem(row as unknown as TRow);
  }

  async delete(id: string, actor: Actor): Promise<void> {
    await writeWithHealth(this.#options.db, this.#options, trx =>
      deleteItemRow(trx, this.#options.clock, {
        kind: this.#spec.kind,
        id,
        actor,
      }),
    );
  }
}
