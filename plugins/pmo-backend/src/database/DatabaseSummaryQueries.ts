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

import type { EntitySummary, Portfolio } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import type {
  PortfolioOptions,
  ProjectAccessFilter,
  SummaryQueries,
} from './PmoStore';
import { getEntitySummaries } from './queries/entitySummaries';
import { getPortfolio } from './queries/portfolio';
import { isoToday, type StoreOptions } from './storeOptions';

/**
 * Knex implementation of {@link SummaryQueries}: the read models of
 * queries/entitySummaries.ts and queries/portfolio.ts, dated by the
 * store's clock.
 * @internal
 */
export class DatabaseSummaryQueries implements SummaryQueries {
  readonly #db: Knex;
  readonly #options: Pick<StoreOptions, 'clock' | 'thresholds'>;

  constructor(options: Pick<StoreOptions, 'db' | 'clock' | 'thresholds'>) {
    this.#db = options.db;
    this.#options = options;
  }

  getEntitySummaries(
    entityRefs: string[],
    access?: ProjectAccessFilter,
  ): Promise<Map<string, EntitySummary>> {
    const today = isoToday(this.#options.clock);
    return getEntitySummaries(this.#db, today, entityRefs, access);
  }

  getPortfolio(
    options: PortfolioOptions,
  ): Promise<Omit<Portfolio, 'transitions'>> {
    const { clock, thresholds } = this.#options;
    return getPortfolio(
      this.#db,
      { today: isoToday(clock), thresholds },
      options,
    );
  }
}
