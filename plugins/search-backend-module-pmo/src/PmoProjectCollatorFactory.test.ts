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
import type { SearchProject } from '@infra-pmo/plugin-pmo-common';
import { PmoProjectCollatorFactory } from './PmoProjectCollatorFactory';

const BASE = 'http://backstage.test/api/pmo';

function project(key: string, extra: Partial<SearchProject> = {}) {
  return {
    key,
    title: `Title of ${key}`,
    phase: 'execution',
    health: 'green',
    owner: 'group:default/pmo',
    entityRefs: [],
    ...extra,
  } as SearchProject;
}

/** A fake PMO backend: pages of `pageSize` over `projects`, cursor = index. */
function fakePmo(projects: SearchProject[]) {
  return jest.fn(async (input: string | URL | Request) => {
    const url = new URL(String(input));
    const limit = Number(url.searchParams.get('limit'));
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const items = projects.slice(start, start + limit);
    const next = start + limit < projects.length ? String(start + limit) : '';
    return new Response(
      JSON.stringify({
        items,
        pageInfo: next ? { nextCursor: next } : {},
      }),
      { headers: { 'content-type': 'application/json' } },
    );
  });
}

async function collect(factory: PmoProjectCollatorFactory) {
  const docs: unknown[] = [];
  for await (const doc of await factory.getCollator()) docs.push(doc);
  return docs;
}

describe('PmoProjectCollatorFactory', () => {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => BASE,
  });
  const auth = mockServices.auth({ pluginId: 'search' });

  it('is the pmo-project type, visible with pmo.project.read', () => {
    const factory = new PmoProjectCollatorFactory({ discovery, auth });
    expect(factory.type).toBe('pmo-project');
    expect(factory.visibilityPermission.name).toBe('pmo.project.read');
  });

  it('turns every project into a document with a resource ref', async () => {
    const fetchImpl = fakePmo([
      project('INFRA-101', {
        title: 'vSphere 8 upgrade',
        description: 'Upgrade the vSphere 7 clusters',
        phase: 'planning',
        health: 'amber',
        owner: 'group:default/virtualisation',
        entityRefs: ['component:default/vsphere-cluster'],
      }),
      project('VDI-7'),
    ]);
    const docs = await collect(
      new PmoProjectCollatorFactory({ discovery, auth, fetch: fetchImpl }),
    );
    expect(docs).toEqual([
      {
        title: 'vSphere 8 upgrade',
        text: 'Upgrade the vSphere 7 clusters',
        location: '/pmo/projects/INFRA-101',
        key: 'INFRA-101',
        phase: 'planning',
        health: 'amber',
        owner: 'group:default/virtualisation',
        entityRefs: ['component:default/vsphere-cluster'],
        authorization: { resourceRef: 'INFRA-101' },
      },
      {
        title: 'Title of VDI-7',
        text: '',
        location: '/pmo/projects/VDI-7',
        key: 'VDI-7',
        phase: 'execution',
        health: 'green',
        owner: 'group:default/pmo',
        entityRefs: [],
        authorization: { resourceRef: 'VDI-7' },
      },
    ]);
  });

  it('pages through all projects with one request per page', async () => {
    const projects = Array.from({ length: 2345 }, (_, i) =>
      project(`BULK-${i + 1}`),
    );
    const fetchImpl = fakePmo(projects);
    const docs = await collect(
      new PmoProjectCollatorFactory({
        discovery,
        auth,
        pageSize: 1000,
        fetch: fetchImpl,
      }),
    );
    expect(docs).toHaveLength(2345);
    expect(fetchImpl).toHaveBeenCalledTimes(3);
    const urls = fetchImpl.mock.calls.map(([u]) => String(u));
    expect(urls).toEqual([
      `${BASE}/search/projects?limit=1000`,
      `${BASE}/search/projects?limit=1000&cursor=1000`,
      `${BASE}/search/projects?limit=1000&cursor=2000`,
    ]);
    const init = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect((init[1].headers as Record<string, string>).Authorization).toMatch(
      /^Bearer .*pmo/,
    );
  });

  it('applies the location template', async () => {
    const docs = await collect(
      new PmoProjectCollatorFactory({
        discovery,
        auth,
        locationTemplate: '/portfolio/:key/overview',
        fetch: fakePmo([project('DC-003')]),
      }),
    );
    expect(docs).toEqual([
      expect.objectContaining({ location: '/portfolio/DC-003/overview' }),
    ]);
  });

  it('fails the collation when the PMO backend answers with an error', async () => {
    const fetchImpl = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'pmo.project.read' },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
    );
    await expect(
      collect(
        new PmoProjectCollatorFactory({ discovery, auth, fetch: fetchImpl }),
      ),
    ).rejects.toThrow(/403/);
  });

  it('fails the collation when the PMO backend is unreachable', async () => {
    const fetchImpl = jest.fn(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(
      collect(
        new PmoProjectCollatorFactory({ discovery, auth, fetch: fetchImpl }),
      ),
    ).rejects.toThrow('fetch failed');
  });
});
