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
import { PmoPage } from './PmoPage';
import { EntityLinker } from '../ProjectView/EntityLinker';
import {
  boardRow,
  mockPmoApi,
  portfolio,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

function apiWithBoard() {
  return mockPmoApi({
    getPortfolio: jest.fn().mockResolvedValue({
      ...portfolio(),
      transitions: {
        byState: {
          not_started: 0,
          in_progress: 1,
          ready_for_review: 0,
          accepted: 0,
          hypercare: 1,
          run: 0,
        },
        mismatches: [
          {
            entityRef: 'component:default/vm-provisioning',
            state: 'in_progress',
            lifecycle: 'production',
            reason: 'Lifecycle is production before acceptance',
          },
        ],
      },
    }),
    listProjects: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
    listTransitions: jest.fn().mockResolvedValue({
      items: [
        boardRow(),
        boardRow({
          entityRef: 'resource:default/san-pure-prod',
          state: 'hypercare',
          readinessPercent: 100,
          lifecycleMismatch: false,
          hypercareEnd: '2099-01-31',
          signOffs: [],
          projectKey: undefined,
          projectHidden: true,
        }),
      ],
      countsByState: {},
      pageInfo: {},
    }),
  });
}

describe('Transition board', () => {
  it('shows one column per state with the services, flags and KPIs', async () => {
    const api = apiWithBoard();
    await renderPmo(<PmoPage />, {
      api,
      entity: null,
      route: '/transitions',
    });
    const board = await screen.findByRole('list', { name: 'Transition board' });
    const columns = within(board).getAllByRole('listitem');
    expect(columns.map(c => c.getAttribute('aria-label'))).toEqual([
      'Not started: 0',
      'In progress: 1',
      'Ready for review: 0',
      'Accepted: 0',
      'Hypercare: 1',
      'Run: 0',
    ]);
    const card = screen.getByTestId(
      'board-card-component:default/vm-provisioning',
    );
    expect(within(card).getByLabelText('Readiness 40%')).toBeInTheDocument();
    expect(within(card).getByText('Tier 1')).toBeInTheDocument();
    expect(within(card).getByText('INFRA-101')).toBeInTheDocument();
    expect(
      within(card).getByLabelText('Delivery sign-off: signed'),
    ).toBeInTheDocument();
    expect(
      within(card).getByLabelText('Run sign-off: missing'),
    ).toBeInTheDocument();
    expect(within(card).getByText('Lifecycle mismatch')).toBeInTheDocument();
    expect(screen.getByText('Hypercare until 2099-01-31')).toBeInTheDocument();
    // A project the user cannot read is linked: flagged, never named.
    const hidden = screen.getByTestId(
      'board-card-resource:default/san-pure-prod',
    );
    expect(within(hidden).getByText('Project hidden')).toBeInTheDocument();
    expect(within(card).queryByText('Project hidden')).not.toBeInTheDocument();

    // Portfolio KPIs of the transitions.
    expect(
      screen.getByLabelText('Hypercare transitions: 1'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 lifecycle mismatch')).toBeInTheDocument();
    expect(
      screen.getByText(/Lifecycle is production before acceptance/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Lifecycle mismatches only'));
    await waitFor(() =>
      expect(api.listTransitions).toHaveBeenLastCalledWith({ mismatch: true }),
    );
  });

  it('switches between the portfolio and the board with tabs', async () => {
    const api = apiWithBoard();
    await renderPmo(<PmoPage />, { api, entity: null });
    expect(
      await screen.findByRole('button', { name: /New project/ }),
    ).toBeInTheDocument();
    expect(api.listTransitions).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('tab', { name: 'Transition board' }),
    );
    expect(
      await screen.findByRole('list', { name: 'Transition board' }),
    ).toBeInTheDocument();
  });

  it('explains an empty board and shows errors', async () => {
    const api = apiWithBoard();
    api.listTransitions.mockResolvedValueOnce({
      items: [],
      countsByState: {} as never,
      pageInfo: {},
    });
    await renderPmo(<PmoPage />, {
      api,
      entity: null,
      route: '/transitions',
    });
    expect(
      await screen.findByText(/No run transition has been started yet/),
    ).toBeInTheDocument();

    const failing = apiWithBoard();
    failing.listTransitions.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'pmo.transition.read'),
    );
    await renderPmo(<PmoPage />, {
      api: failing,
      entity: null,
      route: '/transitions',
    });
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
  });
});

describe('EntityLinker', () => {
  it('lists linked entities with their source and unlinks manual ones', async () => {
    const api = mockPmoApi({
      listProjectEntities: jest.fn().mockResolvedValue([
        { entityRef: 'component:default/vm-provisioning', source: 'manual' },
        { entityRef: 'component:default/vsphere', source: 'annotation' },
      ]),
      unlinkEntity: jest.fn().mockResolvedValue(undefined),
    });
    const onChanged = jest.fn();
    await renderPmo(
      <EntityLinker
        projectKey="INFRA-101"
        canUpdate={{ allowed: true, loading: false }}
        onChanged={onChanged}
      />,
      { api, entity: null },
    );
    const list = await screen.findByRole('list', { name: 'Linked entities' });
    expect(within(list).getByText('via annotation')).toBeInTheDocument();
    expect(within(list).getByText('manual')).toBeInTheDocument();
    await userEvent.click(
      within(list).getByRole('button', {
        name: 'Unlink component:default/vm-provisioning',
      }),
    );
    expect(api.unlinkEntity).toHaveBeenCalledWith(
      'INFRA-101',
      'component:default/vm-provisioning',
    );
    expect(onChanged).toHaveBeenCalled();
    await waitFor(() =>
      expect(api.listProjectEntities).toHaveBeenCalledTimes(2),
    );
  });

  it('still offers linking when the backend cannot list links', async () => {
    const api = mockPmoApi({
      listProjectEntities: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'NotFoundError', 'nope')),
    });
    await renderPmo(
      <EntityLinker
        projectKey="INFRA-101"
        canUpdate={{ allowed: true, loading: false }}
        onChanged={jest.fn()}
      />,
      { api, entity: null },
    );
    expect(
      await screen.findByRole('button', { name: 'Link' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Linked entities' })).toBeNull();
  });
});
