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

const { randomUUID } = require('node:crypto');

/**
 * A deleted project key may be reused. Each incarnation of a key gets its
 * own id (`pmo_projects.uid`, a UUID set at create) and every history row
 * carries the id of the incarnation it belongs to (`pmo_history.project_uid`),
 * so the history of a re-created project starts empty while the rows of the
 * deleted one are kept.
 *
 * Backfill. History ids are monotonic, and every incarnation's rows run
 * from its "project create" row to its "project delete" row (both written
 * in the transaction of the create and of the delete). So, per key, in id
 * order:
 * - each "project delete" row closes an earlier incarnation: the rows from
 *   that incarnation's create row (or, without one, from the previous
 *   delete) up to the delete get a new id of their own;
 * - the current project gets a new uid, and the rows from its create row
 *   on (after the last delete) carry it. Without a create row (data
 *   written outside the store), the rows after the last delete that are not
 *   older than the project's `created_at` are attached.
 * Rows outside any incarnation (written while no project had the key) keep
 * a null `project_uid` and are never shown under a project. Timestamps are
 * not the primary rule: ties and clock skew between replicas make them
 * unreliable where ids are not.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pmo_projects', table => {
    // Nullable: rows inserted outside the store (bulk loads) may lack it;
    // the store sets it on every create.
    table
      .string('uid', 36)
      .nullable()
      .comment('Id of this incarnation of the key (UUID set at create)');
  });
  await knex.schema.alterTable('pmo_history', table => {
    table
      .string('project_uid', 36)
      .nullable()
      .comment(
        'pmo_projects.uid of the incarnation concerned; null when written while no project had the key',
      );
  });

  /** @type {Map<string, Array<{ id: number, action: string }>>} */
  const lifecycle = new Map();
  for (const row of await knex('pmo_history')
    .where('object_type', 'project')
    .whereIn('action', ['create', 'delete'])
    .select('id', 'project_key', 'action')
    .orderBy('id')) {
    const events = lifecycle.get(row.project_key) ?? [];
    events.push({ id: Number(row.id), action: row.action });
    lifecycle.set(row.project_key, events);
  }

  /** History rows of a key with fromId <= id (<= toId). */
  const rowsOf = (
    /** @type {string} */ key,
    /** @type {number} */ fromId,
    /** @type {number | undefined} */ toId,
  ) => {
    const query = knex('pmo_history')
      .where('project_key', key)
      .andWhere('id', '>=', fromId);
    if (toId !== undefined) query.andWhere('id', '<=', toId);
    return query;
  };

  // Earlier (deleted) incarnations, and per key where the open one starts.
  /** @type {Map<string, { start: number, create?: number }>} */
  const open = new Map();
  for (const [key, events] of lifecycle) {
    let start = 0;
    /** @type {number | undefined} */
    let create;
    for (const e of events) {
      if (e.action === 'create') {
        create = e.id;
      } else {
        await rowsOf(key, create ?? start, e.id).update({
          project_uid: randomUUID(),
        });
        start = e.id + 1;
        create = undefined;
      }
    }
    open.set(key, { start, create });
  }

  // Current projects.
  for (const project of await knex('pmo_projects').select(
    'key',
    'created_at',
  )) {
    const uid = randomUUID();
    await knex('pmo_projects').where('key', project.key).update({ uid });
    const { start, create } = open.get(project.key) ?? { start: 0 };
    const rows = rowsOf(project.key, create ?? start, undefined);
    if (create === undefined) rows.andWhere('at', '>=', project.created_at);
    await rows.update({ project_uid: uid });
  }

  // Raw DDL on both databases: a unique index (not a constraint) so that
  // the down migration drops it the same way everywhere.
  await knex.raw(
    'CREATE UNIQUE INDEX pmo_projects_uid_idx ON pmo_projects (uid)',
  );
};

/**
 * Drops the incarnation ids; the history rows themselves are kept. Native
 * DROP COLUMN (SQLite >= 3.35, PostgreSQL): knex would rebuild the SQLite
 * table, and dropping the old pmo_projects would cascade to milestones and
 * RAID items.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX IF EXISTS pmo_projects_uid_idx');
  await knex.raw('ALTER TABLE pmo_history DROP COLUMN project_uid');
  await knex.raw('ALTER TABLE pmo_projects DROP COLUMN uid');
};
