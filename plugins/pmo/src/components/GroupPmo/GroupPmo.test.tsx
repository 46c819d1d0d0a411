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

import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { GroupPmoOverview } from '@infra-pmo/plugin-pmo-common';
import { EntityGroupPmoCard, EntityGroupPmoContent } from './GroupPmo';
import { mockPmoApi, responseError } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

const infra: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'infra', namespace: 'default' },
  spec: { type: 'team', children: ['storage-ops'] },
};

const overview: GroupPmoOverview = {
  groupRef: 'group:default/infra',
  groupRefs: ['group:default/infra', 'group:default/storage-ops'],
  projects: {
    totalItems: 1,
    items: [
      {
        key: 'OPS-1',
        title: 'Storage refresh',
        phase: 'execution',
        owner: 'group:default/storage-ops',
        health: 'amber',
        computedHealth: 'amber',
        watermelon: false,
      },
    ],
  },
  actions: { totalItems: 0, items: [] },
  milestones: { totalItems: 0, items: [] },
  signOffs: { totalItems: 0, items: [] },
  services: {
    totalItems: 2,
    items: [
      {
        entityRef: 'component:default/san-api',
        transition: {
          state: 'in_progress',
          readinessPercent: 40,
          tier: 'tier-1',
        },
      },
      { entityRef: 'component:default/nas-api' },
    ],
  },
};

describe('Group PMO card and tab', () => {
  it('shows the rolled-up work and the services of the group', async () => {
    const api = mockPmoApi({
      getGroupOverview: jest.fn().mockResolvedValue(overview),
    });
    await renderPmo(<EntityGroupPmoCard />, { api, entity: infra });

    expect(
      await screen.findByText('This group and 1 child group'),
    ).toBeInTheDocument();
    expect(api.getGroupOverview).toHaveBeenCalledWith('group:default/infra', {
      limit: 3,
    });
    const projects = screen.getByRole('region', { name: 'Projects owned' });
    expect(within(projects).getByText('Storage refresh')).toBeInTheDocument();
    const services = screen.getByRole('region', {
      name: 'Services and run transitions',
    });
    expect(within(services).getByText('In progress')).toBeInTheDocument();
    expect(
      within(services).getByLabelText('Readiness 40%'),
    ).toBeInTheDocument();
    expect(within(services).getByText('No run transition')).toBeInTheDocument();
    expect(
      within(services).getByRole('link', { name: 'san-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/san-api');
  });

  it('says when nothing is waiting for the group', async () => {
    const api = mockPmoApi({
      getGroupOverview: jest.fn().mockResolvedValue({
        ...overview,
        groupRefs: ['group:default/infra'],
        projects: { totalItems: 0, items: [] },
        services: { totalItems: 0, items: [] },
      }),
    });
    await renderPmo(<EntityGroupPmoContent />, { api, entity: infra });
    expect(
      await screen.findByText(/Nothing is waiting for this group/),
    ).toBeInTheDocument();
    expect(screen.getByText('This group')).toBeInTheDocument();
    expect(
      screen.getByText('The group owns no component or resource.'),
    ).toBeInTheDocument();
    expect(api.getGroupOverview).toHaveBeenCalledWith('group:default/infra', {
      limit: 20,
    });
  });

  it('shows progress, then a clear message when the PMO is forbidden', async () => {
    const pending = mockPmoApi({
      getGroupOverview: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    const { unmount } = await renderPmo(<EntityGroupPmoCard />, {
      api: pending,
      entity: infra,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();

    const forbidden = mockPmoApi({
      getGroupOverview: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'NotAllowedError', 'no')),
    });
    await renderPmo(<EntityGroupPmoContent />, {
      api: forbidden,
      entity: infra,
    });
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
  });
});
