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
  CreateRaidItemRequest,
  Page,
  RaidItem,
  RaidItemWithProject,
  RaidStatus,
  RaidType,
  UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { KnexStore } from './KnexStore';
import { ProjectItems } from './projectItems';
import { encodeCursor, whereAfterCursor } from './cursor';
import { raidColumns } from './itemColumns';
import { insertRaid } from './itemWrites';
import type { Actor, RaidStore, SearchRaidOptions } from './PmoStore';
import { rowToRaidItem, type RawDbRaidRow } from './rows';
import { applyAccess, applyTextSearch } from './sql';

/**
 * Knex implementation of {@link RaidStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabaseRaidStore extends KnexStore implements RaidStore {
  readonly #items = new ProjectItems(this.options, {
    kind: 'raid',
    table: 'pmo_raid_items',
    toItem: rowToRaidItem,
    insert: insertRaid,
    columns: raidColumns,
  });

  async listRaidItems(
    projectKey: string,
    filter?: { type?: RaidType[]; status?: RaidStatus[] },
  ): Promise<RaidItem[]> {
    const query = this.db<RawDbRaidRow>('pmo_raid_items')
      .where({ project_key: projectKey })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    if (filter?.type) query.whereIn('type', filter.type);
    if (filter?.status) query.whereIn('status', filter.status);
    return (await query).map(rowToRaidItem);
  }

  async searchRaidItems(
    options: SearchRaidOptions,
  ): Promise<Page<RaidItemWithProject>> {
    const base = this.db('pmo_raid_items as r').join(
      'pmo_projects as p',
      'p.key',
      'r.project_key',
    );
    if (options.type) base.whereIn('r.type', options.type);
    if (options.status) base.whereIn('r.status', options.status);
    if (options.probability) base.whereIn('r.probability', options.probability);
    if (options.impact) base.whereIn('r.impact', options.impact);
    if (options.projectKey) base.whereIn('r.project_key', options.projectKey);
    if (options.owner) base.whereIn('r.owner', options.owner);
    if (options.q) {
      applyTextSearch(this.db, base, options.q, ['r.title', 'r.description']);
    }
    if (options.access) applyAccess(base, options.access);

    const [{ count }] = await base.clone().count({ count: '*' });
    const query = base
      .clone()
      .select('r.*', 'p.title as project_title')
      .orderBy([
        { column: 'r.score', order: 'desc' },
        { column: 'r.id', order: 'asc' },
      ])
      .limit(options.limit + 1);
    if (options.cursor) {
      whereAfterCursor(
        query,
        options.cursor,
        { column: 'r.score', type: 'number', op: '<' },
        { column: 'r.id', type: 'string', op: '>' },
      );
    }
    const rows = (await query) as Array<
      RawDbRaidRow & { project_title: string }
    >;
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ project_title, ...row }) => ({
        ...rowToRaidItem(row),
        projectTitle: project_title,
      })),
      totalItems: Number(count),
      pageInfo:
        rows.length > options.limit && last
          ? { nextCursor: encodeCursor({ s: Number(last.score), t: last.id }) }
          : {},
    };
  }

  async getRaidItem(id: string): Promise<RaidItem | undefined> {
    return this.#items.get(id);
  }

  async createRaidItem(
    projectKey: string,
    input: CreateRaidItemRequest,
    actor: Actor,
  ): Promise<RaidItem> {
    return this.#items.create(projectKey, input, actor);
  }

  async updateRaidItem(
    id: string,
    patch: UpdateRaidItemRequest,
    actor: Actor,
  ): Promise<RaidItem> {
    return this.#items.update(id, patch, actor);
  }

  async deleteRaidItem(id: string, actor: Actor): Promise<void> {
    await this.#items.delete(id, actor);
  }
}
