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
import userEvent from '@testing-library/user-event';
import { EntityPmoCard } from './EntityPmoCard';
import {
  mockPmoApi,
  responseError,
  summary,
  systemApi,
  systemEntity,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

describe('EntityPmoCard', () => {
  it('shows progress while loading', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn((_ref: string) => new Promise<never>(() => {})),
    });
    await renderPmo(<EntityPmoCard />, { api });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledWith(
      'component:default/vm-provisioning',
    );
  });

  it('summarizes worst health, projects, next milestone and top risk', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue(summary()),
    });
    await renderPmo(<EntityPmoCard />, { api });

    const overall = await screen.findByLabelText('Overall: Red');
    expect(screen.getByRole('link', { name: 'INFRA-101' })).toHaveAttribute(
      'href',
      '/pmo/projects/INFRA-101',
    );
    expect(screen.getByText('Execution')).toBeInTheDocument();
    expect(screen.getByLabelText('Declared: Green')).toBeInTheDocument();
    expect(screen.getByLabelText('Computed: Red')).toBeInTheDocument();
    expect(screen.getByText('Watermelon')).toBeInTheDocument();
    expect(screen.getByText('via annotation')).toBeInTheDocument();
    expect(screen.getByText('linked manually')).toBeInTheDocument();

    expect(screen.getByText('Cutover')).toBeInTheDocument();
    expect(screen.getByText('in 12 days')).toBeInTheDocument();
    expect(screen.getByText('slipped +25 d')).toBeInTheDocument();
    expect(screen.getByText(/2 open risks · 1 open issue/)).toBeInTheDocument();
    expect(
      screen.getByText(/Highest risk: Vendor firmware late/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Score 20')).toBeInTheDocument();

    // The computed reasons are in the tooltip of the worst-health chip.
    expect(
      screen.queryByText(/forecast 25 days after baseline/),
    ).not.toBeInTheDocument();
    await userEvent.hover(overall);
    expect(
      await screen.findByText(/Red: 'Cutover' forecast 25 days after baseline/),
    ).toBeInTheDocument();
  });

  it('shows the run transition state, readiness and lifecycle mismatch', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue({
        ...summary(),
        transition: {
          state: 'in_progress',
          readinessPercent: 42,
          tier: 'tier-1',
          mismatch: true,
        },
      }),
    });
    await renderPmo(<EntityPmoCard />, { api });
    const section = await screen.findByLabelText('Run transition');
    expect(within(section).getByText('In progress')).toBeInTheDocument();
    expect(within(section).getByLabelText('Readiness 42%')).toBeInTheDocument();
    expect(
      within(section).getByLabelText(
        /Lifecycle mismatch: Lifecycle is production but the run transition is in progress: not yet accepted into Run/,
      ),
    ).toBeInTheDocument();
  });

  it('leaves the transition out when the entity has none', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue(summary()),
    });
    await renderPmo(<EntityPmoCard />, { api });
    await screen.findByText(/vSphere 8 upgrade/);
    expect(screen.queryByLabelText('Run transition')).not.toBeInTheDocument();
  });

  it('warns about invalid tokens of the annotation', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue(summary()),
    });
    await renderPmo(<EntityPmoCard />, { api });
    expect(
      await screen.findByText(/Not valid project keys.*bad\/key/),
    ).toBeInTheDocument();
  });

  it('shows the annotation snippet and unknown keys when nothing is attached', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue(
        summary({
          projects: [],
          worstHealth: undefined,
          unknownProjectKeys: ['INFRA-999'],
        }),
      ),
    });
    const { container } = await renderPmo(<EntityPmoCard />, { api });
    expect(
      await screen.findByText('No PMO projects attached'),
    ).toBeInTheDocument();
    // The YAML snippet (split into tokens by the highlighter).
    expect(container.querySelector('pre')?.textContent).toContain(
      'pmo/projects: INFRA-101, INFRA-204',
    );
    expect(
      screen.getByText('Unknown project keys: INFRA-999'),
    ).toBeInTheDocument();
  });

  it('treats a 404 as nothing attached', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'Entity not found'),
        ),
    });
    await renderPmo(<EntityPmoCard />, { api });
    expect(
      await screen.findByText('No PMO projects attached'),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest
        .fn()
        .mockRejectedValue(
          await responseError(500, 'Error', 'database unavailable'),
        ),
    });
    await renderPmo(<EntityPmoCard />, { api });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No PMO projects attached'),
    ).not.toBeInTheDocument();
  });

  it('says clearly when access is forbidden', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'NotAllowedError', 'Unauthorized'),
        ),
    });
    const { container } = await renderPmo(<EntityPmoCard />, { api });
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
    expect(
      within(container).queryByText(/Request failed/),
    ).not.toBeInTheDocument();
  });

  describe('on a System page', () => {
    it('rolls up the projects of the system and its parts', async () => {
      const api = systemApi();
      await renderPmo(<EntityPmoCard />, { api, entity: systemEntity });

      expect(await screen.findByLabelText('Overall: Red')).toBeInTheDocument();
      expect(api.listProjects).toHaveBeenCalledWith(
        expect.objectContaining({ system: 'system:default/compute-platform' }),
      );
      expect(api.getPortfolio).toHaveBeenCalledWith({
        system: 'system:default/compute-platform',
      });
      expect(api.getEntitySummary).not.toHaveBeenCalled();

      const counts = screen.getByLabelText('Projects by health');
      expect(within(counts).getByLabelText('Red 1')).toBeInTheDocument();
      expect(within(counts).getByLabelText('Amber 1')).toBeInTheDocument();
      expect(within(counts).getByLabelText('Green 1')).toBeInTheDocument();

      expect(screen.getByRole('link', { name: 'INFRA-204' })).toHaveAttribute(
        'href',
        '/pmo/projects/INFRA-204',
      );
      expect(screen.getByText('Planning')).toBeInTheDocument();
      expect(screen.getByText('Closing')).toBeInTheDocument();
      expect(screen.getByLabelText('Declared: Green')).toBeInTheDocument();
      expect(screen.getByLabelText('Computed: Red')).toBeInTheDocument();
      expect(screen.getByText('1 overdue milestone')).toBeInTheDocument();
      expect(
        screen.getByLabelText(
          'Lifecycle mismatch: Lifecycle is production but the run transition is in progress: not yet accepted into Run',
        ),
      ).toBeInTheDocument();
      expect(screen.getByText(/esxi-hosts/)).toBeInTheDocument();
    });

    it('says no project touches the system or its components', async () => {
      const api = systemApi({
        listProjects: jest
          .fn()
          .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
      });
      await renderPmo(<EntityPmoCard />, { api, entity: systemEntity });
      expect(
        await screen.findByText(
          'No PMO project touches this system or its components',
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('pmo/projects')).toBeInTheDocument();
    });

    it('shows errors of the roll-up requests', async () => {
      const api = systemApi({
        getPortfolio: jest
          .fn()
          .mockRejectedValue(await responseError(502, 'Error', 'bad gateway')),
      });
      await renderPmo(<EntityPmoCard />, { api, entity: systemEntity });
      expect(
        await screen.findByText(/Request failed with 502/),
      ).toBeInTheDocument();
    });
  });
});
