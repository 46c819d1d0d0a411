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

import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { HistoryEntry } from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../api';

const PAGE_SIZE = 20;

/**
 * The audit history of a project, newest first, read page by page with the
 * server cursor: `loadMore` appends the next (older) page.
 * @internal
 */
export function useProjectHistory(projectKey: string) {
  const api = useApi(pmoApiRef);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (from?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.getHistory(projectKey, {
          limit: PAGE_SIZE,
          cursor: from,
        });
        setEntries(prev => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.pageInfo.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [api, projectKey],
  );

  useEffect(() => {
    load();
  }, [load]);

  return {
    entries,
    loading,
    error,
    /** True while older entries remain on the server. */
    hasMore: Boolean(cursor),
    loadMore: () => (cursor ? load(cursor) : Promise.resolve()),
  };
}
