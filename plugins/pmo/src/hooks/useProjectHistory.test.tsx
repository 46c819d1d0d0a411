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

import { act, waitFor } from '@testing-library/react';
import type { HistoryEntry } from '@infra-pmo/plugin-pmo-common';
import { mockPmoApi, responseError } from '../__testUtils__/fixtures';
import { renderPmoHook } from '../__testUtils__/renderHook';
import { useProjectHistory } from './useProjectHistory';

function entry(id: string): HistoryEntry {
  return {
    id,
    at: '2026-03-01T10:00:00Z',
    actor: 'user:default/pm',
    action: 'update',
    objectType: 'project',
    objectId: 'INFRA-101',
    projectKey: 'INFRA-101',
    changes: {},
  };
}

describe('useProjectHistory', () => {
  it('reads the newest page, then appends older pages by cursor', async () => {
    const api = mockPmoApi({
      getHistory: jest
        .fn()
        .mockResolvedValueOnce({
          items: [entry('3'), entry('2')],
          totalItems: 3,
          pageInfo: { nextCursor: 'c2' },
        })
        .mockResolvedValueOnce({
          items: [entry('1')],
          totalItems: 3,
          pageInfo: {},
        }),
    });
    const { result } = renderPmoHook(() => useProjectHistory('INFRA-101'), {
      api,
    });
    await waitFor(() => expect(result.current.entries).toHaveLength(2));
    expect(api.getHistory).toHaveBeenLastCalledWith('INFRA-101', {
      limit: 20,
      cursor: undefined,
    });
    expect(result.current.hasMore).toBe(true);

    await act(() => result.current.loadMore());
    expect(api.getHistory).toHaveBeenLastCalledWith('INFRA-101', {
      limit: 20,
      cursor: 'c2',
    });
    expect(result.current.entries.map(e => e.id)).toEqual(['3', '2', '1']);
    expect(result.current.hasMore).toBe(false);
    expect(result.current.loading).toBe(false);
  });

  it('keeps the error of a failed page', async () => {
    const api = mockPmoApi({
      getHistory: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'boom')),
    });
    const { result } = renderPmoHook(() => useProjectHistory('INFRA-101'), {
      api,
    });
    await waitFor(() => expect(result.current.error).toBeDefined());
    expect(result.current.loading).toBe(false);
  });
});
