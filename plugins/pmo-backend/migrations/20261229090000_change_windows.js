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
 * Cutover safety (#16): change windows on milestones, freeze periods and
 * the CAB's acknowledgements of collisions.
 *
 * Times are stored twice: as written (local wall clock and IANA zone, so
 * that "Saturday 22:00 Europe/Berlin" stays what the user wrote across DST
 * rule changes) and as UTC instants (ISO strings, indexed) for the range
 * queries of the calendar and the collision finder.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pmo_change_windows', table => {
    table.uuid('id').primary();
    table
      .uuid('milestone_id')
      .notNullable()
      .references('id')
      .inTable('pmo_milestones')
      .onDelete('CASCADE');
    table
      .string('project_key', 32)
      .notNullable()
      .references('key')
      .inTable('pmo_projects')
      .onDelete('CASCADE');
    table
      .string('type', 32)
      .notNullable()
      .comment('cutover, maintenance, go-live, rollback');
    table
      .string('local_start', 32)
      .notNullable()
      .comment('Wall clock as written, YYYY-MM-DDTHH:mm');
    table.string('local_end', 32).notNullable();
    table
      .string('time_zone', 64)
      .notNullable()
      .comment('IANA zone of local_start/local_end');
    table
      .string('start_at', 32)
      .notNullable()
      .comment('UTC instant (ISO) of local_start');
    table.string('end_at', 32).notNullable();
    table.string('change_record', 200).nullable();
    table.boolean('change_approved').notNullable().defaultTo(false);
    table.integer('version').notNullable().defaultTo(1);
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['start_at'], 'pmo_change_windows_start_idx');
    table.index(['end_at'], 'pmo_change_windows_end_idx');
    table.index(['project_key'], 'pmo_change_windows_project_idx');
    table.index(['milestone_id'], 'pmo_change_windows_milestone_idx');
  });

  await knex.schema.createTable('pmo_freezes', table => {
    table.uuid('id').primary();
    table.string('title', 200).notNullable();
    table
      .string('scope_kind', 16)
      .notNullable()
      .comment('all, system, tier, group');
    table
      .string('scope_value', 200)
      .nullable()
      .comment('System/group ref or tier; null for all');
    table.string('local_start', 32).notNullable();
    table.string('local_end', 32).nullable().comment('null: open freeze');
    table.string('time_zone', 64).notNullable();
    table.string('start_at', 32).notNullable();
    table.string('end_at', 32).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('created_by', 255).nullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['start_at'], 'pmo_freezes_start_idx');
  });

  await knex.schema.createTable('pmo_collision_acks', table => {
    table
      .string('finding_id', 255)
      .primary()
      .comment('Stable id of findCollisions');
    table.text('reason').notNullable();
    table.string('acknowledged_by', 255).notNullable();
    table.string('acknowledged_at', 32).notNullable();
    table
      .string('fingerprint', 255)
      .notNullable()
      .comment(
        'Versions of both sides when acknowledged: a change re-opens the finding',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('pmo_collision_acks');
  await knex.schema.dropTableIfExists('pmo_freezes');
  await knex.schema.dropTableIfExists('pmo_change_windows');
};
