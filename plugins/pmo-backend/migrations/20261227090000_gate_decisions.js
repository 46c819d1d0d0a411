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
 * Stage-gate decisions: a gate milestone names its approvers; every
 * decision is kept (never overwritten), with the RAID actions created for
 * its conditions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pmo_milestones', table => {
    table
      .text('gate_approvers')
      .nullable()
      .comment(
        'JSON array of the group or user entity refs who decide the gate; null when none',
      );
  });
  await knex.schema.createTable('pmo_gate_decisions', table => {
    table.comment('Stage-gate decisions, kept as history (append only)');
    table.uuid('id').primary().notNullable().comment('Decision id');
    table
      .uuid('milestone_id')
      .notNullable()
      .references('id')
      .inTable('pmo_milestones')
      .onDelete('CASCADE')
      .comment('The gate milestone decided');
    table
      .string('project_key', 40)
      .notNullable()
      .references('key')
      .inTable('pmo_projects')
      .onDelete('CASCADE')
      .comment('Project of the milestone');
    table
      .string('decision', 32)
      .notNullable()
      .comment('go | go-with-conditions | no-go | deferred');
    table.text('rationale').notNullable().comment('Why, in the approver words');
    table
      .text('conditions')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of { text, owner, dueDate }');
    table
      .text('action_ids')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of the RAID action ids created for the conditions');
    table.text('decided_by').notNullable().comment('User entity ref');
    table.string('decided_at', 32).notNullable().comment('ISO timestamp');
    table.index(
      ['milestone_id', 'decided_at'],
      'pmo_gate_decisions_milestone_idx',
    );
    table.index(['project_key'], 'pmo_gate_decisions_project_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (await knex.schema.hasTable('pmo_gate_decisions')) {
    await knex.schema.dropTable('pmo_gate_decisions');
  }
  if (await knex.schema.hasColumn('pmo_milestones', 'gate_approvers')) {
    await knex.schema.alterTable('pmo_milestones', table => {
      table.dropColumn('gate_approvers');
    });
  }
};
