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
import type {
  Snapshot,
  SnapshotProject,
  SnapshotProjectsPage,
} from '@infra-pmo/plugin-pmo-common';
import {
  mockPmoApi,
  portfolio,
  project,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';
import { AsOfView } from './AsOf';
import { PmoPage } from './PmoPage';

const snapshot: Snapshot = {
  id: 4,
  takenAt: '2026-11-30T06:00:00.000Z',
  period: '2026-W49',
  kind: 'scheduled',
  takenBy: 'plugin:pmo/weekly-snapshot',
  projectCount: 3,
};

function row(
  key: string,
  extra: Partial<SnapshotProject> = {},
): SnapshotProject {
  return {
    snapshotId: 4,
    projectKey: key,
    title: `Project ${key}`,
    phase: 'execution',
    owner: 'group:default/storage',
    priority: 'high',
    declaredHealth: { status: 'green', reason: 'On track says the PM' },
    computedHealth: {
      status: 'red',
      reasons: [
        {
          code: 'milestone_slip',
          severity: 'red',
          message: "'Cutover' forecast 25 days after baseline",
        },
      ],
    },
    health: 'red',
    watermelon: true,
    milestones: [
      {
        title: 'Cutover',
        baselineDate: '2026-12-01',
        forecastDate: '2026-12-26',
        status: 'planned',
        gate: true,
        slipDays: 25,
      },
    ],
    openRaid: { risk: 2, assumption: 0, issue: 0, dependency: 0 },
    highRisks: 1,
    topRisks: [],
    asks: [],
    openSlipDays: 25,
    openDatedMilestones: 1,
    ...extra,
  };
}

function page(
  items: SnapshotProject[],
  nextCursor?: string,
): SnapshotProjectsPage {
  return {
    snapshot,
    items,
    totalItems: 3,
    pageInfo: nextCursor ? { nextCursor } : {},
    byHealth: { green: 1, amber: 0, red: 2 },
    watermelons: 2,
  };
}

describe('AsOfView', () => {
  it('shows the snapshot KPIs and rows, and pages with cursors', async () => {
    const api = mockPmoApi({
      listSnapshotProjects: jest
        .fn()
        .mockResolvedValueOnce(page([row('INFRA-101'), row('INFRA-102')], 'c2'))
        .mockResolvedValueOnce(page([row('NET-3', { watermelon: false })])),
    });
    await renderPmo(
      <AsOfView
        snapshotId={4}
        owner="group:default/storage"
        phase={['execution']}
        health={[]}
        pageSize={2}
      />,
      { api, entity: null },
    );
    expect(
      await screen.findByLabelText('As of Projects: 3'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('As of Red: 2')).toBeInTheDocument();
    expect(screen.getByLabelText('As of Watermelons: 2')).toBeInTheDocument();
    expect(
      screen.getByText(/Showing the snapshot of 2026-W49/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Projects as of 2026-W49',
    });
    const first = within(table).getByTestId('as-of-INFRA-101');
    expect(within(first).getByText(/On track says the PM/)).toBeInTheDocument();
    expect(
      within(first).getByText("'Cutover' forecast 25 days after baseline"),
    ).toBeInTheDocument();
    expect(within(first).getByText('Watermelon')).toBeInTheDocument();
    expect(
      within(first).getByText(/2026-12-01 → 2026-12-26 \(\+25 d\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('1–2 of 3')).toBeInTheDocument();
    expect(api.listSnapshotProjects).toHaveBeenCalledWith(4, {
      owner: ['group:default/storage'],
      phase: ['execution'],
      health: undefined,
      system: undefined,
      limit: 2,
      cursor: undefined,
    });

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('as-of-NET-3')).toBeInTheDocument();
    expect(api.listSnapshotProjects).toHaveBeenLastCalledWith(
      4,
      expect.objectContaining({ cursor: 'c2' }),
    );
    expect(screen.getByText('3–3 of 3')).toBeInTheDocument();
  });

  it('handles an empty match, an unknown snapshot and forbidden', async () => {
    const empty = mockPmoApi({
      listSnapshotProjects: jest.fn().mockResolvedValue({
        ...page([]),
        totalItems: 0,
      }),
    });
    const { unmount } = await renderPmo(
      <AsOfView snapshotId={4} phase={[]} health={['red']} pageSize={20} />,
      { api: empty, entity: null },
    );
    expect(
      await screen.findByText(
        'No project in this snapshot matches the filters',
      ),
    ).toBeInTheDocument();
    unmount();

    const missing = mockPmoApi({
      listSnapshotProjects: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'Snapshot 9 not found'),
        ),
    });
    await renderPmo(
      <AsOfView snapshotId={9} phase={[]} health={[]} pageSize={20} />,
      { api: missing, entity: null },
    );
    expect(
      (await screen.findAllByText(/Snapshot 9 not found/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('PmoPage as of a snapshot', () => {
  it('switches the table and KPIs to the snapshot chosen in the selector', async () => {
    const api = mockPmoApi({
      getPortfolio: jest.fn().mockResolvedValue(portfolio()),
      listProjects: jest.fn().mockResolvedValue({
        items: [project({ key: 'INFRA-101' })],
        totalItems: 1,
        pageInfo: {},
      }),
      listSnapshots: jest.fn().mockResolvedValue([snapshot]),
      listSnapshotProjects: jest.fn().mockResolvedValue(page([row('OLD-1')])),
    });
    await renderPmo(<PmoPage />, { api, entity: null });
    expect(
      await screen.findByRole('table', { name: 'Projects' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('As of'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: '2026-W49 · 2026-11-30 (weekly)',
      }),
    );
    expect(await screen.findByTestId('as-of-OLD-1')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Projects' })).toBeNull();
    expect(screen.queryByText('Risk heat map')).toBeNull();
    expect(api.listSnapshotProjects).toHaveBeenCalledWith(
      4,
      expect.objectContaining({ limit: 20 }),
    );
  });
});
