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

import type { HistoryEntry, Page } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { encodeCursor, whereAfterCursor } from './cursor';
import type { HistoryStore } from './PmoStore';
import {
  rowToHistory,
  type RawDbHistoryRow,
  type RawDbProjectRow,
} from './rows';

/**
 * Knex implementation of {@link HistoryStore}: reads the `pmo_history` rows
 * that every write of the other stores appends (helpers.ts writeHistory).
 * @internal
 */
export class DatabaseHistoryStore implements HistoryStore {
  readonly #db: Knex;

  constructor(options: { db: Knex }) {
    this.#db = options.db;
  }

  /**
   * The history of the current incarnation of the key: a project created
   * again under a deleted key starts empty; the deleted one's rows are kept
   * but not shown. Without a project, the last incarnation's (deleted)
   * history.
   */
  async listHistory(
    projectKey: string,
    options: { limit: number; cursor?: string },
  ): Promise<Page<HistoryEntry>> {
    const uid = await this.#incarnation(projectKey);
    if (uid === undefined) {
      return { items: [], totalItems: 0, pageInfo: {} };
    }
    const base = this.#db<RawDbHistoryRow>('pmo_history').where({
      project_key: projectKey,
    });
    // A project inserted outside the store has no uid: its rows have none.
    if (uid) base.andWhere('project_uid', uid);
    else base.whereNull('project_uid');
    const [{ count }] = await base.clone().count({ count: '*' });
    const query = base
      .clone()
      .select('*')
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.cursor) {
      whereAfterCursor(
        query,
        options.cursor,
        { column: 'at', type: 'string', op: '<' },
        { column: 'id', type: 'number', op: '<' },
      );
    }
    const rows = await query;
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(rowToHistory),
      totalItems: Number(count),
      pageInfo:
        rows.length > options.limit && last
          ? { nextCursor: encodeCursor({ s: last.at, t: Number(last.id) }) }
          : {},
    };
  }

  /**
   * The uid of the key's current project (`null` for a project without
   * one), else of its last deleted incarnation; `undefined` when there is
   * neither.
   */
  async #incarnation(projectKey: string): Promise<string | null | undefined> {
    const project = await this.#db<RawDbProjectRow & { uid: string | null }>(
      'pmo_projects',
    )
      .where({ key: projectKey })
      .first('uid');
    if (project) return project.uid;
    const last = await this.#db<
      RawDbHistoryRow & { project_uid: string | null }
    >('pmo_history')
      .where({ project_key: projectKey })
      .whereNotNull('project_uid')
      .orderBy('id', 'desc')
      .first('project_uid');
    return last?.project_uid ?? undefined;
  }
}
