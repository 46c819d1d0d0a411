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

import { ConflictError } from '@backstage/errors';
import { toIsoDate } from '@infra-pmo/plugin-pmo-common';
import type {
  Transition,
  TransitionBrief,
  TransitionState,
  UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { Knex } from 'knex';
import {
  chunks,
  checkDate,
  diffSnapshots,
  isUniqueViolation,
  requireProject,
} from './helpers';
import type { Actor } from './PmoStore';
import type {
  CreateTransitionInput,
  ListTransitionsOptions,
  TransitionStore,
  UpdateItemResult,
  UpdateTransitionInput,
  WaiverContext,
  ApplyFactOutcomesResult,
  FactOutcomes,
} from './TransitionStore';
import {
  moveStateInTransaction,
  revokeSignOffInTransaction,
  signOffInTransaction,
  type WriteTime,
  type SignOffStep,
} from './transitionGate';
import {
  listTransitionBriefs,
  listTransitionPage,
  listTransitionStates,
} from './transitionQueries';
import {
  loadTransition,
  requireItemRow,
  requireTransitionRow,
  rowToTransition,
  type RawDbTransitionRow,
} from './transitionRows';
import {
  applyItemPatch,
  assertChecklistEditable,
  assertRelinkable,
} from './transitionRules';
import {
  bumpTransition,
  newTransitionRows,
  revokeAllSignOffs,
  writeTransitionHistory,
  type Changes,
} from './transitionWrites';
import { commitItemChange, type RecomputeHealth } from './itemChange';
import {
  applyFactOutcomesInTransaction,
  listFactEntityRefs,
} from './transitionEvidence';

export type {
  RawDbSignOffRow,
  RawDbTransitionItemRow,
  RawDbTransitionRow,
} from './transitionRows';

type SignOffArgs = Parameters<TransitionStore['signOff']>;
export type { RecomputeHealth } from './itemChange';

/**
 * Knex implementation of {@link TransitionStore}, on PostgreSQL or SQLite.
 * It shares the database (and migrations) of the PMO plugin and writes
 * waiver risks straight into `pmo_raid_items` in its own transaction.
 * Rows and reads are in transitionRows / transitionQueries, the rules of
 * a write in transitionRules, sign-offs and moves in transitionGate, the
 * RAID side in waiverRisks.
 * @internal
 */
export class DatabaseTransitionStore implements TransitionStore {
  readonly #db: Knex;
  readonly #clock: () => Date;
  readonly #recomputeHealth?: RecomputeHealth;

  constructor(options: {
    /** The plugin's knex client (persistenceContext.ts). */
    db: Knex;
    clock: () => Date;
    /**
     * Recomputes the stored health of projects inside the given
     * transaction (database/health.ts): a waiver risk changes the
     * project's RAID, so its health must change with it.
     */
    recomputeHealth?: RecomputeHealth;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#recomputeHealth = options.recomputeHealth;
  }

  // ----------------------------------------------------------------- reads

  async getTransition(entityRef: string): Promise<Transition | undefined> {
    return loadTransition(this.#db, entityRef);
  }

  listTransitions(
    options: ListTransitionsOptions,
  ): Promise<{ items: Transition[]; nextCursor?: string }> {
    return listTransitionPage(this.#db, options);
  }

  listStates(
    entityRefs?: string[],
  ): Promise<Array<{ entityRef: string; state: TransitionState }>> {
    return listTransitionStates(this.#db, entityRefs);
  }

  getTransitionBriefs(
    entityRefs: string[],
    lifecycles?: ReadonlyMap<string, string | undefined>,
  ): Promise<Map<string, TransitionBrief>> {
    return listTransitionBriefs(
      this.#db,
      this.#time().today,
      entityRefs,
      lifecycles,
    );
  }

  // ---------------------------------------------------------------- writes

  async createTransition(
    input: CreateTransitionInput,
    actor: Actor,
  ): Promise<Transition> {
    checkDate('targetDate', input.targetDate);
    const { now } = this.#time();
    try {
      return await this.#db.transaction(async trx => {
        if (input.projectKey) await requireProject(trx, input.projectKey);
        const { row, items } = newTransitionRows(input, now);
        await trx('pmo_transitions').insert(row);
        for (const chunk of chunks(items, 100)) {
          await trx('pmo_transition_items').insert(chunk);
        }
        await writeTransitionHistory(trx, now, [row.project_key], {
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
    const { now } = this.#time();
    return this.#db.transaction(async trx => {
      const before = await requireTransitionRow(trx, entityRef);
      const cols: Partial<RawDbTransitionRow> = {};
      const relink =
        patch.projectKey !== undefined &&
        (patch.projectKey ?? null) !== before.project_key;
      if (relink) {
        assertRelinkable(entityRef, before.state);
        if (patch.projectKey) await requireProject(trx, patch.projectKey);
        cols.project_key = patch.projectKey ?? null;
      }
      if (patch.targetDate !== undefined) cols.target_date = patch.targetDate;
      const changes: Changes = diffSnapshots(
        { projectKey: before.project_key, targetDate: before.target_date },
        {
          projectKey: relink ? cols.project_key : before.project_key,
          targetDate:
            cols.target_date !== undefined
              ? cols.target_date
              : before.target_date,
        },
      );
      // The sign-offs attested the delivery of the old project.
      if (relink)
        Object.assign(changes, await revokeAllSignOffs(trx, entityRef));
      await bumpTransition(trx, now, before, patch.version, cols);
      await writeTransitionHistory(
        trx,
        now,
        [before.project_key, relink ? cols.project_key : undefined],
        { entityRef, action: 'update', actor, changes },
      );
      return (await loadTransition(trx, entityRef))!;
    });
  }

  async updateItem(
    entityRef: string,
    itemKey: string,
    patch: UpdateTransitionItemRequest,
    actor: Actor,
    waiver: WaiverContext,
  ): Promise<UpdateItemResult> {
    const { now, today } = this.#time();
    return this.#db.transaction(async trx => {
      const transition = await requireTransitionRow(trx, entityRef);
      assertChecklistEditable(entityRef, transition.state);
      const before = await requireItemRow(trx, entityRef, itemKey);
      const projectKey = transition.project_key;
      const after = applyItemPatch(before, patch, {
        today,
        now,
        actor,
        projectKey,
      });

      return commitItemChange(trx, {
        now,
        transition,
        before,
        after,
        actor,
        runOwner: waiver.runOwner,
        version: patch.version,
        recomputeHealth: this.#recomputeHealth,
      });
    });
  }

  applyFactOutcomes(
    entityRef: string,
    outcomes: FactOutcomes,
  ): Promise<ApplyFactOutcomesResult> {
    return this.#db.transaction(trx =>
      applyFactOutcomesInTransaction(
        trx,
        this.#time().now,
        entityRef,
        outcomes,
        this.#recomputeHealth,
      ),
    );
  }

  listFactEntityRefs(): Promise<string[]> {
    return listFactEntityRefs(this.#db);
  }

  signOff(...args: SignOffArgs): Promise<Transition> {
    return this.#signOffStep(signOffInTransaction, args);
  }

  revokeSignOff(...args: SignOffArgs): Promise<Transition> {
    return this.#signOffStep(revokeSignOffInTransaction, args);
  }

  /** Giving and revoking a sign-off: one guarded step in a transaction. */
  #signOffStep(step: SignOffStep, args: SignOffArgs): Promise<Transition> {
    return this.#db.transaction(trx => step(trx, this.#time(), args));
  }

  moveState(
    entityRef: string,
    target: TransitionState,
    options: { reason?: string; version: number },
    actor: Actor,
  ): Promise<Transition> {
    return this.#db.transaction(trx =>
      moveStateInTransaction(
        trx,
        this.#time(),
        entityRef,
        target,
        options,
        actor,
      ),
    );
  }

  // --------------------------------------------------------------- helpers

  #time(): WriteTime {
    const at = this.#clock();
    return { now: at.toISOString(), today: toIsoDate(at) };
  }

  async listHypercare(entityRefs: readonly string[]) {
    const result: Array<{
      entityRef: string;
      projectKey?: string;
      start: string;
      end: string;
    }> = [];
    for (const chunk of chunks([...new Set(entityRefs)])) {
      const rows = await this.#db<RawDbTransitionRow>('pmo_transitions')
        .whereIn('entity_ref', chunk)
        .where('state', 'hypercare')
        .whereNotNull('hypercare_start')
        .whereNotNull('hypercare_end');
      for (const row of rows) {
        result.push({
          entityRef: row.entity_ref,
          ...(row.project_key ? { projectKey: row.project_key } : {}),
          start: row.hypercare_start!,
          end: row.hypercare_end!,
        });
      }
    }
    return result;
  }
}
