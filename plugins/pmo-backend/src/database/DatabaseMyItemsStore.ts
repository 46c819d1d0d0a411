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

import { KnexStore } from './KnexStore';
import type {
  MyItems,
  MyItemsOptions,
  MyItemsStore,
  SignOffCandidate,
} from './MyItemsStore';
import { getMyItems } from './queries/myItems';
import { listSignOffCandidates } from './queries/signOffCandidates';
import { isoToday, type StoreOptions } from './storeOptions';

/**
 * Knex implementation of {@link MyItemsStore}: read-only, over the tables
 * of the other stores (queries/myItems.ts, queries/signOffCandidates.ts).
 * @internal
 */
export class DatabaseMyItemsStore
  extends KnexStore<Pick<StoreOptions, 'db' | 'clock'>>
  implements MyItemsStore
{
  getMyItems(options: MyItemsOptions): Promise<MyItems> {
    return getMyItems(this.db, isoToday(this.options.clock), options);
  }

  listSignOffCandidates(options: {
    limit: number;
  }): Promise<{ items: SignOffCandidate[]; truncated: boolean }> {
    return listSignOffCandidates(this.db, options);
  }
}
