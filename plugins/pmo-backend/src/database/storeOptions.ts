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

import type { LoggerService } from '@backstage/backend-plugin-api';
import { toIsoDate, type HealthThresholds } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';

/**
 * What every PMO store is built from (see persistenceContext.ts): one knex
 * client shared by all of them, on which the migrations have already run.
 * @internal
 */
export interface StoreOptions {
  db: Knex;
  /** Tests pin the time; everything dated reads it here. */
  clock: () => Date;
  thresholds: HealthThresholds;
  logger?: LoggerService;
}

/**
 * What a write needs besides its transaction: the time and the thresholds
 * of the health it recomputes.
 * @internal
 */
export type WriteOptions = Pick<StoreOptions, 'clock' | 'thresholds'>;

/** The clock as an ISO timestamp. @internal */
export function isoNow(clock: () => Date): string {
  return clock().toISOString();
}

/** The clock as an ISO date (UTC). @internal */
export function isoToday(clock: () => Date): string {
  return toIsoDate(clock());
}

/**
 * SQLite differs from PostgreSQL in ways the queries care about: LIKE is
 * already case-insensitive (no ILIKE), booleans come back as 0/1, JSON is
 * plain text and date arithmetic uses julianday().
 * @internal
 */
export function isSQLite(db: Knex): boolean {
  return String(db.client.config.client).includes('sqlite');
}
