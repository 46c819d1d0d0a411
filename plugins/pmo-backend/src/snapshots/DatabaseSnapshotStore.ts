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
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  HEALTH_VALUES,
  HIGH_RISK_SCORE,
  RAID_STATUSES,
  computeHealth,
  effectiveHealth,
  isMilestoneClosed,
  isRaidOpen,
  isStatusAsk,
  isWatermelon,
  isoWeekPeriod,
  milestoneSlipDays,
  toIsoDate,
  daysBetween,
  type Health,
  type HealthThresholds,
  type Milestone,
  type ProjectPhase,
  type RaidItem,
  type RaidType,
  type Snapshot,
  type SnapshotAsk,
  type SnapshotKind,
  type SnapshotMilestone,
  type SnapshotProject,
  type SnapshotProjectsPage,
  type SnapshotRisk,
  type TrendPoint,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { applyAccess } from '../database/DatabasePmoStore';
import type { ProjectAccessFilter } from '../database/PmoStore';
import { decodeCursor, encodeCursor, isRecord } from '../database/cursor';
import { chunks, isUniqueViolation } from '../database/helpers';
import {
  type RawDbMilestoneRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
  parseJson,
  rowToMilestone,
  rowToProject,
  rowToRaidItem,
} from '../database/rows';
import type {
  SnapshotProjectFilter,
  SnapshotStore,
  TakeSnapshotOptions,
} from './SnapshotStore';

const migrationsDir = resolvePackagePath(
  '@infra-pmo/plugin-pmo-backend',
  'migrations',
);

/** Projects read (and their facts) per round trip while taking a snapshot. */
const PROJECTS_PER_CHUNK = 1000;
/** 26 columns a row: stays far below the bound-variable limits. */
const ROWS_PER_INSERT = 100;
const MAX_MILESTONES = 50;
const TOP_RISKS = 5;
const MAX_ASKS = 5;

const OPEN_RAID_STATUSES = RAID_STATUSES.filter(status =>
  isRaidOpen({ status }),
);

// Booleans are 0/1 on SQLite; CASE reads both the same way.
const WATERMELONS_SQL = 'SUM(CASE WHEN p.watermelon THEN 1 ELSE 0 END)';
const HEALTH_RANK_SQL = `CASE p.health WHEN 'red' THEN 2 WHEN 'amber' THEN 1 ELSE 0 END`;

/** Row of `pmo_snapshots`. @internal */
export type RawDbSnapshotRow = {
  id: number | string;
  taken_at: string;
  period: string;
  kind: string;
  taken_by: string;
  project_count: number | string;
};

/** Row of `pmo_snapshot_projects`. @internal */
export type RawDbSnapshotProjectRow = {
  snapshot_id: number | string;
  project_key: string;
  title: string;
  phase: string;
  owner: string;
  priority: string;
  target_date: string | null;
  declared_health: string | null;
  declared_reason: string | null;
  declared_set_at: string | null;
  computed_health: string;
  computed_reasons: string;
  health: string;
  /** 0/1 on SQLite. */
  watermelon: boolean | number;
  milestones: string;
  open_risks: number;
  open_assumptions: number;
  open_issues: number;
  open_dependencies: number;
  high_risks: number;
  top_risks: string;
  asks: string;
  open_slip_days: number;
  open_dated_milestones: number;
};

/**
 * Changes the facts of a project before they are snapshotted; only the demo
 * back-fill uses it, to derive a plausible past from today's demo data.
 * @internal
 */
export type SnapshotFactsAdjuster = (facts: {
  project: RawDbProjectRow;
  milestones: Milestone[];
  raid: RaidItem[];
}) => { project: RawDbProjectRow; milestones: Milestone[]; raid: RaidItem[] };

function rowToSnapshot(row: RawDbSnapshotRow): Snapshot {
  return {
    id: Number(row.id),
    takenAt: row.taken_at,
    period: row.period,
    kind: row.kind as SnapshotKind,
    takenBy: row.taken_by,
    projectCount: Number(row.project_count),
  };
}

/** @internal */
export function rowToSnapshotProject(
  row: RawDbSnapshotProjectRow,
): SnapshotProject {
  const project: SnapshotProject = {
    snapshotId: Number(row.snapshot_id),
    projectKey: row.project_key,
    title: row.title,
    phase: row.phase as ProjectPhase,
    owner: row.owner,
    priority: row.priority,
    computedHealth: {
      status: row.computed_health as Health,
      reasons: parseJson(row.computed_reasons, []),
    },
    health: row.health as Health,
    watermelon: Boolean(row.watermelon),
    milestones: parseJson(row.milestones, []),
    openRaid: {
      risk: Number(row.open_risks),
      assumption: Number(row.open_assumptions),
      issue: Number(row.open_issues),
      dependency: Number(row.open_dependencies),
    },
    highRisks: Number(row.high_risks),
    topRisks: parseJson(row.top_risks, []),
    asks: parseJson(row.asks, []),
    openSlipDays: Number(row.open_slip_days),
    openDatedMilestones: Number(row.open_dated_milestones),
  };
  if (row.target_date) project.targetDate = row.target_date;
  if (row.declared_health) {
    project.declaredHealth = { status: row.declared_health as Health };
    if (row.declared_reason) {
      project.declaredHealth.reason = row.declared_reason;
    }
    if (row.declared_set_at) {
      project.declaredHealth.setAt = row.declared_set_at;
    }
  }
  return project;
}

function withOptional<T extends object>(
  target: T,
  values: Record<string, unknown>,
): T {
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== null) (target as any)[k] = v;
  }
  return target;
}

const byMilestoneDate = (a: Milestone, b: Milestone) => {
  const da = a.forecastDate ?? a.baselineDate ?? '9999-12-31';
  const db = b.forecastDate ?? b.baselineDate ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  if (a.title === b.title) return 0;
  return a.title < b.title ? -1 : 1;
};

/**
 * The snapshot row of one project from its live row and facts, with the
 * computed health recomputed for `today` by the shared rules (so that a
 * snapshot never depends on when the hourly refresh last ran).
 * @internal
 */
export function buildSnapshotRow(options: {
  snapshotId: number;
  project: RawDbProjectRow;
  milestones: Milestone[];
  /** Open RAID items (closed ones are ignored). */
  raid: RaidItem[];
  today: string;
  thresholds: HealthThresholds;
}): RawDbSnapshotProjectRow {
  const { project: row, today, thresholds } = options;
  const project = rowToProject(row);
  const raid = options.raid.filter(isRaidOpen);
  const milestones = [...options.milestones].sort(byMilestoneDate);
  const computed = computeHealth({
    project,
    milestones,
    raid,
    today,
    thresholds,
  });
  const declared = project.declaredHealth?.status;

  let openSlipDays = 0;
  let openDated = 0;
  const snapshotMilestones: SnapshotMilestone[] = milestones
    .slice(0, MAX_MILESTONES)
    .map(m => {
      const slip = milestoneSlipDays(m);
      return withOptional<SnapshotMilestone>(
        { title: m.title, status: m.status, gate: m.gate },
        {
          baselineDate: m.baselineDate,
          forecastDate: m.forecastDate,
          actualDate: m.actualDate,
          slipDays: slip,
        },
      );
    });
  for (const m of milestones) {
    const slip = milestoneSlipDays(m);
    if (!isMilestoneClosed(m) && slip !== undefined) {
      openDated += 1;
      openSlipDays += Math.max(0, slip);
    }
  }

  const count = (type: RaidType) => raid.filter(r => r.type === type).length;
  const risks = raid
    .filter(r => r.type === 'risk')
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
        a.title.localeCompare(b.title),
    );
  const topRisks: SnapshotRisk[] = risks.slice(0, TOP_RISKS).map(r =>
    withOptional<SnapshotRisk>(
      {
        title: r.title,
        probability: r.probability,
        impact: r.impact,
        score: r.score,
      },
      { owner: r.owner, action: r.action, dueDate: r.dueDate },
    ),
  );
  const asks: SnapshotAsk[] = raid
    .filter(r => isStatusAsk(r, today))
    .map(r =>
      withOptional<SnapshotAsk>(
        {
          type: r.type,
          title: r.title,
          score: r.score,
          overdue: r.dueDate !== undefined && daysBetween(today, r.dueDate) < 0,
        },
        { owner: r.owner, action: r.action, dueDate: r.dueDate },
      ),
    )
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        b.score - a.score ||
        a.title.localeCompare(b.title),
    )
    .slice(0, MAX_ASKS);

  return {
    snapshot_id: options.snapshotId,
    project_key: row.key,
    title: row.title,
    phase: row.phase,
    owner: row.owner,
    priority: row.priority,
    target_date: row.target_date ?? null,
    declared_health: row.declared_health ?? null,
    declared_reason: row.declared_reason ?? null,
    declared_set_at: row.declared_set_at ?? null,
    computed_health: computed.status,
    computed_reasons: JSON.stringify(computed.reasons),
    health: effectiveHealth(declared, computed.status),
    watermelon: isWatermelon(declared, computed.status),
    milestones: JSON.stringify(snapshotMilestones),
    open_risks: count('risk'),
    open_assumptions: count('assumption'),
    open_issues: count('issue'),
    open_dependencies: count('dependency'),
    high_risks: risks.filter(r => r.score >= HIGH_RISK_SCORE).length,
    top_risks: JSON.stringify(topRisks),
    asks: JSON.stringify(asks),
    open_slip_days: openSlipDays,
    open_dated_milestones: openDated,
  };
}

type KeyCursor = { k: string };
const isKeyCursor = (v: unknown): v is KeyCursor =>
  isRecord(v) && typeof v.k === 'string';

function emptyByHealth(): Record<Health, number> {
  return Object.fromEntries(HEALTH_VALUES.map(h => [h, 0])) as Record<
    Health,
    number
  >;
}

/** Prefer the weekly snapshot of a week, then the demo one, then the newest. */
const KIND_PREFERENCE: Record<string, number> = {
  scheduled: 0,
  demo: 1,
  manual: 2,
};

/**
 * Knex implementation of {@link SnapshotStore}, on PostgreSQL or SQLite.
 * @internal
 */
export class DatabaseSnapshotStore implements SnapshotStore {
  readonly #db: Knex;
  readonly #clock: () => Date;
  readonly #thresholds: HealthThresholds;
  /** PostgreSQL takes the snapshot in one REPEATABLE READ transaction. */
  readonly #isSQLite: boolean;

  static async create(options: {
    database: DatabaseService;
    clock?: () => Date;
    thresholds?: HealthThresholds;
  }): Promise<DatabaseSnapshotStore> {
    const { database } = options;
    const client = await database.getClient();
    // Idempotent next to DatabasePmoStore.create (knex's migration lock).
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSnapshotStore(
      client,
      options.clock ?? (() => new Date()),
      options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS,
    );
  }

  private constructor(
    db: Knex,
    clock: () => Date,
    thresholds: HealthThresholds,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#thresholds = thresholds;
    this.#isSQLite = String(db.client.config.client).includes('sqlite');
  }

  async takeSnapshot(
    options: TakeSnapshotOptions,
  ): Promise<{ snapshot: Snapshot; created: boolean }> {
    return this.takeSnapshotAt({ ...options, at: this.#clock() });
  }

  /**
   * Takes a snapshot as of `at` (its period and "today"); the demo
   * back-fill passes past dates and an adjuster.
   */
  async takeSnapshotAt(
    options: TakeSnapshotOptions & { at: Date; adjust?: SnapshotFactsAdjuster },
  ): Promise<{ snapshot: Snapshot; created: boolean }> {
    const { kind, actor, at, adjust } = options;
    const period = isoWeekPeriod(at);
    const onePerPeriod = kind !== 'manual';
    if (onePerPeriod) {
      const existing = await this.#findPeriod(period, kind);
      if (existing) return { snapshot: existing, created: false };
    }
    try {
      const snapshot = await this.#db.transaction(
        trx => this.#write(trx, { kind, actor, at, period, adjust }),
        // One consistent view of every project and fact on PostgreSQL;
        // SQLite's single writer already gives that.
        this.#isSQLite ? undefined : { isolationLevel: 'repeatable read' },
      );
      return { snapshot, created: true };
    } catch (error) {
      // Another replica (or a rerun) took this week's snapshot meanwhile.
      if (onePerPeriod && isUniqueViolation(error)) {
        const existing = await this.#findPeriod(period, kind);
        if (existing) return { snapshot: existing, created: false };
      }
      throw error;
    }
  }

  async #findPeriod(
    period: string,
    kind: SnapshotKind,
  ): Promise<Snapshot | undefined> {
    const row = await this.#db<RawDbSnapshotRow>('pmo_snapshots')
      .where({ period, kind })
      .first();
    return row ? rowToSnapshot(row) : undefined;
  }

  async #write(
    trx: Knex.Transaction,
    options: {
      kind: SnapshotKind;
      actor: string;
      at: Date;
      period: string;
      adjust?: SnapshotFactsAdjuster;
    },
  ): Promise<Snapshot> {
    const today = toIsoDate(options.at);
    const [{ count }] = await trx('pmo_projects').count({ count: '*' });
    const header = {
      taken_at: options.at.toISOString(),
      period: options.period,
      kind: options.kind,
      taken_by: options.actor,
      project_count: Number(count),
    };
    const [inserted] = await trx('pmo_snapshots')
      .insert(header)
      .returning('id');
    const id = Number(
      typeof inserted === 'object' ? (inserted as { id: number }).id : inserted,
    );

    // Keyset over the project keys: three queries per chunk of projects
    // (projects, their milestones, their open RAID items by key range),
    // never one per project.
    let after: string | undefined;
    for (;;) {
      const query = trx<RawDbProjectRow>('pmo_projects')
        .orderBy('key')
        .limit(PROJECTS_PER_CHUNK);
      if (after !== undefined) query.where('key', '>', after);
      const projects = await query;
      if (projects.length === 0) break;
      const first = projects[0].key;
      const last = projects[projects.length - 1].key;

      const milestones = new Map<string, Milestone[]>();
      for (const row of await trx<RawDbMilestoneRow>('pmo_milestones')
        .where('project_key', '>=', first)
        .andWhere('project_key', '<=', last)) {
        const list = milestones.get(row.project_key) ?? [];
        list.push(rowToMilestone(row));
        milestones.set(row.project_key, list);
      }
      const raid = new Map<string, RaidItem[]>();
      for (const row of await trx<RawDbRaidRow>('pmo_raid_items')
        .where('project_key', '>=', first)
        .andWhere('project_key', '<=', last)
        .whereIn('status', OPEN_RAID_STATUSES)) {
        const list = raid.get(row.project_key) ?? [];
        list.push(rowToRaidItem(row));
        raid.set(row.project_key, list);
      }

      const rows = projects.map(project => {
        let facts = {
          project,
          milestones: milestones.get(project.key) ?? [],
          raid: raid.get(project.key) ?? [],
        };
        if (options.adjust) facts = options.adjust(facts);
        return buildSnapshotRow({
          snapshotId: id,
          ...facts,
          today,
          thresholds: this.#thresholds,
        });
      });
      for (const batch of chunks(rows, ROWS_PER_INSERT)) {
        await trx('pmo_snapshot_projects').insert(batch);
      }
      after = last;
      if (projects.length < PROJECTS_PER_CHUNK) break;
    }
    return rowToSnapshot({ id, ...header });
  }

  async listSnapshots(options: { limit?: number } = {}): Promise<Snapshot[]> {
    const rows = await this.#db<RawDbSnapshotRow>('pmo_snapshots')
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit ?? 500);
    return rows.map(rowToSnapshot);
  }

  async getSnapshot(id: number | 'latest'): Promise<Snapshot | undefined> {
    const query = this.#db<RawDbSnapshotRow>('pmo_snapshots');
    if (id === 'latest') {
      query.orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    } else {
      query.where({ id });
    }
    const row = await query.first();
    return row ? rowToSnapshot(row) : undefined;
  }

  async countSnapshotProjects(
    snapshotIds: number[],
    access: ProjectAccessFilter,
  ): Promise<Map<number, number>> {
    const rows = await this.#filtered(snapshotIds, { access })
      .select('p.snapshot_id')
      .count({ count: '*' })
      .groupBy('p.snapshot_id');
    return new Map(
      rows.map((r: { snapshot_id: number; count: number | string }) => [
        Number(r.snapshot_id),
        Number(r.count),
      ]),
    );
  }

  /**
   * The snapshot rows of some snapshots as a query aliased `p`, with
   * `p.key` so that the permission filter of live projects applies to the
   * project as it was (its owner and phase in the snapshot).
   */
  #filtered(
    snapshotIds: number[],
    filter: SnapshotProjectFilter,
  ): Knex.QueryBuilder {
    const db = this.#db;
    const inner = db('pmo_snapshot_projects')
      .select('*', db.raw('?? as ??', ['project_key', 'key']))
      .whereIn('snapshot_id', snapshotIds);
    const qb = db.from(inner.as('p'));
    if (filter.owner) qb.whereIn('p.owner', filter.owner);
    if (filter.phase) qb.whereIn('p.phase', filter.phase);
    if (filter.health) qb.whereIn('p.health', filter.health);
    if (filter.projectKeys) {
      const keys = filter.projectKeys;
      if (keys.length === 0) qb.whereRaw('1 = 0');
      else
        qb.where(w => {
          for (const chunk of chunks(keys)) w.orWhereIn('p.key', chunk);
        });
    }
    if (filter.access) applyAccess(qb, filter.access);
    return qb;
  }

  async listSnapshotProjects(
    snapshot: Snapshot,
    filter: SnapshotProjectFilter & { limit: number; cursor?: string },
  ): Promise<Omit<SnapshotProjectsPage, 'snapshot'>> {
    const base = this.#filtered([snapshot.id], filter);
    const byHealth = emptyByHealth();
    let totalItems = 0;
    let watermelons = 0;
    const groups = await base
      .clone()
      .select('p.health', this.#db.raw(`${WATERMELONS_SQL} as watermelons`))
      .count({ count: '*' })
      .groupBy('p.health');
    for (const g of groups) {
      const n = Number(g.count);
      totalItems += n;
      watermelons += Number(g.watermelons ?? 0);
      if (g.health in byHealth) byHealth[g.health as Health] += n;
    }
    const query = base
      .clone()
      .select('p.*')
      .orderBy('p.key')
      .limit(filter.limit + 1);
    if (filter.cursor) {
      query.where('p.key', '>', decodeCursor(filter.cursor, isKeyCursor).k);
    }
    const rows = (await query) as RawDbSnapshotProjectRow[];
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(rowToSnapshotProject),
      totalItems,
      byHealth,
      watermelons,
      pageInfo:
        rows.length > filter.limit && last
          ? { nextCursor: encodeCursor({ k: last.project_key }) }
          : {},
    };
  }

  async reportProjects(
    snapshotId: number,
    filter: SnapshotProjectFilter & { limit: number },
  ): Promise<{ items: SnapshotProject[]; totalItems: number }> {
    const base = this.#filtered([snapshotId], filter);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = (await base
      .clone()
      .select('p.*')
      .orderByRaw(`${HEALTH_RANK_SQL} desc, p.key asc`)
      .limit(filter.limit)) as RawDbSnapshotProjectRow[];
    return { items: rows.map(rowToSnapshotProject), totalItems: Number(count) };
  }

  async trends(
    filter: Omit<SnapshotProjectFilter, 'phase' | 'health'> & {
      since: string;
    },
  ): Promise<TrendPoint[]> {
    const snapshots = (
      await this.#db<RawDbSnapshotRow>('pmo_snapshots')
        .where('taken_at', '>=', filter.since)
        .orderBy([
          { column: 'taken_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
    ).map(rowToSnapshot);
    // One snapshot per week: the scheduled one, else demo, else the newest.
    const perPeriod = new Map<string, Snapshot>();
    for (const s of snapshots) {
      const current = perPeriod.get(s.period);
      if (
        !current ||
        KIND_PREFERENCE[s.kind] < KIND_PREFERENCE[current.kind] ||
        (KIND_PREFERENCE[s.kind] === KIND_PREFERENCE[current.kind] &&
          s.takenAt >= current.takenAt)
      ) {
        perPeriod.set(s.period, s);
      }
    }
    const chosen = [...perPeriod.values()].sort((a, b) => {
      if (a.takenAt !== b.takenAt) return a.takenAt < b.takenAt ? -1 : 1;
      return a.id - b.id;
    });
    if (chosen.length === 0) return [];

    const db = this.#db;
    const aggregates = await this.#filtered(
      chosen.map(s => s.id),
      filter,
    )
      .select(
        'p.snapshot_id',
        'p.health',
        db.raw(`${WATERMELONS_SQL} as watermelons`),
      )
      .count({ count: '*' })
      .sum({
        slip_days: 'p.open_slip_days',
        dated: 'p.open_dated_milestones',
        high_risks: 'p.high_risks',
      })
      .groupBy('p.snapshot_id', 'p.health');

    const points = new Map<number, TrendPoint>(
      chosen.map(s => [
        s.id,
        {
          snapshotId: s.id,
          period: s.period,
          takenAt: s.takenAt,
          kind: s.kind,
          totalProjects: 0,
          byHealth: emptyByHealth(),
          watermelons: 0,
          slipDaysTotal: 0,
          averageSlipDays: 0,
          openHighRisks: 0,
        },
      ]),
    );
    const dated = new Map<number, number>();
    for (const a of aggregates) {
      const id = Number(a.snapshot_id);
      const point = points.get(id);
      if (!point) continue;
      const n = Number(a.count);
      point.totalProjects += n;
      if (a.health in point.byHealth) point.byHealth[a.health as Health] += n;
      point.watermelons += Number(a.watermelons ?? 0);
      point.slipDaysTotal += Number(a.slip_days ?? 0);
      point.openHighRisks += Number(a.high_risks ?? 0);
      dated.set(id, (dated.get(id) ?? 0) + Number(a.dated ?? 0));
    }
    for (const point of points.values()) {
      const n = dated.get(point.snapshotId) ?? 0;
      point.averageSlipDays =
        n > 0 ? Math.round((point.slipDaysTotal / n) * 10) / 10 : 0;
    }
    return chosen.map(s => points.get(s.id)!);
  }

  async pruneSnapshots(before: string): Promise<number> {
    const ids = (
      await this.#db('pmo_snapshots')
        .where('taken_at', '<', before)
        .select('id')
    ).map(r => Number(r.id));
    // One transaction per snapshot keeps locks short; project rows first so
    // that SQLite without foreign keys leaves no orphans either.
    for (const id of ids) {
      await this.#db.transaction(async trx => {
        await trx('pmo_snapshot_projects').where('snapshot_id', id).delete();
        await trx('pmo_snapshots').where('id', id).delete();
      });
    }
    return ids.length;
  }
}
