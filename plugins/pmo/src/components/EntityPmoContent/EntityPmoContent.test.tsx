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
import { EntityPmoContent } from './EntityPmoContent';
import {
  milestone,
  mockPmoApi,
  project,
  raidItem,
  responseError,
  summary,
  systemApi,
  systemEntity,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

function apiWithData() {
  return mockPmoApi({
    getEntitySummary: jest.fn().mockResolvedValue(summary()),
    getProject: jest.fn().mockResolvedValue(project()),
    listMilestones: jest.fn().mockResolvedValue([
      milestone(),
      milestone({
        id: 'm2',
        title: 'Design approved',
        baselineDate: '2026-02-01',
        forecastDate: undefined,
        actualDate: '2026-02-03',
        status: 'done',
        gate: false,
        changeRecord: undefined,
      }),
    ]),
    listRaidItems: jest.fn().mockResolvedValue([
      raidItem(),
      raidItem({
        id: 'r2',
        type: 'issue',
        title: 'Old SAN outage',
        status: 'closed',
        probability: 2,
        impact: 2,
        score: 4,
      }),
    ]),
  });
}

describe('EntityPmoContent', () => {
  it('shows progress while loading', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn((_ref: string) => new Promise<never>(() => {})),
    });
    await renderPmo(<EntityPmoContent />, { api });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('renders the project with RAG, milestones, RAID and safe links', async () => {
    const api = apiWithData();
    await renderPmo(<EntityPmoContent />, { api });

    expect(await screen.findByText(/vSphere 8 upgrade/)).toBeInTheDocument();
    expect(api.getProject).toHaveBeenCalledWith('INFRA-101');
    expect(screen.getByLabelText('Declared: Green')).toBeInTheDocument();
    expect(screen.getByLabelText('Computed: Red')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Watermelon: declared green, computed red'),
    ).toBeInTheDocument();

    // Declared reason on hover.
    await userEvent.hover(screen.getByLabelText('Declared: Green'));
    expect(
      await screen.findByText('Vendor confirmed dates'),
    ).toBeInTheDocument();

    // Milestones: slip and gate of the cutover, actual of the design gate.
    const cutover = screen.getByTestId('milestone-m1');
    expect(within(cutover).getByText('Slip +25 d')).toBeInTheDocument();
    expect(within(cutover).getByLabelText('Stage gate')).toBeInTheDocument();
    expect(within(cutover).getByText('Change CHG0031337')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('milestone-m2')).getByText(/Actual 2026-02-03/),
    ).toBeInTheDocument();

    // RAID: open items by default; the closed issue appears with "All statuses".
    expect(screen.getByText('Vendor firmware late')).toBeInTheDocument();
    expect(screen.getByLabelText('Score 20 (P4 x I5)')).toBeInTheDocument();
    // People by name: the RAID owner links to the user, the free-text
    // sponsor stays text.
    expect(screen.getByRole('link', { name: 'pm' })).toHaveAttribute(
      'href',
      '/catalog/default/user/pm',
    );
    expect(screen.getByText('CIO')).toBeInTheDocument();
    expect(screen.queryByText('user:default/pm')).not.toBeInTheDocument();
    expect(screen.queryByText('Old SAN outage')).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All statuses' }),
    );
    expect(await screen.findByText('Old SAN outage')).toBeInTheDocument();

    // External links: only http(s) URLs become anchors.
    const chg = screen.getByText('Servicenow: CHG0031337').closest('a');
    expect(chg).toHaveAttribute('href', 'https://sn.example.com/CHG0031337');
    expect(screen.getByText('Jira: EVIL-1').closest('a')).toBeNull();
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('filters the RAID register by type', async () => {
    const api = apiWithData();
    api.listRaidItems.mockResolvedValue([
      raidItem(),
      raidItem({
        id: 'r3',
        type: 'dependency',
        title: 'Network team VLANs',
        score: 6,
        probability: 2,
        impact: 3,
      }),
    ]);
    await renderPmo(<EntityPmoContent />, { api });
    expect(await screen.findByText('Network team VLANs')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Type'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Dependency' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText('Vendor firmware late'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Network team VLANs')).toBeInTheDocument();
  });

  it('disables edit controls with the reason when permission is denied', async () => {
    const api = apiWithData();
    await renderPmo(<EntityPmoContent />, {
      api,
      authorize: AuthorizeResult.DENY,
    });
    const edit = await screen.findByRole('button', {
      name: 'Edit project INFRA-101',
    });
    expect(edit).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Add milestone' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Add RAID item' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Edit milestone Cutover' }),
    ).toBeDisabled();
    await userEvent.hover(edit.parentElement!);
    expect(
      await screen.findByText('You may not edit this project'),
    ).toBeInTheDocument();
  });

  it('edits a milestone and offers a reload on 409', async () => {
    const api = apiWithData();
    api.updateMilestone.mockRejectedValueOnce(
      await responseError(409, 'ConflictError', 'Milestone m1 was modified'),
    );
    await renderPmo(<EntityPmoContent />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit milestone Cutover' }),
    );
    const dialog = await screen.findByRole('dialog');
    const forecast = within(dialog).getByLabelText('Forecast');
    await userEvent.clear(forecast);
    await userEvent.type(forecast, '2026-06-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateMilestone).toHaveBeenCalledWith(
      'm1',
      expect.objectContaining({
        version: 1,
        forecastDate: '2026-06-01',
        title: 'Cutover',
      }),
    );
    expect(
      await within(dialog).findByText(/This was changed by someone else/),
    ).toBeInTheDocument();

    api.listMilestones.mockResolvedValue([
      milestone({ version: 2, forecastDate: '2026-07-01' }),
    ]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reload' }),
    );
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Forecast')).toHaveValue(
        '2026-07-01',
      ),
    );
    expect(
      within(dialog).queryByText(/This was changed by someone else/),
    ).not.toBeInTheDocument();
  });

  it('shows the annotation snippet when nothing is attached', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue(summary({ projects: [] })),
    });
    await renderPmo(<EntityPmoContent />, { api });
    expect(
      await screen.findByText('No PMO projects attached'),
    ).toBeInTheDocument();
    expect(api.getProject).not.toHaveBeenCalled();
  });

  it('says clearly when the project is forbidden', async () => {
    const api = apiWithData();
    api.getProject.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Unauthorized'),
    );
    await renderPmo(<EntityPmoContent />, { api });
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
  });

  it('shows errors of the summary request', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest
        .fn()
        .mockRejectedValue(await responseError(502, 'Error', 'bad gateway')),
    });
    await renderPmo(<EntityPmoContent />, { api });
    expect(
      await screen.findByText(/Request failed with 502/),
    ).toBeInTheDocument();
  });

  describe('on a System page', () => {
    it('shows the roll-up header and each project of the system', async () => {
      const api = systemApi();
      await renderPmo(<EntityPmoContent />, { api, entity: systemEntity });

      const header = await screen.findByLabelText('System roll-up');
      expect(
        within(header).getByText('3 projects touch this system'),
      ).toBeInTheDocument();
      expect(within(header).getByLabelText('Overall: Red')).toBeInTheDocument();
      expect(within(header).getByLabelText('Amber 1')).toBeInTheDocument();
      expect(
        within(header).getByText('1 overdue milestone'),
      ).toBeInTheDocument();
      expect(
        within(header).getByText('0 slipping milestones'),
      ).toBeInTheDocument();
      expect(
        within(header).getByText('INFRA-101: CAB approval (2026-11-14)'),
      ).toBeInTheDocument();
      expect(
        within(header).getByText('Run-transition mismatches (1)'),
      ).toBeInTheDocument();

      // Worst first; the first project opens with its full view.
      const tabs = screen.getAllByRole('tab').map(t => t.textContent);
      expect(tabs).toEqual([
        'INFRA-101 (red)',
        'INFRA-204 (amber)',
        'DC-003 (green)',
      ]);
      expect(
        await screen.findByRole('button', { name: 'Edit project INFRA-101' }),
      ).toBeInTheDocument();
      expect(api.getProject).toHaveBeenCalledWith('INFRA-101');
      expect(api.getEntitySummary).not.toHaveBeenCalled();

      api.getProject.mockResolvedValue(
        project({ key: 'INFRA-204', title: 'SAN migration' }),
      );
      await userEvent.click(
        screen.getByRole('tab', { name: 'INFRA-204 (amber)' }),
      );
      await waitFor(() =>
        expect(api.getProject).toHaveBeenCalledWith('INFRA-204'),
      );
    });

    it('says no project touches the system or its components', async () => {
      const api = systemApi({
        listProjects: jest
          .fn()
          .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
      });
      await renderPmo(<EntityPmoContent />, { api, entity: systemEntity });
      expect(
        await screen.findByText(
          'No PMO project touches this system or its components',
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('pmo/projects')).toBeInTheDocument();
      expect(api.getProject).not.toHaveBeenCalled();
    });

    it('shows errors of the roll-up requests', async () => {
      const api = systemApi({
        listProjects: jest
          .fn()
          .mockRejectedValue(await responseError(502, 'Error', 'bad gateway')),
      });
      await renderPmo(<EntityPmoContent />, { api, entity: systemEntity });
      expect(
        await screen.findByText(/Request failed with 502/),
      ).toBeInTheDocument();
    });
  });
});
