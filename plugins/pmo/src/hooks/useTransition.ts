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

import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  normalizeProjectKey,
  type SignOffRole,
  type TransitionState,
  type TransitionView,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type TransitionItemUpdateResult } from '../api';
import { unlessNotFound } from './unlessNotFound';

/**
 * The run transition of one entity and its writes. `view` is undefined while
 * loading and null when no transition was started (404). Every write sends
 * the version last read (a 409 when someone changed it since) and replaces
 * `view` with the transition the backend answers with.
 * @internal
 */
export function useTransition(entityRef: string) {
  const api = useApi(pmoApiRef);
  const loaded = useAsyncRetry(
    (): Promise<TransitionView | null> =>
      unlessNotFound(api.getTransition(entityRef), null),
    [api, entityRef],
  );

  const [view, setView] = useState<TransitionView | null>();
  useEffect(() => {
    if (loaded.value !== undefined) setView(loaded.value);
  }, [loaded.value]);

  const version = () => {
    if (!view) throw new Error('No run transition was loaded');
    return view.version;
  };

  return {
    view,
    error: loaded.error,
    /** Reads the transition again (after a 409). */
    reload: loaded.retry,
    /** Starts the transition, attached to a project when a key is given. */
    start: async (projectKey?: string) => {
      const key = normalizeProjectKey(projectKey ?? '');
      setView(
        await api.putTransition(entityRef, key ? { projectKey: key } : {}),
      );
    },
    move: async (target: TransitionState, reason?: string) => {
      setView(
        await api.moveTransition(entityRef, {
          target,
          reason,
          version: version(),
        }),
      );
    },
    /** Updates a checklist item; the result names revoked sign-offs. */
    updateItem: async (
      itemKey: string,
      patch: Omit<UpdateTransitionItemRequest, 'version'>,
    ): Promise<TransitionItemUpdateResult> => {
      const result = await api.updateTransitionItem(entityRef, itemKey, {
        ...patch,
        version: version(),
      });
      const { revokedSignOffs, ...next } = result;
      setView(next);
      return { ...next, revokedSignOffs };
    },
    signOff: async (role: SignOffRole) => {
      setView(await api.signOffTransition(entityRef, role, version()));
    },
    revokeSignOff: async (role: SignOffRole) => {
      setView(await api.revokeTransitionSignOff(entityRef, role, version()));
    },
  };
}
