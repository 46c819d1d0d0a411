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
import type { GateDecision } from '@infra-pmo/plugin-pmo-common';
import {
  milestone,
  mockPmoApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { mockDecisionsApi, renderPmo } from '../../__testUtils__/render';
import { ProjectDecisions } from './ProjectDecisions';

const GATE = milestone({
  id: 'g1',
  title: 'Design approved',
  gateApprovers: ['group:default/arch'],
  baselineDate: '2026-04-01',
  forecastDate: '2026-04-20',
});
const PLAIN = milestone({
  id: 'm2',
  title: 'Cutover',
  gate: false,
  baselineDate: '2026-06-10',
  forecastDate: '2026-06-20',
});

async function render(
  decisions = mockDecisionsApi(),
  authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  milestones = [GATE, PLAIN],
) {
  const onChanged = jest.fn();
  await renderPmo(
    <ProjectDecisions
      projectKey="INFRA-101"
      milestones={milestones}
      canRequestRebaseline={{
        allowed: authorize !== AuthorizeResult.DENY,
        loading: false,
      }}
      onChanged={onChanged}
    />,
    { api: mockPmoApi(), decisions, authorize },
  );
  return { onChanged };
}

const decided = (overrides: Partial<GateDecision> = {}): GateDecision => ({
  id: 'd1',
  milestoneId: 'g1',
  projectKey: 'INFRA-101',
  decision: 'deferred',
  rationale: 'Waiting for the HLD review',
  conditions: [],
  actionIds: [],
  decidedBy: 'user:default/ann',
  decidedAt: '2026-03-01T09:00:00Z',
  ...overrides,
});

describe('ProjectDecisions', () => {
  it('says when the project has no gates and nothing is baselined', async () => {
    await render(undefined, undefined, [
      milestone({ gate: false, baselineDate: undefined }),
    ]);
    expect(
      await screen.findByText(
        /No stage gates on this project/,
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No milestone has a baseline date yet.'),
    ).toBeInTheDocument();
  });

  it('shows the access message when forbidden, and other errors', async () => {
    await render(
      mockDecisionsApi({
        listGateDecisions: jest
          .fn()
          .mockRejectedValue(
            await responseError(403, 'NotAllowedError', 'pmo.project.read'),
          ),
      }),
    );
    expect(
      (await screen.findAllByText(/You do not have access/)).length,
    ).toBeGreaterThan(0);
  });

  it('records a go-with-conditions decision with an edited condition list', async () => {
    const decisions = mockDecisionsApi({
      listGateDecisions: jest.fn().mockResolvedValue([decided()]),
      decideGate: jest.fn().mockResolvedValue(decided({ id: 'd2' })),
    });
    const { onChanged } = await render(decisions);
    const table = await screen.findByRole('table', { name: 'Stage gates' });
    // Deferred is not a decision yet: the gate still awaits one.
    expect(within(table).getByText('Deferred')).toBeInTheDocument();
    expect(within(table).getByText('Awaiting decision')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Decide Design approved' }),
    );
    await userEvent.click(screen.getByLabelText('Decision'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Go with conditions' }),
    );
    await userEvent.type(screen.getByLabelText(/Rationale/), 'Sound design');
    // No condition yet: the shared rule refuses before any request.
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(
      await screen.findByText(/must name at least one condition/),
    ).toBeInTheDocument();
    expect(decisions.decideGate).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Add condition' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add condition' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove condition 2' }),
    );
    await userEvent.type(
      screen.getByLabelText('Condition 1'),
      'Backup design signed',
    );
    await userEvent.type(screen.getByLabelText('Owner'), 'group:default/ops');
    await userEvent.type(screen.getByLabelText('Due date'), '2026-03-20');
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    await waitFor(() =>
      expect(decisions.decideGate).toHaveBeenCalledWith('g1', {
        decision: 'go-with-conditions',
        rationale: 'Sound design',
        conditions: [
          {
            text: 'Backup design signed',
            owner: 'group:default/ops',
            dueDate: '2026-03-20',
          },
        ],
      }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('disables deciding and requesting without permission', async () => {
    await render(undefined, AuthorizeResult.DENY);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Decide Design approved' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Request re-baseline' }),
    ).toBeDisabled();
  });

  it('shows slip against the current and the original baseline', async () => {
    await render(
      mockDecisionsApi({
        listRebaselines: jest.fn().mockResolvedValue({
          baselineNumber: 1,
          baselines: [
            {
              milestoneId: 'm2',
              baselineNumber: 0,
              baselineDate: '2026-06-01',
            },
            {
              milestoneId: 'm2',
              baselineNumber: 1,
              baselineDate: '2026-06-10',
            },
          ],
          items: [
            {
              id: 'r1',
              projectKey: 'INFRA-101',
              status: 'approved',
              reason: 'Vendor moved',
              changes: [{ milestoneId: 'm2', baselineDate: '2026-06-10' }],
              requestedBy: 'user:default/ben',
              requestedAt: '2026-03-01T09:00:00Z',
              baselineNumber: 1,
              decidedBy: 'user:default/sue',
              decisionReason: 'ok',
            },
          ],
        }),
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Slip against baselines',
    });
    const row = within(table).getByText('Cutover').closest('tr')!;
    // Forecast 2026-06-20: +10 d against baseline 1, +19 d against 0.
    expect(within(row).getByText('2026-06-01')).toBeInTheDocument();
    expect(within(row).getByText('+10 d')).toBeInTheDocument();
    expect(within(row).getByText('+19 d')).toBeInTheDocument();
    expect(screen.getByText('Re-baselined')).toBeInTheDocument();
    expect(screen.getByText('Approved (baseline 1)')).toBeInTheDocument();
  });

  it('requests a re-baseline with the changed dates only, and approves one', async () => {
    const pending = {
      id: 'r2',
      projectKey: 'INFRA-101',
      status: 'pending' as const,
      reason: 'Vendor moved',
      changes: [],
      requestedBy: 'user:default/ben',
      requestedAt: '2026-03-01T09:00:00Z',
    };
    const decisions = mockDecisionsApi({
      listRebaselines: jest.fn().mockResolvedValue({
        baselineNumber: 0,
        baselines: [],
        items: [pending],
      }),
      requestRebaseline: jest.fn().mockResolvedValue(pending),
      decideRebaseline: jest.fn().mockResolvedValue(pending),
    });
    await render(decisions);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request re-baseline' }),
    );
    await userEvent.type(screen.getByLabelText(/Reason/), 'Vendor moved');
    const cutover = screen.getByLabelText('Cutover (now 2026-06-10)');
    await userEvent.clear(cutover);
    await userEvent.type(cutover, '2026-06-24');
    await userEvent.click(
      screen.getByRole('button', { name: 'Send for approval' }),
    );
    await waitFor(() =>
      expect(decisions.requestRebaseline).toHaveBeenCalledWith('INFRA-101', {
        reason: 'Vendor moved',
        changes: [{ milestoneId: 'm2', baselineDate: '2026-06-24' }],
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve / reject' }),
    );
    await userEvent.type(screen.getByLabelText(/Reason/), 'Steering agreed');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(decisions.decideRebaseline).toHaveBeenCalledWith('r2', {
        decision: 'approve',
        reason: 'Steering agreed',
      }),
    );
  });
  // Last: its request never settles.
  it('shows progress while loading', async () => {
    await render(
      mockDecisionsApi({
        listGateDecisions: jest.fn(() => new Promise<never>(() => {})),
      }),
    );
    expect((await screen.findAllByTestId('progress')).length).toBeGreaterThan(
      0,
    );
  });
});
