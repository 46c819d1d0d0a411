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

import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { PmoAnnotationProcessor } from './PmoAnnotationProcessor';

const location = {
  type: 'url',
  target: 'https://git.example.com/catalog-info.yaml',
};

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'vsphere-cluster', namespace: 'infra', annotations },
    spec: { type: 'service', owner: 'group:default/virtualisation' },
  };
}

const KNOWN = new Set(['INFRA-101', 'INFRA-204', 'DC-003']);

async function errorsOf(
  e: Entity,
  options: {
    keys?: ReadonlySet<string> | undefined;
    reportUnknownKeys?: boolean;
  } = { keys: KNOWN },
): Promise<string[]> {
  const getProjectKeys = jest.fn(async () => options.keys);
  const processor = new PmoAnnotationProcessor({
    getProjectKeys,
    reportUnknownKeys: options.reportUnknownKeys,
    strict: true,
  });
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(e, location, r =>
    emitted.push(r),
  );
  // The entity passes through unchanged and without relations.
  expect(result).toBe(e);
  return emitted.map(r => {
    if (r.type !== 'error') throw new Error(`unexpected ${r.type} result`);
    expect(r.error.name).toBe('InputError');
    expect(r.location).toBe(location);
    return r.error.message;
  });
}

describe('PmoAnnotationProcessor', () => {
  it('accepts the keys PMOs write: ServiceNow numbers and multi-segment keys', async () => {
    await expect(
      errorsOf(entity({ 'pmo/projects': 'PRJ0012345, dc-mig-01' }), {
        keys: new Set(['PRJ0012345', 'DC-MIG-01']),
      }),
    ).resolves.toEqual([]);
  });

  it('by default never fails processing: problems are logged once, the entity passes', async () => {
    const warn = jest.fn();
    const processor = new PmoAnnotationProcessor({
      getProjectKeys: async () => KNOWN,
      logger: { warn },
    });
    const emit = jest.fn();
    const e = entity({
      'pmo/projects': 'PRJ0012345, bad/key',
      'pmo/service-tier': 'gold',
    });
    await expect(processor.postProcessEntity(e, location, emit)).resolves.toBe(
      e,
    );
    await processor.postProcessEntity(e, location, emit);
    expect(emit).not.toHaveBeenCalled();
    expect(warn.mock.calls.map(([m]) => m)).toEqual([
      "component:infra/vsphere-cluster: Annotation pmo/projects has a value that is not a project key: 'bad/key'; expected comma-separated keys such as INFRA-101, DC-MIG-01 or PRJ0012345",
      "component:infra/vsphere-cluster: Annotation pmo/projects names a project unknown to the PMO: 'PRJ0012345'; register it in the PMO or fix the annotation",
      "component:infra/vsphere-cluster: Annotation pmo/service-tier 'gold' is not one of tier-1, tier-2, tier-3",
    ]);
  });

  it('accepts valid annotations', async () => {
    await expect(
      errorsOf(
        entity({
          'pmo/projects': 'INFRA-101, infra-204 DC-003',
          'pmo/run-owner': 'group:default/virtualisation',
          'pmo/service-tier': 'tier-1',
        }),
      ),
    ).resolves.toEqual([]);
  });

  it('accepts a bare run-owner name (a group) and a user ref', async () => {
    await expect(
      errorsOf(entity({ 'pmo/run-owner': 'wintel-ops' })),
    ).resolves.toEqual([]);
    await expect(
      errorsOf(entity({ 'pmo/run-owner': 'user:default/jane' })),
    ).resolves.toEqual([]);
  });

  it('ignores entities without PMO annotations, without reading the keys', async () => {
    const getProjectKeys = jest.fn();
    const processor = new PmoAnnotationProcessor({ getProjectKeys });
    const emit = jest.fn();
    await processor.postProcessEntity(entity({}), location, emit);
    expect(emit).not.toHaveBeenCalled();
    expect(getProjectKeys).not.toHaveBeenCalled();
  });

  it('reports unknown project keys, naming the annotation and the keys', async () => {
    await expect(
      errorsOf(entity({ 'pmo/projects': 'INFRA-101, MW-091, mw-092' })),
    ).resolves.toEqual([
      "Annotation pmo/projects names projects unknown to the PMO: 'MW-091', 'MW-092'; register them in the PMO or fix the annotation",
    ]);
  });

  it('reports malformed keys and still checks the valid ones', async () => {
    await expect(
      errorsOf(entity({ 'pmo/projects': 'INFRA/101, MW-091' })),
    ).resolves.toEqual([
      "Annotation pmo/projects has a value that is not a project key: 'INFRA/101'; expected comma-separated keys such as INFRA-101, DC-MIG-01 or PRJ0012345",
      "Annotation pmo/projects names a project unknown to the PMO: 'MW-091'; register it in the PMO or fix the annotation",
    ]);
  });

  it('reports an empty pmo/projects', async () => {
    await expect(errorsOf(entity({ 'pmo/projects': ' , ' }))).resolves.toEqual([
      'Annotation pmo/projects is empty; expected comma-separated keys such as INFRA-101, DC-MIG-01 or PRJ0012345',
    ]);
  });

  it.each([
    'component:default/vsphere-cluster',
    'system:infra/storage',
    'group:default/',
    ' ',
  ])('reports the run-owner %j', async value => {
    await expect(errorsOf(entity({ 'pmo/run-owner': value }))).resolves.toEqual(
      [
        `Annotation pmo/run-owner '${value}' is not a group or user entity ref; expected e.g. group:default/wintel-ops`,
      ],
    );
  });

  it.each(['gold', 'tier-4', 'Tier 1', ''])(
    'reports the service tier %j',
    async value => {
      await expect(
        errorsOf(entity({ 'pmo/service-tier': value })),
      ).resolves.toEqual([
        `Annotation pmo/service-tier '${value}' is not one of tier-1, tier-2, tier-3`,
      ]);
    },
  );

  it('reports every problem of an entity at once', async () => {
    const messages = await errorsOf(
      entity({
        'pmo/projects': 'NOPE-1',
        'pmo/run-owner': 'api:default/x',
        'pmo/service-tier': 'platinum',
      }),
    );
    expect(messages.map(m => m.split(' ')[1])).toEqual([
      'pmo/projects',
      'pmo/run-owner',
      'pmo/service-tier',
    ]);
  });

  it('checks only the syntax when the PMO backend is unreachable', async () => {
    await expect(
      errorsOf(
        entity({
          'pmo/projects': 'MW-091, -bad, k/ey',
          'pmo/service-tier': 'x',
        }),
        { keys: undefined },
      ),
    ).resolves.toEqual([
      "Annotation pmo/projects has values that are not a project key: '-bad', 'k/ey'; expected comma-separated keys such as INFRA-101, DC-MIG-01 or PRJ0012345",
      "Annotation pmo/service-tier 'x' is not one of tier-1, tier-2, tier-3",
    ]);
  });

  it('does not report unknown keys when disabled', async () => {
    const getProjectKeys = jest.fn(async () => KNOWN);
    const processor = new PmoAnnotationProcessor({
      getProjectKeys,
      reportUnknownKeys: false,
      strict: true,
    });
    const emit = jest.fn();
    await processor.postProcessEntity(
      entity({ 'pmo/projects': 'MW-091' }),
      location,
      emit,
    );
    expect(emit).not.toHaveBeenCalled();
    expect(getProjectKeys).not.toHaveBeenCalled();
  });
});
