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
import type { Collision } from '@infra-pmo/plugin-pmo-common';
import { mockPmoApi, responseError } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';
import { EntityCollisions } from './EntityCollisions';

const ORACLE = 'component:default/oracle-db-service';

const freeze: Collision = {
  id: 'freeze:w1:f1',
  kind: 'freeze',
  severity: 'high',
  a: { kind: 'window', id: 'w1', projectKey: 'DB-118', title: 'Clean-up' },
  b: { kind: 'freeze', id: 'f1', title: 'Month-end close' },
  entityRefs: [ORACLE],
  message: 'DB-118 "Clean-up" falls in the freeze "Month-end close"',
  acknowledgement: {
    reason: 'CAB: read-only change',
    by: 'user:default/cab',
    at: '2027-01-05T10:00:00.000Z',
  },
};

describe('EntityCollisions', () => {
  it("lists the collisions that reach the entity, with the CAB's decision", async () => {
    const api = mockPmoApi({
      listCollisions: jest.fn().mockResolvedValue([freeze]),
    });
    await renderPmo(<EntityCollisions entityRef={ORACLE} />, {
      api,
      entity: null,
    });
    expect(await screen.findByText(freeze.message)).toBeInTheDocument();
    expect(
      screen.getByText(
        'Acknowledged by user:default/cab: CAB: read-only change',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('freeze · high')).toBeInTheDocument();
    expect(api.listCollisions).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: ORACLE }),
    );
  });

  it('acknowledges a collision with a reason and shows the decision', async () => {
    const open: Collision = { ...freeze, acknowledgement: undefined };
    const api = mockPmoApi({
      listCollisions: jest
        .fn()
        .mockResolvedValueOnce([open])
        .mockResolvedValue([freeze]),
      acknowledgeCollision: jest.fn().mockResolvedValue(freeze),
    });
    await renderPmo(<EntityCollisions entityRef={ORACLE} />, {
      api,
      entity: null,
    });
    expect(await screen.findByText('Not acknowledged')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: `Acknowledge: ${freeze.message}` }),
    );
    const dialog = screen.getByRole('dialog');
    // a reason is required before anything is sent
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );
    expect(
      await within(dialog).findByText('Reason is required'),
    ).toBeInTheDocument();
    expect(api.acknowledgeCollision).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'CAB: read-only change',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );
    await waitFor(() =>
      expect(api.acknowledgeCollision).toHaveBeenCalledWith(
        'freeze:w1:f1',
        'CAB: read-only change',
      ),
    );
    expect(
      await screen.findByText(
        'Acknowledged by user:default/cab: CAB: read-only change',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says why an acknowledgement was refused (403)', async () => {
    const api = mockPmoApi({
      listCollisions: jest
        .fn()
        .mockResolvedValue([{ ...freeze, acknowledgement: undefined }]),
      acknowledgeCollision: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'NotAllowedError', 'Not allowed'),
        ),
    });
    await renderPmo(<EntityCollisions entityRef={ORACLE} />, {
      api,
      entity: null,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Acknowledge: ${freeze.message}`,
      }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'CAB ok');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Acknowledge' }),
    );
    expect(
      await within(dialog).findByText(/You may not acknowledge this collision/),
    ).toBeInTheDocument();
    expect(screen.getByText('Not acknowledged')).toBeInTheDocument();
  });

  it('has an empty state', async () => {
    await renderPmo(<EntityCollisions entityRef={ORACLE} />, {
      api: mockPmoApi(),
      entity: null,
    });
    expect(
      await screen.findByText('No collisions in the next 90 days'),
    ).toBeInTheDocument();
  });

  it('says when the user may not read PMO data', async () => {
    const api = mockPmoApi({
      listCollisions: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'NotAllowedError', 'Not allowed'),
        ),
    });
    await renderPmo(<EntityCollisions entityRef={ORACLE} />, {
      api,
      entity: null,
    });
    expect(
      await screen.findByText(/Your permissions do not allow you to see/),
    ).toBeInTheDocument();
  });
});
