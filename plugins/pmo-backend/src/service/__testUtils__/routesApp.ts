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

// Shared by the route test suites only: nothing in src/index.ts reaches
// this folder, so it stays out of the package build.

import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import type {
  ChangeWindowStore,
  CollisionAckStore,
  FreezeStore,
} from '../../database/CutoverStore';
import type { GateStore, RebaselineStore } from '../../database/DecisionStores';
import type { MyItemsStore } from '../../database/MyItemsStore';
import type { PmoStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import type { SnapshotStore } from '../../snapshots/SnapshotStore';
import type { PmoRouter } from '../../schema/typedRouter';
import { createBaseRouter, type RouterStores } from '../createRouter';
import type { PmoReadCache } from '../readCache';

/**
 * An app serving the routes that `register` adds, behind the same request
 * handling as the plugin's router (body parsers, percent-encoding guard,
 * read-cache invalidation when given) and the test error handler.
 */
export function routesApp(
  register: (router: PmoRouter) => void,
  options: { readCache?: PmoReadCache } = {},
): express.Express {
  const router = createBaseRouter(options);
  register(router);
  return express().use(router).use(mockErrorHandler());
}

/**
 * The stores of `createRouter` from one PmoStore; the others are empty
 * objects (a route of theirs that a test calls fails loudly) unless given.
 */
export function testRouterStores(
  pmo: PmoStore,
  others: Partial<RouterStores> = {},
): RouterStores {
  return {
    projects: pmo,
    milestones: pmo,
    raid: pmo,
    links: pmo,
    summaries: pmo,
    history: pmo,
    transfer: pmo,
    transitions: {} as TransitionStore,
    snapshots: {} as SnapshotStore,
    myItems: {} as MyItemsStore,
    windows: {} as ChangeWindowStore,
    freezes: {} as FreezeStore,
    collisionAcks: {} as CollisionAckStore,
    // "My items" lists pending gates on every call: none unless given.
    gates: { listPendingGates: async () => [] } as unknown as GateStore,
    rebaselines: {} as RebaselineStore,
    ...others,
  };
}
