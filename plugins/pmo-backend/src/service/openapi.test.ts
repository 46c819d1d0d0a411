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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { PmoStore } from '../database/PmoStore';
import { testRouterStores } from './__testUtils__/routesApp';
import { createRequestContextFactory } from './context';
import { createRouter } from './createRouter';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Express `/projects/:key/raid` -> OpenAPI `/projects/{key}/raid`. */
const toOpenApiPath = (path: string) =>
  path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('openapi.yaml', () => {
  const spec = parse(
    readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  );

  /** Every route of the plugin, mounted at /api/pmo. */
  async function routerRoutes(): Promise<string[]> {
    const contextOf = createRequestContextFactory({
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      projects: { getProjects: async () => [] },
    });
    const router = await createRouter({
      stores: testRouterStores({} as PmoStore),
      contextOf,
      catalog: catalogServiceMock(),
      logger: mockServices.logger.mock(),
    });
    const routes: string[] = [];
    for (const layer of (router as any).stack) {
      if (!layer.route) continue;
      for (const method of Object.keys(layer.route.methods)) {
        routes.push(
          `${method.toUpperCase()} ${toOpenApiPath(layer.route.path)}`,
        );
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

  it('documents exactly the routes of the router', async () => {
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
