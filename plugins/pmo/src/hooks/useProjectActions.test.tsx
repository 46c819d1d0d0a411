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

import { milestone, mockPmoApi, raidItem } from '../__testUtils__/fixtures';
import { renderPmoHook } from '../__testUtils__/renderHook';
import { useMilestoneActions, useRaidActions } from './useProjectActions';

describe('useMilestoneActions and useRaidActions', () => {
  it('reload the latest version of an item from its project, or undefined once deleted', async () => {
    const api = mockPmoApi({
      listMilestones: jest
        .fn()
        .mockResolvedValue([milestone({ id: 'm1', version: 9 })]),
      listRaidItems: jest.fn().mockResolvedValue([raidItem({ id: 'r1' })]),
    });
    const { result } = renderPmoHook(
      () => ({
        milestones: useMilestoneActions('INFRA-101'),
        raid: useRaidActions('INFRA-101'),
      }),
      { api },
    );
    await expect(result.current.milestones.reload('m1')).resolves.toEqual(
      expect.objectContaining({ id: 'm1', version: 9 }),
    );
    await expect(result.current.milestones.reload('gone')).resolves.toBe(
      undefined,
    );
    expect(api.listMilestones).toHaveBeenCalledWith('INFRA-101');
    await expect(result.current.raid.reload('r1')).resolves.toEqual(
      expect.objectContaining({ id: 'r1' }),
    );
  });

  it('create on the project and update or delete by id', async () => {
    const api = mockPmoApi({
      createRaidItem: jest.fn().mockResolvedValue(raidItem()),
      updateRaidItem: jest.fn().mockResolvedValue(raidItem()),
      deleteRaidItem: jest.fn().mockResolvedValue(undefined),
    });
    const { result } = renderPmoHook(() => useRaidActions('INFRA-101'), {
      api,
    });
    await result.current.create({ type: 'risk', title: 'x' });
    await result.current.update('r1', { version: 2, title: 'y' });
    await result.current.remove('r1');
    expect(api.createRaidItem).toHaveBeenCalledWith('INFRA-101', {
      type: 'risk',
      title: 'x',
    });
    expect(api.updateRaidItem).toHaveBeenCalledWith('r1', {
      version: 2,
      title: 'y',
    });
    expect(api.deleteRaidItem).toHaveBeenCalledWith('r1');
  });
});
