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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { catalogModulePmo } from './module';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'app-server-platform',
    annotations: { 'pmo/projects': 'INFRA-315, MW-091' },
  },
  spec: { type: 'service' },
};

describe('catalogModulePmo', () => {
  let fetchSpy: jest.SpyInstance;

  beforeEach(() => {
    fetchSpy = jest.spyOn(global, 'fetch');
  });
  afterEach(() => fetchSpy.mockRestore());

  async function startWith(config: object) {
    const processors: CatalogProcessor[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addProcessor: (...ps: any[]) => processors.push(...ps.flat()),
            addEntityProvider: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        catalogModulePmo,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return processors;
  }

  async function messagesOf(processor: CatalogProcessor) {
    const emit = jest.fn();
    await processor.postProcessEntity!(
      component,
      { type: 'file', target: 'catalog-info.yaml' },
      emit,
      {} as any,
    );
    return emit.mock.calls.map(([r]) => r.error.message);
  }

  it('registers the processor, which reads the keys from the PMO backend', async () => {
    fetchSpy.mockResolvedValue(
      new Response(JSON.stringify({ keys: ['INFRA-315'] }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    const processors = await startWith({});
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'PmoAnnotationProcessor',
    ]);
    // Not strict by default: the unknown key does not fail processing.
    await expect(messagesOf(processors[0])).resolves.toEqual([]);
    expect(String(fetchSpy.mock.calls[0][0])).toMatch(
      /\/api\/pmo\/project-keys$/,
    );
  });

  it('honours catalog.processors.pmo.strict: true', async () => {
    fetchSpy.mockResolvedValue(
      new Response(JSON.stringify({ keys: ['INFRA-315'] }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    const processors = await startWith({
      catalog: { processors: { pmo: { strict: true } } },
    });
    await expect(messagesOf(processors[0])).resolves.toEqual([
      "Annotation pmo/projects names a project unknown to the PMO: 'MW-091'; register it in the PMO or fix the annotation",
    ]);
    expect(String(fetchSpy.mock.calls[0][0])).toMatch(
      /\/api\/pmo\/project-keys$/,
    );
  });

  it('honours catalog.processors.pmo.unknownKeys: ignore', async () => {
    const processors = await startWith({
      catalog: { processors: { pmo: { strict: true, unknownKeys: 'ignore' } } },
    });
    await expect(messagesOf(processors[0])).resolves.toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    [{ keysTtlSeconds: 0 }, 'keysTtlSeconds must be positive'],
    [{ unknownKeys: 'warn' }, "unknownKeys must be 'error' or 'ignore'"],
  ])('rejects the configuration %j', async (pmo, message) => {
    await expect(
      startWith({ catalog: { processors: { pmo } } }),
    ).rejects.toThrow(message);
  });
});
