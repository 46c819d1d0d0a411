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

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ChangeWindow,
  Collision,
  Freeze,
} from '@infra-pmo/plugin-pmo-common';
import { mockPmoApi, responseError } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';
import { ChangeCalendarView } from './ChangeCalendar';

const window = (
  id: string,
  projectKey: string,
  start: string,
): ChangeWindow => ({
  id,
  milestoneId: `m-${id}`,
  projectKey,
  type: 'cutover',
  start,
  end: start.replace('T22:00', 'T23:59'),
  timeZone: 'Europe/Berlin',
  startAt: `${start}:00.000Z`,
  endAt: `${start}:59.000Z`,
  changeApproved: false,
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
});

const freeze: Freeze = {
  id: 'config:q1',
  title: 'Quarter-end close',
  scope: { kind: 'tier', tier: 'tier-1' },
  start: '2027-01-25T00:00',
  end: '2027-02-02T00:00',
  timeZone: 'UTC',
  startAt: '2027-01-25T00:00:00.000Z',
  endAt: '2027-02-02T00:00:00.000Z',
  source: 'config',
  version: 1,
};

const overlap: Collision = {
  id: 'overlap:w1:w2',
  kind: 'overlap',
  severity: 'high',
  a: { kind: 'window', id: 'w1', projectKey: 'INFRA-204', title: 'SAN' },
  b: { kind: 'window', id: 'w2', projectKey: 'DB-118', title: 'DB' },
  entityRefs: ['component:default/oracle-db-service'],
  message: 'INFRA-204 "SAN" and DB-118 "DB" overlap',
};

describe('ChangeCalendarView', () => {
  it('lists the month of windows and freezes with collisions marked, and moves between months', async () => {
    const api = mockPmoApi({
      listWindows: jest
        .fn()
        .mockResolvedValue([
          window('w1', 'INFRA-204', '2027-01-09T22:00'),
          window('w2', 'DB-118', '2027-01-09T22:00'),
          window('w3', 'NET-7', '2027-01-20T22:00'),
        ]),
      listFreezes: jest.fn().mockResolvedValue([freeze]),
      listCollisions: jest.fn().mockResolvedValue([overlap]),
    });
    await renderPmo(<ChangeCalendarView initialMonth="2027-01" />, {
      api,
      entity: null,
    });
    expect(await screen.findByText('Quarter-end close')).toBeInTheDocument();
    expect(api.listWindows).toHaveBeenCalledWith({
      from: '2027-01-01T00:00:00.000Z',
      to: '2027-02-01T00:00:00.000Z',
    });
    // Both sides of the overlap are marked, the third window is not.
    expect(screen.getAllByText('overlap')).toHaveLength(2);
    expect(screen.getByText('NET-7')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next month' }));
    expect(api.listWindows).toHaveBeenLastCalledWith({
      from: '2027-02-01T00:00:00.000Z',
      to: '2027-03-01T00:00:00.000Z',
    });
  });

  it('shows the empty state of a quiet month', async () => {
    await renderPmo(<ChangeCalendarView initialMonth="2027-05" />, {
      api: mockPmoApi(),
      entity: null,
    });
    expect(
      await screen.findByText('No change windows or freezes in 2027-05'),
    ).toBeInTheDocument();
  });

  it('says when the user may not read PMO data', async () => {
    const api = mockPmoApi({
      listWindows: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'Not allowed: pmo.project.read',
          ),
        ),
    });
    await renderPmo(<ChangeCalendarView initialMonth="2027-01" />, {
      api,
      entity: null,
    });
    expect(
      await screen.findByText(/Your permissions do not allow you to see/),
    ).toBeInTheDocument();
  });
});
