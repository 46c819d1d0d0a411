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
 * Checklist evidence the catalog already knows: an item copies the fact
 * rule of its template item, records who attested it (a user or the
 * catalog) and the last evaluation of its rule, so that the checklist can
 * show what is missing without asking the catalog on every read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pmo_transition_items', table => {
    table
      .text('fact_rule')
      .nullable()
      .comment(
        'JSON of the fact rule copied from the template item; null when the item has none',
      );
    table
      .string('attester_kind', 16)
      .nullable()
      .comment(
        "'catalog' when a fact rule set the status; null or 'user' when a person did",
      );
    table
      .string('fact_status', 16)
      .nullable()
      .comment(
        'Last evaluation of the fact rule: satisfied, unsatisfied or unknown',
      );
    table
      .text('fact_detail')
      .nullable()
      .comment(
        'What the rule found, or what is missing, or why it could not tell',
      );
    table
      .string('fact_checked_at', 32)
      .nullable()
      .comment('ISO timestamp of the last evaluation');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!(await knex.schema.hasColumn('pmo_transition_items', 'fact_rule'))) {
    return;
  }
  await knex.schema.alterTable('pmo_transition_items', table => {
    table.dropColumn('fact_checked_at');
    table.dropColumn('fact_detail');
    table.dropColumn('fact_status');
    table.dropColumn('attester_kind');
    table.dropColumn('fact_rule');
  });
};
