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
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import type { MyPmoItems as MyPmoItemsResponse } from '@infra-pmo/plugin-pmo-common';
import { MyPmoItems, MyPmoItemsContent } from './MyPmoItems';
import { mockPmoApi, responseError } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';
import pmoPlugin, { homePageMyPmoItemsWidget } from '../../alpha';

const empty = { items: [], totalItems: 0 };

function items(
  overrides: Partial<MyPmoItemsResponse> = {},
): MyPmoItemsResponse {
  return {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/pmo'],
    projects: {
      totalItems: 7,
      items: [
        {
          key: 'INFRA-101',
          title: 'vSphere 8 upgrade',
          phase: 'execution',
          owner: 'group:default/pmo',
          health: 'red',
          declaredHealth: 'green',
          computedHealth: 'red',
          watermelon: true,
          nextMilestone: {
            id: 'm1',
            projectKey: 'INFRA-101',
            title: 'Cluster B cutover',
            date: '2026-03-10',
            daysToGo: 3,
            gate: true,
            status: 'planned',
          },
        },
        {
          key: 'INFRA-204',
          title: 'SAN refresh',
          phase: 'planning',
          owner: 'group:default/pmo',
          health: 'green',
          computedHealth: 'green',
          watermelon: false,
        },
      ],
    },
    actions: {
      totalItems: 2,
      items: [
        {
          id: 'r1',
          projectKey: 'INFRA-204',
          projectTitle: 'SAN refresh',
          type: 'issue',
          title: 'HBA firmware remediation',
          owner: 'user:default/guest',
          status: 'open',
          score: 16,
          dueDate: '2026-02-27',
          overdue: true,
        },
        {
          id: 'r2',
          projectKey: 'INFRA-101',
          projectTitle: 'vSphere 8 upgrade',
          type: 'risk',
          title: 'Licence true-up',
          owner: 'group:default/pmo',
          status: 'mitigating',
          score: 6,
          dueDate: '2026-03-20',
          overdue: false,
        },
      ],
    },
    milestones: {
      totalItems: 1,
      items: [
        {
          id: 'm1',
          projectKey: 'INFRA-101',
          projectTitle: 'vSphere 8 upgrade',
          title: 'Cluster B cutover',
          gate: true,
          status: 'planned',
          date: '2026-03-10',
          daysToGo: 3,
          overdue: false,
        },
      ],
    },
    signOffs: {
      totalItems: 1,
      items: [
        {
          entityRef: 'component:default/vsphere-prod-cluster',
          role: 'run',
          owner: 'group:default/virtualisation',
          projectKey: 'INFRA-101',
          tier: 'tier-1',
          readinessPercent: 90,
          targetDate: '2026-03-31',
        },
      ],
    },
    ...overrides,
  };
}

const render = (api = mockPmoApi(), element = <MyPmoItemsContent />) =>
  renderPmo(element, { api, entity: null });

describe('MyPmoItems', () => {
  it('shows progress while loading and asks for a compact page', async () => {
    const api = mockPmoApi({
      getMyItems: jest.fn(() => new Promise<never>(() => {})),
    });
    await render(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getMyItems).toHaveBeenCalledWith({ limit: 3 });
  });

  it('lists projects, actions, milestones and sign-offs with links', async () => {
    const api = mockPmoApi({
      getMyItems: jest.fn().mockResolvedValue(items()),
    });
    await render(api);

    const projects = await screen.findByRole('region', { name: 'My projects' });
    expect(within(projects).getByText('My projects (7)')).toBeInTheDocument();
    expect(
      within(projects).getByRole('link', { name: 'INFRA-101' }),
    ).toHaveAttribute('href', '/pmo/projects/INFRA-101');
    expect(within(projects).getByLabelText('Red')).toBeInTheDocument();
    expect(
      within(projects).getByLabelText(
        'Watermelon: declared green, computed red',
      ),
    ).toBeInTheDocument();
    expect(within(projects).getByLabelText('Green')).toBeInTheDocument();
    expect(
      within(projects).getByText(/Next: Cluster B cutover/),
    ).toBeInTheDocument();
    // 7 projects, 2 shown: the rest is in the portfolio.
    expect(
      within(projects).getByRole('link', {
        name: 'and 5 more in the portfolio',
      }),
    ).toHaveAttribute('href', '/pmo');

    const actions = screen.getByRole('region', { name: 'Open actions' });
    const [overdue, onTime] = within(actions).getAllByRole('listitem');
    expect(overdue).toHaveAttribute('data-overdue', 'true');
    expect(
      within(overdue).getByText('Overdue since 2026-02-27'),
    ).toBeInTheDocument();
    expect(
      within(overdue).getByRole('link', { name: 'INFRA-204' }),
    ).toHaveAttribute('href', '/pmo/projects/INFRA-204');
    expect(onTime).not.toHaveAttribute('data-overdue');
    expect(within(onTime).getByText('Due 2026-03-20')).toBeInTheDocument();
    expect(within(actions).queryByText(/more in the portfolio/)).toBeNull();

    const milestones = screen.getByRole('region', {
      name: 'Milestones due in 14 days',
    });
    expect(within(milestones).getByText('in 3 days')).toBeInTheDocument();
    expect(within(milestones).getByText('Gate')).toBeInTheDocument();

    const signOffs = screen.getByRole('region', { name: 'Pending sign-offs' });
    expect(
      within(signOffs).getByRole('link', { name: 'vsphere-prod-cluster' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/vsphere-prod-cluster/pmo?section=transition',
    );
    expect(within(signOffs).getByText('Run sign-off')).toBeInTheDocument();
    expect(
      within(signOffs).getByRole('link', { name: 'virtualisation' }),
    ).toHaveAttribute('href', '/catalog/default/group/virtualisation');
    expect(
      within(signOffs).getByLabelText('Readiness 90%'),
    ).toBeInTheDocument();
  });

  it('leaves out empty sections', async () => {
    const api = mockPmoApi({
      getMyItems: jest
        .fn()
        .mockResolvedValue(items({ signOffs: empty, milestones: empty })),
    });
    await render(api);
    expect(
      await screen.findByRole('region', { name: 'Open actions' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Pending sign-offs' }),
    ).toBeNull();
    expect(
      screen.queryByRole('region', { name: 'Milestones due in 14 days' }),
    ).toBeNull();
  });

  it('says that nothing needs the user, with a link to the portfolio', async () => {
    const api = mockPmoApi({
      getMyItems: jest.fn().mockResolvedValue(
        items({
          projects: empty,
          actions: empty,
          milestones: empty,
          signOffs: empty,
        }),
      ),
    });
    await render(api);
    expect(await screen.findByText(/Nothing needs you/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the portfolio' }),
    ).toHaveAttribute('href', '/pmo');
  });

  it('explains a 403', async () => {
    const api = mockPmoApi({
      getMyItems: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'Not allowed: pmo.project.read',
          ),
        ),
    });
    await render(api);
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    const api = mockPmoApi({
      getMyItems: jest.fn().mockRejectedValue(new Error('boom')),
    });
    await render(api);
    expect(
      await screen.findByText(/Could not load your PMO items/),
    ).toBeInTheDocument();
    expect(screen.getByText(/boom/)).toBeInTheDocument();
  });

  it('renders as a standalone card titled My PMO items', async () => {
    const api = mockPmoApi({
      getMyItems: jest.fn().mockResolvedValue(items()),
    });
    await render(api, <MyPmoItems />);
    expect(await screen.findByText('My PMO items')).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'My projects' }),
    ).toBeInTheDocument();
  });
});

describe('homePageMyPmoItemsWidget (/alpha)', () => {
  it('is a home page widget named MyPmoItems, titled My PMO items', () => {
    // The id that app-config.yaml and app.extensions refer to.
    expect(
      pmoPlugin.getExtension('home-page-widget:pmo/my-pmo-items'),
    ).toBeDefined();
    const widget = createExtensionTester(homePageMyPmoItemsWidget).get(
      HomePageWidgetBlueprint.dataRefs.widget,
    );
    expect(widget).toMatchObject({
      name: 'MyPmoItems',
      title: 'My PMO items',
      layout: { width: { defaultColumns: 4 } },
    });
  });
});
