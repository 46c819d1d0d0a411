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
import type {
  SnapshotProjectsQuery,
  TrendsQuery,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../api';
import { serverErrorMessage } from '../components/common/errors';
import { useAction } from './useAction';

/**
 * The immutable health snapshots, newest first.
 * @internal
 */
export function useSnapshots() {
  const api = useApi(pmoApiRef);
  return useAsync(() => api.listSnapshots(), [api]);
}

/**
 * One page of the projects of a snapshot ("as of"), with its counts.
 * @internal
 */
export function useSnapshotProjects(
  snapshotId: number,
  query: SnapshotProjectsQuery & { system?: string },
) {
  const api = useApi(pmoApiRef);
  const key = JSON.stringify(query);
  return useAsync(
    () => api.listSnapshotProjects(snapshotId, query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, snapshotId, key],
  );
}

/**
 * Health, slip and high risks per week, and "take a snapshot now", which
 * reloads the trends once the snapshot is taken.
 * @internal
 */
export function useTrends(query: TrendsQuery) {
  const api = useApi(pmoApiRef);
  const key = JSON.stringify(query);
  const trends = useAsyncRetry(
    () => api.getTrends(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  const snapshot = useAction(async () => {
    await api.createSnapshot();
    trends.retry();
  }, serverErrorMessage);

  return {
    ...trends,
    taking: snapshot.busy,
    takeError: snapshot.error,
    takeSnapshot: () => snapshot.run(),
  };
}
