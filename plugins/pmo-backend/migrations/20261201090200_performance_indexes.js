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
 * Indexes of the hot reads, found with EXPLAIN (ANALYZE) on a seeded
 * portfolio (`yarn bench --explain`, docs/performance.md). Partial indexes
 * cover only open milestones (not done, not cancelled, no actual date): the
 * entity summaries, the overdue and slipping lists read nothing else, and
 * most milestones of a real portfolio are closed. Both SQLite (>= 3.9) and
 * PostgreSQL support partial and expression indexes with this syntax.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const open = `actual_date IS NULL AND status NOT IN ('done', 'cancelled')`;

  // Next open milestone of each project (entity summaries): one ordered
  // range per project instead of all its milestones, then a sort.
  await knex.raw(
    `CREATE INDEX pmo_milestones_open_next_idx ON pmo_milestones (project_key, (COALESCE(forecast_date, baseline_date)), id) WHERE ${open}`,
  );
  // Portfolio "overdue": the oldest open dates first, read in index order
  // until the list is full.
  await knex.raw(
    `CREATE INDEX pmo_milestones_open_date_idx ON pmo_milestones ((COALESCE(forecast_date, baseline_date)), id) WHERE ${open}`,
  );
  // Portfolio "slipping": the slip (forecast - baseline) is computed per
  // row; the index holds both dates of the open, dated milestones so the
  // table itself is not read.
  await knex.raw(
    `CREATE INDEX pmo_milestones_open_slip_idx ON pmo_milestones (forecast_date, baseline_date, id, project_key) WHERE ${open} AND forecast_date IS NOT NULL AND baseline_date IS NOT NULL`,
  );

  // Open RAID items per project (entity summaries: counts per type and the
  // highest-scored risk or issue), read from the index alone.
  await knex.raw(
    `CREATE INDEX pmo_raid_items_open_by_project_idx ON pmo_raid_items (project_key, type, score, id) WHERE status IN ('open', 'mitigating')`,
  );
  await knex.schema.alterTable('pmo_raid_items', table => {
    // Portfolio heat map: counts of open risks per probability x impact,
    // answered from the index alone.
    table.index(
      ['type', 'status', 'probability', 'impact', 'project_key'],
      'pmo_raid_items_heat_map_idx',
    );
  });

  await knex.schema.alterTable('pmo_projects', table => {
    // Portfolio counts per health and phase, from the index alone.
    table.index(['health', 'phase'], 'pmo_projects_health_phase_idx');
  });
  // Portfolio "stale": the oldest last status first, in index order.
  await knex.raw(
    `CREATE INDEX pmo_projects_last_status_idx ON pmo_projects ((COALESCE(declared_set_at, created_at)), key)`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of [
    'pmo_milestones_open_next_idx',
    'pmo_milestones_open_date_idx',
    'pmo_milestones_open_slip_idx',
    'pmo_raid_items_open_by_project_idx',
    'pmo_raid_items_heat_map_idx',
    'pmo_projects_health_phase_idx',
    'pmo_projects_last_status_idx',
  ]) {
    await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  }
};
