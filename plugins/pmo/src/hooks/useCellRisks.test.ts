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
  mockPmoApi,
  project,
  raidItem,
  responseError,
} from '../__testUtils__/fixtures';
import { loadCellRisks } from './useCellRisks';

const cell = { probability: 4, impact: 5 };

describe('loadCellRisks', () => {
  it('asks GET /raid for the cell, narrowed to the projects of a System', async () => {
    const api = mockPmoApi({
      listProjects: jest.fn().mockResolvedValue({
        items: [project()],
        totalItems: 1,
        pageInfo: {},
      }),
      searchRaid: jest.fn().mockResolvedValue({
        items: [
          { ...raidItem({ id: 'a' }), projectTitle: 'A' },
          {
            ...raidItem({ id: 'b', projectKey: 'OTHER-1' }),
            projectTitle: 'B',
          },
        ],
        totalItems: 2,
        pageInfo: { nextCursor: 'more' },
      }),
    });
    const result = await loadCellRisks(api, cell, {
      owner: ['group:default/wintel'],
      system: 'system:default/compute-platform',
    });
    expect(api.searchRaid).toHaveBeenCalledWith({
      type: ['risk'],
      status: ['open', 'mitigating'],
      probability: [4],
      impact: [5],
      owner: ['group:default/wintel'],
      limit: 100,
    });
    expect(result.items.map(r => r.id)).toEqual(['a']);
    expect(result.truncated).toBe(true);
  });

  it('reads each RAID log against a backend without GET /raid (404)', async () => {
    const api = mockPmoApi({
      searchRaid: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'NotFoundError', 'no')),
      listProjects: jest.fn().mockResolvedValue({
        items: [project()],
        totalItems: 1,
        pageInfo: {},
      }),
      listRaidItems: jest
        .fn()
        .mockResolvedValue([
          raidItem({ id: 'hit', probability: 4, impact: 5 }),
          raidItem({ id: 'miss', probability: 1, impact: 5 }),
        ]),
    });
    const result = await loadCellRisks(api, cell, {});
    expect(api.listRaidItems).toHaveBeenCalledWith('INFRA-101', {
      type: ['risk'],
      status: ['open', 'mitigating'],
    });
    expect(result.items.map(r => [r.id, r.projectTitle])).toEqual([
      ['hit', 'vSphere 8 upgrade'],
    ]);
    expect(result.truncated).toBe(false);
  });
});
