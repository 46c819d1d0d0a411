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

import fs from 'node:fs';
import { Knex } from 'knex';
import {
  createTestContext,
  createTestDatabases,
} from '../__testUtils__/databases';

const migrationsDir = `${__dirname}/../../migrations`;
const migrationsFiles = fs
  .readdirSync(migrationsDir)
  .filter(f => f.endsWith('.js'))
  .sort();

async function migrateUpOnce(knex: Knex): Promise<void> {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ts = '2026-03-02T09:00:00.000Z';
const milestoneId = '6f0c3c5e-2d0b-4a55-8a57-6f7d8d2b1a01';

describe('migrations', () => {
  it('has the expected files in order', () => {
    expect(migrationsFiles).toEqual([
      '20260301090000_init.js',
      '20260301090100_entity_links.js',
      '20260301090200_transitions.js',
      '20261201090000_reminders.js',
      '20261201090100_snapshots.js',
      '20261201090200_performance_indexes.js',
      '20261215090000_project_incarnations.js',
      '20261220090000_milestone_external_ids.js',
      '20261227090000_gate_decisions.js',
      '20261227090100_rebaselines.js',
      '20261228090000_checklist_evidence.js',
      '20261229090000_change_windows.js',
    ]);
  });

  it.each(databases.eachSupportedId())(
    'migrates up, down to zero and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await migrateUpOnce(knex);
      await knex('pmo_projects').insert({
        key: 'INFRA-101',
        title: 'Storage refresh',
        phase: 'execution',
        methodology: 'waterfall',
        owner: 'group:default/storage',
        priority: 'high',
        created_at: ts,
        updated_at: ts,
      });
      await knex('pmo_milestones').insert({
        id: milestoneId,
        project_key: 'INFRA-101',
        title: 'Cutover',
        baseline_date: '2026-04-01',
        status: 'planned',
        gate: true,
        created_at: ts,
        updated_at: ts,
      });
      // Defaults of the init migration.
      expect(await knex('pmo_projects').first()).toMatchObject({
        external_links: '[]',
        version: 1,
        computed_health: 'green',
        computed_reasons: '[]',
        health: 'green',
      });

      await migrateUpOnce(knex);
      // No foreign key on links: an annotation may name an unknown project.
      await knex('pmo_entity_links').insert([
        {
          project_key: 'INFRA-101',
          entity_ref: 'component:default/san',
          source: 'annotation',
          created_at: ts,
        },
        {
          project_key: 'GHOST-1',
          entity_ref: 'component:default/san',
          source: 'annotation',
          created_at: ts,
        },
      ]);
      // The composite primary key rejects a duplicate link. (Compared by
      // outcome: driver errors do not always pass Jest's isError check.)
      const duplicate = await knex('pmo_entity_links')
        .insert({
          project_key: 'GHOST-1',
          entity_ref: 'component:default/san',
          source: 'annotation',
          created_at: ts,
        })
        .then(
          () => 'inserted',
          () => 'rejected',
        );
      expect(duplicate).toBe('rejected');
      await knex('pmo_entity_annotations').insert({
        entity_ref: 'component:default/san',
        raw_keys: '["INFRA-101","GHOST-1"]',
        invalid_tokens: '[]',
        synced_at: ts,
      });

      // Rolling back the links keeps the projects and milestones.
      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('pmo_entity_links')).toBe(false);
      expect(await knex.schema.hasTable('pmo_entity_annotations')).toBe(false);
      expect(await knex('pmo_projects').select('key')).toEqual([
        { key: 'INFRA-101' },
      ]);
      const milestone = await knex('pmo_milestones').first();
      expect({ ...milestone, gate: Boolean(milestone.gate) }).toMatchObject({
        id: milestoneId,
        project_key: 'INFRA-101',
        gate: true,
      });

      await migrateDownOnce(knex);
      for (const table of [
        'pmo_projects',
        'pmo_milestones',
        'pmo_raid_items',
        'pmo_history',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('pmo_projects')).toEqual([]);
      expect(await knex('pmo_entity_links')).toEqual([]);

      // The milestone foreign key cascades.
      await knex('pmo_projects').insert({
        key: 'INFRA-102',
        title: 'Again',
        phase: 'intake',
        methodology: 'agile',
        owner: 'group:default/pmo',
        priority: 'low',
        created_at: ts,
        updated_at: ts,
      });
      await knex('pmo_milestones').insert({
        id: milestoneId,
        project_key: 'INFRA-102',
        title: 'Kick-off',
        status: 'planned',
        created_at: ts,
        updated_at: ts,
      });
      await knex('pmo_projects').where({ key: 'INFRA-102' }).delete();
      expect(await knex('pmo_milestones')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates the run transitions up and down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpOnce(knex);
      await migrateUpOnce(knex);
      expect(await knex.schema.hasTable('pmo_transitions')).toBe(false);
      await migrateUpOnce(knex);

      const entityRef = 'component:default/storage-api';
      await knex('pmo_transitions').insert({
        entity_ref: entityRef,
        state: 'not_started',
        tier: 'tier-2',
        template_id: 'default-tier-2',
        template_version: 1,
        hypercare_days: 30,
        created_at: ts,
        updated_at: ts,
      });
      await knex('pmo_transition_items').insert({
        entity_ref: entityRef,
        item_key: 'runbook',
        position: 0,
        title: 'Runbook',
        required: true,
        evidence_required: true,
        updated_at: ts,
      });
      await knex('pmo_transition_signoffs').insert({
        entity_ref: entityRef,
        role: 'run',
        signed_by: 'user:default/bob',
        signed_at: ts,
      });
      expect(await knex('pmo_transitions').first()).toMatchObject({
        version: 1,
        project_key: null,
      });
      expect(await knex('pmo_transition_items').first()).toMatchObject({
        status: 'pending',
        description: '',
      });
      // One item per key and transition.
      const duplicate = await knex('pmo_transition_items')
        .insert({
          entity_ref: entityRef,
          item_key: 'runbook',
          position: 1,
          title: 'Again',
          required: false,
          evidence_required: false,
          updated_at: ts,
        })
        .then(
          () => 'inserted',
          () => 'rejected',
        );
      expect(duplicate).toBe('rejected');
      // Items and sign-offs go with their transition.
      await knex('pmo_transitions').where({ entity_ref: entityRef }).delete();
      expect(await knex('pmo_transition_items')).toEqual([]);
      expect(await knex('pmo_transition_signoffs')).toEqual([]);

      await migrateDownOnce(knex);
      for (const table of [
        'pmo_transitions',
        'pmo_transition_items',
        'pmo_transition_signoffs',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      expect(await knex.schema.hasTable('pmo_entity_links')).toBe(true);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('pmo_transitions')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates the reminders sent up and down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const reminders = '20261201090000_reminders.js';
      await knex.migrate.latest({ directory: migrationsDir });
      const row = {
        finding_id: 'milestone_slip:6f0c3c5e',
        kind: 'milestone_slip',
        fingerprint: '2026-04-01>2026-04-20',
        recipient: 'group:default/storage',
        first_sent_at: ts,
        last_sent_at: ts,
      };
      await knex('pmo_reminders_sent').insert(row);
      expect(await knex('pmo_reminders_sent')).toEqual([row]);
      // One row per finding: the primary key is the claim of a run.
      const again = await knex('pmo_reminders_sent')
        .insert({ ...row, fingerprint: 'other' })
        .then(
          () => 'inserted',
          () => 'rejected',
        );
      expect(again).toBe('rejected');
      const ignored = await knex('pmo_reminders_sent')
        .insert({ ...row, fingerprint: 'other' })
        .onConflict('finding_id')
        .ignore()
        .returning('finding_id');
      expect(ignored).toEqual([]);

      await knex.migrate.down({ directory: migrationsDir, name: reminders });
      expect(await knex.schema.hasTable('pmo_reminders_sent')).toBe(false);
      expect(await knex.schema.hasTable('pmo_transitions')).toBe(true);
      await knex.migrate.up({ directory: migrationsDir, name: reminders });
      expect(await knex('pmo_reminders_sent')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'creates and drops the performance indexes, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261201090200_performance_indexes.js';
      const PERF_INDEXES = [
        'pmo_milestones_open_next_idx',
        'pmo_milestones_open_date_idx',
        'pmo_milestones_open_slip_idx',
        'pmo_raid_items_open_by_project_idx',
        'pmo_raid_items_heat_map_idx',
        'pmo_projects_health_phase_idx',
        'pmo_projects_last_status_idx',
      ];
      const indexes = async () => {
        const rows: Array<{ name: string }> = knex.client.config.client
          .toString()
          .includes('sqlite')
          ? await knex.raw(
              "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'pmo\\_%' ESCAPE '\\'",
            )
          : (
              await knex.raw(
                "SELECT indexname AS name FROM pg_indexes WHERE indexname LIKE 'pmo\\_%'",
              )
            ).rows;
        return rows.map(r => r.name).filter(n => PERF_INDEXES.includes(n));
      };
      await knex.migrate.latest({ directory: migrationsDir });
      expect((await indexes()).sort()).toEqual([...PERF_INDEXES].sort());

      await knex.migrate.down({ directory: migrationsDir, name });
      expect(await indexes()).toEqual([]);
      expect(await knex.schema.hasTable('pmo_milestones')).toBe(true);
      await knex.migrate.up({ directory: migrationsDir, name });
      expect((await indexes()).length).toBe(PERF_INDEXES.length);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives each incarnation of a key its own history, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261215090000_project_incarnations.js';
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir, name });

      const at = (day: number) => `2026-03-0${day}T09:00:00.000Z`;
      const project = (key: string, createdAt: string) => ({
        key,
        title: key,
        phase: 'execution',
        methodology: 'waterfall',
        owner: 'group:default/storage',
        priority: 'high',
        created_at: createdAt,
        updated_at: createdAt,
      });
      // SECH-1: deleted on day 3, a transition entry for the free key on day
      // 3 too, then created again in the same millisecond as the delete.
      await knex('pmo_projects').insert([
        project('SECH-1', at(3)),
        project('BULK-1', at(4)),
      ]);
      await knex('pmo_milestones').insert({
        id: milestoneId,
        project_key: 'SECH-1',
        title: 'Cutover',
        status: 'planned',
        created_at: at(3),
        updated_at: at(3),
      });
      const entry = (
        key: string,
        objectType: string,
        action: string,
        when: string,
      ) => ({
        project_key: key,
        object_type: objectType,
        object_id: key,
        action,
        actor: 'user:default/alice',
        at: when,
        changes: '{}',
      });
      const history = [
        entry('SECH-1', 'project', 'create', at(1)), // 1: first incarnation
        entry('SECH-1', 'milestone', 'create', at(2)), // 2
        entry('GONE-1', 'project', 'create', at(2)), // 3: deleted for good
        entry('SECH-1', 'project', 'delete', at(3)), // 4
        entry('SECH-1', 'transition', 'update', at(3)), // 5: no project
        entry('SECH-1', 'project', 'create', at(3)), // 6: second incarnation
        entry('GONE-1', 'project', 'delete', at(3)), // 7
        entry('SECH-1', 'project', 'update', at(4)), // 8
        entry('BULK-1', 'link', 'create', at(2)), // 9: before BULK-1 existed
        entry('BULK-1', 'project', 'update', at(5)), // 10: no create row
      ];
      for (const row of history) await knex('pmo_history').insert(row);
      const ids = (await knex('pmo_history').select('id').orderBy('id')).map(
        r => Number(r.id),
      );

      await knex.migrate.up({ directory: migrationsDir, name });

      const projects = await knex('pmo_projects').orderBy('key');
      const uids = Object.fromEntries(projects.map(p => [p.key, p.uid]));
      expect(uids['SECH-1']).toMatch(/^[0-9a-f-]{36}$/);
      expect(uids['BULK-1']).toMatch(/^[0-9a-f-]{36}$/);
      expect(uids['SECH-1']).not.toBe(uids['BULK-1']);
      const rows = await knex('pmo_history').orderBy('id');
      const uidOf = (n: number) =>
        rows.find(r => Number(r.id) === ids[n - 1])!.project_uid;
      // The current incarnation: from its create row on, not by timestamp
      // (the delete of the first one has the same one).
      expect([uidOf(6), uidOf(8)]).toEqual([uids['SECH-1'], uids['SECH-1']]);
      // The first incarnation keeps its rows, under an id of its own.
      expect(uidOf(1)).toMatch(/^[0-9a-f-]{36}$/);
      expect([uidOf(2), uidOf(4)]).toEqual([uidOf(1), uidOf(1)]);
      expect(uidOf(1)).not.toBe(uids['SECH-1']);
      // Written while no project had the key: nobody's.
      expect(uidOf(5)).toBeNull();
      // A key deleted for good.
      expect(uidOf(3)).toMatch(/^[0-9a-f-]{36}$/);
      expect(uidOf(7)).toBe(uidOf(3));
      expect([uidOf(1), uids['SECH-1']]).not.toContain(uidOf(3));
      // Without a create row: the rows not older than the project.
      expect(uidOf(9)).toBeNull();
      expect(uidOf(10)).toBe(uids['BULK-1']);
      // One incarnation per uid.
      const duplicate = await knex('pmo_projects')
        .where({ key: 'BULK-1' })
        .update({ uid: uids['SECH-1'] })
        .then(
          () => 'updated',
          () => 'rejected',
        );
      expect(duplicate).toBe('rejected');

      // The store reads the backfilled history per incarnation.
      const store = (await createTestContext(knex)).history;
      const sech = await store.listHistory('SECH-1', { limit: 10 });
      expect(sech.items.map(h => h.id)).toEqual([ids[7], ids[5]].map(String));
      const gone = await store.listHistory('GONE-1', { limit: 10 });
      expect(gone.items.map(h => h.id)).toEqual([ids[6], ids[2]].map(String));

      // Down drops the ids and keeps every row (no cascade on SQLite).
      await knex.migrate.down({ directory: migrationsDir, name });
      expect(await knex.schema.hasColumn('pmo_projects', 'uid')).toBe(false);
      expect(await knex.schema.hasColumn('pmo_history', 'project_uid')).toBe(
        false,
      );
      expect(Number((await knex('pmo_history').count({ n: '*' }))[0].n)).toBe(
        history.length,
      );
      expect(await knex('pmo_projects').pluck('key')).toHaveLength(2);
      expect(await knex('pmo_milestones').pluck('id')).toEqual([milestoneId]);
      await knex.migrate.up({ directory: migrationsDir, name });
      expect(await knex.schema.hasColumn('pmo_history', 'project_uid')).toBe(
        true,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'adds milestone external ids, unique per project, and removes them, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261220090000_milestone_external_ids.js';
      await knex.migrate.latest({ directory: migrationsDir });
      const now = '2026-03-01T00:00:00.000Z';
      for (const key of ['A-1', 'B-1']) {
        await knex('pmo_projects').insert({
          key,
          title: key,
          phase: 'intake',
          methodology: 'waterfall',
          owner: 'group:default/a',
          priority: 'medium',
          external_links: '[]',
          version: 1,
          created_at: now,
          updated_at: now,
        });
      }
      const milestone = (id: string, key: string) => ({
        id,
        project_key: key,
        title: 'M',
        status: 'planned',
        gate: false,
        external_id: 'mspdi:7',
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await knex('pmo_milestones').insert(
        milestone('11111111-1111-4111-8111-111111111111', 'A-1'),
      );
      // Another project's plan may reuse the UID; the same project may not.
      await knex('pmo_milestones').insert(
        milestone('22222222-2222-4222-8222-222222222222', 'B-1'),
      );
      // The database's own error, read by its message: better-sqlite3 is a
      // native module loaded once per jest worker, so its SqliteError is an
      // Error of the first test file's realm and fails `toThrow()` in later
      // files (the fresh-clone CI runs failed here, never this check).
      const duplicate = await knex('pmo_milestones')
        .insert(milestone('33333333-3333-4333-8333-333333333333', 'A-1'))
        .then(
          () => 'inserted',
          (error: { message?: string }) => String(error?.message),
        );
      expect(duplicate).toMatch(/UNIQUE constraint failed|duplicate key value/);
      await knex.migrate.down({ directory: migrationsDir, name });
      expect(await knex.schema.hasColumn('pmo_milestones', 'external_id')).toBe(
        false,
      );
      expect(await knex('pmo_milestones').pluck('id')).toHaveLength(2);
      await knex.migrate.up({ directory: migrationsDir, name });
      expect(await knex.schema.hasColumn('pmo_milestones', 'external_id')).toBe(
        true,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'adds the checklist evidence columns and removes them, keeping the items, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261228090000_checklist_evidence.js';
      await knex.migrate.latest({ directory: migrationsDir });
      const now = '2026-03-01T00:00:00.000Z';
      await knex('pmo_transitions').insert({
        entity_ref: 'component:default/a',
        state: 'in_progress',
        tier: 'tier-2',
        template_id: 't',
        template_version: 1,
        hypercare_days: 30,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await knex('pmo_transition_items').insert({
        entity_ref: 'component:default/a',
        item_key: 'on-call',
        position: 0,
        title: 'On-call',
        description: '',
        required: true,
        evidence_required: false,
        status: 'done',
        evidence_url: '/catalog/default/component/a',
        fact_rule: JSON.stringify({ rule: 'annotation', annotations: ['x/y'] }),
        attester_kind: 'catalog',
        fact_status: 'satisfied',
        fact_detail: 'x/y: 1',
        fact_checked_at: now,
        updated_at: now,
      });
      await knex.migrate.down({ directory: migrationsDir, name });
      for (const column of ['fact_rule', 'attester_kind', 'fact_status']) {
        expect(
          await knex.schema.hasColumn('pmo_transition_items', column),
        ).toBe(false);
      }
      expect(await knex('pmo_transition_items').pluck('status')).toEqual([
        'done',
      ]);
      await knex.migrate.up({ directory: migrationsDir, name });
      const [row] = await knex('pmo_transition_items');
      expect(row.fact_rule).toBeNull();
      expect(row.attester_kind).toBeNull();
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates gate decisions and re-baselines up and down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('pmo_projects').insert({
        key: 'INFRA-103',
        title: 'Gates',
        phase: 'execution',
        methodology: 'waterfall',
        owner: 'group:default/pmo',
        priority: 'low',
        created_at: ts,
        updated_at: ts,
      });
      expect(await knex('pmo_projects').first()).toMatchObject({
        baseline_number: 0,
      });
      await knex('pmo_milestones').insert({
        id: milestoneId,
        project_key: 'INFRA-103',
        title: 'Design approved',
        status: 'planned',
        gate: true,
        gate_approvers: '["group:default/arch"]',
        baseline_date: '2026-04-01',
        created_at: ts,
        updated_at: ts,
      });
      await knex('pmo_gate_decisions').insert({
        id: '6f0c3c5e-2d0b-4a55-8a57-6f7d8d2b1a02',
        milestone_id: milestoneId,
        project_key: 'INFRA-103',
        decision: 'go',
        rationale: 'Ready',
        decided_by: 'user:default/ann',
        decided_at: ts,
      });
      expect(await knex('pmo_gate_decisions').first()).toMatchObject({
        conditions: '[]',
        action_ids: '[]',
      });
      await knex('pmo_milestone_baselines').insert({
        milestone_id: milestoneId,
        baseline_number: 0,
        baseline_date: '2026-04-01',
      });
      // One date per milestone and baseline number.
      const duplicate = await knex('pmo_milestone_baselines')
        .insert({
          milestone_id: milestoneId,
          baseline_number: 0,
          baseline_date: '2026-05-01',
        })
        .then(
          () => 'inserted',
          () => 'rejected',
        );
      expect(duplicate).toBe('rejected');
      // Decisions and baselines go with their milestone.
      await knex('pmo_milestones').where({ id: milestoneId }).delete();
      expect(await knex('pmo_gate_decisions')).toEqual([]);
      expect(await knex('pmo_milestone_baselines')).toEqual([]);

      // By name: later migrations (checklist evidence, cutover) stay.
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261227090100_rebaselines.js',
      });
      expect(await knex.schema.hasTable('pmo_rebaselines')).toBe(false);
      expect(await knex.schema.hasTable('pmo_milestone_baselines')).toBe(false);
      expect(
        await knex.schema.hasColumn('pmo_projects', 'baseline_number'),
      ).toBe(false);
      expect(await knex.schema.hasTable('pmo_gate_decisions')).toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261227090000_gate_decisions.js',
      });
      expect(await knex.schema.hasTable('pmo_gate_decisions')).toBe(false);
      expect(
        await knex.schema.hasColumn('pmo_milestones', 'gate_approvers'),
      ).toBe(false);
      expect(await knex('pmo_projects').first()).toMatchObject({
        key: 'INFRA-103',
      });
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('pmo_rebaselines')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'adds change windows (cascading with their milestone), freezes and acknowledgements, and removes them, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const name = '20261229090000_change_windows.js';
      await knex.migrate.latest({ directory: migrationsDir });
      const now = '2026-03-01T00:00:00.000Z';
      await knex('pmo_projects').insert({
        key: 'SAN-1',
        title: 'SAN',
        phase: 'intake',
        methodology: 'waterfall',
        owner: 'group:default/a',
        priority: 'medium',
        external_links: '[]',
        version: 1,
        created_at: now,
        updated_at: now,
      });
      const mid = '11111111-1111-4111-8111-111111111111';
      await knex('pmo_milestones').insert({
        id: mid,
        project_key: 'SAN-1',
        title: 'Cutover',
        status: 'planned',
        gate: false,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await knex('pmo_change_windows').insert({
        id: '22222222-2222-4222-8222-222222222222',
        milestone_id: mid,
        project_key: 'SAN-1',
        type: 'cutover',
        local_start: '2027-01-09T22:00',
        local_end: '2027-01-10T06:00',
        time_zone: 'Europe/Berlin',
        start_at: '2027-01-09T21:00:00.000Z',
        end_at: '2027-01-10T05:00:00.000Z',
        change_approved: false,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await knex('pmo_freezes').insert({
        id: '33333333-3333-4333-8333-333333333333',
        title: 'Quarter end',
        scope_kind: 'all',
        local_start: '2027-03-25T00:00',
        time_zone: 'UTC',
        start_at: '2027-03-25T00:00:00.000Z',
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await knex('pmo_collision_acks').insert({
        finding_id: 'freeze:a:b',
        reason: 'CAB',
        acknowledged_by: 'user:default/a',
        acknowledged_at: now,
        fingerprint: 'a@1',
      });
      if (databaseId.startsWith('SQLITE')) {
        await knex.raw('PRAGMA foreign_keys = ON');
      }
      await knex('pmo_milestones').where({ id: mid }).delete();
      expect(await knex('pmo_change_windows').pluck('id')).toEqual([]);

      await knex.migrate.down({ directory: migrationsDir, name });
      for (const table of [
        'pmo_change_windows',
        'pmo_freezes',
        'pmo_collision_acks',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      expect(await knex('pmo_milestones').pluck('id')).toEqual([]);
      await knex.migrate.up({ directory: migrationsDir, name });
      expect(await knex.schema.hasTable('pmo_change_windows')).toBe(true);
    },
  );
});
