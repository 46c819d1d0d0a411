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

import {
  milestone,
  mockPmoApi,
  project,
  responseError,
} from '../__testUtils__/fixtures';
import { addMonths, loadTimelineMilestones } from './useTimelineMilestones';

describe('loadTimelineMilestones', () => {
  it('reads the window around today from GET /milestones, by project', async () => {
    const api = mockPmoApi({
      searchMilestones: jest
        .fn()
        .mockResolvedValueOnce({
          items: [{ ...milestone({ id: 'a' }), projectTitle: 'x' }],
          totalItems: 2,
          pageInfo: { nextCursor: 'p2' },
        })
        .mockResolvedValueOnce({
          items: [
            {
              ...milestone({ id: 'b', projectKey: 'NOT-LISTED' }),
              projectTitle: 'y',
            },
          ],
          totalItems: 2,
          pageInfo: {},
        }),
    });
    const byKey = await loadTimelineMilestones(api, [project()], '2026-06-15');
    expect(api.searchMilestones).toHaveBeenNthCalledWith(1, {
      from: '2025-06-01',
      to: '2028-06-01',
      limit: 500,
      cursor: undefined,
    });
    expect(api.searchMilestones).toHaveBeenNthCalledWith(
      2,
      expect.objectContaining({ cursor: 'p2' }),
    );
    expect([...byKey.keys()]).toEqual(['INFRA-101']);
    expect(byKey.get('INFRA-101')!.map(m => m.id)).toEqual(['a']);
  });

  it('falls back to one list per project against an older backend (404)', async () => {
    const api = mockPmoApi({
      searchMilestones: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'NotFoundError', 'no')),
      listMilestones: jest.fn().mockResolvedValue([milestone({ id: 'c' })]),
    });
    const byKey = await loadTimelineMilestones(api, [project()], '2026-06-15');
    expect(api.listMilestones).toHaveBeenCalledWith('INFRA-101');
    expect(byKey.get('INFRA-101')!.map(m => m.id)).toEqual(['c']);
  });

  it('reads nothing without projects', async () => {
    const api = mockPmoApi();
    const byKey = await loadTimelineMilestones(api, [], '2026-06-15');
    expect(byKey.size).toBe(0);
    expect(api.searchMilestones).not.toHaveBeenCalled();
  });

  it('counts months from the first day of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-01');
  });
});
