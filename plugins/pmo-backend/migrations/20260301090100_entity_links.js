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
 * Many-to-many links between projects and catalog entities, and the raw
 * `pmo/projects` annotation of each entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pmo_entity_links', table => {
    table.comment('Links between projects and catalog entities');
    // Deliberately no foreign key: an annotation may name a project that does
    // not exist (yet); that is how unknown keys are reported.
    table.string('project_key', 32).notNullable().comment('Project key');
    table.text('entity_ref').notNullable().comment('Normalized entity ref');
    table
      .string('source', 16)
      .notNullable()
      .comment('annotation (from the catalog) or manual (from the UI/API)');
    table.string('created_at', 32).notNullable().comment('ISO timestamp');
    table.primary(['project_key', 'entity_ref', 'source']);
    table.index(['entity_ref'], 'pmo_entity_links_entity_ref_idx');
    table.index(['project_key'], 'pmo_entity_links_project_key_idx');
  });

  await knex.schema.createTable('pmo_entity_annotations', table => {
    table.comment('Last synced pmo/projects annotation of each entity');
    table
      .text('entity_ref')
      .primary()
      .notNullable()
      .comment('Normalized entity ref');
    table
      .text('raw_keys')
      .notNullable()
      .comment('JSON array of the valid project keys of the annotation');
    table
      .text('invalid_tokens')
      .notNullable()
      .comment('JSON array of tokens that are not valid project keys');
    table.string('synced_at', 32).notNullable().comment('ISO timestamp');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of ['pmo_entity_annotations', 'pmo_entity_links']) {
    if (await knex.schema.hasTable(name)) {
      await knex.schema.dropTable(name);
    }
  }
};
