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

import { waitFor } from '@testing-library/react';
import {
  componentEntity,
  mockPmoApi,
  responseError,
  summary,
} from '../__testUtils__/fixtures';
import { renderPmoHook } from '../__testUtils__/renderHook';
import { useEntitySummary } from './useEntitySummary';

describe('useEntitySummary', () => {
  it('merges the invalid keys of the annotation with those of the backend', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest
        .fn()
        .mockResolvedValue(
          summary({ invalidProjectKeys: ['bad-key', 'not/a-key'] }),
        ),
    });
    const entity = {
      ...componentEntity,
      metadata: {
        ...componentEntity.metadata,
        annotations: { 'pmo/projects': 'INFRA-101, not/a-key' },
      },
    };
    const { result } = renderPmoHook(() => useEntitySummary(), {
      api,
      entity,
    });
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(api.getEntitySummary).toHaveBeenCalledWith(result.current.entityRef);
    // Both sides, each key once.
    expect([...result.current.invalidKeys].sort()).toEqual([
      'bad-key',
      'not/a-key',
    ]);
  });

  it('treats a 404 as nothing attached', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'NotFoundError', 'none')),
    });
    const { result } = renderPmoHook(() => useEntitySummary(), {
      api,
      entity: componentEntity,
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value).toBeUndefined();
    expect(result.current.error).toBeUndefined();
  });
});
