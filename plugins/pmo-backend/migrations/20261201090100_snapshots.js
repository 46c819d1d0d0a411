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

// @ts-check

/**
 * Weekly, immutable snapshots of every project's health: one header row per
 * snapshot and one row per project, written once and never updated (the
 * retention task deletes whole snapshots). Lists and objects are JSON text,
 * dates ISO `YYYY-MM-DD` and timestamps ISO-8601 UTC text, as in the init
 * migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pmo_snapshots', table => {
    table.comment('Immutable snapshots of the health of every project');
    table.increments('id').comment('Snapshot id');
    table.string('taken_at', 32).notNullable().comment('ISO timestamp');
    table
      .string('period', 10)
      .notNullable()
      .comment('ISO week of taken_at (UTC), e.g. 2026-W49');
    table
      .string('kind', 16)
      .notNullable()
      .comment('scheduled (weekly task), manual, or demo (back-filled)');
    table
      .text('taken_by')
      .notNullable()
      .comment('User entity ref, service subject or plugin:pmo/<task>');
    table
      .integer('project_count')
      .notNullable()
      .comment('Projects in the snapshot, before any access filter');
    table.index(['taken_at'], 'pmo_snapshots_taken_at_idx');
  });
  // At most one weekly (and one demo) snapshot per ISO week, whichever
  // replica or rerun takes it; manual snapshots are not limited. A partial
  // unique index works the same on PostgreSQL and SQLite.
  await knex.raw(
    `CREATE UNIQUE INDEX pmo_snapshots_period_kind_uq ON pmo_snapshots (period, kind) WHERE kind IN ('scheduled', 'demo')`,
  );

  await knex.schema.createTable('pmo_snapshot_projects', table => {
    table.comment('One project as it was when the snapshot was taken');
    table
      .integer('snapshot_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('pmo_snapshots')
      .onDelete('CASCADE')
      .comment('Owning snapshot');
    // No foreign key to pmo_projects: a snapshot outlives deleted projects.
    table.string('project_key', 32).notNullable().comment('Project key');
    table.text('title').notNullable().comment('Title');
    table.string('phase', 32).notNullable().comment('Lifecycle phase');
    table.text('owner').notNullable().comment('Owner entity ref');
    table.string('priority', 16).notNullable().comment('Business priority');
    table.string('target_date', 10).nullable().comment('ISO YYYY-MM-DD');
    table
      .string('declared_health', 8)
      .nullable()
      .comment('RAG declared by the project manager');
    table.text('declared_reason').nullable().comment('Reason of it');
    table
      .string('declared_set_at', 32)
      .nullable()
      .comment('ISO timestamp of the declaration');
    table
      .string('computed_health', 8)
      .notNullable()
      .comment('RAG computed from the facts on the snapshot day');
    table
      .text('computed_reasons')
      .notNullable()
      .comment('JSON array of the reasons of the computed health');
    table
      .string('health', 8)
      .notNullable()
      .comment('Effective health: worse of declared and computed');
    table
      .boolean('watermelon')
      .notNullable()
      .comment('Declared better than computed');
    table
      .text('milestones')
      .notNullable()
      .comment(
        'JSON array: title, baseline, forecast, actual, status, gate, slip',
      );
    table.integer('open_risks').notNullable().comment('Open risks');
    table.integer('open_assumptions').notNullable().comment('Open assumptions');
    table.integer('open_issues').notNullable().comment('Open issues');
    table
      .integer('open_dependencies')
      .notNullable()
      .comment('Open dependencies');
    table
      .integer('high_risks')
      .notNullable()
      .comment('Open risks scoring 15 or more');
    table
      .text('top_risks')
      .notNullable()
      .comment('JSON array of the top 5 open risks by score');
    table
      .text('asks')
      .notNullable()
      .comment('JSON array of overdue or high-scoring issues/dependencies');
    table
      .integer('open_slip_days')
      .notNullable()
      .comment('Sum of the positive slip of open milestones');
    table
      .integer('open_dated_milestones')
      .notNullable()
      .comment('Open milestones with a baseline and a forecast');
    table.primary(['snapshot_id', 'project_key'], 'pmo_snapshot_projects_pk');
    table.index(['project_key'], 'pmo_snapshot_projects_project_key_idx');
    table.index(
      ['snapshot_id', 'owner'],
      'pmo_snapshot_projects_snapshot_owner_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of ['pmo_snapshot_projects', 'pmo_snapshots']) {
    if (await knex.schema.hasTable(name)) {
      await knex.schema.dropTable(name);
    }
  }
};
