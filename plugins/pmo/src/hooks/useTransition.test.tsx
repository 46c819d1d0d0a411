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

import { act, waitFor } from '@testing-library/react';
import {
  mockPmoApi,
  responseError,
  transitionView,
} from '../__testUtils__/fixtures';
import { renderPmoHook } from '../__testUtils__/renderHook';
import { useTransition } from './useTransition';

const REF = 'component:default/vm-provisioning';

/** The hook on an entity without a transition (404), ready to start one. */
async function renderNotStarted() {
  const api = mockPmoApi({
    getTransition: jest
      .fn()
      .mockRejectedValue(await responseError(404, 'NotFoundError', 'none')),
    putTransition: jest.fn().mockResolvedValue(transitionView()),
  });
  return { api, ...renderPmoHook(() => useTransition(REF), { api }) };
}

describe('useTransition', () => {
  it('is null when no transition was started (404), and starts one', async () => {
    const { api, result } = await renderNotStarted();
    expect(result.current.view).toBeUndefined();
    await waitFor(() => expect(result.current.view).toBeNull());
    expect(result.current.error).toBeUndefined();

    await act(() => result.current.start(' infra-101 '));
    expect(api.putTransition).toHaveBeenCalledWith(REF, {
      projectKey: 'INFRA-101',
    });
    expect(result.current.view?.version).toBe(4);
  });

  it('starts without a project when no key is given', async () => {
    const { api, result } = await renderNotStarted();
    await waitFor(() => expect(result.current.view).toBeNull());
    await act(() => result.current.start(''));
    expect(api.putTransition).toHaveBeenCalledWith(REF, {});
  });

  it('reports other errors', async () => {
    const api = mockPmoApi({
      getTransition: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'NotAllowedError', 'no')),
    });
    const { result } = renderPmoHook(() => useTransition(REF), { api });
    await waitFor(() => expect(result.current.error).toBeDefined());
    expect(result.current.view).toBeUndefined();
  });

  it('sends the version last read with every write and shows the answer', async () => {
    const moved = transitionView({ state: 'ready_for_review', version: 5 });
    const signed = transitionView({ version: 6 });
    const revoked = {
      role: 'run' as const,
      signedBy: 'user:default/ops',
      signedAt: '2026-03-01T10:00:00Z',
    };
    const api = mockPmoApi({
      getTransition: jest.fn().mockResolvedValue(transitionView()),
      moveTransition: jest.fn().mockResolvedValue(moved),
      signOffTransition: jest.fn().mockResolvedValue(signed),
      updateTransitionItem: jest.fn().mockResolvedValue({
        ...transitionView({ version: 7 }),
        revokedSignOffs: [revoked],
      }),
    });
    const { result } = renderPmoHook(() => useTransition(REF), { api });
    await waitFor(() => expect(result.current.view?.version).toBe(4));

    await act(() => result.current.move('ready_for_review'));
    expect(api.moveTransition).toHaveBeenCalledWith(REF, {
      target: 'ready_for_review',
      reason: undefined,
      version: 4,
    });
    expect(result.current.view?.state).toBe('ready_for_review');

    await act(() => result.current.signOff('run'));
    expect(api.signOffTransition).toHaveBeenCalledWith(REF, 'run', 5);

    let update: Awaited<ReturnType<typeof result.current.updateItem>>;
    await act(async () => {
      update = await result.current.updateItem('runbook', { status: 'done' });
    });
    expect(api.updateTransitionItem).toHaveBeenCalledWith(REF, 'runbook', {
      status: 'done',
      version: 6,
    });
    expect(update!.revokedSignOffs).toEqual([revoked]);
    // The view is the transition; the revoked sign-offs are news, not state.
    expect(result.current.view?.version).toBe(7);
    expect(result.current.view).not.toHaveProperty('revokedSignOffs');
  });
});
