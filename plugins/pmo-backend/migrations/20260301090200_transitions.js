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
 * Run transitions: one per catalog entity, with the readiness checklist
 * copied from the template it was created from, and the two sign-offs.
 * Dates are ISO `YYYY-MM-DD` text and timestamps ISO-8601 UTC text, as in
 * the init migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pmo_transitions', table => {
    table.comment('Run transition (operational readiness) of catalog entities');
    table
      .text('entity_ref')
      .primary()
      .notNullable()
      .comment('Normalized entity ref');
    // No foreign key, like entity links: the history outlives the project
    // and the router checks that the project exists when linking.
    table
      .string('project_key', 32)
      .nullable()
      .comment('Delivering project, if any');
    table
      .string('state', 24)
      .notNullable()
      .comment(
        'not_started, in_progress, ready_for_review, accepted, hypercare, run',
      );
    table.string('tier', 16).notNullable().comment('tier-1, tier-2 or tier-3');
    table
      .string('template_id', 64)
      .notNullable()
      .comment('Readiness template the checklist was created from');
    table
      .integer('template_version')
      .notNullable()
      .comment('Version of that template');
    table
      .integer('hypercare_days')
      .notNullable()
      .comment('Length of the hypercare window, from the template');
    table.string('target_date', 10).nullable().comment('Planned acceptance');
    table
      .string('hypercare_start', 10)
      .nullable()
      .comment('ISO date of the move to hypercare');
    table
      .string('hypercare_end', 10)
      .nullable()
      .comment('ISO date of the last day of hypercare');
    table
      .text('early_exit_reason')
      .nullable()
      .comment('Reason to leave hypercare before its end');
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Optimistic concurrency version');
    table.string('created_at', 32).notNullable().comment('ISO timestamp');
    table.string('updated_at', 32).notNullable().comment('ISO timestamp');
    table.index(['state'], 'pmo_transitions_state_idx');
    table.index(['project_key'], 'pmo_transitions_project_key_idx');
  });

  await knex.schema.createTable('pmo_transition_items', table => {
    table.comment('Readiness checklist items of run transitions');
    table
      .text('entity_ref')
      .notNullable()
      .references('entity_ref')
      .inTable('pmo_transitions')
      .onDelete('CASCADE')
      .comment('Transition the item belongs to');
    table.string('item_key', 64).notNullable().comment('Template item key');
    table.integer('position').notNullable().comment('Order in the checklist');
    table.text('title').notNullable().comment('Copied from the template');
    table
      .text('description')
      .notNullable()
      .defaultTo('')
      .comment('Copied from the template');
    table
      .boolean('required')
      .notNullable()
      .comment('Required for acceptance (copied from the template)');
    table
      .boolean('evidence_required')
      .notNullable()
      .comment('Done needs an evidence URL (copied from the template)');
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending, done, waived or not_applicable');
    table.text('evidence_url').nullable().comment('http(s) evidence link');
    table.text('attested_by').nullable().comment('Entity ref of the attester');
    table.string('attested_at', 32).nullable().comment('ISO timestamp');
    table
      .string('expires_at', 10)
      .nullable()
      .comment('Last ISO date the evidence or waiver counts');
    table.text('waiver_reason').nullable().comment('Why the item is waived');
    table
      .text('raid_id')
      .nullable()
      .comment('RAID risk recording the waiver on the project');
    table.text('note').nullable().comment('Free text note');
    table.string('updated_at', 32).notNullable().comment('ISO timestamp');
    table.primary(['entity_ref', 'item_key']);
  });

  await knex.schema.createTable('pmo_transition_signoffs', table => {
    table.comment('Delivery and run sign-offs of run transitions');
    table
      .text('entity_ref')
      .notNullable()
      .references('entity_ref')
      .inTable('pmo_transitions')
      .onDelete('CASCADE')
      .comment('Transition signed');
    table.string('role', 16).notNullable().comment('delivery or run');
    table.text('signed_by').notNullable().comment('User entity ref');
    table.string('signed_at', 32).notNullable().comment('ISO timestamp');
    table.primary(['entity_ref', 'role']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of [
    'pmo_transition_signoffs',
    'pmo_transition_items',
    'pmo_transitions',
  ]) {
    if (await knex.schema.hasTable(name)) {
      await knex.schema.dropTable(name);
    }
  }
};
