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
import type {
  Milestone,
  ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type PmoApi } from '../api';
import { isNotFound } from '../components/common/errors';
import { mapLimited } from './mapLimited';

/**
 * Longest window of the portfolio timeline, in months; beyond it the axis is
 * clipped around today.
 * @internal
 */
export const TIMELINE_MAX_MONTHS = 24;

/** Pages of `GET /milestones` read at most for one timeline. */
const MAX_MILESTONE_PAGES = 5;
const MILESTONE_PAGE_SIZE = 500;

/**
 * The first day of the month `delta` months from an ISO date.
 * @internal
 */
export function addMonths(iso: string, delta: number): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + delta);
  return d.toISOString().slice(0, 10);
}

/**
 * Milestones of the listed projects within the drawable window, in one
 * request to the cross-project `GET /milestones` (a few more only if it
 * pages). Falls back to one request per project (bounded concurrency)
 * against an older backend without the route (404).
 * @internal
 */
export async function loadTimelineMilestones(
  api: PmoApi,
  projects: ProjectWithHealth[],
  today: string,
): Promise<Map<string, Milestone[]>> {
  const byKey = new Map<string, Milestone[]>(projects.map(p => [p.key, []]));
  if (projects.length === 0) return byKey;
  try {
    let cursor: string | undefined;
    for (let i = 0; i < MAX_MILESTONE_PAGES; i++) {
      const page = await api.searchMilestones({
        from: addMonths(today, -(TIMELINE_MAX_MONTHS / 2)),
        to: addMonths(today, TIMELINE_MAX_MONTHS),
        limit: MILESTONE_PAGE_SIZE,
        cursor,
      });
      for (const m of page.items) byKey.get(m.projectKey)?.push(m);
      cursor = page.pageInfo.nextCursor;
      if (!cursor) break;
    }
    return byKey;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const lists = await mapLimited(projects, 4, p => api.listMilestones(p.key));
  return new Map(projects.map((p, i) => [p.key, lists[i]]));
}

/**
 * The milestones of the projects on the current page of the portfolio
 * table, by project key, for the timeline around `today`.
 * @internal
 */
export function useTimelineMilestones(
  projects: ProjectWithHealth[],
  today: string,
) {
  const api = useApi(pmoApiRef);
  const keys = projects.map(p => p.key).join(',');
  return useAsync(
    () => loadTimelineMilestones(api, projects, today),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, keys],
  );
}
