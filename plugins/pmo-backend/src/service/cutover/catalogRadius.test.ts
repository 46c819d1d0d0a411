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

import type { CacheService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PmoReadCache } from '../readCache';
import { CatalogRadiusReader, radiusIn } from './catalogRadius';

const PLATFORM = 'resource:default/vmware-platform';
const A = 'component:default/app-a';
const B = 'component:default/app-b';
const C = 'component:default/app-c';
const HIDDEN = 'component:default/hidden';

const entity = (ref: string, dependents: string[], extra = {}): Entity => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'resource' ? 'Resource' : 'Component',
    metadata: { name, namespace, ...extra },
    relations: dependents.map(targetRef => ({
      type: 'dependencyOf',
      targetRef,
    })),
  };
};

/** A shared platform under A and B; A and C depend on each other (a cycle). */
const entities = [
  entity(PLATFORM, [A, B], {
    annotations: { 'pmo/service-tier': 'tier-1' },
  }),
  entity(A, [C]),
  entity(B, []),
  entity(C, [A, HIDDEN]),
];

/** A cache service over a Map (the read cache only needs get/set). */
function memoryCache(): CacheService {
  const values = new Map<string, unknown>();
  return {
    get: async (key: string) => values.get(key),
    set: async (key: string, value: unknown) => {
      values.set(key, value);
    },
    delete: async (key: string) => {
      values.delete(key);
    },
    withOptions: () => memoryCache(),
  } as unknown as CacheService;
}

describe('CatalogRadiusReader', () => {
  const credentials = mockCredentials.user();

  it('walks dependents a batch per level, ends the cycle, bounds the depth and skips what the caller cannot see', async () => {
    const catalog = catalogServiceMock({ entities });
    const calls = jest.spyOn(catalog, 'getEntitiesByRefs');
    const reader = new CatalogRadiusReader({ catalog, maxDepth: 3 });
    const graph = await reader.graphOf([PLATFORM], credentials, 'user:a');
    const radius = await radiusIn(graph, [PLATFORM], 3);
    expect(radius).toEqual([
      { ref: PLATFORM, depth: 0 },
      { ref: A, depth: 1, via: PLATFORM },
      { ref: B, depth: 1, via: PLATFORM },
      { ref: C, depth: 2, via: A },
      { ref: HIDDEN, depth: 3, via: C },
    ]);
    // One call per level (platform; A and B; C), the last level's facts:
    // never one per entity.
    expect(calls.mock.calls.map(c => c[0].entityRefs)).toEqual([
      [PLATFORM],
      [A, B],
      [C],
      [HIDDEN],
    ]);
    expect(graph.facts.find(f => f.ref === PLATFORM)?.tier).toBe('tier-1');
    // Not in the catalog (or hidden from the caller): no facts.
    expect(graph.facts.find(f => f.ref === HIDDEN)).toBeUndefined();

    // Every window's radius from the shared graph: B does not reach A.
    expect((await radiusIn(graph, [B], 3)).map(r => r.ref)).toEqual([B]);
    expect((await radiusIn(graph, [A], 3)).map(r => r.ref)).toEqual([
      A,
      C,
      HIDDEN,
    ]);
    // The depth bound.
    expect((await radiusIn(graph, [PLATFORM], 1)).map(r => r.ref)).toEqual([
      PLATFORM,
      A,
      B,
    ]);
  });

  it('serves the graph from the read cache until a write bumps its generation', async () => {
    const catalog = catalogServiceMock({ entities });
    const calls = jest.spyOn(catalog, 'getEntitiesByRefs');
    const readCache = new PmoReadCache({ cache: memoryCache() });
    const reader = new CatalogRadiusReader({ catalog, readCache });
    const first = await reader.graphOf([A], credentials, 'user:a');
    const read = calls.mock.calls.length;
    expect(await reader.graphOf([A], credentials, 'user:a')).toEqual(first);
    expect(calls.mock.calls.length).toBe(read);
    // Another caller's view of the catalog is not shared.
    await reader.graphOf([A], credentials, 'user:b');
    expect(calls.mock.calls.length).toBe(read * 2);
    await readCache.bump();
    await reader.graphOf([A], credentials, 'user:a');
    expect(calls.mock.calls.length).toBe(read * 3);
  });
});
