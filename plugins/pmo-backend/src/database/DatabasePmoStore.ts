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

import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  HEALTH_VALUES,
  MILESTONE_STATUSES,
  PROJECT_PHASES,
  RAID_STATUSES,
  RAID_TYPES,
  computeHealth,
  daysBetween,
  isMilestoneClosed,
  isRaidOpen,
  isWatermelon,
  milestoneSlipDays,
  raidScore,
  toIsoDate,
  worstHealth,
  effectiveHealth,
} from '@infra-pmo/plugin-pmo-common';
import type {
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
  EntityLink,
  EntityProjectSummary,
  EntitySummary,
  ExportKind,
  Health,
  HealthThresholds,
  HistoryEntry,
  ImportResult,
  LinkSource,
  Milestone,
  MilestoneBrief,
  MilestoneWithProject,
  Page,
  Portfolio,
  ProjectOrderBy,
  ProjectPhase,
  ProjectWithHealth,
  RaidCounts,
  RaidItem,
  RaidItemWithProject,
  RaidStatus,
  RaidType,
  RiskBrief,
  UpdateMilestoneRequest,
  UpdateProjectRequest,
  UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor, isRecord } from './cursor';
import {
  checkDate,
  chunks,
  diffSnapshots,
  isUniqueViolation,
  unique,
  writeHistory,
} from './helpers';
import type {
  Actor,
  ImportBatch,
  ImportExpectations,
  ItemLocation,
  ListProjectsOptions,
  PmoStore,
  PortfolioOptions,
  ProjectAccessFilter,
  ProjectFieldFilter,
  SearchMilestonesOptions,
  SearchRaidOptions,
} from './PmoStore';
import {
  RawDbAnnotationRow,
  RawDbHistoryRow,
  RawDbLinkRow,
  RawDbMilestoneRow,
  RawDbProjectRow,
  RawDbRaidRow,
  milestoneSnapshot,
  parseJson,
  projectSnapshot,
  raidSnapshot,
  rowToComputedHealth,
  rowToHistory,
  rowToLink,
  rowToMilestone,
  rowToProject,
  rowToProjectWithHealth,
  rowToRaidItem,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@infra-pmo/plugin-pmo-backend',
  'migrations',
);

/** Longest list returned in each section of the portfolio roll-up. */
const PORTFOLIO_LIST_LIMIT = 50;
/** Sorts projects without a target date after every real date. */
const NO_DATE = '9999-12-31';
const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The SQL predicates below need the statuses as lists; derive them from the
// shared rules instead of restating them.
const OPEN_RAID_STATUSES = RAID_STATUSES.filter(status =>
  isRaidOpen({ status }),
);
const CLOSED_MILESTONE_STATUSES = MILESTONE_STATUSES.filter(status =>
  isMilestoneClosed({ status }),
);

const ACCESS_FIELD_COLUMNS: Record<ProjectFieldFilter['field'], string> = {
  owner: 'p.owner',
  phase: 'p.phase',
  key: 'p.key',
};

const HEALTH_RANK_SQL = (column: string) =>
  `CASE ${column} WHEN 'red' THEN 2 WHEN 'amber' THEN 1 ELSE 0 END`;

/** How each `orderBy` sorts: a SQL expression without NULLs (keyset needs that). */
const ORDER_EXPRESSIONS: Record<string, string> = {
  key: 'p.key',
  title: 'p.title',
  targetDate: `COALESCE(p.target_date, '${NO_DATE}')`,
  updatedAt: 'p.updated_at',
  priority: `CASE p.priority WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
};

// Optional fields that an imported row clears when it leaves them empty.
const MILESTONE_IMPORT_FIELDS = [
  'baselineDate',
  'forecastDate',
  'actualDate',
  'changeRecord',
  'entityRef',
] as const;
const RAID_IMPORT_FIELDS = [
  'description',
  'owner',
  'action',
  'dueDate',
  'entityRef',
  'probability',
  'impact',
] as const;

type ProjectCursor = { o: string; v: string | number; k: string };
type HistoryCursor = { at: string; id: number };

/** The incarnation of a key (see migrations/*_project_incarnations.js). */
type ProjectIncarnation = { uid: string | null };
type HistoryIncarnation = { project_uid: string | null };
type RaidCursor = { s: number; i: string };
type MilestoneCursor = { d: string; i: string };

function isRaidCursor(value: unknown): value is RaidCursor {
  return (
    isRecord(value) &&
    typeof value.s === 'number' &&
    Number.isFinite(value.s) &&
    typeof value.i === 'string'
  );
}

function isMilestoneCursor(value: unknown): value is MilestoneCursor {
  return (
    isRecord(value) &&
    typeof value.d === 'string' &&
    typeof value.i === 'string'
  );
}

function isProjectCursor(value: unknown): value is ProjectCursor {
  return (
    isRecord(value) &&
    typeof value.o === 'string' &&
    (typeof value.v === 'string' ||
      (typeof value.v === 'number' && Number.isFinite(value.v))) &&
    typeof value.k === 'string'
  );
}

function isHistoryCursor(value: unknown): value is HistoryCursor {
  return (
    isRecord(value) &&
    typeof value.at === 'string' &&
    typeof value.id === 'number' &&
    Number.isSafeInteger(value.id)
  );
}

/** Code-point order, independent of any database collation. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Adds `column IN (...)` split in chunks and OR-ed, for long lists. */
function whereInChunked(
  qb: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
): void {
  if (values.length === 0) {
    qb.whereRaw('1 = 0');
    return;
  }
  qb.where(inner => {
    for (const chunk of chunks(values)) {
      inner.orWhereIn(column, chunk);
    }
  });
}

/**
 * Translates the permission criteria into nested where groups on the
 * projects table (aliased `p`). Also used by MyItemsStore.
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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, m => `\\${m}`);
}

function emptyRaidCounts(): RaidCounts {
  return Object.fromEntries(RAID_TYPES.map(t => [t, 0])) as RaidCounts;
}

/** The project columns written from a create request. */
function projectCreateColumns(
  input: CreateProjectRequest,
  actor: Actor,
  now: string,
): Partial<RawDbProjectRow> {
  checkDate('startDate', input.startDate);
  checkDate('targetDate', input.targetDate);
  return {
    key: input.key,
    title: input.title,
    description: input.description ?? null,
    phase: input.phase ?? 'intake',
    methodology: input.methodology ?? 'waterfall',
    owner: input.owner,
    sponsor: input.sponsor ?? null,
    start_date: input.startDate ?? null,
    target_date: input.targetDate ?? null,
    budget_planned: input.budget?.planned ?? null,
    budget_actual: input.budget?.actual ?? null,
    budget_currency: input.budget?.currency ?? null,
    priority: input.priority ?? 'medium',
    declared_health: input.declaredHealth?.status ?? null,
    declared_reason: input.declaredHealth?.reason ?? null,
    declared_set_at: input.declaredHealth ? now : null,
    declared_set_by: input.declaredHealth ? actor.ref : null,
    external_links: JSON.stringify(input.externalLinks ?? []),
  };
}

/**
 * The project columns changed by a patch. `undefined` leaves a field as is;
 * `null` clears an optional field (and the declared health).
 */
function projectPatchColumns(
  patch: Omit<UpdateProjectRequest, 'version'>,
  actor: Actor,
  now: string,
): Partial<RawDbProjectRow> {
  const cols: Partial<RawDbProjectRow> = {};
  const p = patch as Record<string, unknown>;
  const required: Array<[string, keyof RawDbProjectRow]> = [
    ['title', 'title'],
    ['phase', 'phase'],
    ['methodology', 'methodology'],
    ['owner', 'owner'],
    ['priority', 'priority'],
  ];
  for (const [field, column] of required) {
    if (p[field] === null) {
      throw new InputError(`${field} cannot be cleared`);
    }
    if (p[field] !== undefined) (cols as any)[column] = p[field];
  }
  const optional: Array<[string, keyof RawDbProjectRow]> = [
    ['description', 'description'],
    ['sponsor', 'sponsor'],
    ['startDate', 'start_date'],
    ['targetDate', 'target_date'],
  ];
  for (const [field, column] of optional) {
    if (p[field] !== undefined) (cols as any)[column] = p[field] ?? null;
  }
  checkDate('startDate', cols.start_date);
  checkDate('targetDate', cols.target_date);
  if (patch.budget !== undefined) {
    const budget = patch.budget as CreateProjectRequest['budget'] | null;
    cols.budget_planned = budget?.planned ?? null;
    cols.budget_actual = budget?.actual ?? null;
    cols.budget_currency = budget?.currency ?? null;
  }
  if (patch.externalLinks !== undefined) {
    cols.external_links = JSON.stringify(patch.externalLinks ?? []);
  }
  if (patch.declaredHealth === null) {
    cols.declared_health = null;
    cols.declared_reason = null;
    cols.declared_set_at = null;
    cols.declared_set_by = null;
  } else if (patch.declaredHealth !== undefined) {
    cols.declared_health = patch.declaredHealth.status;
    cols.declared_reason = patch.declaredHealth.reason ?? null;
    cols.declared_set_at = now;
    cols.declared_set_by = actor.ref;
  }
  return cols;
}

function milestoneColumns(
  input:
    | Partial<CreateMilestoneRequest>
    | Omit<UpdateMilestoneRequest, 'version'>,
): Partial<RawDbMilestoneRow> {
  const cols: Partial<RawDbMilestoneRow> = {};
  const p = input as Record<string, unknown>;
  for (const field of ['title', 'status', 'gate']) {
    if (p[field] === null) throw new InputError(`${field} cannot be cleared`);
  }
  if (p.title !== undefined) cols.title = p.title as string;
  if (p.status !== undefined) cols.status = p.status as string;
  if (p.gate !== undefined) cols.gate = Boolean(p.gate);
  const optional: Array<[string, keyof RawDbMilestoneRow]> = [
    ['baselineDate', 'baseline_date'],
    ['forecastDate', 'forecast_date'],
    ['actualDate', 'actual_date'],
    ['changeRecord', 'change_record'],
    ['entityRef', 'entity_ref'],
  ];
  for (const [field, column] of optional) {
    if (p[field] !== undefined) (cols as any)[column] = p[field] ?? null;
  }
  checkDate('baselineDate', cols.baseline_date);
  checkDate('forecastDate', cols.forecast_date);
  checkDate('actualDate', cols.actual_date);
  return cols;
}

function raidColumns(
  input:
    | Partial<CreateRaidItemRequest>
    | Omit<UpdateRaidItemRequest, 'version'>,
): Partial<RawDbRaidRow> {
  const cols: Partial<RawDbRaidRow> = {};
  const p = input as Record<string, unknown>;
  for (const field of ['type', 'title', 'status']) {
    if (p[field] === null) throw new InputError(`${field} cannot be cleared`);
  }
  if (p.type !== undefined) cols.type = p.type as string;
  if (p.title !== undefined) cols.title = p.title as string;
  if (p.status !== undefined) cols.status = p.status as string;
  // Probability and impact are required for risks and issues by the API;
  // other RAID types may omit them, which stores the neutral 1.
  if (p.probability !== undefined)
    cols.probability = (p.probability as number) ?? 1;
  if (p.impact !== undefined) cols.impact = (p.impact as number) ?? 1;
  const optional: Array<[string, keyof RawDbRaidRow]> = [
    ['description', 'description'],
    ['owner', 'owner'],
    ['action', 'action'],
    ['dueDate', 'due_date'],
    ['entityRef', 'entity_ref'],
  ];
  for (const [field, column] of optional) {
    if (p[field] !== undefined) (cols as any)[column] = p[field] ?? null;
  }
  checkDate('dueDate', cols.due_date);
  return cols;
}

class RollbackImport extends Error {}

/**
 * Knex implementation of {@link PmoStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabasePmoStore implements PmoStore {
  readonly #db: Knex;
  readonly #clock: () => Date;
  readonly #thresholds: HealthThresholds;
  readonly #logger?: LoggerService;
  /**
   * SQLite differs from PostgreSQL in ways the queries care about: LIKE is
   * already case-insensitive (no ILIKE), booleans come back as 0/1, JSON is
   * plain text and date arithmetic uses julianday().
   */
  readonly #isSQLite: boolean;

  static async create(options: {
    database: DatabaseService;
    clock?: () => Date;
    thresholds?: HealthThresholds;
    logger?: LoggerService;
  }): Promise<DatabasePmoStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabasePmoStore(
      client,
      options.clock ?? (() => new Date()),
      options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS,
      options.logger,
    );
  }

  private constructor(
    db: Knex,
    clock: () => Date,
    thresholds: HealthThresholds,
    logger?: LoggerService,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#thresholds = thresholds;
    this.#logger = logger;
    this.#isSQLite = String(db.client.config.client).includes('sqlite');
  }

  // ---------------------------------------------------------------- projects

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

    const base = this.#db<RawDbProjectRow>('pmo_projects as p');
    this.#applyProjectFilters(base, options);

    const [{ count }] = await base.clone().count({ count: '*' });

    const query = base
      .clone()
      .select('p.*', this.#db.raw(`${expr} as sort_value`))
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
    const query = this.#db<RawDbProjectRow>('pmo_projects as p')
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
        ...(await this.#db<RawDbProjectRow>('pmo_projects')
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
    return this.#db.transaction(async trx => {
      const existing = await trx('pmo_projects')
        .where({ key: input.key })
        .first('key');
      if (existing) {
        throw new ConflictError(`Project '${input.key}' already exists`);
      }
      const row = await this.#insertProject(trx, input, actor);
      return rowToProjectWithHealth(row);
    });
  }

  async updateProject(
    key: string,
    patch: UpdateProjectRequest,
    actor: Actor,
  ): Promise<ProjectWithHealth> {
    return this.#db.transaction(async trx => {
      const { version, ...fields } = patch;
      const row = await this.#updateProjectRow(
        trx,
        key,
        projectPatchColumns(fields, actor, this.#now()),
        version,
        actor,
      );
      return rowToProjectWithHealth(row);
    });
  }

  async deleteProject(key: string, actor: Actor): Promise<void> {
    await this.#db.transaction(async trx => {
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
      await writeHistory(trx, this.#now(), {
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

  // -------------------------------------------------------------- milestones

  async listMilestones(projectKey: string): Promise<Milestone[]> {
    const rows = await this.#db<RawDbMilestoneRow>('pmo_milestones')
      .where({ project_key: projectKey })
      .orderByRaw(
        `CASE WHEN COALESCE(forecast_date, baseline_date) IS NULL THEN 1 ELSE 0 END, COALESCE(forecast_date, baseline_date), created_at, id`,
      );
    return rows.map(rowToMilestone);
  }

  async getMilestone(id: string): Promise<Milestone | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const row = await this.#db<RawDbMilestoneRow>('pmo_milestones')
      .where({ id })
      .first();
    return row ? rowToMilestone(row) : undefined;
  }

  async createMilestone(
    projectKey: string,
    input: CreateMilestoneRequest,
    actor: Actor,
  ): Promise<Milestone> {
    return this.#db.transaction(async trx => {
      await this.#requireProject(trx, projectKey);
      const row = await this.#insertMilestone(trx, projectKey, input, actor);
      await this.#recompute(trx, [projectKey]);
      return rowToMilestone(row);
    });
  }

  async updateMilestone(
    id: string,
    patch: UpdateMilestoneRequest,
    actor: Actor,
  ): Promise<Milestone> {
    return this.#db.transaction(async trx => {
      const { version, ...fields } = patch;
      const row = await this.#updateChildRow(trx, {
        table: 'pmo_milestones',
        objectType: 'milestone',
        id,
        version,
        cols: milestoneColumns(fields),
        snapshot: r => milestoneSnapshot(r as RawDbMilestoneRow),
        actor,
      });
      await this.#recompute(trx, [row.project_key]);
      return rowToMilestone(row as RawDbMilestoneRow);
    });
  }

  async deleteMilestone(id: string, actor: Actor): Promise<void> {
    await this.#db.transaction(async trx => {
      const row = await this.#deleteChildRow(trx, {
        table: 'pmo_milestones',
        objectType: 'milestone',
        id,
        snapshot: r => milestoneSnapshot(r as RawDbMilestoneRow),
        actor,
      });
      await this.#recompute(trx, [row.project_key]);
    });
  }

  // -------------------------------------------------------------------- RAID

  async listRaidItems(
    projectKey: string,
    filter?: { type?: RaidType[]; status?: RaidStatus[] },
  ): Promise<RaidItem[]> {
    const query = this.#db<RawDbRaidRow>('pmo_raid_items')
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
    const base = this.#db('pmo_raid_items as r').join(
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
    if (options.q)
      this.#applyTextSearch(base, options.q, ['r.title', 'r.description']);
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
      const cursor = decodeCursor(options.cursor, isRaidCursor);
      query.where(w =>
        w
          .where('r.score', '<', cursor.s)
          .orWhere(inner =>
            inner.where('r.score', cursor.s).andWhere('r.id', '>', cursor.i),
          ),
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
          ? { nextCursor: encodeCursor({ s: Number(last.score), i: last.id }) }
          : {},
    };
  }

  async searchMilestones(
    options: SearchMilestonesOptions,
  ): Promise<Page<MilestoneWithProject>> {
    const db = this.#db;
    const dateSql = 'COALESCE(m.forecast_date, m.baseline_date)';
    // Undated milestones sort last; keyset pagination needs no NULLs.
    const sortSql = `COALESCE(m.forecast_date, m.baseline_date, '${NO_DATE}')`;
    const base = db('pmo_milestones as m').join(
      'pmo_projects as p',
      'p.key',
      'm.project_key',
    );
    if (options.projectKey) base.whereIn('m.project_key', options.projectKey);
    if (options.from) base.whereRaw(`${dateSql} >= ?`, [options.from]);
    if (options.to) base.whereRaw(`${dateSql} <= ?`, [options.to]);
    if (options.overdue || options.slipping) {
      // Open, as in isMilestoneClosed: no actual date, not done / cancelled.
      base
        .whereNull('m.actual_date')
        .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES);
    }
    if (options.overdue) {
      base.whereRaw(`${dateSql} < ?`, [this.#today()]);
    }
    if (options.slipping) {
      base
        .whereNotNull('m.forecast_date')
        .whereNotNull('m.baseline_date')
        .whereRaw(`${this.#slipDaysSql()} >= ?`, [
          this.#thresholds.slipAmberDays,
        ]);
    }
    if (options.access) applyAccess(base, options.access);

    const [{ count }] = await base.clone().count({ count: '*' });
    const query = base
      .clone()
      .select(
        'm.*',
        'p.title as project_title',
        db.raw(`${sortSql} as sort_date`),
      )
      .orderByRaw(`${sortSql} asc, m.id asc`)
      .limit(options.limit + 1);
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor, isMilestoneCursor);
      query.where(w =>
        w
          .whereRaw(`${sortSql} > ?`, [cursor.d])
          .orWhere(inner =>
            inner
              .whereRaw(`${sortSql} = ?`, [cursor.d])
              .andWhere('m.id', '>', cursor.i),
          ),
      );
    }
    const rows = (await query) as Array<
      RawDbMilestoneRow & { project_title: string; sort_date: string }
    >;
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ project_title, sort_date, ...row }) => {
        const milestone = rowToMilestone(row);
        const slip = milestoneSlipDays(milestone);
        return {
          ...milestone,
          projectTitle: project_title,
          ...(slip !== undefined ? { slipDays: slip } : {}),
        };
      }),
      totalItems: Number(count),
      pageInfo:
        rows.length > options.limit && last
          ? {
              nextCursor: encodeCursor({
                d: String(last.sort_date),
                i: last.id,
              }),
            }
          : {},
    };
  }

  async getRaidItem(id: string): Promise<RaidItem | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const row = await this.#db<RawDbRaidRow>('pmo_raid_items')
      .where({ id })
      .first();
    return row ? rowToRaidItem(row) : undefined;
  }

  async createRaidItem(
    projectKey: string,
    input: CreateRaidItemRequest,
    actor: Actor,
  ): Promise<RaidItem> {
    return this.#db.transaction(async trx => {
      await this.#requireProject(trx, projectKey);
      const row = await this.#insertRaid(trx, projectKey, input, actor);
      await this.#recompute(trx, [projectKey]);
      return rowToRaidItem(row);
    });
  }

  async updateRaidItem(
    id: string,
    patch: UpdateRaidItemRequest,
    actor: Actor,
  ): Promise<RaidItem> {
    return this.#db.transaction(async trx => {
      const { version, ...fields } = patch;
      const row = await this.#updateChildRow(trx, {
        table: 'pmo_raid_items',
        objectType: 'raid',
        id,
        version,
        cols: raidColumns(fields),
        snapshot: r => raidSnapshot(r as RawDbRaidRow),
        actor,
      });
      await this.#recompute(trx, [row.project_key]);
      return rowToRaidItem(row as RawDbRaidRow);
    });
  }

  async deleteRaidItem(id: string, actor: Actor): Promise<void> {
    await this.#db.transaction(async trx => {
      const row = await this.#deleteChildRow(trx, {
        table: 'pmo_raid_items',
        objectType: 'raid',
        id,
        snapshot: r => raidSnapshot(r as RawDbRaidRow),
        actor,
      });
      await this.#recompute(trx, [row.project_key]);
    });
  }

  // ------------------------------------------------------------------- links

  async addManualLink(
    projectKey: string,
    entityRef: string,
    actor: Actor,
  ): Promise<boolean> {
    return this.#db.transaction(async trx => {
      await this.#requireProject(trx, projectKey);
      const inserted = await trx('pmo_entity_links')
        .insert({
          project_key: projectKey,
          entity_ref: entityRef,
          source: 'manual',
          created_at: this.#now(),
        })
        .onConflict(['project_key', 'entity_ref', 'source'])
        .ignore()
        .returning('entity_ref');
      if (inserted.length === 0) {
        return false;
      }
      await writeHistory(trx, this.#now(), {
        projectKey,
        objectType: 'link',
        objectId: entityRef,
        action: 'create',
        actor,
        changes: { entityRef: [null, entityRef], source: [null, 'manual'] },
      });
      return true;
    });
  }

  async removeManualLink(
    projectKey: string,
    entityRef: string,
    actor: Actor,
  ): Promise<boolean> {
    return this.#db.transaction(async trx => {
      const deleted = await trx('pmo_entity_links')
        .where({
          project_key: projectKey,
          entity_ref: entityRef,
          source: 'manual',
        })
        .delete();
      if (deleted === 0) {
        return false;
      }
      await writeHistory(trx, this.#now(), {
        projectKey,
        objectType: 'link',
        objectId: entityRef,
        action: 'delete',
        actor,
        changes: { entityRef: [entityRef, null], source: ['manual', null] },
      });
      return true;
    });
  }

  async syncAnnotationLinks(
    annotations: Map<string, { keys: string[]; invalid: string[] }>,
    options?: { complete?: boolean },
  ): Promise<void> {
    const now = this.#now();
    await this.#db.transaction(async trx => {
      const refs = [...annotations.keys()];
      for (const chunk of chunks(refs)) {
        const existing = await trx<RawDbLinkRow>('pmo_entity_links')
          .whereIn('entity_ref', chunk)
          .andWhere('source', 'annotation')
          .select('project_key', 'entity_ref');
        const existingSet = new Set(
          existing.map(l => `${l.entity_ref}\u0000${l.project_key}`),
        );
        const wanted = new Set<string>();
        const toInsert: RawDbLinkRow[] = [];
        const annotationRows: RawDbAnnotationRow[] = [];
        const emptyRefs: string[] = [];
        for (const ref of chunk) {
          const { keys, invalid } = annotations.get(ref)!;
          for (const key of unique(keys)) {
            const id = `${ref}\u0000${key}`;
            wanted.add(id);
            if (!existingSet.has(id)) {
              toInsert.push({
                project_key: key,
                entity_ref: ref,
                source: 'annotation',
                created_at: now,
              });
            }
          }
          if (keys.length === 0 && invalid.length === 0) {
            emptyRefs.push(ref);
          } else {
            annotationRows.push({
              entity_ref: ref,
              raw_keys: JSON.stringify(unique(keys)),
              invalid_tokens: JSON.stringify(unique(invalid)),
              synced_at: now,
            });
          }
        }
        const stale = existing.filter(
          l => !wanted.has(`${l.entity_ref}\u0000${l.project_key}`),
        );
        for (const l of stale) {
          await trx('pmo_entity_links')
            .where({
              project_key: l.project_key,
              entity_ref: l.entity_ref,
              source: 'annotation',
            })
            .delete();
        }
        for (const rows of chunks(toInsert, 100)) {
          await trx('pmo_entity_links').insert(rows);
        }
        for (const rows of chunks(annotationRows, 100)) {
          await trx('pmo_entity_annotations')
            .insert(rows)
            .onConflict('entity_ref')
            .merge(['raw_keys', 'invalid_tokens', 'synced_at']);
        }
        if (emptyRefs.length) {
          await trx('pmo_entity_annotations')
            .whereIn('entity_ref', emptyRefs)
            .delete();
        }
      }

      if (options?.complete) {
        // A full sync: entities missing from the map no longer carry the
        // annotation. Computed in JS to avoid a NOT IN over thousands of refs.
        const known = new Set(refs);
        const linked = await trx('pmo_entity_links')
          .where('source', 'annotation')
          .distinct('entity_ref');
        const annotated = await trx('pmo_entity_annotations').select(
          'entity_ref',
        );
        const gone = unique(
          [...linked, ...annotated]
            .map(r => r.entity_ref as string)
            .filter(ref => !known.has(ref)),
        );
        for (const chunk of chunks(gone)) {
          await trx('pmo_entity_links')
            .whereIn('entity_ref', chunk)
            .andWhere('source', 'annotation')
            .delete();
          await trx('pmo_entity_annotations')
            .whereIn('entity_ref', chunk)
            .delete();
        }
      }
    });
  }

  async listLinks(filter: {
    entityRefs?: string[];
    projectKeys?: string[];
  }): Promise<EntityLink[]> {
    const query = this.#db<RawDbLinkRow>('pmo_entity_links').orderBy([
      { column: 'project_key' },
      { column: 'entity_ref' },
      { column: 'source' },
    ]);
    if (filter.entityRefs)
      whereInChunked(query, 'entity_ref', filter.entityRefs);
    if (filter.projectKeys) {
      whereInChunked(query, 'project_key', filter.projectKeys);
    }
    return (await query).map(rowToLink);
  }

  // --------------------------------------------------------------- summaries

  async getEntitySummaries(
    entityRefs: string[],
    access?: ProjectAccessFilter,
  ): Promise<Map<string, EntitySummary>> {
    const result = new Map<string, EntitySummary>();
    const refs = unique(entityRefs);
    if (refs.length === 0) return result;
    const today = this.#today();

    const links: Array<Omit<RawDbLinkRow, 'created_at'>> = [];
    const annotations = new Map<
      string,
      { keys: string[]; invalid: string[] }
    >();
    for (const chunk of chunks(refs)) {
      links.push(
        ...(await this.#db<RawDbLinkRow>('pmo_entity_links')
          .whereIn('entity_ref', chunk)
          .select('project_key', 'entity_ref', 'source')),
      );
      const rows = await this.#db<RawDbAnnotationRow>(
        'pmo_entity_annotations',
      ).whereIn('entity_ref', chunk);
      for (const row of rows) {
        annotations.set(row.entity_ref, {
          keys: parseJson<string[]>(row.raw_keys, []),
          invalid: parseJson<string[]>(row.invalid_tokens, []),
        });
      }
    }

    const candidateKeys = unique([
      ...links.map(l => l.project_key),
      ...[...annotations.values()].flatMap(a => a.keys),
    ]);
    // Existence is checked without the access filter: a hidden project is
    // not "unknown", it is simply left out.
    const existing = new Set<string>();
    const visible = new Map<string, RawDbProjectRow>();
    for (const chunk of chunks(candidateKeys)) {
      const query = this.#db<RawDbProjectRow>('pmo_projects as p')
        .whereIn('p.key', chunk)
        .select('p.*');
      if (!access) {
        // Without a filter every existing project is visible: one query.
        for (const row of await query) {
          existing.add(row.key);
          visible.set(row.key, row);
        }
        continue;
      }
      for (const row of await this.#db('pmo_projects')
        .whereIn('key', chunk)
        .select('key')) {
        existing.add(row.key);
      }
      applyAccess(query, access);
      for (const row of await query) visible.set(row.key, row);
    }

    const facts = await this.#projectFacts([...visible.keys()], today);

    const projectSummaries = new Map<
      string,
      Omit<EntityProjectSummary, 'sources'>
    >();
    for (const [key, row] of visible) {
      const project = rowToProject(row);
      const f = facts.get(key);
      projectSummaries.set(key, {
        key,
        title: project.title,
        phase: project.phase,
        owner: project.owner,
        ...(project.declaredHealth
          ? { declaredHealth: project.declaredHealth }
          : {}),
        computedHealth: rowToComputedHealth(row),
        health: row.health as Health,
        ...(f?.nextMilestone ? { nextMilestone: f.nextMilestone } : {}),
        openRaid: f?.openRaid ?? emptyRaidCounts(),
        ...(f?.highestRisk ? { highestRisk: f.highestRisk } : {}),
      });
    }

    const linksByRef = new Map<string, Map<string, LinkSource[]>>();
    for (const l of links) {
      const byKey = linksByRef.get(l.entity_ref) ?? new Map();
      linksByRef.set(l.entity_ref, byKey);
      const sources = byKey.get(l.project_key) ?? [];
      sources.push(l.source as LinkSource);
      byKey.set(l.project_key, sources);
    }

    for (const ref of refs) {
      const byKey = linksByRef.get(ref);
      const annotation = annotations.get(ref);
      const projects: EntityProjectSummary[] = [];
      for (const [key, sources] of [...(byKey ?? new Map()).entries()].sort(
        ([a], [b]) => compareStrings(a, b),
      )) {
        const summary = projectSummaries.get(key);
        if (summary) {
          projects.push({ ...summary, sources: [...sources].sort() });
        }
      }
      if (projects.length === 0 && !annotation) {
        continue;
      }
      const openRaid = emptyRaidCounts();
      for (const p of projects) {
        for (const t of RAID_TYPES) openRaid[t] += p.openRaid[t];
      }
      const nextMilestone = projects
        .map(p => p.nextMilestone)
        .filter((m): m is MilestoneBrief => Boolean(m))
        .sort(compareBriefsByDate)[0];
      const highestRisk = projects
        .map(p => p.highestRisk)
        .filter((r): r is RiskBrief => Boolean(r))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))[0];
      const worst = worstHealth(projects.map(p => p.health));
      const summary: EntitySummary = {
        entityRef: ref,
        projects,
        openRaid,
        unknownProjectKeys: (annotation?.keys ?? []).filter(
          k => !existing.has(k),
        ),
        invalidProjectKeys: annotation?.invalid ?? [],
      };
      if (worst) summary.worstHealth = worst;
      if (nextMilestone) summary.nextMilestone = nextMilestone;
      if (highestRisk) summary.highestRisk = highestRisk;
      result.set(ref, summary);
    }
    return result;
  }

  /**
   * Per project: the next open milestone, open RAID counts and the
   * highest-scored open risk or issue, in three set-based queries per chunk
   * of projects (window functions pick the first row of each project).
   */
  async #projectFacts(
    keys: string[],
    today: string,
  ): Promise<
    Map<
      string,
      {
        nextMilestone?: MilestoneBrief;
        openRaid: RaidCounts;
        highestRisk?: RiskBrief;
      }
    >
  > {
    const facts = new Map<
      string,
      {
        nextMilestone?: MilestoneBrief;
        openRaid: RaidCounts;
        highestRisk?: RiskBrief;
      }
    >();
    const get = (key: string) => {
      let f = facts.get(key);
      if (!f) {
        f = { openRaid: emptyRaidCounts() };
        facts.set(key, f);
      }
      return f;
    };
    const db = this.#db;
    for (const chunk of chunks(keys)) {
      // The three reads are independent: run them together (PostgreSQL
      // answers them on separate pool connections).
      const [milestoneRows, counts, riskRows] = await Promise.all([
        db
          .select('*')
          .from(
            db('pmo_milestones')
              .select(
                '*',
                db.raw(
                  'ROW_NUMBER() OVER (PARTITION BY project_key ORDER BY COALESCE(forecast_date, baseline_date), id) as rn',
                ),
              )
              .whereIn('project_key', chunk)
              .whereNull('actual_date')
              .whereNotIn('status', CLOSED_MILESTONE_STATUSES)
              .whereRaw('COALESCE(forecast_date, baseline_date) IS NOT NULL')
              .as('m'),
          )
          .where('rn', 1) as Promise<RawDbMilestoneRow[]>,
        db('pmo_raid_items')
          .select('project_key', 'type')
          .count({ count: '*' })
          .whereIn('project_key', chunk)
          .whereIn('status', OPEN_RAID_STATUSES)
          .groupBy('project_key', 'type') as Promise<
          Array<{ project_key: string; type: string; count: string | number }>
        >,
        db
          .select('*')
          .from(
            db('pmo_raid_items')
              .select(
                'id',
                'project_key',
                'type',
                'title',
                'score',
                db.raw(
                  'ROW_NUMBER() OVER (PARTITION BY project_key ORDER BY score DESC, id) as rn',
                ),
              )
              .whereIn('project_key', chunk)
              .whereIn('status', OPEN_RAID_STATUSES)
              .whereIn('type', ['risk', 'issue'])
              .as('r'),
          )
          .where('rn', 1) as Promise<RawDbRaidRow[]>,
      ]);
      for (const row of milestoneRows) {
        get(row.project_key).nextMilestone = toBrief(
          rowToMilestone(row),
          today,
        );
      }
      for (const row of counts) {
        const type = row.type as RaidType;
        if (RAID_TYPES.includes(type)) {
          get(row.project_key as string).openRaid[type] = Number(row.count);
        }
      }
      for (const row of riskRows) {
        get(row.project_key).highestRisk = {
          id: row.id,
          projectKey: row.project_key,
          type: row.type as RaidType,
          title: row.title,
          score: Number(row.score),
        };
      }
    }
    return facts;
  }

  // --------------------------------------------------------------- portfolio

  async getPortfolio(options: PortfolioOptions): Promise<Portfolio> {
    const db = this.#db;
    const today = this.#today();
    const t = this.#thresholds;
    const filtered = (qb: Knex.QueryBuilder) => {
      this.#applyProjectFilters(qb, {
        owner: options.owner,
        entityRefs: options.entityRefs,
        access: options.access,
      });
      return qb;
    };

    const byHealth = Object.fromEntries(
      HEALTH_VALUES.map(h => [h, 0]),
    ) as Record<Health, number>;
    const byPhase = Object.fromEntries(
      PROJECT_PHASES.map(p => [p, 0]),
    ) as Record<ProjectPhase, number>;
    const groups = await filtered(db('pmo_projects as p'))
      .select('p.health', 'p.phase')
      .count({ count: '*' })
      .groupBy('p.health', 'p.phase');
    let totalProjects = 0;
    for (const g of groups) {
      const n = Number(g.count);
      totalProjects += n;
      if (g.health in byHealth) byHealth[g.health as Health] += n;
      if (g.phase in byPhase) byPhase[g.phase as ProjectPhase] += n;
    }

    const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    // Every RAID item belongs to a project (foreign key): without a project
    // filter the join only costs a scan of the projects.
    const unfiltered =
      options.owner === undefined &&
      options.entityRefs === undefined &&
      options.access === undefined;
    const cells = await (unfiltered
      ? db('pmo_raid_items as r')
      : filtered(
          db('pmo_raid_items as r').join(
            'pmo_projects as p',
            'p.key',
            'r.project_key',
          ),
        )
    )
      .select('r.probability', 'r.impact')
      .count({ count: '*' })
      .where('r.type', 'risk')
      .whereIn('r.status', OPEN_RAID_STATUSES)
      .groupBy('r.probability', 'r.impact');
    for (const c of cells) {
      const p = Number(c.probability);
      const i = Number(c.impact);
      if (p >= 1 && p <= 5 && i >= 1 && i <= 5) {
        heatMap[p - 1][i - 1] += Number(c.count);
      }
    }

    // Open milestones of projects that are not closed (a closed project's
    // computed health ignores its milestones, so the lists do too).
    const openMilestones = () =>
      filtered(
        db('pmo_milestones as m').join(
          'pmo_projects as p',
          'p.key',
          'm.project_key',
        ),
      )
        .select('m.*')
        .whereNot('p.phase', 'closed')
        .whereNull('m.actual_date')
        .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES);

    const overdueRows = (await openMilestones()
      .whereRaw('COALESCE(m.forecast_date, m.baseline_date) < ?', [today])
      .orderByRaw('COALESCE(m.forecast_date, m.baseline_date) asc, m.id asc')
      .limit(PORTFOLIO_LIST_LIMIT)) as RawDbMilestoneRow[];

    const slipDaysSql = this.#slipDaysSql();
    const slippingRows = (await openMilestones()
      .whereNotNull('m.forecast_date')
      .whereNotNull('m.baseline_date')
      .whereRaw(`${slipDaysSql} >= ?`, [t.slipAmberDays])
      .orderByRaw(`${slipDaysSql} desc, m.id asc`)
      .limit(PORTFOLIO_LIST_LIMIT)) as RawDbMilestoneRow[];

    const cutoff = toIsoDate(
      new Date(
        Date.parse(`${today}T00:00:00Z`) - t.staleStatusDays * 86_400_000,
      ),
    );
    const lastStatusSql = 'COALESCE(p.declared_set_at, p.created_at)';
    const staleRows = (await filtered(db('pmo_projects as p'))
      .select(
        'p.key',
        'p.title',
        'p.owner',
        db.raw(`${lastStatusSql} as last_status`),
      )
      .whereNot('p.phase', 'closed')
      .whereRaw(`SUBSTR(${lastStatusSql}, 1, 10) < ?`, [cutoff])
      .orderByRaw(`${lastStatusSql} asc, p.key asc`)
      .limit(PORTFOLIO_LIST_LIMIT)) as Array<{
      key: string;
      title: string;
      owner: string;
      last_status: string;
    }>;

    const watermelonRows = (await filtered(db('pmo_projects as p'))
      .select('p.key', 'p.title', 'p.declared_health', 'p.computed_health')
      .whereNotNull('p.declared_health')
      .whereRaw(
        `${HEALTH_RANK_SQL('p.declared_health')} < ${HEALTH_RANK_SQL(
          'p.computed_health',
        )}`,
      )
      .orderBy('p.key')
      .limit(PORTFOLIO_LIST_LIMIT)) as Array<{
      key: string;
      title: string;
      declared_health: Health;
      computed_health: Health;
    }>;

    return {
      totalProjects,
      byHealth,
      byPhase,
      heatMap,
      overdueMilestones: overdueRows.map(r =>
        toBrief(rowToMilestone(r), today),
      ),
      slippingMilestones: slippingRows.map(r =>
        toBrief(rowToMilestone(r), today),
      ),
      staleProjects: staleRows.map(r => ({
        key: r.key,
        title: r.title,
        owner: r.owner,
        statusUpdatedAt: r.last_status,
        daysSinceUpdate: daysBetween(r.last_status, today),
      })),
      watermelons: watermelonRows
        .filter(r => isWatermelon(r.declared_health, r.computed_health))
        .map(r => ({
          key: r.key,
          title: r.title,
          declared: r.declared_health,
          computed: r.computed_health,
        })),
    };
  }

  // ----------------------------------------------------------------- history

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
    const project = await this.#db<RawDbProjectRow & ProjectIncarnation>(
      'pmo_projects',
    )
      .where({ key: projectKey })
      .first('uid');
    const uid = project
      ? project.uid
      : (
          await this.#db<RawDbHistoryRow & HistoryIncarnation>('pmo_history')
            .where({ project_key: projectKey })
            .whereNotNull('project_uid')
            .orderBy('id', 'desc')
            .first('project_uid')
        )?.project_uid;
    if (!project && !uid) {
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
      const cursor = decodeCursor(options.cursor, isHistoryCursor);
      query.where(w =>
        w
          .where('at', '<', cursor.at)
          .orWhere(inner =>
            inner.where('at', cursor.at).andWhere('id', '<', cursor.id),
          ),
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
          ? { nextCursor: encodeCursor({ at: last.at, id: Number(last.id) }) }
          : {},
    };
  }

  // ---------------------------------------------------------- import/export

  async exportRows(
    kind: ExportKind,
    access?: ProjectAccessFilter,
  ): Promise<Array<Record<string, string | number | boolean | null>>> {
    const db = this.#db;
    if (kind === 'projects') {
      const query = db<RawDbProjectRow>('pmo_projects as p')
        .select('p.*')
        .orderBy('p.key');
      if (access) applyAccess(query, access);
      return (await query).map(r => ({
        key: r.key,
        title: r.title,
        description: r.description ?? null,
        phase: r.phase,
        methodology: r.methodology,
        owner: r.owner,
        sponsor: r.sponsor ?? null,
        startDate: r.start_date ?? null,
        targetDate: r.target_date ?? null,
        budgetPlanned:
          r.budget_planned === null ? null : Number(r.budget_planned),
        budgetActual: r.budget_actual === null ? null : Number(r.budget_actual),
        budgetCurrency: r.budget_currency ?? null,
        priority: r.priority,
        declaredHealth: r.declared_health ?? null,
        declaredReason: r.declared_reason ?? null,
        externalLinks: r.external_links,
        version: Number(r.version),
      }));
    }
    if (kind === 'milestones') {
      const query = db<RawDbMilestoneRow>('pmo_milestones as m')
        .join('pmo_projects as p', 'p.key', 'm.project_key')
        .select('m.*')
        .orderBy(['m.project_key', 'm.created_at', 'm.id']);
      if (access) applyAccess(query, access);
      return (await query).map(r => ({
        id: r.id,
        projectKey: r.project_key,
        title: r.title,
        baselineDate: r.baseline_date ?? null,
        forecastDate: r.forecast_date ?? null,
        actualDate: r.actual_date ?? null,
        status: r.status,
        gate: Boolean(r.gate),
        changeRecord: r.change_record ?? null,
        entityRef: r.entity_ref ?? null,
        version: Number(r.version),
      }));
    }
    if (kind === 'raid') {
      const query = db<RawDbRaidRow>('pmo_raid_items as r')
        .join('pmo_projects as p', 'p.key', 'r.project_key')
        .select('r.*')
        .orderBy(['r.project_key', 'r.created_at', 'r.id']);
      if (access) applyAccess(query, access);
      return (await query).map(r => ({
        id: r.id,
        projectKey: r.project_key,
        type: r.type,
        title: r.title,
        description: r.description ?? null,
        probability: Number(r.probability),
        impact: Number(r.impact),
        score: Number(r.score),
        owner: r.owner ?? null,
        action: r.action ?? null,
        dueDate: r.due_date ?? null,
        status: r.status,
        entityRef: r.entity_ref ?? null,
        version: Number(r.version),
      }));
    }
    throw new InputError(`Unknown export kind '${kind}'`);
  }

  async importBatch(
    batch: ImportBatch,
    options: { dryRun: boolean; expected?: ImportExpectations },
    actor: Actor,
  ): Promise<ImportResult> {
    const counts: ImportResult['counts'] = {
      projects: { created: 0, updated: 0 },
      milestones: { created: 0, updated: 0 },
      raid: { created: 0, updated: 0 },
    };
    // Rows are validated and authorized by the caller (importPlan.ts); the
    // checks here are the ones only the database can make, in the
    // transaction that writes: versions, existence, the authorized state.
    const apply = async (trx: Knex.Transaction) => {
      const keys = unique([
        ...batch.projects.map(p => p.key),
        ...batch.milestones.map(m => m.projectKey),
        ...batch.raid.map(r => r.projectKey),
        ...(options.expected?.projects.keys() ?? []),
      ]);
      const projects = new Map<string, RawDbProjectRow>();
      for (const chunk of chunks(keys)) {
        const rows = await trx<RawDbProjectRow>('pmo_projects').whereIn(
          'key',
          chunk,
        );
        for (const row of rows) projects.set(row.key, row);
      }
      const milestones = await this.#loadByIds<RawDbMilestoneRow>(
        trx,
        'pmo_milestones',
        [
          ...batch.milestones.map(m => m.id),
          ...(options.expected?.milestones.keys() ?? []),
        ],
      );
      const raid = await this.#loadByIds<RawDbRaidRow>(trx, 'pmo_raid_items', [
        ...batch.raid.map(r => r.id),
        ...(options.expected?.raid.keys() ?? []),
      ]);
      if (options.expected) {
        checkExpectations(options.expected, { projects, milestones, raid });
      }

      const touched = new Set<string>();
      for (const [i, input] of batch.projects.entries()) {
        touched.add(input.key);
        const current = projects.get(input.key);
        if (!current) {
          const row = await this.#insertProject(trx, input, actor, false);
          projects.set(row.key, row);
          counts.projects.created++;
        } else {
          await this.#updateProjectRow(
            trx,
            input.key,
            importProjectColumns(input, current, actor, this.#now()),
            requireImportVersion(`projects[${i + 1}]`, input.version),
            actor,
            false,
          );
          counts.projects.updated++;
        }
      }
      const children = [
        {
          kind: 'milestones' as const,
          rows: batch.milestones,
          existing: milestones as Map<string, { project_key: string }>,
          insert: (key: string, fields: any, id?: string) =>
            this.#insertMilestone(trx, key, fields, actor, id),
          update: (id: string, version: number, fields: any) =>
            this.#updateChildRow(trx, {
              table: 'pmo_milestones',
              objectType: 'milestone',
              id,
              version,
              cols: milestoneColumns(
                withNulls(fields, MILESTONE_IMPORT_FIELDS),
              ),
              snapshot: r => milestoneSnapshot(r as RawDbMilestoneRow),
              actor,
            }),
        },
        {
          kind: 'raid' as const,
          rows: batch.raid,
          existing: raid as Map<string, { project_key: string }>,
          insert: (key: string, fields: any, id?: string) =>
            this.#insertRaid(trx, key, fields, actor, id),
          update: (id: string, version: number, fields: any) =>
            this.#updateChildRow(trx, {
              table: 'pmo_raid_items',
              objectType: 'raid',
              id,
              version,
              cols: raidColumns(withNulls(fields, RAID_IMPORT_FIELDS)),
              snapshot: r => raidSnapshot(r as RawDbRaidRow),
              actor,
            }),
        },
      ];
      for (const { kind, rows, existing, insert, update } of children) {
        for (const [i, input] of rows.entries()) {
          const { projectKey, id, version, ...fields } = input;
          const label = `${kind}[${i + 1}]`;
          if (!projects.has(projectKey)) {
            throw new NotFoundError(`Project '${projectKey}' not found`);
          }
          touched.add(projectKey);
          const current = id ? existing.get(id) : undefined;
          if (!current) {
            try {
              await insert(projectKey, fields, id);
            } catch (error) {
              if (!isUniqueViolation(error)) throw error;
              throw new ConflictError(`${label}: id '${id}' already exists`);
            }
            counts[kind].created++;
          } else {
            if (current.project_key !== projectKey) {
              throw new InputError(
                `Invalid request: ${label}.id: belongs to another project; an import cannot move items`,
              );
            }
            await update(id!, requireImportVersion(label, version), fields);
            counts[kind].updated++;
          }
        }
      }
      await this.#recompute(trx, [...touched]);
    };

    try {
      await this.#db.transaction(async trx => {
        await apply(trx);
        // A dry run applies too, so that the counts are exactly what would
        // happen, and is rolled back.
        if (options.dryRun) throw new RollbackImport();
      });
    } catch (error) {
      if (!(error instanceof RollbackImport)) throw error;
      return { dryRun: true, applied: false, counts, errors: [] };
    }
    return { dryRun: false, applied: true, counts, errors: [] };
  }

  async locateItems(
    kind: 'milestones' | 'raid',
    ids: readonly string[],
  ): Promise<ItemLocation[]> {
    const rows = await this.#loadByIds<RawDbMilestoneRow | RawDbRaidRow>(
      this.#db,
      kind === 'milestones' ? 'pmo_milestones' : 'pmo_raid_items',
      [...ids],
    );
    return [...rows.values()].map(r => ({
      id: r.id,
      projectKey: r.project_key,
      version: Number(r.version),
    }));
  }

  // ------------------------------------------------------------------ health

  async refreshComputedHealth(keys?: string[]): Promise<number> {
    let targetKeys = keys;
    if (!targetKeys) {
      targetKeys = (
        await this.#db('pmo_projects').select('key').orderBy('key')
      ).map(r => r.key as string);
    }
    let changed = 0;
    // One transaction per chunk keeps locks short on large portfolios.
    for (const chunk of chunks(unique(targetKeys))) {
      changed += await this.#db.transaction(trx => this.#recompute(trx, chunk));
    }
    this.#logger?.debug(`Recomputed PMO health, ${changed} project(s) changed`);
    return changed;
  }

  /**
   * Recomputes the stored computed health of the projects inside the
   * caller's transaction, for writes made outside this store (the waiver
   * risks of run transitions) that must commit together with the health.
   */
  async recomputeHealthInTransaction(
    trx: Knex.Transaction,
    keys: string[],
  ): Promise<number> {
    return this.#recompute(trx, keys);
  }

  // --------------------------------------------------------------- internals

  #now(): string {
    return this.#clock().toISOString();
  }

  #today(): string {
    return toIsoDate(this.#clock());
  }

  /** Forecast minus baseline in days, of the milestone aliased `m`. */
  #slipDaysSql(): string {
    return this.#isSQLite
      ? 'CAST(julianday(m.forecast_date) - julianday(m.baseline_date) AS INTEGER)'
      : '(CAST(m.forecast_date AS date) - CAST(m.baseline_date AS date))';
  }

  /** Case-insensitive LIKE over the columns, OR-ed. */
  #applyTextSearch(qb: Knex.QueryBuilder, text: string, columns: string[]) {
    const pattern = `%${escapeLike(text)}%`;
    // SQLite's LIKE is case-insensitive (for ASCII) already; PostgreSQL
    // needs ILIKE.
    const like = this.#isSQLite ? 'LIKE' : 'ILIKE';
    qb.where(w => {
      for (const column of columns) {
        w.orWhereRaw(`${column} ${like} ? ESCAPE '\\'`, [pattern]);
      }
    });
  }

  #applyProjectFilters(
    qb: Knex.QueryBuilder,
    options: Pick<
      ListProjectsOptions,
      'phase' | 'health' | 'owner' | 'entityRef' | 'entityRefs' | 'q' | 'access'
    >,
  ): void {
    if (options.phase) qb.whereIn('p.phase', options.phase);
    if (options.health) qb.whereIn('p.health', options.health);
    if (options.owner) qb.whereIn('p.owner', options.owner);
    if (options.entityRef !== undefined) {
      qb.whereExists(
        this.#db('pmo_entity_links as l')
          .select(this.#db.raw('1'))
          .whereRaw('l.project_key = p.key')
          .andWhere('l.entity_ref', options.entityRef),
      );
    }
    if (options.entityRefs !== undefined) {
      const refs = unique(options.entityRefs);
      qb.whereExists(sub => {
        sub
          .select(this.#db.raw('1'))
          .from('pmo_entity_links as l')
          .whereRaw('l.project_key = p.key');
        whereInChunked(sub, 'l.entity_ref', refs);
      });
    }
    if (options.q) {
      this.#applyTextSearch(qb, options.q, [
        'p.key',
        'p.title',
        'p.description',
      ]);
    }
    if (options.access) applyAccess(qb, options.access);
  }

  async #requireProject(trx: Knex.Transaction, key: string): Promise<void> {
    const row = await trx('pmo_projects').where({ key }).first('key');
    if (!row) {
      throw new NotFoundError(`Project '${key}' not found`);
    }
  }

  async #loadByIds<T extends { id: string }>(
    trx: Knex,
    table: string,
    ids: Array<string | undefined>,
  ): Promise<Map<string, T>> {
    const wanted = unique(
      ids.filter(
        (id): id is string => typeof id === 'string' && UUID_PATTERN.test(id),
      ),
    );
    const map = new Map<string, T>();
    for (const chunk of chunks(wanted)) {
      for (const row of await trx<T>(table).whereIn('id', chunk)) {
        map.set((row as T).id, row as T);
      }
    }
    return map;
  }

  async #insertProject(
    trx: Knex.Transaction,
    input: CreateProjectRequest,
    actor: Actor,
    recompute = true,
  ): Promise<RawDbProjectRow> {
    const now = this.#now();
    const cols = projectCreateColumns(input, actor, now);
    try {
      await trx('pmo_projects').insert({
        ...cols,
        // This incarnation of the key: its history rows carry it.
        uid: randomUUID(),
        version: 1,
        created_at: now,
        updated_at: now,
        computed_health: 'green',
        computed_reasons: '[]',
        health: 'green',
        computed_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`Project '${input.key}' already exists`);
      }
      throw error;
    }
    const row = (await trx<RawDbProjectRow>('pmo_projects')
      .where({ key: input.key })
      .first())!;
    await writeHistory(trx, this.#now(), {
      projectKey: input.key,
      objectType: 'project',
      objectId: input.key,
      action: 'create',
      actor,
      changes: diffSnapshots({}, projectSnapshot(row)),
    });
    if (!recompute) return row;
    await this.#recompute(trx, [input.key]);
    return (await trx<RawDbProjectRow>('pmo_projects')
      .where({ key: input.key })
      .first())!;
  }

  /**
   * Optimistic update: the version must match, and the UPDATE repeats the
   * check so that of two concurrent writers with the same version only one
   * changes a row.
   */
  async #updateProjectRow(
    trx: Knex.Transaction,
    key: string,
    cols: Partial<RawDbProjectRow>,
    version: number,
    actor: Actor,
    recompute = true,
  ): Promise<RawDbProjectRow> {
    const before = await trx<RawDbProjectRow>('pmo_projects')
      .where({ key })
      .first();
    if (!before) {
      throw new NotFoundError(`Project '${key}' not found`);
    }
    checkVersion(`Project '${key}'`, Number(before.version), version);
    const updated = await trx('pmo_projects')
      .where({ key, version })
      .update({ ...cols, version: version + 1, updated_at: this.#now() });
    if (updated !== 1) {
      throw concurrentConflict(`Project '${key}'`, version);
    }
    let after = (await trx<RawDbProjectRow>('pmo_projects')
      .where({ key })
      .first())!;
    const changes = diffSnapshots(
      projectSnapshot(before),
      projectSnapshot(after),
    );
    if (Object.keys(changes).length > 0) {
      await writeHistory(trx, this.#now(), {
        projectKey: key,
        objectType: 'project',
        objectId: key,
        action: 'update',
        actor,
        changes,
      });
    }
    if (recompute) {
      await this.#recompute(trx, [key]);
      after = (await trx<RawDbProjectRow>('pmo_projects')
        .where({ key })
        .first())!;
    }
    return after;
  }

  async #insertMilestone(
    trx: Knex.Transaction,
    projectKey: string,
    input: CreateMilestoneRequest,
    actor: Actor,
    id: string = randomUUID(),
  ): Promise<RawDbMilestoneRow> {
    const now = this.#now();
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
    await trx('pmo_milestones').insert(row);
    await writeHistory(trx, this.#now(), {
      projectKey,
      objectType: 'milestone',
      objectId: id,
      action: 'create',
      actor,
      changes: diffSnapshots({}, milestoneSnapshot(row)),
    });
    return row;
  }

  async #insertRaid(
    trx: Knex.Transaction,
    projectKey: string,
    input: CreateRaidItemRequest,
    actor: Actor,
    id: string = randomUUID(),
  ): Promise<RawDbRaidRow> {
    const now = this.#now();
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
    await trx('pmo_raid_items').insert(row);
    await writeHistory(trx, this.#now(), {
      projectKey,
      objectType: 'raid',
      objectId: id,
      action: 'create',
      actor,
      changes: diffSnapshots({}, raidSnapshot(row)),
    });
    return row;
  }

  async #updateChildRow(
    trx: Knex.Transaction,
    options: {
      table: 'pmo_milestones' | 'pmo_raid_items';
      objectType: 'milestone' | 'raid';
      id: string;
      version: number;
      cols: Partial<RawDbMilestoneRow> | Partial<RawDbRaidRow>;
      snapshot: (
        row: RawDbMilestoneRow | RawDbRaidRow,
      ) => Record<string, unknown>;
      actor: Actor;
    },
  ): Promise<RawDbMilestoneRow | RawDbRaidRow> {
    const { table, objectType, id, version, actor } = options;
    const label = `${
      objectType === 'raid' ? 'RAID item' : 'Milestone'
    } '${id}'`;
    const before = UUID_PATTERN.test(id)
      ? await trx<RawDbMilestoneRow | RawDbRaidRow>(table).where({ id }).first()
      : undefined;
    if (!before) {
      throw new NotFoundError(`${label} not found`);
    }
    checkVersion(label, Number(before.version), version);
    const cols: Record<string, unknown> = { ...options.cols };
    if (
      table === 'pmo_raid_items' &&
      ('probability' in cols || 'impact' in cols)
    ) {
      const raid = before as RawDbRaidRow;
      cols.score = raidScore(
        (cols.probability as number | undefined) ?? raid.probability,
        (cols.impact as number | undefined) ?? raid.impact,
      );
    }
    const updated = await trx(table)
      .where({ id, version })
      .update({ ...cols, version: version + 1, updated_at: this.#now() });
    if (updated !== 1) {
      throw concurrentConflict(label, version);
    }
    const after = (await trx<RawDbMilestoneRow | RawDbRaidRow>(table)
      .where({ id })
      .first())!;
    const changes = diffSnapshots(
      options.snapshot(before),
      options.snapshot(after),
    );
    if (Object.keys(changes).length > 0) {
      await writeHistory(trx, this.#now(), {
        projectKey: after.project_key,
        objectType,
        objectId: id,
        action: 'update',
        actor,
        changes,
      });
    }
    return after;
  }

  async #deleteChildRow(
    trx: Knex.Transaction,
    options: {
      table: 'pmo_milestones' | 'pmo_raid_items';
      objectType: 'milestone' | 'raid';
      id: string;
      snapshot: (
        row: RawDbMilestoneRow | RawDbRaidRow,
      ) => Record<string, unknown>;
      actor: Actor;
    },
  ): Promise<RawDbMilestoneRow | RawDbRaidRow> {
    const { table, objectType, id, actor } = options;
    const before = UUID_PATTERN.test(id)
      ? await trx<RawDbMilestoneRow | RawDbRaidRow>(table).where({ id }).first()
      : undefined;
    const deleted = before ? await trx(table).where({ id }).delete() : 0;
    if (!before || deleted !== 1) {
      throw new NotFoundError(
        `${
          objectType === 'raid' ? 'RAID item' : 'Milestone'
        } '${id}' not found`,
      );
    }
    await writeHistory(trx, this.#now(), {
      projectKey: before.project_key,
      objectType,
      objectId: id,
      action: 'delete',
      actor,
      changes: diffSnapshots(options.snapshot(before), {}),
    });
    return before;
  }

  /**
   * Recomputes and stores the computed health (and the worse-of health used
   * by filters) of the given projects, with the shared rules. Returns how
   * many projects changed.
   */
  async #recompute(trx: Knex.Transaction, keys: string[]): Promise<number> {
    const today = this.#today();
    const now = this.#now();
    let changed = 0;
    for (const chunk of chunks(unique(keys))) {
      const projects = await trx<RawDbProjectRow>('pmo_projects').whereIn(
        'key',
        chunk,
      );
      if (projects.length === 0) continue;
      const milestones = new Map<string, Milestone[]>();
      for (const row of await trx<RawDbMilestoneRow>('pmo_milestones').whereIn(
        'project_key',
        chunk,
      )) {
        const list = milestones.get(row.project_key) ?? [];
        list.push(rowToMilestone(row));
        milestones.set(row.project_key, list);
      }
      const raid = new Map<string, RaidItem[]>();
      for (const row of await trx<RawDbRaidRow>('pmo_raid_items').whereIn(
        'project_key',
        chunk,
      )) {
        const list = raid.get(row.project_key) ?? [];
        list.push(rowToRaidItem(row));
        raid.set(row.project_key, list);
      }
      for (const row of projects) {
        const computed = computeHealth({
          project: rowToProject(row),
          milestones: milestones.get(row.key) ?? [],
          raid: raid.get(row.key) ?? [],
          today,
          thresholds: this.#thresholds,
        });
        const reasons = JSON.stringify(computed.reasons);
        const health = effectiveHealth(
          (row.declared_health as Health | null) ?? undefined,
          computed.status,
        );
        if (
          row.computed_health !== computed.status ||
          row.computed_reasons !== reasons ||
          row.health !== health
        ) {
          await trx('pmo_projects').where({ key: row.key }).update({
            computed_health: computed.status,
            computed_reasons: reasons,
            health,
            computed_at: now,
          });
          changed++;
        }
      }
    }
    return changed;
  }
}

function checkVersion(label: string, current: number, given: number) {
  if (current !== given) {
    throw new ConflictError(
      `${label} has version ${current}, but the update is based on version ${given}; reload and retry`,
    );
  }
}

function concurrentConflict(label: string, given: number) {
  return new ConflictError(
    `${label} was changed concurrently; version ${given} is no longer current, reload and retry`,
  );
}

function toBrief(m: Milestone, today: string): MilestoneBrief {
  const date = m.forecastDate ?? m.baselineDate;
  const brief: MilestoneBrief = {
    id: m.id,
    projectKey: m.projectKey,
    title: m.title,
    gate: m.gate,
    status: m.status,
  };
  if (date) {
    brief.date = date;
    brief.daysToGo = daysBetween(today, date);
  }
  if (m.baselineDate) brief.baselineDate = m.baselineDate;
  const slip = milestoneSlipDays(m);
  if (slip !== undefined) brief.slipDays = slip;
  return brief;
}

function compareBriefsByDate(a: MilestoneBrief, b: MilestoneBrief): number {
  const da = a.date ?? NO_DATE;
  const dbb = b.date ?? NO_DATE;
  if (da !== dbb) return da < dbb ? -1 : 1;
  return compareStrings(a.id, b.id);
}

// ------------------------------------------------------------ import helpers

/**
 * An imported row describes the whole object, as in the export: an empty
 * optional cell clears the stored value.
 */
function withNulls<T extends object>(row: T, fields: readonly string[]): T {
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const f of fields) {
    if (copy[f] === undefined) copy[f] = null;
  }
  return copy as T;
}

/**
 * Columns of an imported project row over an existing one. Optional fields
 * absent from the row are cleared (the row is the whole project), but an
 * unchanged declared health keeps its date, so that a re-import does not
 * make every stale project look freshly updated. An absent declared health
 * leaves the declaration as it is.
 */
function importProjectColumns(
  input: CreateProjectRequest,
  current: RawDbProjectRow,
  actor: Actor,
  now: string,
): Partial<RawDbProjectRow> {
  const { key, declaredHealth, ...rest } = input;
  const cols = projectPatchColumns(
    withNulls(rest, [
      'description',
      'sponsor',
      'startDate',
      'targetDate',
      'budget',
    ]),
    actor,
    now,
  );
  if (cols.external_links === undefined) cols.external_links = '[]';
  if (
    declaredHealth &&
    (declaredHealth.status !== current.declared_health ||
      (declaredHealth.reason ?? null) !== current.declared_reason)
  ) {
    cols.declared_health = declaredHealth.status;
    cols.declared_reason = declaredHealth.reason ?? null;
    cols.declared_set_at = now;
    cols.declared_set_by = actor.ref;
  }
  return cols;
}

/** The version an import row must carry to update an existing object. */
function requireImportVersion(label: string, version: number | undefined) {
  if (version === undefined) {
    throw new InputError(
      `Invalid request: ${label}.version: is required to update an existing object`,
    );
  }
  return version;
}

/**
 * Refuses an import whose rows were authorized on another state than the
 * one in the transaction (a concurrent write in between).
 */
function checkExpectations(
  expected: ImportExpectations,
  found: {
    projects: Map<string, RawDbProjectRow>;
    milestones: Map<string, { project_key: string }>;
    raid: Map<string, { project_key: string }>;
  },
) {
  const changed = (what: string) =>
    new ConflictError(
      `${what} changed while the import was being checked; nothing was applied, retry`,
    );
  for (const [key, version] of expected.projects) {
    const row = found.projects.get(key);
    if ((row ? Number(row.version) : null) !== version) {
      throw changed(`Project ${key}`);
    }
  }
  for (const kind of ['milestones', 'raid'] as const) {
    for (const [id, projectKey] of expected[kind]) {
      if ((found[kind].get(id)?.project_key ?? null) !== projectKey) {
        throw changed(kind === 'raid' ? `RAID item ${id}` : `Milestone ${id}`);
      }
    }
  }
}
