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
 * Milestones imported from a planning tool keep the id the tool gives them
 * (`mspdi:<task UID>` for MS Project), so that importing the same plan
 * again updates them instead of adding copies. Unique per project: one
 * project's plan may reuse the UIDs of another's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pmo_milestones', table => {
    table
      .string('external_id', 200)
      .nullable()
      .comment(
        'Id of the milestone in the tool it was imported from, e.g. mspdi:42 (MS Project task UID); null when created here',
      );
  });
  // Raw SQL, the same statement on both databases: the unique index
  // declared through knex's alterTable was not always created on SQLite
  // (migrations.test.ts checks that a duplicate is refused).
  await knex.raw(
    'CREATE UNIQUE INDEX pmo_milestones_external_id_uniq ON pmo_milestones (project_key, external_id)',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!(await knex.schema.hasColumn('pmo_milestones', 'external_id'))) return;
  await knex.raw('DROP INDEX IF EXISTS pmo_milestones_external_id_uniq');
  await knex.schema.alterTable('pmo_milestones', table => {
    table.dropColumn('external_id');
  });
};
