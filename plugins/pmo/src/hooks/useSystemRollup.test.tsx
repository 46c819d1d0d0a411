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
  portfolio,
  project,
  systemApi,
  systemEntity,
} from '../__testUtils__/fixtures';
import { renderPmoHook } from '../__testUtils__/renderHook';
import { useSystemRollup } from './useSystemRollup';

describe('useSystemRollup', () => {
  it('rolls up the System projects, worst health first', async () => {
    const api = systemApi();
    const { result } = renderPmoHook(() => useSystemRollup(), {
      api,
      entity: systemEntity,
    });
    await waitFor(() => expect(result.current.value).toBeDefined());
    const ref = 'system:default/compute-platform';
    expect(result.current.entityRef).toBe(ref);
    expect(api.listProjects).toHaveBeenCalledWith({
      system: ref,
      limit: 200,
      cursor: undefined,
    });
    expect(api.getPortfolio).toHaveBeenCalledWith({ system: ref });
    const value = result.current.value!;
    expect(value.projects.map(p => [p.key, p.health])).toEqual([
      ['INFRA-101', 'red'],
      ['INFRA-204', 'amber'],
      ['DC-003', 'green'],
    ]);
    expect(value.byHealth).toEqual({ red: 1, amber: 1, green: 1 });
    expect(value.worstHealth).toBe('red');
  });

  it('follows the cursor when the System has more than a page', async () => {
    const api = systemApi({
      listProjects: jest
        .fn()
        .mockResolvedValueOnce({
          items: [project()],
          totalItems: 2,
          pageInfo: { nextCursor: 'next' },
        })
        .mockResolvedValueOnce({
          items: [project({ key: 'DC-003' })],
          totalItems: 2,
          pageInfo: {},
        }),
      getPortfolio: jest.fn().mockResolvedValue(portfolio()),
    });
    const { result } = renderPmoHook(() => useSystemRollup(), {
      api,
      entity: systemEntity,
    });
    await waitFor(() => expect(result.current.value).toBeDefined());
    expect(api.listProjects).toHaveBeenCalledTimes(2);
    expect(api.listProjects).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'next' }),
    );
    expect(result.current.value!.projects).toHaveLength(2);
  });
});
