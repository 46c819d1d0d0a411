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
 * Governance reminders already sent: one row per current finding, so that a
 * finding is notified once and again only when its fingerprint (the facts
 * that matter) or its recipient changes. Rows of findings that are gone are
 * deleted, so a recurrence notifies again. The primary key is the claim:
 * of two replicas inserting the same finding, only one succeeds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pmo_reminders_sent', table => {
    table.comment('Governance reminder notifications sent, one per finding');
    table
      .text('finding_id')
      .primary()
      .notNullable()
      .comment('Kind and object, e.g. milestone_slip:<milestone id>');
    table
      .string('kind', 32)
      .notNullable()
      .comment('milestone_slip, raid_overdue, hypercare_ending, ...');
    table
      .text('fingerprint')
      .notNullable()
      .comment('Facts notified, e.g. the forecast date; a change re-notifies');
    table
      .text('recipient')
      .notNullable()
      .comment('Sorted comma-separated entity refs notified');
    table
      .string('first_sent_at', 32)
      .notNullable()
      .comment('ISO timestamp of the first notification of the finding');
    table
      .string('last_sent_at', 32)
      .notNullable()
      .comment('ISO timestamp of the last notification of the finding');
    table.index(['kind'], 'pmo_reminders_sent_kind_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (await knex.schema.hasTable('pmo_reminders_sent')) {
    await knex.schema.dropTable('pmo_reminders_sent');
  }
};
