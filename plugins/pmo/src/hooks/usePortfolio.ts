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
import type { PortfolioQuery } from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type ListProjectsQueryWithSystem } from '../api';

/**
 * The portfolio roll-up (KPIs, heat map, transitions) for the owner and
 * System filters of the page.
 * @internal
 */
export function usePortfolio(query: PortfolioQuery) {
  const api = useApi(pmoApiRef);
  const { system } = query;
  // Arrays are new on every render; their content is the dependency.
  const owner = query.owner?.join(',');
  return useAsyncRetry(
    () => api.getPortfolio({ owner: query.owner, system }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, owner, system],
  );
}

/**
 * One server page of projects (sorted and paged by the backend).
 * @internal
 */
export function useProjects(query: ListProjectsQueryWithSystem) {
  const api = useApi(pmoApiRef);
  const key = JSON.stringify(query);
  return useAsync(
    () => api.listProjects(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
