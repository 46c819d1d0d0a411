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

import {
  resolvePackagePath,
  type DatabaseService,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholds,
} from '@infra-pmo/plugin-pmo-common';
import { DatabaseReminderStore } from '../reminders/DatabaseReminderStore';
import type { ReminderStore } from '../reminders/ReminderStore';
import { DatabaseSnapshotStore } from '../snapshots/DatabaseSnapshotStore';
import type {
  ChangeWindowStore,
  CollisionAckStore,
  FreezeStore,
} from './CutoverStore';
import { DatabaseChangeWindowStore } from './DatabaseChangeWindowStore';
import {
  DatabaseCollisionAckStore,
  DatabaseFreezeStore,
} from './DatabaseFreezeStore';
import { DatabaseGateStore } from './DatabaseGateStore';
import { DatabaseHistoryStore } from './DatabaseHistoryStore';
import { DatabaseLinkStore } from './DatabaseLinkStore';
import { DatabaseMilestoneStore } from './DatabaseMilestoneStore';
import { DatabaseMyItemsStore } from './DatabaseMyItemsStore';
import { DatabaseProjectStore } from './DatabaseProjectStore';
import { DatabaseRaidStore } from './DatabaseRaidStore';
import { DatabaseRebaselineStore } from './DatabaseRebaselineStore';
import { DatabaseSummaryQueries } from './DatabaseSummaryQueries';
import { DatabaseTransferStore } from './DatabaseTransferStore';
import { DatabaseTransitionStore } from './DatabaseTransitionStore';
import type { GateStore, RebaselineStore } from './DecisionStores';
import { recomputeHealth } from './health';
import type { MyItemsStore } from './MyItemsStore';
import type {
  HistoryStore,
  LinkStore,
  MilestoneStore,
  PmoStore,
  ProjectStore,
  RaidStore,
  SummaryQueries,
  TransferStore,
} from './PmoStore';
import type { StoreOptions } from './storeOptions';
import type { TransitionStore } from './TransitionStore';

const migrationsDir = resolvePackagePath(
  '@infra-pmo/plugin-pmo-backend',
  'migrations',
);

/** Options of {@link createPersistenceContext}. @internal */
export interface PersistenceContextOptions {
  database: DatabaseService;
  logger?: LoggerService;
  /** `pmo.health.*`; the defaults otherwise. */
  thresholds?: HealthThresholds;
  /** The time every store dates its writes and reads with; tests pin it. */
  clock?: () => Date;
}

/**
 * Every store of the plugin, on one knex client.
 * @internal
 */
export interface PersistenceContext {
  projects: ProjectStore;
  milestones: MilestoneStore;
  raid: RaidStore;
  links: LinkStore;
  summaries: SummaryQueries;
  history: HistoryStore;
  transfer: TransferStore;
  /**
   * The seven PMO stores above as one object, for the callers that take
   * the combined {@link PmoStore}.
   */
  pmo: PmoStore;
  transitions: TransitionStore;
  myItems: MyItemsStore;
  /** The class: the demo back-fill takes snapshots in the past. */
  snapshots: DatabaseSnapshotStore;
  reminders: ReminderStore;
  /** Cutover safety (#16): change windows, freezes, acknowledgements. */
  windows: ChangeWindowStore;
  freezes: FreezeStore;
  collisionAcks: CollisionAckStore;
  /** Stage-gate decisions (append only). */
  gates: GateStore;
  /** Re-baseline requests and kept baselines. */
  rebaselines: RebaselineStore;
}

/**
 * Runs the migrations once and builds every store on the plugin's one knex
 * client, so that no store migrates or opens a client of its own.
 * @internal
 */
export async function createPersistenceContext(
  options: PersistenceContextOptions,
): Promise<PersistenceContext> {
  const { database } = options;
  const db = await database.getClient();
  if (!database.migrations?.skip) {
    await db.migrate.latest({ directory: migrationsDir });
  }
  const store: StoreOptions = {
    db,
    clock: options.clock ?? (() => new Date()),
    thresholds: options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS,
    logger: options.logger,
  };

  const pmoStores = {
    projects: new DatabaseProjectStore(store),
    milestones: new DatabaseMilestoneStore(store),
    raid: new DatabaseRaidStore(store),
    links: new DatabaseLinkStore(store),
    summaries: new DatabaseSummaryQueries(store),
    history: new DatabaseHistoryStore(store),
    transfer: new DatabaseTransferStore(store),
  };
  return {
    ...pmoStores,
    pmo: combineStores<PmoStore>(Object.values(pmoStores)),
    transitions: new DatabaseTransitionStore({
      db,
      clock: store.clock,
      // A waiver risk is part of the project's RAID: its health is
      // recomputed in the transition's own transaction.
      recomputeHealth: (trx, keys) => recomputeHealth(trx, keys, store),
    }),
    myItems: new DatabaseMyItemsStore(store),
    snapshots: new DatabaseSnapshotStore(store),
    reminders: new DatabaseReminderStore(store),
    windows: new DatabaseChangeWindowStore(store),
    freezes: new DatabaseFreezeStore(store),
    collisionAcks: new DatabaseCollisionAckStore(store),
    gates: new DatabaseGateStore(store),
    rebaselines: new DatabaseRebaselineStore(store),
  };
}

/**
 * One object with the (bound) methods of the given stores. The store
 * interfaces share no method name, so nothing is shadowed.
 */
function combineStores<T extends object>(stores: object[]): T {
  const combined: Record<string, unknown> = {};
  for (const store of stores) {
    const prototype = Object.getPrototypeOf(store);
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = (store as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof method === 'function') {
        combined[name] = method.bind(store);
      }
    }
  }
  return combined as T;
}
