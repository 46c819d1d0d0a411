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

import { InputError } from '@backstage/errors';
import {
  MILESTONE_STATUSES,
  RAID_STATUSES,
  isMilestoneClosed,
  isRaidOpen,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks, unique } from './helpers';
import type {
  ListProjectsOptions,
  ProjectAccessFilter,
  ProjectFieldFilter,
} from './PmoStore';
import { isSQLite } from './storeOptions';

/*
 * Building blocks of the PMO queries, shared by the stores and the read
 * models so that a filter means the same everywhere.
 */

// The SQL predicates need the statuses as lists; derive them from the
// shared rules instead of restating them.
/** @internal */
export const OPEN_RAID_STATUSES = RAID_STATUSES.filter(status =>
  isRaidOpen({ status }),
);
/** @internal */
export const CLOSED_MILESTONE_STATUSES = MILESTONE_STATUSES.filter(status =>
  isMilestoneClosed({ status }),
);

/**
 * Sorts rows without a date after every real date.
 * @internal
 */
export const NO_DATE = '9999-12-31';

const ACCESS_FIELD_COLUMNS: Record<ProjectFieldFilter['field'], string> = {
  owner: 'p.owner',
  phase: 'p.phase',
  key: 'p.key',
};

/**
 * Translates the permission criteria into nested where groups on the
 * projects table (aliased `p`): lists, counts and roll-ups never see a
 * project the user cannot read.
 * @internal
 */
export function applyAccess(
  qb: Knex.QueryBuilder,
  criteria: ProjectAccessFilter,
) {
  if ('allOf' in criteria) {
    qb.where(group => {
      for (const c of criteria.allOf) {
        group.andWhere(inner => applyAccess(inner, c));
      }
    });
  } else if ('anyOf' in criteria) {
    if (criteria.anyOf.length === 0) {
      qb.whereRaw('1 = 0');
      return;
    }
    qb.where(group => {
      for (const c of criteria.anyOf) {
        group.orWhere(inner => applyAccess(inner, c));
      }
    });
  } else if ('not' in criteria) {
    qb.whereNot(inner => applyAccess(inner, criteria.not));
  } else {
    const column = ACCESS_FIELD_COLUMNS[criteria.field];
    if (!column) {
      throw new InputError(`Unsupported filter field '${criteria.field}'`);
    }
    if (criteria.values.length === 0) {
      // An empty list matches nothing (and `IN ()` is not valid SQL).
      qb.whereRaw('1 = 0');
    } else {
      qb.whereIn(column, criteria.values);
    }
  }
}

/**
 * Adds `column IN (...)` split in chunks and OR-ed, for long lists; no
 * values match nothing. With `expression`, `column` is raw SQL (such as
 * `LOWER(TRIM(r.owner))`) rather than a column name.
 * @internal
 */
export function whereInChunked(
  qb: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
  options: { expression?: boolean } = {},
): void {
  if (values.length === 0) {
    qb.whereRaw('1 = 0');
    return;
  }
  qb.where(inner => {
    for (const chunk of chunks(values)) {
      if (options.expression) {
        inner.orWhereRaw(`${column} IN (${chunk.map(() => '?').join(', ')})`, [
          ...chunk,
        ]);
      } else {
        inner.orWhereIn(column, chunk);
      }
    }
  });
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, m => `\\${m}`);
}

/**
 * Case-insensitive LIKE of `text` over the columns, OR-ed.
 * @internal
 */
export function applyTextSearch(
  db: Knex,
  qb: Knex.QueryBuilder,
  text: string,
  columns: string[],
) {
  const pattern = `%${escapeLike(text)}%`;
  // SQLite's LIKE is case-insensitive (for ASCII) already; PostgreSQL
  // needs ILIKE.
  const like = isSQLite(db) ? 'LIKE' : 'ILIKE';
  qb.where(w => {
    for (const column of columns) {
      w.orWhereRaw(`${column} ${like} ? ESCAPE '\\'`, [pattern]);
    }
  });
}

/**
 * Forecast minus baseline in days, of the milestone aliased `m`.
 * @internal
 */
export function slipDaysSql(db: Knex): string {
  return isSQLite(db)
    ? 'CAST(julianday(m.forecast_date) - julianday(m.baseline_date) AS INTEGER)'
    : '(CAST(m.forecast_date AS date) - CAST(m.baseline_date AS date))';
}

/** The project filters of lists and roll-ups. @internal */
export type ProjectFilters = Pick<
  ListProjectsOptions,
  'phase' | 'health' | 'owner' | 'entityRef' | 'entityRefs' | 'q' | 'access'
>;

/**
 * Applies the project filters to a query over `pmo_projects as p`.
 * @internal
 */
export function applyProjectFilters(
  db: Knex,
  qb: Knex.QueryBuilder,
  options: ProjectFilters,
): void {
  if (options.phase) qb.whereIn('p.phase', options.phase);
  if (options.health) qb.whereIn('p.health', options.health);
  if (options.owner) qb.whereIn('p.owner', options.owner);
  if (options.entityRef !== undefined) {
    qb.whereExists(
      db('pmo_entity_links as l')
        .select(db.raw('1'))
        .whereRaw('l.project_key = p.key')
        .andWhere('l.entity_ref', options.entityRef),
    );
  }
  if (options.entityRefs !== undefined) {
    const refs = unique(options.entityRefs);
    qb.whereExists(sub => {
      sub
        .select(db.raw('1'))
        .from('pmo_entity_links as l')
        .whereRaw('l.project_key = p.key');
      whereInChunked(sub, 'l.entity_ref', refs);
    });
  }
  if (options.q) {
    applyTextSearch(db, qb, options.q, ['p.key', 'p.title', 'p.description']);
  }
  if (options.access) applyAccess(qb, options.access);
}
