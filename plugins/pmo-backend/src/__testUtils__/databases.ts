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
import type {
  HealthThresholds,
  ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { DatabaseTransitionStore } from '../database/DatabaseTransitionStore';
import {
  createPersistenceContext,
  type PersistenceContext,
} from '../database/persistenceContext';
import type { PmoStore } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';

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
 * Every store on one test database, through the plugin's persistence
 * context (which runs the migrations).
 */
export function createTestContext(
  knex: Knex,
  options: { clock?: () => Date; thresholds?: HealthThresholds } = {},
): Promise<PersistenceContext> {
  return createPersistenceContext({
    database: testDatabaseService(knex),
    ...options,
  });
}

/**
 * The PMO stores (as one PmoStore) and the transition store on one test
 * database. The transition store recomputes project health, as in the
 * plugin, unless `recomputeHealth` is false.
 */
export async function createTestStores(
  knex: Knex,
  options: { clock?: () => Date; recomputeHealth?: boolean } = {},
): Promise<{ pmo: PmoStore; transitions: TransitionStore }> {
  const { clock, recomputeHealth = true } = options;
  const context = await createTestContext(knex, { clock });
  const transitions = recomputeHealth
    ? context.transitions
    : new DatabaseTransitionStore({
        db: knex,
        clock: clock ?? (() => new Date()),
      });
  return { pmo: context.pmo, transitions };
}

/** The users the store suites write as. */
export const alice = { ref: 'user:default/alice' };
export const bob = { ref: 'user:default/bob' };

/**
 * What a store suite works on, reset before each test: a fresh database,
 * every store on it, a clock the test moves by assigning `now`, and a
 * helper that creates a PMO-owned project.
 */
export interface StoreFixture {
  knex: Knex;
  stores: PersistenceContext;
  now: Date;
  project(
    key: string,
    extra?: Record<string, unknown>,
  ): Promise<ProjectWithHealth>;
}

/** Registers the `beforeEach` of a store suite on one database. */
export function useStoreFixture(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): StoreFixture {
  const t = {} as StoreFixture;
  beforeEach(async () => {
    t.now = new Date('2026-03-02T09:00:00.000Z');
    t.knex = await databases.init(databaseId);
    t.stores = await createTestContext(t.knex, { clock: () => t.now });
  });
  t.project = (key, extra = {}) =>
    t.stores.projects.createProject(
      { key, title: `Project ${key}`, owner: 'group:default/pmo', ...extra },
      alice,
    );
  return t;
}
