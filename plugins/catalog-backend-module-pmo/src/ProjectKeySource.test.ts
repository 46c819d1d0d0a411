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
import { ProjectKeySource } from './ProjectKeySource';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('ProjectKeySource', () => {
  const logger = mockServices.logger.mock();
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
  });
  let now = 0;

  function source(fetchImpl: jest.Mock) {
    return new ProjectKeySource({
      discovery,
      auth: mockServices.auth({ pluginId: 'catalog' }),
      logger,
      ttlSeconds: 60,
      fetch: fetchImpl,
      now: () => now,
    });
  }

  beforeEach(() => {
    jest.clearAllMocks();
    now = 1_000_000;
  });

  it('reads the keys from the PMO backend with a token for the pmo plugin', async () => {
    const fetchImpl = jest.fn(async () =>
      jsonResponse(200, { keys: ['INFRA-101', 'dc-003'] }),
    );
    await expect(source(fetchImpl).getKeys()).resolves.toEqual(
      new Set(['INFRA-101', 'DC-003']),
    );
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [
      string,
      RequestInit,
    ];
    expect(url).toBe('http://backstage.test/api/pmo/project-keys');
    const auth = (init.headers as Record<string, string>).Authorization;
    // The mock auth service encodes the subject and the target plugin.
    expect(auth).toMatch(/^Bearer /);
    expect(auth).toContain('catalog');
    expect(auth).toContain('pmo');
  });

  it('caches the keys for the TTL and shares one request between callers', async () => {
    const fetchImpl = jest.fn(async () =>
      jsonResponse(200, { keys: ['INFRA-101'] }),
    );
    const keys = source(fetchImpl);
    await Promise.all([keys.getKeys(), keys.getKeys(), keys.getKeys()]);
    now += 59_000;
    await keys.getKeys();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    now += 2_000;
    await keys.getKeys();
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('resolves undefined and warns once when the backend is unreachable', async () => {
    const fetchImpl = jest.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const keys = source(fetchImpl);
    await expect(keys.getKeys()).resolves.toBeUndefined();
    await expect(keys.getKeys()).resolves.toBeUndefined();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain('fetch failed');
  });

  it('treats an error response as unreachable and retries after the TTL', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValueOnce(
        jsonResponse(403, {
          error: { name: 'NotAllowedError', message: 'pmo.project.read' },
        }),
      )
      .mockResolvedValueOnce(jsonResponse(200, { keys: ['VDI-7'] }));
    const keys = source(fetchImpl);
    await expect(keys.getKeys()).resolves.toBeUndefined();
    expect(logger.warn.mock.calls[0][0]).toContain('403');
    now += 61_000;
    await expect(keys.getKeys()).resolves.toEqual(new Set(['VDI-7']));
  });

  it('rejects a response without keys', async () => {
    const fetchImpl = jest.fn(async () => jsonResponse(200, { items: [] }));
    await expect(source(fetchImpl).getKeys()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
