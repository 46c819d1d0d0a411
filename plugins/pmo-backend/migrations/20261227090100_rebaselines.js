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
 * Re-baselining with approval: requests, and every approved baseline of a
 * milestone kept by number (0 = original), so that slip can be shown
 * against the original as well as the current baseline.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pmo_projects', table => {
    table
      .integer('baseline_number')
      .notNullable()
      .defaultTo(0)
      .comment('Approved re-baselines so far; 0 = still on the original');
  });
  await knex.schema.createTable('pmo_rebaselines', table => {
    table.comment('Re-baseline requests and their decisions');
    table.uuid('id').primary().notNullable().comment('Request id');
    table
      .string('project_key', 40)
      .notNullable()
      .references('key')
      .inTable('pmo_projects')
      .onDelete('CASCADE')
      .comment('Project re-baselined');
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending | approved | rejected');
    table.text('reason').notNullable().comment('Why the baseline moves');
    table
      .text('changes')
      .notNullable()
      .comment('JSON array of { milestoneId, baselineDate }');
    table.text('requested_by').notNullable().comment('User entity ref');
    table.string('requested_at', 32).notNullable().comment('ISO timestamp');
    table
      .integer('baseline_number')
      .nullable()
      .comment('Baseline number given on approval (1, 2, ...)');
    table.text('decided_by').nullable().comment('Approver or rejecter');
    table.string('decided_at', 32).nullable().comment('ISO timestamp');
    table
      .text('decision_reason')
      .nullable()
      .comment('Why approved or rejected');
    table.index(['project_key', 'requested_at'], 'pmo_rebaselines_project_idx');
  });
  await knex.schema.createTable('pmo_milestone_baselines', table => {
    table.comment('Every approved baseline date of a milestone (0 = original)');
    table
      .uuid('milestone_id')
      .notNullable()
      .references('id')
      .inTable('pmo_milestones')
      .onDelete('CASCADE')
      .comment('Milestone');
    table.integer('baseline_number').notNullable().comment('0 = original');
    table.string('baseline_date', 10).notNullable().comment('ISO date');
    table
      .uuid('rebaseline_id')
      .nullable()
      .comment('The approved request; null for the original');
    table.primary(['milestone_id', 'baseline_number']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of ['pmo_milestone_baselines', 'pmo_rebaselines']) {
    if (await knex.schema.hasTable(table)) await knex.schema.dropTable(table);
  }
  if (await knex.schema.hasColumn('pmo_projects', 'baseline_number')) {
    await knex.schema.alterTable('pmo_projects', table => {
      table.dropColumn('baseline_number');
    });
  }
};
