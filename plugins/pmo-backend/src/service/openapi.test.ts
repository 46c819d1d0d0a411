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

import { createRequestContextFactory } from './context';
import { createImportRouter } from './importRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { MyItemsStore } from '../database/MyItemsStore';
import type { PmoStore } from '../database/PmoStore';
import type { TransitionStore } from '../database/TransitionStore';
import { createKeysRouter } from './keysRouter';
import { createMeRouter } from './meRouter';
import type { SnapshotStore } from '../snapshots/SnapshotStore';
import { createRouter } from './router';
import { createSnapshotRouter } from './snapshotRouter';
import { createTransitionRouter } from './transitionRouter';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Express `/projects/:key/raid` -> OpenAPI `/projects/{key}/raid`. */
const toOpenApiPath = (path: string) =>
  path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('openapi.yaml', () => {
  const spec = parse(
    readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );

  /** The routers are all mounted at /api/pmo; the spec covers them together. */
  async function routerRoutes(): Promise<string[]> {
    const contextOf = createRequestContextFactory({
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      projects: { getProjects: async () => [] },
    });
    const imports = createImportRouter({
      store: {} as PmoStore,
      contextOf,
      logger: mockServices.logger.mock(),
    });
    const main = await createRouter({
      store: {} as PmoStore,
      contextOf,
      catalog: catalogServiceMock(),
    });
    const transitions = createTransitionRouter({
      store: {} as TransitionStore,
      pmoStore: {} as PmoStore,
      contextOf,
      catalog: catalogServiceMock(),
    });
    const keys = createKeysRouter({
      store: {} as PmoStore,
      contextOf,
    });
    const me = createMeRouter({
      store: {} as MyItemsStore,
      transitions: {} as TransitionStore,
      contextOf,
      catalog: catalogServiceMock(),
    });
    const snapshots = createSnapshotRouter({
      store: {} as SnapshotStore,
      pmoStore: {} as PmoStore,
      contextOf,
      catalog: catalogServiceMock(),
    });
    const routes: string[] = [];
    for (const router of [main, imports, transitions, me, keys, snapshots]) {
      for (const layer of (router as any).stack) {
        if (!layer.route) continue;
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(
            `${method.toUpperCase()} ${toOpenApiPath(layer.route.path)}`,
          );
        }
      }
    }
    return routes.sort();
  }

  const specRoutes = () =>
    Object.entries<Record<string, unknown>>(spec.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter(m => METHODS.includes(m))
          .map(m => `${m.toUpperCase()} ${path}`),
      )
      .sort();

  it('documents exactly the routes of both routers', async () => {
    expect(specRoutes()).toEqual(await routerRoutes());
  });

  it('documents 400 and 401 for every operation', () => {
    for (const [path, item] of Object.entries<any>(spec.paths)) {
      for (const method of METHODS.filter(m => item[m])) {
        const codes = Object.keys(item[method].responses);
        expect({
          route: `${method} ${path}`,
          has401: codes.includes('401'),
        }).toEqual({ route: `${method} ${path}`, has401: true });
        expect({
          route: `${method} ${path}`,
          has400: codes.includes('400'),
        }).toEqual({ route: `${method} ${path}`, has400: true });
      }
    }
  });

  it('has no dangling $ref', () => {
    const refs = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.add(v);
          else walk(v);
        }
      }
    };
    walk(spec);
    for (const ref of refs) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<any>((node, part) => node?.[part], spec);
      expect({ ref, found: target !== undefined }).toEqual({
        ref,
        found: true,
      });
    }
  });
});
