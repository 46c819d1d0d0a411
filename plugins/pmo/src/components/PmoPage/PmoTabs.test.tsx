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
import { PmoPage } from './PmoPage';
import { mockPmoApi, portfolio } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

function api() {
  return mockPmoApi({
    getPortfolio: jest.fn().mockResolvedValue(portfolio()),
    listProjects: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
    listTransitions: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
    getTrends: jest.fn().mockResolvedValue({ points: [] }),
  });
}

describe('PMO page tabs and routes', () => {
  it('opens the transition board at its own URL, with the tab selected', async () => {
    await renderPmo(<PmoPage />, {
      api: api(),
      entity: null,
      route: '/transitions',
    });
    expect(
      await screen.findByText(/No run transition has been started yet/),
    ).toBeInTheDocument();
    const tab = screen.getByRole('tab', { name: 'Transition board' });
    expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByText('New project')).not.toBeInTheDocument();
  });

  it('links every tab to its URL and keeps the owner filter', async () => {
    await renderPmo(<PmoPage />, {
      api: api(),
      entity: null,
      route: '/?owner=group:default/storage',
    });
    const tabs = screen.getByRole('tablist');
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(t => [t.textContent, t.getAttribute('href')]),
    ).toEqual([
      ['Portfolio', '/?owner=group:default/storage'],
      ['Transition board', '/transitions?owner=group:default/storage'],
      ['Trends', '/trends?owner=group:default/storage'],
      ['Change calendar', '/calendar?owner=group:default/storage'],
    ]);
    await userEvent.click(within(tabs).getByRole('tab', { name: 'Trends' }));
    expect(await screen.findByText('No snapshots yet')).toBeInTheDocument();
  });

  it('opens the trends at /trends scoped by the URL filters', async () => {
    const pmo = api();
    await renderPmo(<PmoPage />, {
      api: pmo,
      entity: null,
      route: '/trends?system=system:default/san',
    });
    expect(await screen.findByText('No snapshots yet')).toBeInTheDocument();
    expect(pmo.getTrends).toHaveBeenCalledWith({
      weeks: 26,
      owner: undefined,
      system: 'system:default/san',
    });
  });

  it('sends the old ?view=transitions links to the board', async () => {
    await renderPmo(<PmoPage />, {
      api: api(),
      entity: null,
      route: '/?view=transitions&owner=group:default/storage',
    });
    expect(
      await screen.findByRole('tab', { name: 'Transition board' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByText(/No run transition has been started yet/),
    ).toBeInTheDocument();
  });

  it('answers an unknown path with a not-found page and the way back', async () => {
    await renderPmo(<PmoPage />, {
      api: api(),
      entity: null,
      route: '/no-such-view',
    });
    expect(
      await screen.findByText(/This PMO page does not exist/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Go to the PMO portfolio' }),
    ).toHaveAttribute('href', '/pmo');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });
});
