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
  EDITABLE_TRANSITION_STATES,
  toIsoDate,
  type MilestoneStatus,
  type ProjectPhase,
  type RaidStatus,
  type RaidType,
  type ReminderKind,
  type ReminderThresholds,
  type TransitionItem,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks, compact, opt } from '../database/helpers';
import type {
  RawDbMilestoneRow as RawDbFullMilestoneRow,
  RawDbRaidRow as RawDbFullRaidRow,
} from '../database/rows';
import type {
  ReminderClaim,
  ReminderFacts,
  ReminderStore,
  SentReminder,
} from './ReminderStore';

const TABLE = 'pmo_reminders_sent';

type RawDbSentRow = {
  finding_id: string;
  kind: string;
  fingerprint: string;
  recipient: string;
  first_sent_at: string;
  last_sent_at: string;
};

/** The milestone columns the reminders read. */
type RawDbMilestoneRow = Pick<
  RawDbFullMilestoneRow,
  | 'id'
  | 'project_key'
  | 'title'
  | 'baseline_date'
  | 'forecast_date'
  | 'actual_date'
  | 'status'
  | 'gate'
>;

/** The RAID columns the reminders read. */
type RawDbRaidRow = Pick<
  RawDbFullRaidRow,
  'id' | 'project_key' | 'type' | 'title' | 'status' | 'due_date' | 'owner'
>;

type RawDbItemRow = {
  entity_ref: string;
  item_key: string;
  title: string;
  status: string;
  expires_at: string | null;
};

function plusDays(today: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${today}T00:00:00Z`) + days * 864e5));
}

/**
 * Reminder facts and the dedupe table, read and written with knex directly
 * (set-based: five reads per run whatever the portfolio size). ISO dates are
 * text, so the pre-filters compare them as strings on SQLite and PostgreSQL
 * alike.
 * @internal
 */
export class DatabaseReminderStore implements ReminderStore {
  readonly #db: Knex;
  readonly #clock: () => Date;

  constructor(options: {
    /** The plugin's knex client (database/persistenceContext.ts). */
    db: Knex;
    clock?: () => Date;
  }) {
    this.#db = options.db;
    this.#clock = options.clock ?? (() => new Date());
  }

  async loadFacts(
    today: string,
    thresholds: ReminderThresholds,
  ): Promise<ReminderFacts> {
    const db = this.#db;
    const openProject = (q: Knex.QueryBuilder, alias: string) =>
      q
        .join('pmo_projects as p', 'p.key', `${alias}.project_key`)
        .whereNot('p.phase', 'closed');

    const projectRows = await db('pmo_projects')
      .whereNot('phase', 'closed')
      .select(
        'key',
        'title',
        'phase',
        'owner',
        'declared_set_at',
        'created_at',
      );

    // Open milestones forecast after their baseline, or dated before today.
    const milestoneRows: RawDbMilestoneRow[] = await openProject(
      db('pmo_milestones as m'),
      'm',
    )
      .whereNull('m.actual_date')
      .whereNotIn('m.status', ['done', 'cancelled'])
      .where(q =>
        q
          .where(s =>
            s
              .whereNotNull('m.baseline_date')
              .whereRaw('?? > ??', ['m.forecast_date', 'm.baseline_date']),
          )
          .orWhereRaw('coalesce(??, ??) < ?', [
            'm.forecast_date',
            'm.baseline_date',
            today,
          ]),
      )
      .select(
        'm.id',
        'm.project_key',
        'm.title',
        'm.baseline_date',
        'm.forecast_date',
        'm.actual_date',
        'm.status',
        'm.gate',
      );

    const raidRows: RawDbRaidRow[] = await openProject(
      db('pmo_raid_items as r'),
      'r',
    )
      .whereIn('r.status', ['open', 'mitigating'])
      .where('r.due_date', '<', today)
      .select(
        'r.id',
        'r.project_key',
        'r.type',
        'r.title',
        'r.status',
        'r.due_date',
        'r.owner',
      );

    // Done or waived items of editable checklists expiring in the window.
    const expiryLimit = plusDays(today, thresholds.evidenceExpiryDays);
    const candidateItems = (q: Knex.QueryBuilder) =>
      q
        .join('pmo_transitions as ti', 'ti.entity_ref', 'i.entity_ref')
        .whereIn('ti.state', [...EDITABLE_TRANSITION_STATES])
        .whereIn('i.status', ['done', 'waived'])
        .whereNotNull('i.expires_at')
        .where('i.expires_at', '<=', expiryLimit);
    const itemRows: RawDbItemRow[] = await candidateItems(
      db('pmo_transition_items as i'),
    ).select(
      'i.entity_ref',
      'i.item_key',
      'i.title',
      'i.status',
      'i.expires_at',
    );

    const hypercareLimit = plusDays(today, thresholds.hypercareEndingDays);
    const transitionRows = await db('pmo_transitions as t')
      .leftJoin('pmo_projects as p', 'p.key', 't.project_key')
      .where(q =>
        q
          .where(s =>
            s
              .where('t.state', 'hypercare')
              .where('t.hypercare_end', '<=', hypercareLimit),
          )
          .orWhereIn(
            't.entity_ref',
            candidateItems(db('pmo_transition_items as i')).select(
              'i.entity_ref',
            ),
          ),
      )
      .select(
        't.entity_ref',
        't.state',
        't.project_key',
        't.hypercare_end',
        'p.owner as project_owner',
      );

    return {
      projects: projectRows.map(r =>
        compact({
          key: r.key,
          title: r.title,
          phase: r.phase as ProjectPhase,
          owner: r.owner,
          createdAt: r.created_at,
          declaredHealth: r.declared_set_at
            ? { setAt: r.declared_set_at as string }
            : undefined,
        }),
      ),
      milestones: milestoneRows.map(r =>
        compact({
          id: r.id,
          projectKey: r.project_key,
          title: r.title,
          baselineDate: opt(r.baseline_date),
          forecastDate: opt(r.forecast_date),
          actualDate: opt(r.actual_date),
          status: r.status as MilestoneStatus,
          gate: Boolean(r.gate),
        }),
      ),
      raid: raidRows.map(r =>
        compact({
          id: r.id,
          projectKey: r.project_key,
          type: r.type as RaidType,
          title: r.title,
          status: r.status as RaidStatus,
          dueDate: opt(r.due_date),
          owner: opt(r.owner),
        }),
      ),
      transitions: transitionRows.map(r =>
        compact({
          entityRef: r.entity_ref,
          state: r.state as TransitionState,
          projectKey: opt(r.project_key as string | null),
          hypercareEnd: opt(r.hypercare_end as string | null),
          projectOwner: opt(r.project_owner as string | null),
        }),
      ),
      items: itemRows.map(r =>
        compact({
          entityRef: r.entity_ref,
          key: r.item_key,
          title: r.title,
          status: r.status as TransitionItem['status'],
          expiresAt: opt(r.expires_at),
        }),
      ),
    };
  }

  async listSent(): Promise<SentReminder[]> {
    const rows: RawDbSentRow[] = await this.#db(TABLE).select();
    return rows.map(r => ({
      findingId: r.finding_id,
      kind: r.kind as ReminderKind,
      fingerprint: r.fingerprint,
      recipient: r.recipient,
      firstSentAt: r.first_sent_at,
      lastSentAt: r.last_sent_at,
    }));
  }

  async claim(claims: ReminderClaim[]): Promise<Set<string>> {
    const now = this.#clock().toISOString();
    const claimed = new Set<string>();
    // New findings: the primary key decides; a row inserted meanwhile by
    // another run makes ours a no-op that returns nothing.
    for (const chunk of chunks(claims.filter(c => !c.previous))) {
      const rows: Array<{ finding_id: string } | string> = await this.#db(TABLE)
        .insert(
          chunk.map(c => ({
            finding_id: c.findingId,
            kind: c.kind,
            fingerprint: c.fingerprint,
            recipient: c.recipient,
            first_sent_at: now,
            last_sent_at: now,
          })),
        )
        .onConflict('finding_id')
        .ignore()
        .returning('finding_id');
      for (const r of rows) {
        claimed.add(typeof r === 'string' ? r : r.finding_id);
      }
    }
    // Changed findings: compare-and-set on what this run read. Only changes
    // land here (a steady state writes nothing), so one statement each.
    for (const c of claims) {
      if (!c.previous) continue;
      const updated = await this.#db(TABLE)
        .where({
          finding_id: c.findingId,
          fingerprint: c.previous.fingerprint,
          recipient: c.previous.recipient,
        })
        .update({
          kind: c.kind,
          fingerprint: c.fingerprint,
          recipient: c.recipient,
          last_sent_at: now,
        });
      if (updated === 1) claimed.add(c.findingId);
    }
    return claimed;
  }

  async release(
    claims: Array<Pick<ReminderClaim, 'findingId' | 'fingerprint'>>,
  ): Promise<void> {
    for (const c of claims) {
      await this.#db(TABLE)
        .where({ finding_id: c.findingId, fingerprint: c.fingerprint })
        .delete();
    }
  }

  async forget(findingIds: string[]): Promise<number> {
    let deleted = 0;
    for (const chunk of chunks(findingIds)) {
      deleted += await this.#db(TABLE).whereIn('finding_id', chunk).delete();
    }
    return deleted;
  }
}
