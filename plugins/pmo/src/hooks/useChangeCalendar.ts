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

import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pmoApiRef } from '../api';

/** `[from, to)` of a month `YYYY-MM`, as UTC instants. @internal */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  return {
    from: new Date(Date.UTC(year, m - 1, 1)).toISOString(),
    to: new Date(Date.UTC(year, m, 1)).toISOString(),
  };
}

/**
 * The change calendar of a month: every readable project's windows, the
 * freezes that touch the month and the collisions among the windows.
 * @internal
 */
export function useChangeCalendar(month: string) {
  const api = useApi(pmoApiRef);
  return useAsync(async () => {
    const range = monthRange(month);
    const [windows, freezes, collisions] = await Promise.all([
      api.listWindows(range),
      api.listFreezes(),
      api.listCollisions(range),
    ]);
    return {
      windows,
      freezes: freezes.filter(
        f => f.startAt < range.to && (!f.endAt || f.endAt > range.from),
      ),
      collisions,
    };
  }, [api, month]);
}

/** How far ahead an entity's collisions are looked for. */
const ENTITY_HORIZON_DAYS = 90;

/**
 * The collisions of the coming weeks where the sides meet on `entityRef`
 * (the entity's PMO tab).
 * @internal
 */
export function useEntityCollisions(entityRef: string) {
  const api = useApi(pmoApiRef);
  const state = useAsyncRetry(async () => {
    const now = Date.now();
    return api.listCollisions({
      from: new Date(now).toISOString(),
      to: new Date(now + ENTITY_HORIZON_DAYS * 86_400_000).toISOString(),
      entityRef,
    });
  }, [api, entityRef]);
  return {
    ...state,
    /** The CAB's acknowledgement of a collision, with its reason. */
    acknowledge: (id: string, reason: string) =>
      api.acknowledgeCollision(id, reason),
  };
}
