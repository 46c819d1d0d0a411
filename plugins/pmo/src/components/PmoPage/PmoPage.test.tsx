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

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PmoPage } from './PmoPage';
import {
  milestone,
  mockPmoApi,
  portfolio,
  project,
  raidItem,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

function pageOf(keys: string[], totalItems: number, nextCursor?: string) {
  return {
    items: keys.map(key => project({ key, title: `Project ${key}` })),
    totalItems,
    pageInfo: { nextCursor },
  };
}

function apiWithPortfolio() {
  return mockPmoApi({
    getPortfolio: jest.fn().mockResolvedValue(portfolio()),
    listProjects: jest
      .fn()
      .mockResolvedValue(pageOf(['INFRA-101', 'INFRA-102'], 2)),
    searchMilestones: jest.fn().mockResolvedValue({
      items: [{ ...milestone(), projectTitle: 'vSphere 8 upgrade' }],
      totalItems: 1,
      pageInfo: {},
    }),
  });
}

describe('PmoPage', () => {
  it('shows progress while the portfolio loads', async () => {
    const api = mockPmoApi({
      getPortfolio: jest.fn(() => new Promise(() => {})),
      listProjects: jest.fn(() => new Promise(() => {})),
    });
    await renderPmo(<PmoPage />, { api, entity: null });
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
  });

  it('shows KPIs, the projects table and the timeline', async () => {
    const api = apiWithPortfolio();
    await renderPmo(<PmoPage />, { api, entity: null });

    expect(await screen.findByLabelText('Projects: 7')).toBeInTheDocument();
    expect(screen.getByLabelText('Red: 2')).toBeInTheDocument();
    expect(screen.getByLabelText('Watermelons: 1')).toBeInTheDocument();
    expect(screen.getByLabelText('Stale status: 1')).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: 'Projects' });
    expect(
      within(table).getByRole('link', { name: 'INFRA-102' }),
    ).toHaveAttribute('href', '/pmo/projects/INFRA-102');
    expect(
      within(table).getAllByLabelText(
        'Watermelon: declared green, computed red',
      ),
    ).toHaveLength(2);
    expect(screen.getByText('1–2 of 2')).toBeInTheDocument();

    // Timeline of the listed projects: a slipping milestone (25 d > amber threshold).
    const row = await screen.findByTestId('timeline-INFRA-101');
    expect(
      row.querySelector('[data-status="slipping"], [data-status="overdue"]'),
    ).not.toBeNull();
    // One request for the whole page, never one per project.
    expect(api.searchMilestones).toHaveBeenCalledTimes(1);
    expect(api.searchMilestones).toHaveBeenCalledWith(
      expect.objectContaining({
        from: expect.any(String),
        to: expect.any(String),
      }),
    );
    expect(api.listMilestones).not.toHaveBeenCalled();
  });

  it('falls back to per-project milestones when GET /milestones is missing', async () => {
    const api = apiWithPortfolio();
    api.searchMilestones.mockRejectedValue(
      await responseError(404, 'NotFoundError', 'Not found'),
    );
    api.listMilestones.mockResolvedValue([milestone()]);
    await renderPmo(<PmoPage />, { api, entity: null });
    const row = await screen.findByTestId('timeline-INFRA-101');
    expect(
      row.querySelector('[data-status="slipping"], [data-status="overdue"]'),
    ).not.toBeNull();
    expect(api.listMilestones).toHaveBeenCalledWith('INFRA-102');
  });

  it('pages with server cursors forwards and back', async () => {
    const api = apiWithPortfolio();
    api.listProjects
      .mockResolvedValueOnce(pageOf(['A-1', 'A-2'], 4, 'cursor-2'))
      .mockResolvedValueOnce(pageOf(['A-3', 'A-4'], 4))
      .mockResolvedValueOnce(pageOf(['A-1', 'A-2'], 4, 'cursor-2'));
    await renderPmo(<PmoPage />, { api, entity: null });

    expect(await screen.findByText('1–2 of 4')).toBeInTheDocument();
    expect(api.listProjects).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: undefined, limit: 20, orderBy: 'key' }),
    );
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    // Page 2 of 20 rows per page starts at row 21.
    expect(await screen.findByText('21–22 of 4')).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Projects' })).getByText('A-3'),
    ).toBeInTheDocument();
    expect(api.listProjects).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'cursor-2' }),
    );
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('1–2 of 4')).toBeInTheDocument();
    expect(api.listProjects).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: undefined }),
    );
  });

  it('sorts and filters on the server', async () => {
    const api = apiWithPortfolio();
    await renderPmo(<PmoPage />, { api, entity: null });
    await screen.findByRole('table', { name: 'Projects' });

    await userEvent.click(screen.getByRole('button', { name: 'Target' }));
    await waitFor(() =>
      expect(api.listProjects).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'targetDate' }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Target' }));
    await waitFor(() =>
      expect(api.listProjects).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: '-targetDate' }),
      ),
    );

    await userEvent.click(screen.getByLabelText('Health'));
    await userEvent.click(await screen.findByRole('option', { name: 'Red' }));
    await waitFor(() =>
      expect(api.listProjects).toHaveBeenLastCalledWith(
        expect.objectContaining({ health: ['red'] }),
      ),
    );
    await userEvent.keyboard('{Escape}');

    await userEvent.type(
      screen.getByLabelText('Search key, title, description'),
      'vsphere',
    );
    await waitFor(() =>
      expect(api.listProjects).toHaveBeenLastCalledWith(
        expect.objectContaining({
          q: 'vsphere',
          health: ['red'],
          cursor: undefined,
        }),
      ),
    );
  });

  it('lists the risks of a heat-map cell across projects in one request', async () => {
    const api = apiWithPortfolio();
    api.searchRaid.mockResolvedValue({
      items: [
        { ...raidItem(), projectTitle: 'vSphere 8 upgrade' },
        {
          ...raidItem({
            id: 'r5',
            projectKey: 'INFRA-102',
            title: 'Licence renewal',
          }),
          projectTitle: 'Project INFRA-102',
        },
      ],
      totalItems: 2,
      pageInfo: {},
    });
    await renderPmo(<PmoPage />, { api, entity: null });

    const cell = await screen.findByRole('button', {
      name: 'Probability 4, impact 5: 2 open risks',
    });
    expect(
      screen.getByRole('button', {
        name: 'Probability 1, impact 1: 0 open risks',
      }),
    ).toBeInTheDocument();
    expect(api.searchRaid).not.toHaveBeenCalled();

    await userEvent.click(cell);
    expect(cell).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText('Vendor firmware late')).toBeInTheDocument();
    expect(screen.getByText('Licence renewal')).toBeInTheDocument();
    expect(api.searchRaid).toHaveBeenCalledTimes(1);
    expect(api.searchRaid).toHaveBeenCalledWith(
      expect.objectContaining({
        type: ['risk'],
        status: ['open', 'mitigating'],
        probability: [4],
        impact: [5],
      }),
    );
    expect(api.listRaidItems).not.toHaveBeenCalled();
  });

  it('narrows the System filter on the server', async () => {
    const api = apiWithPortfolio();
    await renderPmo(<PmoPage />, {
      api,
      entity: null,
      route: '/?system=system:default/vsphere',
    });
    await screen.findByRole('table', { name: 'Projects' });
    expect(api.listProjects).toHaveBeenCalledWith(
      expect.objectContaining({ system: 'system:default/vsphere' }),
    );
    expect(api.getPortfolio).toHaveBeenCalledWith(
      expect.objectContaining({ system: 'system:default/vsphere' }),
    );
  });

  it('disables "New project" with a reason when creation is not permitted', async () => {
    const api = apiWithPortfolio();
    await renderPmo(<PmoPage />, {
      api,
      entity: null,
      authorize: AuthorizeResult.DENY,
    });
    const button = await screen.findByRole('button', { name: 'New project' });
    expect(button).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    await userEvent.hover(button.parentElement!);
    expect(
      await screen.findByText('You do not have permission to create projects'),
    ).toBeInTheDocument();
  });

  it('says clearly when the portfolio is forbidden', async () => {
    const api = apiWithPortfolio();
    api.getPortfolio.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Unauthorized'),
    );
    await renderPmo(<PmoPage />, { api, entity: null });
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed project list', async () => {
    const api = apiWithPortfolio();
    api.listProjects.mockRejectedValue(
      await responseError(400, 'InputError', 'query.q: too long'),
    );
    await renderPmo(<PmoPage />, { api, entity: null });
    expect(
      await screen.findByText(/Request failed with 400/),
    ).toBeInTheDocument();
  });

  it('shows an empty table when no project matches', async () => {
    const api = apiWithPortfolio();
    api.listProjects.mockResolvedValue(pageOf([], 0));
    await renderPmo(<PmoPage />, { api, entity: null });
    expect(
      await screen.findByText('No projects match these filters.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No projects to show.')).toBeInTheDocument();
  });

  it('opens the project page at /pmo/projects/:key with entity linking', async () => {
    const api = apiWithPortfolio();
    api.getProject.mockResolvedValue(project());
    await renderPmo(<PmoPage />, {
      api,
      entity: null,
      route: '/projects/INFRA-101',
    });
    expect(await screen.findByText(/vSphere 8 upgrade/)).toBeInTheDocument();
    expect(api.getProject).toHaveBeenCalledWith('INFRA-101');
    expect(screen.getByRole('link', { name: /Portfolio/ })).toHaveAttribute(
      'href',
      '/pmo',
    );
    expect(
      screen.getByRole('button', { name: 'Delete project INFRA-101' }),
    ).toBeEnabled();
    expect(screen.getByText('Linked entities')).toBeInTheDocument();
  });
});
