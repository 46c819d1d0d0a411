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

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunTransitionSection } from './RunTransition';
import { EntityPmoContent } from '../EntityPmoContent';
import {
  mockPmoApi,
  responseError,
  summary,
  transitionView,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

const REF = 'component:default/vm-provisioning';

function render(
  api: ReturnType<typeof mockPmoApi>,
  authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  return renderPmo(
    <RunTransitionSection entityRef={REF} projectKeys={['INFRA-101']} />,
    { api, authorize },
  );
}

describe('RunTransitionSection', () => {
  it('shows progress while loading', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn((_ref: string) => new Promise<never>(() => {})),
    });
    await render(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('offers to start a transition when none exists', async () => {
    const api = mockPmoApi({
      getTransition: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'no run transition'),
        ),
      putTransition: jest.fn().mockResolvedValue(transitionView()),
    });
    await render(api);
    const start = await screen.findByRole('button', {
      name: 'Start transition',
    });
    expect(screen.getByLabelText('Project key')).toHaveValue('INFRA-101');
    await userEvent.click(start);
    expect(api.putTransition).toHaveBeenCalledWith(REF, {
      projectKey: 'INFRA-101',
    });
    expect(
      await screen.findByRole('table', { name: 'Readiness checklist' }),
    ).toBeInTheDocument();
  });

  it('disables the start button without permission', async () => {
    const api = mockPmoApi({
      getTransition: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'NotFoundError', 'none')),
    });
    await render(api, AuthorizeResult.DENY);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Start transition' }),
      ).toBeDisabled(),
    );
  });

  it('shows errors, and a clear message when forbidden', async () => {
    const api = mockPmoApi({
      getTransition: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'NotAllowedError', 'pmo.transition.read'),
        ),
    });
    await render(api);
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();

    const failing = mockPmoApi({
      getTransition: jest
        .fn()
        .mockRejectedValue(await responseError(500, 'Error', 'database down')),
    });
    await render(failing);
    expect(
      (await screen.findAllByText(/database down/)).length,
    ).toBeGreaterThan(0);
  });

  it('renders state, readiness, facts and the checklist', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(transitionView()),
    });
    await render(api);

    expect(await screen.findByLabelText('Readiness 25%')).toBeInTheDocument();
    expect(screen.getByText('default-tier-2 v1')).toBeInTheDocument();
    expect(screen.getByText('Tier 2')).toBeInTheDocument();
    expect(
      screen.getAllByText(/Lifecycle is production/).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Blocking acceptance (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Move to Ready for review' }),
    ).toBeEnabled();

    // Done with an http(s) link: an anchor.
    const runbook = screen.getByTestId('item-runbook');
    expect(
      within(runbook).getByRole('link', { name: /^Evidence/ }),
    ).toHaveAttribute('href', 'https://wiki.example.com/runbook');
    // Expired evidence counts as pending, with a warning; a javascript: URL
    // never becomes a link.
    const monitoring = screen.getByTestId('item-monitoring');
    expect(within(monitoring).getByText('Pending')).toBeInTheDocument();
    expect(
      within(monitoring).getByLabelText('Expired on 2020-01-31'),
    ).toBeInTheDocument();
    expect(
      within(monitoring).queryByRole('link', { name: /^Evidence/ }),
    ).toBeNull();
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();

    // Not applicable only for optional items.
    expect(
      screen.getByRole('button', {
        name: 'Not applicable: Post-implementation review scheduled',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', {
        name: 'Not applicable: Backup and a tested restore',
      }),
    ).not.toBeInTheDocument();
  });

  it('links human attesters and shows pipelines as automation', async () => {
    const view = transitionView();
    view.items[1] = { ...view.items[1], attestedBy: 'pmo-automation' };
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(view),
    });
    await render(api);

    const runbook = await screen.findByTestId('item-runbook');
    expect(within(runbook).getByRole('link', { name: 'jdoe' })).toBeVisible();
    const monitoring = screen.getByTestId('item-monitoring');
    expect(
      within(monitoring).getByText('pmo-automation (automation)'),
    ).toBeInTheDocument();
    expect(
      within(monitoring).queryByRole('link', { name: /pmo-automation/ }),
    ).toBeNull();
  });

  it('shows the reason when a move is refused (409)', async () => {
    const api = mockPmoApi({
      getTransition: jest
        .fn()
        .mockResolvedValue(transitionView({ state: 'ready_for_review' })),
      moveTransition: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            409,
            'ConflictError',
            'Cannot accept into Run: missing delivery and run sign-off',
          ),
        ),
    });
    await render(api);
    expect(
      await screen.findByRole('button', { name: 'Back to In progress' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Move to Accepted' }),
    );
    expect(api.moveTransition).toHaveBeenCalledWith(REF, {
      target: 'accepted',
      reason: undefined,
      version: 4,
    });
    expect(
      await screen.findByText(
        'Move refused: Cannot accept into Run: missing delivery and run sign-off',
      ),
    ).toBeInTheDocument();
  });

  it('moves to the next state', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(transitionView()),
      moveTransition: jest
        .fn()
        .mockResolvedValue(transitionView({ state: 'ready_for_review' })),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move to Ready for review' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Move to Accepted' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Moved to Ready for review')).toBeInTheDocument();
  });

  it('validates the waiver and shows the RAID risk it created', async () => {
    const waived = transitionView();
    waived.items[2] = {
      ...waived.items[2],
      status: 'waived',
      waiverReason: 'Restore test booked',
      expiresAt: '2099-12-31',
      raidId: 'raid-123',
    };
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(transitionView()),
      updateTransitionItem: jest
        .fn()
        .mockResolvedValue({ ...waived, revokedSignOffs: [] }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Waive: Backup and a tested restore',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Waive: Backup and a tested restore',
    });
    expect(
      within(dialog).getByText(/added to the RAID log of INFRA-101/),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive' }),
    );
    // The reason and the expiry, in the words of the server.
    expect(
      within(dialog).getAllByText(
        "is required to waive 'Backup and a tested restore'",
      ),
    ).toHaveLength(2);
    expect(api.updateTransitionItem).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Restore test booked',
    );
    fireEvent.change(within(dialog).getByLabelText(/Waiver expires on/), {
      target: { value: '2099-12-31' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive' }),
    );

    expect(api.updateTransitionItem).toHaveBeenCalledWith(
      REF,
      'backup-restore',
      {
        status: 'waived',
        waiverReason: 'Restore test booked',
        expiresAt: '2099-12-31',
        version: 4,
      },
    );
    const notice = await screen.findByRole('status');
    expect(within(notice).getByText('raid-123')).toBeInTheDocument();
    expect(
      within(notice).getByRole('link', { name: 'INFRA-101' }),
    ).toHaveAttribute('href', '/pmo/projects/INFRA-101');
  });

  it('marks an item done with evidence and reports revoked sign-offs', async () => {
    const done = transitionView();
    done.items[2] = { ...done.items[2], status: 'done' };
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(transitionView()),
      updateTransitionItem: jest.fn().mockResolvedValue({
        ...done,
        revokedSignOffs: [
          {
            role: 'run',
            signedBy: 'user:default/ops',
            signedAt: '2026-03-01T10:00:00Z',
          },
        ],
      }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Mark done: Backup and a tested restore',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const url = within(dialog).getByLabelText(/Evidence URL/);
    // eslint-disable-next-line no-script-url
    await userEvent.type(url, 'javascript:alert(1)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('must be an http(s) URL'),
    ).toBeInTheDocument();

    await userEvent.clear(url);
    await userEvent.type(url, 'https://backup.example.com/restore-test');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(api.updateTransitionItem).toHaveBeenCalledWith(
      REF,
      'backup-restore',
      expect.objectContaining({
        status: 'done',
        evidenceUrl: 'https://backup.example.com/restore-test',
        expiresAt: null,
        version: 4,
      }),
    );
    expect(
      await screen.findByText(/revoked the run sign-off/),
    ).toBeInTheDocument();
  });

  it('shows the 403 message of a sign-off by a non-member', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(
        transitionView({
          signOffs: [
            {
              role: 'run',
              signedBy: 'user:default/ops',
              signedAt: '2026-03-02T09:00:00Z',
            },
          ],
        }),
      ),
      signOffTransition: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'Only members of group:default/wintel can give the delivery sign-off',
          ),
        ),
    });
    await render(api);
    // The run role is signed and can be revoked.
    expect(
      await screen.findByRole('button', { name: 'Revoke run sign-off' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign off delivery' }),
    );
    expect(api.signOffTransition).toHaveBeenCalledWith(REF, 'delivery', 4);
    expect(
      await screen.findByText(
        /Only members of group:default\/wintel can give the delivery sign-off/,
      ),
    ).toBeInTheDocument();
  });

  it('revokes a sign-off with the version it shows', async () => {
    const signed = transitionView({
      state: 'ready_for_review',
      signOffs: [
        {
          role: 'run',
          signedBy: 'user:default/ops',
          signedAt: '2026-03-02T09:00:00Z',
        },
      ],
      version: 7,
    });
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(signed),
      revokeTransitionSignOff: jest
        .fn()
        .mockResolvedValue({ ...signed, signOffs: [], version: 8 }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke run sign-off' }),
    );
    expect(api.revokeTransitionSignOff).toHaveBeenCalledWith(REF, 'run', 7);
    expect(
      await screen.findByRole('button', { name: 'Sign off run' }),
    ).toBeInTheDocument();
  });

  it('moves with the version it shows', async () => {
    const api = mockPmoApi({
      getTransition: jest
        .fn()
        .mockResolvedValue(transitionView({ version: 9 })),
      moveTransition: jest
        .fn()
        .mockResolvedValue(transitionView({ state: 'ready_for_review' })),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move to Ready for review' }),
    );
    expect(api.moveTransition).toHaveBeenCalledWith(REF, {
      target: 'ready_for_review',
      version: 9,
    });
  });

  it('shows that a hidden project is linked without naming it or its owner', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(
        transitionView({
          projectKey: undefined,
          projectHidden: true,
          deliveryOwner: '',
        }),
      ),
    });
    await render(api);
    expect(await screen.findByText('Hidden')).toBeInTheDocument();
    const delivery = screen.getByRole('region', { name: 'Delivery sign-off' });
    expect(
      within(delivery).getByText(
        'the owner group of the linked project (hidden)',
      ),
    ).toBeInTheDocument();
    expect(within(delivery).queryByText(/no owner/)).not.toBeInTheDocument();
    expect(screen.queryByText('INFRA-101')).not.toBeInTheDocument();
  });

  it('disables every change without permission', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(transitionView()),
    });
    await render(api, AuthorizeResult.DENY);
    await screen.findByRole('table', { name: 'Readiness checklist' });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Move to Ready for review' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Sign off delivery' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', {
        name: 'Waive: Backup and a tested restore',
      }),
    ).toBeDisabled();
  });

  it('shows the hypercare window and freezes the checklist once accepted', async () => {
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(
        transitionView({
          state: 'hypercare',
          hypercareStart: '2026-03-01',
          hypercareEnd: '2099-03-30',
          lifecycleMismatch: false,
        }),
      ),
    });
    await render(api);
    expect(
      await screen.findByText(
        /Hypercare \(early-life support\) until 2099-03-30/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Waive:/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Move to Run' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to Run' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(
      within(dialog).getByText('A reason is required to exit hypercare early'),
    ).toBeInTheDocument();
    expect(api.moveTransition).not.toHaveBeenCalled();
  });
});

describe('EntityPmoContent run transition tab', () => {
  it('opens the transition from the "Run transition" tab', async () => {
    const api = mockPmoApi({
      getEntitySummary: jest.fn().mockResolvedValue(summary()),
      getProject: jest.fn((_key: string) => new Promise<never>(() => {})),
      getTransition: jest.fn().mockResolvedValue(transitionView()),
    });
    await renderPmo(<EntityPmoContent />, { api });
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Run transition' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Readiness checklist' }),
    ).toBeInTheDocument();
    expect(api.getTransition).toHaveBeenCalledWith(REF);
  });
});
