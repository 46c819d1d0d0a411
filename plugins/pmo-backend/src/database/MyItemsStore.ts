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

import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  MILESTONE_STATUSES,
  MY_ITEMS_DUE_SOON_DAYS,
  RAID_STATUSES,
  SIGNOFF_ROLES,
  daysBetween,
  effectiveHealth,
  isMilestoneClosed,
  isMilestoneOverdue,
  isRaidOpen,
  isWatermelon,
  milestoneSlipDays,
  toIsoDate,
  type Health,
  type MilestoneBrief,
  type MyAction,
  type MyItemsList,
  type MyMilestone,
  type MyProject,
  type ProjectPhase,
  type RaidStatus,
  type RaidType,
  type ServiceTier,
  type SignOffRole,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { applyAccess } from './DatabasePmoStore';
import { chunks, unique } from './helpers';
import type { ProjectAccessFilter } from './PmoStore';
import {
  rowToMilestone,
  type RawDbMilestoneRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
} from './rows';

/** Options of {@link MyItemsStore.getMyItems}. @internal */
export interface MyItemsOptions {
  /**
   * The user's entity ref and ownership refs (groups). Compared
   * case-insensitively with the stored owners.
   */
  refs: string[];
  /** The conditional `pmo.project.read` filter, applied in SQL. */
  access?: ProjectAccessFilter;
  /** Items per list; each list also reports its total count. */
  limit: number;
}

/** Projects, actions and milestones of {@link MyItemsStore.getMyItems}. @internal */
export interface MyItems {
  projects: MyItemsList<MyProject>;
  actions: MyItemsList<MyAction>;
  milestones: MyItemsList<MyMilestone>;
}

/**
 * A transition in `ready_for_review` that still misses a sign-off. Who
 * holds the roles is decided by the caller, which needs the catalog entity
 * for the run owner (`pmo/run-owner`, else the entity owner).
 * @internal
 */
export interface SignOffCandidate {
  entityRef: string;
  projectKey?: string;
  /** Owner of the linked project: the delivery owner when present. */
  projectOwner?: string;
  tier: ServiceTier;
  targetDate?: string;
  /** Roles without a sign-off yet. */
  unsignedRoles: SignOffRole[];
}

/**
 * Read-only queries of the "My PMO items" home widget, in a bounded number
 * of set-based queries whatever the number of projects.
 * @internal
 */
export interface MyItemsStore {
  getMyItems(options: MyItemsOptions): Promise<MyItems>;
  /**
   * Transitions ready for review with at least one role unsigned, by target
   * date (undated last) then entity ref; at most `limit`, `truncated` when
   * there were more.
   */
  listSignOffCandidates(options: {
    limit: number;
  }): Promise<{ items: SignOffCandidate[]; truncated: boolean }>;
}

// The SQL predicates need the statuses as lists; derive them from the shared
// rules instead of restating them (as DatabasePmoStore does).
const OPEN_RAID_STATUSES = RAID_STATUSES.filter(status =>
  isRaidOpen({ status }),
);
const CLOSED_MILESTONE_STATUSES = MILESTONE_STATUSES.filter(status =>
  isMilestoneClosed({ status }),
);
const NO_DATE = '9999-12-31';
const DAY_MS = 86_400_000;
const HEALTH_RANK_SQL = `CASE p.health WHEN 'red' THEN 0 WHEN 'amber' THEN 1 ELSE 2 END`;
const MILESTONE_DATE_SQL = 'COALESCE(m.forecast_date, m.baseline_date)';

type CountRow = { count: number | string };

/** Lower-cased and de-duplicated, like the stored (normalized) refs. */
function lowerRefs(refs: string[]): string[] {
  return unique(refs.map(r => r.trim().toLocaleLowerCase('en-US'))).filter(
    Boolean,
  );
}

/** `expr IN (...)` over chunks of values, OR-ed; nothing matches no values. */
function whereInRefs(
  qb: Knex.QueryBuilder,
  expr: string,
  values: readonly string[],
): void {
  if (values.length === 0) {
    qb.whereRaw('1 = 0');
    return;
  }
  qb.where(inner => {
    for (const chunk of chunks(values)) {
      inner.orWhereRaw(`${expr} IN (${chunk.map(() => '?').join(', ')})`, [
        ...chunk,
      ]);
    }
  });
}

/** @internal */
export class DatabaseMyItemsStore implements MyItemsStore {
  readonly #db: Knex;
  readonly #clock: () => Date;

  /**
   * Shares the PMO database; the migrations are run by DatabasePmoStore,
   * which the plugin creates first.
   */
  static async create(options: {
    database: DatabaseService;
    clock?: () => Date;
  }): Promise<DatabaseMyItemsStore> {
    return new DatabaseMyItemsStore(
      await options.database.getClient(),
      options.clock ?? (() => new Date()),
    );
  }

  private constructor(db: Knex, clock: () => Date) {
    this.#db = db;
    this.#clock = clock;
  }

  async getMyItems(options: MyItemsOptions): Promise<MyItems> {
    const refs = lowerRefs(options.refs);
    const today = toIsoDate(this.#clock());
    const [projects, actions, milestones] = await Promise.all([
      this.#projects(refs, options, today),
      this.#actions(refs, options, today),
      this.#milestones(refs, options, today),
    ]);
    return { projects, actions, milestones };
  }

  /** Projects owned by one of the refs: worst health first, then key. */
  async #projects(
    refs: string[],
    options: MyItemsOptions,
    today: string,
  ): Promise<MyItemsList<MyProject>> {
    const db = this.#db;
    const base = db('pmo_projects as p');
    // Project owners are stored normalized (lower-cased) by the router.
    whereInRefs(base, 'p.owner', refs);
    if (options.access) applyAccess(base, options.access);
    const [{ count }] = (await base
      .clone()
      .count({ count: '*' })) as CountRow[];
    const rows = (await base
      .clone()
      .select('p.*')
      .orderByRaw(`${HEALTH_RANK_SQL} asc, p.key asc`)
      .limit(options.limit)) as RawDbProjectRow[];

    const next = new Map<string, MilestoneBrief>();
    if (rows.length > 0) {
      // The next open dated milestone of each project, in one query.
      const milestoneRows = (await db
        .select('*')
        .from(
          db('pmo_milestones')
            .select(
              '*',
              db.raw(
                'ROW_NUMBER() OVER (PARTITION BY project_key ORDER BY COALESCE(forecast_date, baseline_date), id) as rn',
              ),
            )
            .whereIn(
              'project_key',
              rows.map(r => r.key),
            )
            .whereNull('actual_date')
            .whereNotIn('status', CLOSED_MILESTONE_STATUSES)
            .whereRaw('COALESCE(forecast_date, baseline_date) IS NOT NULL')
            .as('m'),
        )
        .where('rn', 1)) as RawDbMilestoneRow[];
      for (const row of milestoneRows) {
        next.set(row.project_key, toBrief(row, today));
      }
    }

    return {
      totalItems: Number(count),
      items: rows.map(row => {
        const declared = (row.declared_health ?? undefined) as
          | Health
          | undefined;
        const computed = row.computed_health as Health;
        const nextMilestone = next.get(row.key);
        return {
          key: row.key,
          title: row.title,
          phase: row.phase as ProjectPhase,
          owner: row.owner,
          health: effectiveHealth(declared, computed),
          ...(declared ? { declaredHealth: declared } : {}),
          computedHealth: computed,
          watermelon: isWatermelon(declared, computed),
          ...(row.target_date ? { targetDate: row.target_date } : {}),
          ...(nextMilestone ? { nextMilestone } : {}),
        };
      }),
    };
  }

  /**
   * Open RAID items whose owner is one of the refs: overdue and soonest due
   * first (undated last), then highest score.
   */
  async #actions(
    refs: string[],
    options: MyItemsOptions,
    today: string,
  ): Promise<MyItemsList<MyAction>> {
    const base = this.#db('pmo_raid_items as r')
      .join('pmo_projects as p', 'p.key', 'r.project_key')
      .whereIn('r.status', OPEN_RAID_STATUSES);
    // The RAID owner is free text (usually an entity ref as typed): compare
    // case-insensitively.
    whereInRefs(base, 'LOWER(TRIM(r.owner))', refs);
    if (options.access) applyAccess(base, options.access);
    const [{ count }] = (await base
      .clone()
      .count({ count: '*' })) as CountRow[];
    const rows = (await base
      .clone()
      .select('r.*', 'p.title as project_title')
      .orderByRaw(
        `COALESCE(r.due_date, '${NO_DATE}') asc, r.score desc, r.id asc`,
      )
      .limit(options.limit)) as Array<RawDbRaidRow & { project_title: string }>;
    return {
      totalItems: Number(count),
      items: rows.map(row => ({
        id: row.id,
        projectKey: row.project_key,
        projectTitle: row.project_title,
        type: row.type as RaidType,
        title: row.title,
        owner: row.owner ?? '',
        status: row.status as RaidStatus,
        score: Number(row.score),
        ...(row.action ? { action: row.action } : {}),
        ...(row.due_date ? { dueDate: row.due_date } : {}),
        overdue: Boolean(row.due_date) && row.due_date! < today,
      })),
    };
  }

  /**
   * Open milestones of the refs' projects dated before today + the due-soon
   * window (overdue ones included), soonest first.
   */
  async #milestones(
    refs: string[],
    options: MyItemsOptions,
    today: string,
  ): Promise<MyItemsList<MyMilestone>> {
    const horizon = toIsoDate(
      new Date(
        Date.parse(`${today}T00:00:00Z`) + MY_ITEMS_DUE_SOON_DAYS * DAY_MS,
      ),
    );
    const base = this.#db('pmo_milestones as m')
      .join('pmo_projects as p', 'p.key', 'm.project_key')
      .whereNull('m.actual_date')
      .whereNotIn('m.status', CLOSED_MILESTONE_STATUSES)
      .whereRaw(`${MILESTONE_DATE_SQL} <= ?`, [horizon]);
    whereInRefs(base, 'p.owner', refs);
    if (options.access) applyAccess(base, options.access);
    const [{ count }] = (await base
      .clone()
      .count({ count: '*' })) as CountRow[];
    const rows = (await base
      .clone()
      .select('m.*', 'p.title as project_title')
      .orderByRaw(`${MILESTONE_DATE_SQL} asc, m.id asc`)
      .limit(options.limit)) as Array<
      RawDbMilestoneRow & { project_title: string }
    >;
    return {
      totalItems: Number(count),
      items: rows.map(row => {
        const milestone = rowToMilestone(row);
        const date = (milestone.forecastDate ?? milestone.baselineDate)!;
        return {
          id: milestone.id,
          projectKey: milestone.projectKey,
          projectTitle: row.project_title,
          title: milestone.title,
          gate: milestone.gate,
          status: milestone.status,
          date,
          daysToGo: daysBetween(today, date),
          overdue: isMilestoneOverdue(milestone, today),
        };
      }),
    };
  }

  async listSignOffCandidates(options: {
    limit: number;
  }): Promise<{ items: SignOffCandidate[]; truncated: boolean }> {
    const db = this.#db;
    const rows = (await db('pmo_transitions as t')
      .leftJoin('pmo_projects as p', 'p.key', 't.project_key')
      .where('t.state', 'ready_for_review')
      .whereRaw(
        '(SELECT COUNT(*) FROM pmo_transition_signoffs s WHERE s.entity_ref = t.entity_ref) < ?',
        [SIGNOFF_ROLES.length],
      )
      .select(
        't.entity_ref',
        't.project_key',
        't.tier',
        't.target_date',
        'p.owner as project_owner',
      )
      .orderByRaw(`COALESCE(t.target_date, '${NO_DATE}') asc, t.entity_ref asc`)
      .limit(options.limit + 1)) as Array<{
      entity_ref: string;
      project_key: string | null;
      tier: string;
      target_date: string | null;
      project_owner: string | null;
    }>;
    const page = rows.slice(0, options.limit);
    const signed = new Map<string, Set<string>>();
    for (const chunk of chunks(page.map(r => r.entity_ref))) {
      const signOffs = (await db('pmo_transition_signoffs')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'role')) as Array<{
        entity_ref: string;
        role: string;
      }>;
      for (const s of signOffs) {
        const roles = signed.get(s.entity_ref) ?? new Set<string>();
        roles.add(s.role);
        signed.set(s.entity_ref, roles);
      }
    }
    return {
      truncated: rows.length > options.limit,
      items: page.map(row => ({
        entityRef: row.entity_ref,
        ...(row.project_key ? { projectKey: row.project_key } : {}),
        ...(row.project_owner
          ? { projectOwner: row.project_owner.toLocaleLowerCase('en-US') }
          : {}),
        tier: row.tier as ServiceTier,
        ...(row.target_date ? { targetDate: row.target_date } : {}),
        unsignedRoles: SIGNOFF_ROLES.filter(
          role => !signed.get(row.entity_ref)?.has(role),
        ),
      })),
    };
  }
}

function toBrief(row: RawDbMilestoneRow, today: string): MilestoneBrief {
  const m = rowToMilestone(row);
  const date = m.forecastDate ?? m.baselineDate;
  const slip = milestoneSlipDays(m);
  return {
    id: m.id,
    projectKey: m.projectKey,
    title: m.title,
    gate: m.gate,
    status: m.status,
    ...(date ? { date, daysToGo: daysBetween(today, date) } : {}),
    ...(m.baselineDate ? { baselineDate: m.baselineDate } : {}),
    ...(slip !== undefined ? { slipDays: slip } : {}),
  };
}
