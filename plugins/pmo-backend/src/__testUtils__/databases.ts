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

// Shared by the test suites only: nothing in src/index.ts reaches this
// folder, so it stays out of the package build.

import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabasePmoStore } from '../database/DatabasePmoStore';
import { DatabaseTransitionStore } from '../database/DatabaseTransitionStore';

/**
 * The databases every suite runs on. TestDatabases skips an id without a
 * connection string only when docker is disabled, and `CI=true` counts as
 * docker enabled; ask for PostgreSQL only when a server is configured
 * (CI / the dev box) so that the suites also run on SQLite alone.
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = process.env
    .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['POSTGRES_15', 'SQLITE_3']
    : ['SQLITE_3'];
  return TestDatabases.create({ ids });
}

/** A database service over a test database that runs the migrations. */
export function testDatabaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

/**
 * Both stores on one test database. The transition store recomputes project
 * health through the PMO store, as in the plugin, unless `recomputeHealth`
 * is false.
 */
export async function createTestStores(
  knex: Knex,
  options: { clock?: () => Date; recomputeHealth?: boolean } = {},
): Promise<{ pmo: DatabasePmoStore; transitions: DatabaseTransitionStore }> {
  const { clock, recomputeHealth = true } = options;
  const database = testDatabaseService(knex);
  const pmo = await DatabasePmoStore.create({ database, clock });
  const transitions = await DatabaseTransitionStore.create({
    database,
    clock,
    recomputeHealth: recomputeHealth
      ? (trx, keys) => pmo.recomputeHealthInTransaction(trx, keys)
      : undefined,
  });
  return { pmo, transitions };
}
