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
import type { RaidItemWithProject } from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type PmoApi } from '../api';
import { isNotFound } from '../components/common/errors';
import { mapLimited } from './mapLimited';

/**
 * A cell of the risk heat map.
 * @internal
 */
export interface RiskCell {
  probability: number;
  impact: number;
}

/**
 * Scope of the portfolio filters that applies to the risk list.
 * @internal
 */
export interface RiskScope {
  owner?: string[];
  system?: string;
}

/**
 * Maximum risks listed for one cell.
 * @internal
 */
export const RISK_CELL_LIMIT = 100;

/**
 * Open risks of one heat-map cell across projects, in one request to the
 * cross-project `GET /raid` (highest score first). With a System filter the
 * projects of the System are listed once and the risks narrowed to them.
 * Against an older backend without `GET /raid` (404) it falls back to
 * reading the RAID log of each project in scope, with bounded concurrency.
 * @internal
 */
export async function loadCellRisks(
  api: PmoApi,
  cell: RiskCell,
  scope: RiskScope,
): Promise<{ items: RaidItemWithProject[]; truncated: boolean }> {
  const systemKeys = scope.system
    ? new Set(
        (
          await api.listProjects({
            system: scope.system,
            owner: scope.owner,
            limit: RISK_CELL_LIMIT,
          })
        ).items.map(p => p.key),
      )
    : undefined;
  try {
    const page = await api.searchRaid({
      type: ['risk'],
      status: ['open', 'mitigating'],
      probability: [cell.probability],
      impact: [cell.impact],
      owner: scope.owner,
      limit: RISK_CELL_LIMIT,
    });
    const items = systemKeys
      ? page.items.filter(r => systemKeys.has(r.projectKey))
      : page.items;
    return { items, truncated: Boolean(page.pageInfo.nextCursor) };
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const page = await api.listProjects({
    owner: scope.owner,
    system: scope.system,
    limit: RISK_CELL_LIMIT,
    orderBy: 'key',
  });
  const lists = await mapLimited(page.items, 4, p =>
    api.listRaidItems(p.key, {
      type: ['risk'],
      status: ['open', 'mitigating'],
    }),
  );
  return {
    items: lists
      .flatMap((items, i) =>
        items.map(r => ({ ...r, projectTitle: page.items[i].title })),
      )
      .filter(
        r => r.probability === cell.probability && r.impact === cell.impact,
      ),
    truncated: page.totalItems > page.items.length,
  };
}

/**
 * The open risks of one heat-map cell within the page's filters.
 * @internal
 */
export function useCellRisks(cell: RiskCell, scope: RiskScope) {
  const api = useApi(pmoApiRef);
  const scopeKey = JSON.stringify([scope, cell]);
  return useAsync(
    () => loadCellRisks(api, cell, scope),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, scopeKey],
  );
}
