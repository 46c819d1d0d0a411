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

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  CreateProjectRequest,
  Page,
  ProjectOrderBy,
  ProjectWithHealth,
  UpdateProjectRequest,
} from '@infra-pmo/plugin-pmo-common';
import { KnexStore } from './KnexStore';
import { decodeCursor, encodeCursor, isRecord } from './cursor';
import { recomputeHealth } from './health';
import { chunks, diffSnapshots, unique, writeHistory } from './helpers';
import type {
  Actor,
  ListProjectsOptions,
  ProjectAccessFilter,
  ProjectStore,
} from './PmoStore';
import {
  insertProject,
  projectPatchColumns,
  updateProjectRow,
} from './projectWrites';
import {
  projectSnapshot,
  rowToProjectWithHealth,
  type RawDbProjectRow,
} from './rows';
import { applyAccess, applyProjectFilters, NO_DATE } from './sql';
import { isoNow } from './storeOptions';

/** How each `orderBy` sorts: a SQL expression without NULLs (keyset needs that). */
const ORDER_EXPRESSIONS: Record<string, string> = {
  key: 'p.key',
  title: 'p.title',
  targetDate: `COALESCE(p.target_date, '${NO_DATE}')`,
  updatedAt: 'p.updated_at',
  priority: `CASE p.priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
};

type ProjectCursor = { o: string; v: string | number; k: string };

function isProjectCursor(value: unknown): value is ProjectCursor {
  return (
    isRecord(value) &&
    typeof value.o === 'string' &&
    (typeof value.v === 'string' ||
      (typeof value.v === 'number' && Number.isFinite(value.v))) &&
    typeof value.k === 'string'
  );
}

/** The incarnation of a key (see migrations/*_project_incarnations.js). */
type ProjectIncarnation = { uid: string | null };

/**
 * Knex implementation of {@link ProjectStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabaseProjectStore extends KnexStore implements ProjectStore {
  async listProjects(
    options: ListProjectsOptions,
  ): Promise<Page<ProjectWithHealth>> {
    const orderBy: ProjectOrderBy = options.orderBy ?? 'key';
    const desc = orderBy.startsWith('-');
    const field = desc ? orderBy.slice(1) : orderBy;
    const expr = ORDER_EXPRESSIONS[field];
    if (!expr) {
      throw new InputError(`Invalid orderBy '${orderBy}'`);
    }
    const dir = desc ? 'desc' : 'asc';
    const cmp = desc ? '<' : '>';

    const base = this.db<RawDbProjectRow>('pmo_projects as p');
    applyProjectFilters(this.db, base, options);

    const [{ count }] = await base.clone().count({ count: '*' });

    const query = base
      .clone()
      .select('p.*', this.db.raw(`${expr} as sort_value`))
      .orderByRaw(`${expr} ${dir}`)
      .limit(options.limit + 1);
    if (field !== 'key') {
      query.orderBy('p.key', dir);
    }
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor, isProjectCursor);
      if (cursor.o !== orderBy) {
        throw new InputError('Invalid cursor');
      }
      if (field === 'key') {
        query.where('p.key', cmp, cursor.k);
      } else {
        query.where(w =>
          w
            .whereRaw(`${expr} ${cmp} ?`, [cursor.v])
            .orWhere(inner =>
              inner
                .whereRaw(`${expr} = ?`, [cursor.v])
                .andWhere('p.key', cmp, cursor.k),
            ),
        );
      }
    }
    const rows = (await query) as Array<
      RawDbProjectRow & { sort_value: string | number }
    >;
    const items = rows.slice(0, options.limit);
    let nextCursor: string | undefined;
    if (rows.length > options.limit && items.length > 0) {
      const last = items[items.length - 1];
      nextCursor = encodeCursor({
        o: orderBy,
        v:
          typeof last.sort_value === 'number'
            ? last.sort_value
            : String(last.sort_value),
        k: last.key,
      });
    }
    return {
      items: items.map(({ sort_value, ...row }) => rowToProjectWithHealth(row)),
      totalItems: Number(count),
      pageInfo: nextCursor ? { nextCursor } : {},
    };
  }

  async getProject(
    key: string,
    access?: ProjectAccessFilter,
  ): Promise<ProjectWithHealth | undefined> {
    const query = this.db<RawDbProjectRow>('pmo_projects as p')
      .where('p.key', key)
      .select('p.*');
    if (access) applyAccess(query, access);
    const row = await query.first();
    return row ? rowToProjectWithHealth(row) : undefined;
  }

  async getProjects(keys: readonly string[]): Promise<ProjectWithHealth[]> {
    const rows: RawDbProjectRow[] = [];
    // Bounded IN lists: SQLite allows 999 bound parameters by default.
    for (let i = 0; i < keys.length; i += 500) {
      rows.push(
        ...(await this.db<RawDbProjectRow>('pmo_projects')
          .whereIn('key', keys.slice(i, i + 500))
          .select('*')),
      );
    }
    return rows.map(rowToProjectWithHealth);
  }

  async createProject(
    input: CreateProjectRequest,
    actor: Actor,
  ): Promise<ProjectWithHealth> {
    return this.db.transaction(async trx => {
      const existing = await trx('pmo_projects')
        .where({ key: input.key })
        .first('key');
      if (existing) {
        throw new ConflictError(`Project '${input.key}' already exists`);
      }
      const row = await insertProject(trx, this.options, input, actor);
      return rowToProjectWithHealth(row);
    });
  }

  async updateProject(
    key: string,
    patch: UpdateProjectRequest,
    actor: Actor,
  ): Promise<ProjectWithHealth> {
    return this.db.transaction(async trx => {
      const { version, ...fields } = patch;
      const row = await updateProjectRow(trx, this.options, {
        key,
        cols: projectPatchColumns(fields, actor, isoNow(this.options.clock)),
        version,
        actor,
      });
      return rowToProjectWithHealth(row);
    });
  }

  async deleteProject(key: string, actor: Actor): Promise<void> {
    await this.db.transaction(async trx => {
      const row = await trx<RawDbProjectRow & ProjectIncarnation>(
        'pmo_projects',
      )
        .where({ key })
        .first();
      if (!row) {
        throw new NotFoundError(`Project '${key}' not found`);
      }
      // Milestones and RAID items go by ON DELETE CASCADE. Links have no
      // foreign key: manual links go with the project, annotation links stay
      // and now report the key as unknown.
      await trx('pmo_projects').where({ key }).delete();
      await trx('pmo_entity_links')
        .where({ project_key: key, source: 'manual' })
        .delete();
      await writeHistory(trx, isoNow(this.options.clock), {
        projectKey: key,
        objectType: 'project',
        objectId: key,
        action: 'delete',
        actor,
        changes: diffSnapshots(projectSnapshot(row), {}),
        // The row is gone: the last entry of this incarnation names it.
        projectUid: row.uid ?? null,
      });
    });
  }

  async refreshComputedHealth(keys?: string[]): Promise<number> {
    let targetKeys = keys;
    if (!targetKeys) {
      targetKeys = (
        await this.db('pmo_projects').select('key').orderBy('key')
      ).map(r => r.key as string);
    }
    let changed = 0;
    // One transaction per chunk keeps locks short on large portfolios.
    for (const chunk of chunks(unique(targetKeys))) {
      changed += await this.db.transaction(trx =>
        recomputeHealth(trx, chunk, this.options),
      );
    }
    this.options.logger?.debug(
      `Recomputed PMO health, ${changed} project(s) changed`,
    );
    return changed;
  }
}
