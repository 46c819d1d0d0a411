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
 * Core PMO tables: projects (with their stored computed health), milestones,
 * RAID items and the audit history. Dates are ISO `YYYY-MM-DD` text and
 * timestamps ISO-8601 UTC text, so that SQLite and PostgreSQL compare and
 * sort them identically.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pmo_projects', table => {
    table.comment('PMO projects of the infrastructure portfolio');
    table
      .string('key', 32)
      .primary()
      .notNullable()
      .comment('Project key, e.g. INFRA-101');
    table.text('title').notNullable().comment('Human readable title');
    table.text('description').nullable().comment('Free text description');
    table
      .string('phase', 32)
      .notNullable()
      .comment('Lifecycle phase: intake..closed');
    table
      .string('methodology', 32)
      .notNullable()
      .comment('Delivery methodology: waterfall, agile, hybrid, safe');
    table
      .text('owner')
      .notNullable()
      .comment('Entity ref of the owning group or user');
    table
      .text('sponsor')
      .nullable()
      .comment('Sponsor, free text or entity ref');
    table.string('start_date', 10).nullable().comment('ISO YYYY-MM-DD');
    table.string('target_date', 10).nullable().comment('ISO YYYY-MM-DD');
    table.double('budget_planned').nullable().comment('Planned budget');
    table.double('budget_actual').nullable().comment('Actual spend');
    table
      .string('budget_currency', 3)
      .nullable()
      .comment('ISO 4217 currency of the budget');
    table
      .string('priority', 16)
      .notNullable()
      .comment('critical, high, medium or low');
    table
      .string('declared_health', 8)
      .nullable()
      .comment('RAG declared by the project manager');
    table
      .text('declared_reason')
      .nullable()
      .comment('Reason of the declaration');
    table
      .string('declared_set_at', 32)
      .nullable()
      .comment('ISO timestamp of the last declaration');
    table
      .text('declared_set_by')
      .nullable()
      .comment('Entity ref of the declaring user');
    table
      .text('external_links')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of links to ServiceNow, Jira, Azure DevOps');
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Optimistic concurrency version');
    table.string('created_at', 32).notNullable().comment('ISO timestamp');
    table.string('updated_at', 32).notNullable().comment('ISO timestamp');
    table
      .string('computed_health', 8)
      .notNullable()
      .defaultTo('green')
      .comment('RAG computed from milestones, RAID and status age');
    table
      .text('computed_reasons')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of the reasons of the computed health');
    table
      .string('health', 8)
      .notNullable()
      .defaultTo('green')
      .comment('Worse of declared and computed health; used by filters');
    table
      .string('computed_at', 32)
      .nullable()
      .comment(
        'ISO timestamp of the last change of the stored computed health',
      );
    table.index(['owner'], 'pmo_projects_owner_idx');
    table.index(['phase'], 'pmo_projects_phase_idx');
    table.index(['health'], 'pmo_projects_health_idx');
    table.index(['updated_at'], 'pmo_projects_updated_at_idx');
  });

  await knex.schema.createTable('pmo_milestones', table => {
    table.comment('Dated milestones and stage gates of projects');
    table.uuid('id').primary().notNullable().comment('Milestone id');
    table
      .string('project_key', 32)
      .notNullable()
      .references('key')
      .inTable('pmo_projects')
      .onDelete('CASCADE')
      .comment('Owning project');
    table.text('title').notNullable().comment('Title');
    table.string('baseline_date', 10).nullable().comment('Approved date');
    table.string('forecast_date', 10).nullable().comment('Current estimate');
    table.string('actual_date', 10).nullable().comment('Date reached');
    table
      .string('status', 16)
      .notNullable()
      .comment('planned, in_progress, done, missed, cancelled');
    table
      .boolean('gate')
      .notNullable()
      .defaultTo(false)
      .comment('True for a stage gate (go/no-go)');
    table.text('change_record').nullable().comment('ITSM change record');
    table.text('entity_ref').nullable().comment('Entity the milestone touches');
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Optimistic concurrency version');
    table.string('created_at', 32).notNullable().comment('ISO timestamp');
    table.string('updated_at', 32).notNullable().comment('ISO timestamp');
    table.index(['project_key'], 'pmo_milestones_project_key_idx');
    table.index(['forecast_date'], 'pmo_milestones_forecast_date_idx');
    table.index(['baseline_date'], 'pmo_milestones_baseline_date_idx');
  });

  await knex.schema.createTable('pmo_raid_items', table => {
    table.comment('RAID log: risks, assumptions, issues and dependencies');
    table.uuid('id').primary().notNullable().comment('RAID item id');
    table
      .string('project_key', 32)
      .notNullable()
      .references('key')
      .inTable('pmo_projects')
      .onDelete('CASCADE')
      .comment('Owning project');
    table
      .string('type', 16)
      .notNullable()
      .comment('risk, assumption, issue or dependency');
    table.text('title').notNullable().comment('Title');
    table.text('description').nullable().comment('Description');
    table.integer('probability').notNullable().comment('1-5');
    table.integer('impact').notNullable().comment('1-5');
    table.integer('score').notNullable().comment('probability x impact');
    table.text('owner').nullable().comment('Owner of the action');
    table.text('action').nullable().comment('Action or mitigation');
    table.string('due_date', 10).nullable().comment('Due date of the action');
    table
      .string('status', 16)
      .notNullable()
      .comment('open, mitigating, closed, accepted');
    table.text('entity_ref').nullable().comment('Entity the item concerns');
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Optimistic concurrency version');
    table.string('created_at', 32).notNullable().comment('ISO timestamp');
    table.string('updated_at', 32).notNullable().comment('ISO timestamp');
    table.index(['project_key', 'status'], 'pmo_raid_items_project_status_idx');
    table.index(['due_date'], 'pmo_raid_items_due_date_idx');
  });

  await knex.schema.createTable('pmo_history', table => {
    table.comment('Audit history of PMO writes, field by field');
    table
      .bigIncrements('id')
      .comment('Monotonic id; breaks ties between equal timestamps');
    // No foreign key: history outlives deleted projects.
    table.string('project_key', 32).notNullable().comment('Project concerned');
    table
      .string('object_type', 16)
      .notNullable()
      .comment('project, milestone, raid or link');
    table.text('object_id').notNullable().comment('Id of the changed object');
    table
      .string('action', 16)
      .notNullable()
      .comment('create, update or delete');
    table.text('actor').notNullable().comment('Entity ref of the writer');
    table.string('at', 32).notNullable().comment('ISO timestamp');
    table
      .text('changes')
      .notNullable()
      .comment('JSON object: field -> [before, after]');
    table.index(['project_key', 'at'], 'pmo_history_project_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of [
    'pmo_history',
    'pmo_raid_items',
    'pmo_milestones',
    'pmo_projects',
  ]) {
    if (await knex.schema.hasTable(name)) {
      await knex.schema.dropTable(name);
    }
  }
};
