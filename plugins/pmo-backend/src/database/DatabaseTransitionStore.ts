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
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EDITABLE_TRANSITION_STATES,
  HIGH_RISK_SCORE,
  RAID_STATUSES,
  SIGNOFF_ROLES,
  TRANSITION_STATES,
  canTransition,
  daysBetween,
  hypercareWindowEnd,
  isRaidOpen,
  lifecycleMismatch,
  raidScore,
  readinessPercent,
  toIsoDate,
} from '@infra-pmo/plugin-pmo-common';
import type {
  ChecklistItemStatus,
  HistoryEntry,
  ServiceTier,
  SignOff,
  SignOffRole,
  Transition,
  TransitionBrief,
  TransitionItem,
  TransitionState,
  UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor, isRecord } from './cursor';
import {
  chunks,
  checkDate,
  compact,
  diffSnapshots,
  isUniqueViolation,
  opt,
  writeHistory,
} from './helpers';
import type { Actor } from './PmoStore';
import type {
  CreateTransitionInput,
  ListTransitionsOptions,
  TransitionStore,
  UpdateItemResult,
  UpdateTransitionInput,
  WaiverContext,
} from './TransitionStore';

const migrationsDir = resolvePackagePath(
  '@infra-pmo/plugin-pmo-backend',
  'migrations',
);

/** The waiver's RAID risk: a medium 3 x 3 risk until the work is done. */
const WAIVER_PROBABILITY = 3;
const WAIVER_IMPACT = 3;

const OPEN_RAID_STATUSES = RAID_STATUSES.filter(status =>
  isRaidOpen({ status }),
);

/** Row of `pmo_transitions`. @internal */
export type RawDbTransitionRow = {
  entity_ref: string;
  project_key: string | null;
  state: string;
  tier: string;
  template_id: string;
  template_version: number;
  hypercare_days: number;
  target_date: string | null;
  hypercare_start: string | null;
  hypercare_end: string | null;
  early_exit_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Row of `pmo_transition_items`. @internal */
export type RawDbTransitionItemRow = {
  entity_ref: string;
  item_key: string;
  position: number;
  title: string;
  description: string;
  /** 0/1 on SQLite. */
  required: boolean | number;
  evidence_required: boolean | number;
  status: string;
  evidence_url: string | null;
  attested_by: string | null;
  attested_at: string | null;
  expires_at: string | null;
  waiver_reason: string | null;
  raid_id: string | null;
  note: string | null;
  updated_at: string;
};

/** Row of `pmo_transition_signoffs`. @internal */
export type RawDbSignOffRow = {
  entity_ref: string;
  role: string;
  signed_by: string;
  signed_at: string;
};

type Cursor = { e: string };
const isCursor = (v: unknown): v is Cursor =>
  isRecord(v) && typeof v.e === 'string';

function rowToItem(row: RawDbTransitionItemRow): TransitionItem {
  return compact<TransitionItem>({
    key: row.item_key,
    title: row.title,
    description: row.description,
    required: Boolean(row.required),
    evidenceRequired: Boolean(row.evidence_required),
    status: row.status as ChecklistItemStatus,
    evidenceUrl: opt(row.evidence_url),
    attestedBy: opt(row.attested_by),
    attestedAt: opt(row.attested_at),
    expiresAt: opt(row.expires_at),
    waiverReason: opt(row.waiver_reason),
    raidId: opt(row.raid_id),
    note: opt(row.note),
    updatedAt: row.updated_at,
  });
}

function rowToSignOff(row: RawDbSignOffRow): SignOff {
  return {
    role: row.role as SignOffRole,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
  };
}

function rowToTransition(
  row: RawDbTransitionRow,
  items: RawDbTransitionItemRow[],
  signOffs: RawDbSignOffRow[],
): Transition {
  return compact<Transition>({
    entityRef: row.entity_ref,
    projectKey: opt(row.project_key),
    state: row.state as TransitionState,
    tier: row.tier as ServiceTier,
    templateId: row.template_id,
    templateVersion: Number(row.template_version),
    targetDate: opt(row.target_date),
    hypercareStart: opt(row.hypercare_start),
    hypercareEnd: opt(row.hypercare_end),
    earlyExitReason: opt(row.early_exit_reason),
    items: [...items]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map(rowToItem),
    signOffs: SIGNOFF_ROLES.flatMap(role =>
      signOffs.filter(s => s.role === role).map(rowToSignOff),
    ),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** The user-editable fields of an item, as recorded in history. */
function itemSnapshot(row: RawDbTransitionItemRow): Record<string, unknown> {
  return {
    status: row.status,
    evidenceUrl: row.evidence_url,
    expiresAt: row.expires_at,
    waiverReason: row.waiver_reason,
    raidId: row.raid_id,
    note: row.note,
  };
}

/** Recomputes stored project health inside a transaction. @internal */
export type RecomputeHealth = (
  trx: Knex.Transaction,
  projectKeys: string[],
) => Promise<unknown>;

/**
 * Knex implementation of {@link TransitionStore}, on PostgreSQL or SQLite.
 * It shares the database (and migrations) of the PMO plugin and writes
 * waiver risks straight into `pmo_raid_items` in its own transaction.
 * @internal
 */
export class DatabaseTransitionStore implements TransitionStore {
  readonly #db: Knex;
  readonly #clock: () => Date;
  readonly #recomputeHealth?: RecomputeHealth;

  static async create(options: {
    database: DatabaseService;
    clock?: () => Date;
    /**
     * Recomputes the stored health of projects inside the given
     * transaction (DatabasePmoStore.recomputeHealthInTransaction): a waiver
     * risk changes the project's RAID, so its health must change with it.
     */
    recomputeHealth?: RecomputeHealth;
  }): Promise<DatabaseTransitionStore> {
    const { database } = options;
    const client = await database.getClient();
    // Idempotent next to DatabasePmoStore.create: knex's migration lock
    // serializes them and the second finds nothing to do.
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseTransitionStore(
      client,
      options.clock ?? (() => new Date()),
      options.recomputeHealth,
    );
  }

  private constructor(
    db: Knex,
    clock: () => Date,
    recomputeHealth?: RecomputeHealth,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#recomputeHealth = recomputeHealth;
  }

  // ----------------------------------------------------------------- reads

  async getTransition(entityRef: string): Promise<Transition | undefined> {
    return this.#load(this.#db, entityRef);
  }

  async listTransitions(
    options: ListTransitionsOptions,
  ): Promise<{ items: Transition[]; nextCursor?: string }> {
    const query = this.#db<RawDbTransitionRow>('pmo_transitions')
      .orderBy('entity_ref', 'asc')
      .limit(options.limit + 1);
    if (options.states?.length) query.whereIn('state', options.states);
    if (options.cursor) {
      query.where('entity_ref', '>', decodeCursor(options.cursor, isCursor).e);
    }
    const rows = await query;
    const page = rows.slice(0, options.limit);
    const items = await this.#assemble(this.#db, page);
    const last = page[page.length - 1];
    return rows.length > options.limit && last
      ? { items, nextCursor: encodeCursor({ e: last.entity_ref }) }
      : { items };
  }

  async countByState(): Promise<Record<TransitionState, number>> {
    const counts = Object.fromEntries(
      TRANSITION_STATES.map(s => [s, 0]),
    ) as Record<TransitionState, number>;
    const rows = (await this.#db('pmo_transitions')
      .select('state')
      .count({ n: '*' })
      .groupBy('state')) as Array<{ state: string; n: number | string }>;
    for (const r of rows) {
      if (r.state in counts) counts[r.state as TransitionState] = Number(r.n);
    }
    return counts;
  }

  async listStates(
    entityRefs?: string[],
  ): Promise<Array<{ entityRef: string; state: TransitionState }>> {
    const query = () =>
      this.#db<RawDbTransitionRow>('pmo_transitions')
        .select('entity_ref', 'state')
        .orderBy('entity_ref', 'asc');
    const rows: Array<Pick<RawDbTransitionRow, 'entity_ref' | 'state'>> = [];
    if (entityRefs === undefined) {
      rows.push(...(await query()));
    } else {
      for (const chunk of chunks([...new Set(entityRefs)])) {
        rows.push(...(await query().whereIn('entity_ref', chunk)));
      }
      // Chunks are each ordered; the whole list must be too.
      rows.sort((a, b) =>
        a.entity_ref < b.entity_ref ? -1 : Number(a.entity_ref > b.entity_ref),
      );
    }
    return rows.map(r => ({
      entityRef: r.entity_ref,
      state: r.state as TransitionState,
    }));
  }

  async getTransitionBriefs(
    entityRefs: string[],
    lifecycles?: Map<string, string | undefined>,
  ): Promise<Map<string, TransitionBrief>> {
    const today = this.#today();
    const result = new Map<string, TransitionBrief>();
    for (const chunk of chunks([...new Set(entityRefs)])) {
      const rows = await this.#db<RawDbTransitionRow>('pmo_transitions')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'state', 'tier');
      if (rows.length === 0) continue;
      const items = await this.#db<RawDbTransitionItemRow>(
        'pmo_transition_items',
      )
        .whereIn(
          'entity_ref',
          rows.map(r => r.entity_ref),
        )
        .select('entity_ref', 'status', 'expires_at');
      const byRef = new Map<
        string,
        Array<Pick<TransitionItem, 'status' | 'expiresAt'>>
      >();
      for (const i of items) {
        const list = byRef.get(i.entity_ref) ?? [];
        list.push({
          status: i.status as ChecklistItemStatus,
          expiresAt: opt(i.expires_at),
        });
        byRef.set(i.entity_ref, list);
      }
      for (const r of rows) {
        const state = r.state as TransitionState;
        const brief: TransitionBrief = {
          state,
          tier: r.tier as ServiceTier,
          readinessPercent: readinessPercent(
            byRef.get(r.entity_ref) ?? [],
            today,
          ),
        };
        if (lifecycles?.has(r.entity_ref)) {
          brief.mismatch = lifecycleMismatch(
            lifecycles.get(r.entity_ref),
            state,
          );
        }
        result.set(r.entity_ref, brief);
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- writes

  async createTransition(
    input: CreateTransitionInput,
    actor: Actor,
  ): Promise<Transition> {
    checkDate('targetDate', input.targetDate);
    const now = this.#now();
    try {
      return await this.#db.transaction(async trx => {
        if (input.projectKey) await this.#requireProject(trx, input.projectKey);
        const row: RawDbTransitionRow = {
          entity_ref: input.entityRef,
          project_key: input.projectKey ?? null,
          state: 'not_started',
          tier: input.tier,
          template_id: input.template.id,
          template_version: input.template.version,
          hypercare_days: input.template.hypercareDays,
          target_date: input.targetDate ?? null,
          hypercare_start: null,
          hypercare_end: null,
          early_exit_reason: null,
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await trx('pmo_transitions').insert(row);
        const items: RawDbTransitionItemRow[] = input.template.items.map(
          (t, position) => ({
            entity_ref: input.entityRef,
            item_key: t.key,
            position,
            title: t.title,
            description: t.description,
            required: t.required,
            evidence_required: t.evidenceRequired,
            status: 'pending',
            evidence_url: null,
            attested_by: null,
            attested_at: null,
            expires_at: null,
            waiver_reason: null,
            raid_id: null,
            note: null,
            updated_at: now,
          }),
        );
        for (const chunk of chunks(items, 100)) {
          await trx('pmo_transition_items').insert(chunk);
        }
        await this.#history(trx, [row.project_key], {
          entityRef: input.entityRef,
          action: 'create',
          actor,
          changes: {
            state: [null, 'not_started'],
            tier: [null, input.tier],
            template: [null, `${input.template.id}@${input.template.version}`],
            ...(input.targetDate
              ? { targetDate: [null, input.targetDate] }
              : {}),
          },
        });
        return rowToTransition(row, items, []);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${input.entityRef} already has a run transition; update it with its version`,
        );
      }
      throw error;
    }
  }

  async updateTransition(
    entityRef: string,
    patch: UpdateTransitionInput,
    actor: Actor,
  ): Promise<Transition> {
    checkDate('targetDate', patch.targetDate);
    return this.#db.transaction(async trx => {
      const before = await this.#requireRow(trx, entityRef);
      const cols: Partial<RawDbTransitionRow> = {};
      if (patch.projectKey !== undefined) {
        if (patch.projectKey) await this.#requireProject(trx, patch.projectKey);
        cols.project_key = patch.projectKey;
      }
      if (patch.targetDate !== undefined) cols.target_date = patch.targetDate;
      const changes = diffSnapshots(
        { projectKey: before.project_key, targetDate: before.target_date },
        {
          projectKey:
            cols.project_key !== undefined
              ? cols.project_key
              : before.project_key,
          targetDate:
            cols.target_date !== undefined
              ? cols.target_date
              : before.target_date,
        },
      );
      await this.#bump(trx, before, patch.version, cols);
      await this.#history(
        trx,
        [before.project_key, cols.project_key ?? before.project_key],
        { entityRef, action: 'update', actor, changes },
      );
      return (await this.#load(trx, entityRef))!;
    });
  }

  async updateItem(
    entityRef: string,
    itemKey: string,
    patch: UpdateTransitionItemRequest,
    actor: Actor,
    waiver: WaiverContext,
  ): Promise<UpdateItemResult> {
    const today = this.#today();
    const now = this.#now();
    return this.#db.transaction(async trx => {
      const transition = await this.#requireRow(trx, entityRef);
      if (
        !EDITABLE_TRANSITION_STATES.includes(
          transition.state as TransitionState,
        )
      ) {
        throw new ConflictError(
          `The checklist of ${entityRef} is frozen once ${transition.state}; it can change only before acceptance`,
        );
      }
      const before = await trx<RawDbTransitionItemRow>('pmo_transition_items')
        .where({ entity_ref: entityRef, item_key: itemKey })
        .first();
      if (!before) {
        throw new NotFoundError(
          `Checklist item '${itemKey}' not found on the transition of ${entityRef}`,
        );
      }
      const after: RawDbTransitionItemRow = { ...before };
      const set = <K extends keyof RawDbTransitionItemRow>(
        column: K,
        value: RawDbTransitionItemRow[K] | undefined,
      ) => {
        if (value !== undefined) after[column] = value;
      };
      set('status', patch.status);
      set('evidence_url', patch.evidenceUrl);
      set('expires_at', patch.expiresAt);
      set('waiver_reason', patch.waiverReason);
      set('note', patch.note);
      checkDate('expiresAt', after.expires_at);
      if (patch.expiresAt && daysBetween(today, patch.expiresAt) < 0) {
        throw new InputError(
          `expiresAt: must be today or later, not ${patch.expiresAt}`,
        );
      }

      const title = before.title;
      const status = after.status as ChecklistItemStatus;
      // Expiry and waiver reason only mean something for done / waived.
      if (status === 'pending' || status === 'not_applicable') {
        after.expires_at = null;
      }
      if (status !== 'waived') after.waiver_reason = null;
      if (status === 'not_applicable' && Boolean(before.required)) {
        throw new InputError(
          `status: '${title}' is required and cannot be not_applicable; waive it instead`,
        );
      }
      if (
        status === 'done' &&
        Boolean(before.evidence_required) &&
        !after.evidence_url
      ) {
        throw new InputError(
          `evidenceUrl: is required to mark '${title}' done`,
        );
      }
      if (status === 'waived') {
        if (!after.waiver_reason?.trim()) {
          throw new InputError(`waiverReason: is required to waive '${title}'`);
        }
        if (!after.expires_at) {
          throw new InputError(`expiresAt: is required to waive '${title}'`);
        }
        if (daysBetween(today, after.expires_at) < 0) {
          throw new InputError(
            `expiresAt: a waiver must expire today or later, not ${after.expires_at}`,
          );
        }
        if (!transition.project_key) {
          throw new InputError(
            `status: waiving '${title}' needs a linked project to record the waiver risk on; set projectKey first`,
          );
        }
      }

      const attestedChanged =
        after.status !== before.status ||
        (after.evidence_url ?? null) !== (before.evidence_url ?? null) ||
        (after.expires_at ?? null) !== (before.expires_at ?? null) ||
        (after.waiver_reason ?? null) !== (before.waiver_reason ?? null);
      if (attestedChanged) {
        after.attested_by = status === 'pending' ? null : actor.ref;
        after.attested_at = status === 'pending' ? null : now;
      }

      // The item is written first and the RAID risk after it, so that a
      // failure anywhere below (including the version check at the end)
      // rolls both back together.
      const changed =
        Object.keys(
          diffSnapshots(
            itemSnapshot(before),
            itemSnapshot(after),
            `items.${itemKey}.`,
          ),
        ).length > 0;
      if (!changed && patch.version !== Number(transition.version)) {
        // Nothing to write, but a stale client must still learn it.
        throw new ConflictError(
          `The transition of ${entityRef} has version ${transition.version}, but the update is based on version ${patch.version}; reload and retry`,
        );
      }
      let raidId: string | undefined;
      if (changed) {
        const projectKey = transition.project_key;
        if (status === 'waived' && projectKey) {
          raidId = await this.#upsertWaiverRisk(trx, {
            projectKey,
            entityRef,
            existingId: before.status === 'waived' ? before.raid_id : null,
            title,
            reason: after.waiver_reason!,
            dueDate: after.expires_at!,
            owner: waiver.runOwner,
            actor,
          });
          after.raid_id = raidId;
        } else if (before.status === 'waived' && before.raid_id) {
          await this.#closeWaiverRisk(trx, before.raid_id, actor);
          after.raid_id = null;
        }
        if (projectKey && (raidId || before.raid_id)) {
          // The risk is part of the project's RAID: its stored computed
          // health commits (or rolls back) with it.
          await this.#recomputeHealth?.(trx, [projectKey]);
        }
        after.updated_at = now;
        await trx('pmo_transition_items')
          .where({ entity_ref: entityRef, item_key: itemKey })
          .update({
            status: after.status,
            evidence_url: after.evidence_url,
            attested_by: after.attested_by,
            attested_at: after.attested_at,
            expires_at: after.expires_at,
            waiver_reason: after.waiver_reason,
            raid_id: after.raid_id,
            note: after.note,
            updated_at: after.updated_at,
          });
      }

      // Any change after a sign-off invalidates both sign-offs: they
      // attested a checklist that no longer exists.
      const revoked = changed
        ? await trx<RawDbSignOffRow>('pmo_transition_signoffs').where({
            entity_ref: entityRef,
          })
        : [];
      // Recomputed: the RAID id may have changed above.
      const changes = diffSnapshots(
        itemSnapshot(before),
        itemSnapshot(after),
        `items.${itemKey}.`,
      );
      if (revoked.length > 0) {
        await trx('pmo_transition_signoffs')
          .where({ entity_ref: entityRef })
          .delete();
        for (const s of revoked) {
          changes[`signOffs.${s.role}`] = [s.signed_by, null];
        }
      }
      if (changed) {
        await this.#bump(trx, transition, patch.version, {});
        await this.#history(trx, [transition.project_key], {
          entityRef,
          action: 'update',
          actor,
          changes,
        });
      }
      return {
        transition: (await this.#load(trx, entityRef))!,
        revokedSignOffs: revoked.map(rowToSignOff),
        ...(raidId ? { raidId } : {}),
      };
    });
  }

  async signOff(
    entityRef: string,
    role: SignOffRole,
    actor: Actor,
    version?: number,
  ): Promise<Transition> {
    return this.#db.transaction(async trx => {
      const row = await this.#requireRow(trx, entityRef);
      if (row.state !== 'ready_for_review') {
        throw new ConflictError(
          `Sign-offs are given in ready_for_review; the transition of ${entityRef} is ${row.state}`,
        );
      }
      const existing = await trx<RawDbSignOffRow>('pmo_transition_signoffs')
        .where({ entity_ref: entityRef, role })
        .first();
      if (existing) {
        throw new ConflictError(
          `The ${role} sign-off was already given by ${existing.signed_by}`,
        );
      }
      await trx('pmo_transition_signoffs').insert({
        entity_ref: entityRef,
        role,
        signed_by: actor.ref,
        signed_at: this.#now(),
      });
      await this.#bump(trx, row, version, {});
      await this.#history(trx, [row.project_key], {
        entityRef,
        action: 'update',
        actor,
        changes: { [`signOffs.${role}`]: [null, actor.ref] },
      });
      return (await this.#load(trx, entityRef))!;
    });
  }

  async revokeSignOff(
    entityRef: string,
    role: SignOffRole,
    actor: Actor,
  ): Promise<Transition> {
    return this.#db.transaction(async trx => {
      const row = await this.#requireRow(trx, entityRef);
      const existing = await trx<RawDbSignOffRow>('pmo_transition_signoffs')
        .where({ entity_ref: entityRef, role })
        .first();
      if (!existing) {
        throw new NotFoundError(
          `The transition of ${entityRef} has no ${role} sign-off`,
        );
      }
      if (existing.signed_by !== actor.ref) {
        throw new NotAllowedError(
          `Only ${existing.signed_by}, who gave the ${role} sign-off, can revoke it`,
        );
      }
      if (!EDITABLE_TRANSITION_STATES.includes(row.state as TransitionState)) {
        throw new ConflictError(
          `Sign-offs cannot be revoked once the transition is ${row.state}`,
        );
      }
      await trx('pmo_transition_signoffs')
        .where({ entity_ref: entityRef, role })
        .delete();
      await this.#bump(trx, row, undefined, {});
      await this.#history(trx, [row.project_key], {
        entityRef,
        action: 'update',
        actor,
        changes: { [`signOffs.${role}`]: [actor.ref, null] },
      });
      return (await this.#load(trx, entityRef))!;
    });
  }

  async moveState(
    entityRef: string,
    target: TransitionState,
    options: { reason?: string; version?: number },
    actor: Actor,
  ): Promise<Transition> {
    const today = this.#today();
    return this.#db.transaction(async trx => {
      const row = await this.#requireRow(trx, entityRef);
      const current = (await this.#load(trx, entityRef))!;
      const openHighIssues =
        target === 'run' && row.project_key
          ? await this.#openHighIssues(trx, row.project_key)
          : 0;
      const check = canTransition(current, target, {
        today,
        openHighIssues,
        earlyExitReason: options.reason,
      });
      if (!check.ok) throw new ConflictError(check.reason);

      const cols: Partial<RawDbTransitionRow> = { state: target };
      const changes: Record<string, [unknown, unknown]> = {
        state: [row.state, target],
      };
      if (target === 'hypercare') {
        cols.hypercare_start = today;
        cols.hypercare_end = hypercareWindowEnd(today, row.hypercare_days);
        changes.hypercareEnd = [row.hypercare_end, cols.hypercare_end];
      }
      if (
        target === 'run' &&
        row.hypercare_end &&
        daysBetween(row.hypercare_end, today) <= 0
      ) {
        cols.early_exit_reason = options.reason!.trim();
        changes.earlyExitReason = [null, cols.early_exit_reason];
      } else if (options.reason?.trim()) {
        changes.reason = [null, options.reason.trim()];
      }
      await this.#bump(trx, row, options.version, cols);
      await this.#history(trx, [row.project_key], {
        entityRef,
        action: 'update',
        actor,
        changes,
      });
      return (await this.#load(trx, entityRef))!;
    });
  }

  // --------------------------------------------------------------- helpers

  #now(): string {
    return this.#clock().toISOString();
  }

  #today(): string {
    return toIsoDate(this.#clock());
  }

  async #load(
    db: Knex | Knex.Transaction,
    entityRef: string,
  ): Promise<Transition | undefined> {
    const row = await db<RawDbTransitionRow>('pmo_transitions')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const [transition] = await this.#assemble(db, [row]);
    return transition;
  }

  /** Items and sign-offs of many transitions: two queries per chunk. */
  async #assemble(
    db: Knex | Knex.Transaction,
    rows: RawDbTransitionRow[],
  ): Promise<Transition[]> {
    const items = new Map<string, RawDbTransitionItemRow[]>();
    const signOffs = new Map<string, RawDbSignOffRow[]>();
    for (const chunk of chunks(rows.map(r => r.entity_ref))) {
      for (const i of await db<RawDbTransitionItemRow>(
        'pmo_transition_items',
      ).whereIn('entity_ref', chunk)) {
        const list = items.get(i.entity_ref) ?? [];
        list.push(i);
        items.set(i.entity_ref, list);
      }
      for (const s of await db<RawDbSignOffRow>(
        'pmo_transition_signoffs',
      ).whereIn('entity_ref', chunk)) {
        const list = signOffs.get(s.entity_ref) ?? [];
        list.push(s);
        signOffs.set(s.entity_ref, list);
      }
    }
    return rows.map(r =>
      rowToTransition(
        r,
        items.get(r.entity_ref) ?? [],
        signOffs.get(r.entity_ref) ?? [],
      ),
    );
  }

  async #requireRow(
    trx: Knex.Transaction,
    entityRef: string,
  ): Promise<RawDbTransitionRow> {
    const row = await trx<RawDbTransitionRow>('pmo_transitions')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      throw new NotFoundError(`${entityRef} has no run transition`);
    }
    return row;
  }

  async #requireProject(trx: Knex.Transaction, key: string): Promise<void> {
    const row = await trx('pmo_projects').where({ key }).first('key');
    if (!row) throw new NotFoundError(`Project '${key}' not found`);
  }

  /**
   * Bumps the version (with `cols`) guarded by the expected version: the
   * given one, else the one read in this transaction. Done last in each
   * write so that a concurrent writer rolls back everything before it.
   */
  async #bump(
    trx: Knex.Transaction,
    row: RawDbTransitionRow,
    given: number | undefined,
    cols: Partial<RawDbTransitionRow>,
  ): Promise<void> {
    const expected = given ?? Number(row.version);
    const updated = await trx('pmo_transitions')
      .where({ entity_ref: row.entity_ref, version: expected })
      .update({ ...cols, version: expected + 1, updated_at: this.#now() });
    if (updated !== 1) {
      const current = await trx<RawDbTransitionRow>('pmo_transitions')
        .where({ entity_ref: row.entity_ref })
        .first('version');
      throw new ConflictError(
        `The transition of ${row.entity_ref} has version ${
          current?.version ?? row.version
        }, but the update is based on version ${expected}; reload and retry`,
      );
    }
  }

  async #openHighIssues(
    trx: Knex.Transaction,
    projectKey: string,
  ): Promise<number> {
    const [{ n }] = await trx('pmo_raid_items')
      .where({ project_key: projectKey, type: 'issue' })
      .whereIn('status', OPEN_RAID_STATUSES)
      .where('score', '>=', HIGH_RISK_SCORE)
      .count({ n: '*' });
    return Number(n);
  }

  /** Creates the waiver's RAID risk, or updates the one of a re-waiver. */
  async #upsertWaiverRisk(
    trx: Knex.Transaction,
    w: {
      projectKey: string;
      entityRef: string;
      existingId: string | null;
      title: string;
      reason: string;
      dueDate: string;
      owner: string;
      actor: Actor;
    },
  ): Promise<string> {
    const now = this.#now();
    const description = `Run-transition waiver of '${w.title}' on ${w.entityRef}: ${w.reason}`;
    const action = `Complete '${w.title}' or renew the waiver before ${w.dueDate}`;
    if (w.existingId) {
      const current = await trx('pmo_raid_items')
        .where({ id: w.existingId })
        .first();
      if (current) {
        const cols = { description, action, due_date: w.dueDate };
        const changes = diffSnapshots(
          {
            description: current.description,
            action: current.action,
            dueDate: current.due_date,
          },
          { description, action, dueDate: w.dueDate },
        );
        if (Object.keys(changes).length > 0) {
          await trx('pmo_raid_items')
            .where({ id: w.existingId })
            .update({
              ...cols,
              version: Number(current.version) + 1,
              updated_at: now,
            });
          await writeHistory(trx, this.#now(), {
            projectKey: current.project_key,
            objectType: 'raid',
            objectId: w.existingId,
            action: 'update',
            actor: w.actor,
            changes,
          });
        }
        return w.existingId;
      }
    }
    const id = randomUUID();
    const row = {
      id,
      project_key: w.projectKey,
      type: 'risk',
      title: `Waiver: ${w.title} (${w.entityRef})`,
      description,
      probability: WAIVER_PROBABILITY,
      impact: WAIVER_IMPACT,
      score: raidScore(WAIVER_PROBABILITY, WAIVER_IMPACT),
      owner: w.owner,
      action,
      due_date: w.dueDate,
      status: 'open',
      entity_ref: w.entityRef,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx('pmo_raid_items').insert(row);
    const {
      id: _id,
      project_key,
      version,
      created_at,
      updated_at,
      ...rest
    } = row;
    await writeHistory(trx, this.#now(), {
      projectKey: w.projectKey,
      objectType: 'raid',
      objectId: id,
      action: 'create',
      actor: w.actor,
      changes: diffSnapshots(
        {},
        {
          type: rest.type,
          title: rest.title,
          description: rest.description,
          probability: rest.probability,
          impact: rest.impact,
          score: rest.score,
          owner: rest.owner,
          action: rest.action,
          dueDate: rest.due_date,
          status: rest.status,
          entityRef: rest.entity_ref,
        },
      ),
    });
    return id;
  }

  /** The waived item is done or pending again: its risk is closed. */
  async #closeWaiverRisk(
    trx: Knex.Transaction,
    id: string,
    actor: Actor,
  ): Promise<void> {
    const current = await trx('pmo_raid_items').where({ id }).first();
    if (!current || !isRaidOpen(current)) return;
    await trx('pmo_raid_items')
      .where({ id })
      .update({
        status: 'closed',
        version: Number(current.version) + 1,
        updated_at: this.#now(),
      });
    await writeHistory(trx, this.#now(), {
      projectKey: current.project_key,
      objectType: 'raid',
      objectId: id,
      action: 'update',
      actor,
      changes: { status: [current.status, 'closed'] },
    });
  }

  /** Transition history goes to each linked project (old and new on relink). */
  async #history(
    trx: Knex.Transaction,
    projectKeys: Array<string | null | undefined>,
    entry: {
      entityRef: string;
      action: HistoryEntry['action'];
      actor: Actor;
      changes: Record<string, [unknown, unknown]>;
    },
  ): Promise<void> {
    if (Object.keys(entry.changes).length === 0) return;
    for (const projectKey of new Set(projectKeys)) {
      if (!projectKey) continue;
      await writeHistory(trx, this.#now(), {
        projectKey,
        objectType: 'transition',
        objectId: entry.entityRef,
        action: entry.action,
        actor: entry.actor,
        changes: entry.changes,
      });
    }
  }
}
