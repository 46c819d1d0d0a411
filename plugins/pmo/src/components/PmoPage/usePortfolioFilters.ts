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

import { useSearchParams } from 'react-router-dom';
import {
  HEALTH_VALUES,
  PROJECT_ORDER_BY,
  PROJECT_PHASES,
  type Health,
  type ProjectOrderBy,
  type ProjectPhase,
} from '@infra-pmo/plugin-pmo-common';
import { PAGE_SIZES } from './ProjectsTable';

function list<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T[] {
  return (value ?? '')
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/**
 * Filters live in the URL so that a filtered view can be shared in the
 * weekly review; the cursor stack is local (cursors are opaque and short-lived).
 * @internal
 */
export function usePortfolioFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    phase: list<ProjectPhase>(params.get('phase'), PROJECT_PHASES),
    health: list<Health>(params.get('health'), HEALTH_VALUES),
    owner: params.get('owner') || undefined,
    system: params.get('system') || undefined,
    // A snapshot id: the table and KPIs show that snapshot ("as of").
    asOf: /^[1-9]\d{0,9}$/.test(params.get('asOf') ?? '')
      ? Number(params.get('asOf'))
      : undefined,
    q: params.get('q') ?? '',
    orderBy: (PROJECT_ORDER_BY as readonly string[]).includes(
      params.get('orderBy') ?? '',
    )
      ? (params.get('orderBy') as ProjectOrderBy)
      : ('key' as ProjectOrderBy),
    pageSize: PAGE_SIZES.includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : 20,
  };
  const update = (
    patch: Record<string, string | string[] | number | undefined>,
  ) => {
    setParams(
      prev => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          const s = Array.isArray(v) ? v.join(',') : String(v ?? '');
          if (s) next.set(k, s);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update };
}

/** The filters of the portfolio page, read from the URL. @internal */
export type PortfolioFilters = ReturnType<
  typeof usePortfolioFilters
>['filters'];

/** Sets URL parameters of the portfolio page; empty values remove them. @internal */
export type PortfolioFiltersUpdate = ReturnType<
  typeof usePortfolioFilters
>['update'];
