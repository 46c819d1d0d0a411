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
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pmoApiRef } from '../api';

/**
 * The signed-in user's projects, open actions, due milestones and pending
 * sign-offs (`GET /me/items`), `limit` items per section.
 * @internal
 */
export function useMyPmoItems(limit: number) {
  const api = useApi(pmoApiRef);
  return useAsyncRetry(() => api.getMyItems({ limit }), [api, limit]);
}

/**
 * The PMO work of a group and its child groups, with the services they own
 * (`GET /groups/{namespace}/{name}/overview`), `limit` items per section.
 * @internal
 */
export function useGroupOverview(groupRef: string, limit: number) {
  const api = useApi(pmoApiRef);
  return useAsyncRetry(
    () => api.getGroupOverview(groupRef, { limit }),
    [api, groupRef, limit],
  );
}
