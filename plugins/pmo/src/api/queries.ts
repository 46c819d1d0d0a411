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

import type {
  SnapshotProjectsQuery,
  StatusReportQuery,
} from '@infra-pmo/plugin-pmo-common';
import type {
  ImportRequest,
  ListProjectsQueryWithSystem,
  ListTransitionsQuery,
} from './PmoApi';
import {
  encodeKey,
  entityPath,
  pick,
  type QueryValue,
  type RequestOptions,
} from './request';
import type { SearchMilestonesQuery, SearchRaidQuery } from './types';

/*
 * The query strings and bodies of the PMO routes that take more than an id:
 * each names the fields it sends, in a fixed order.
 */

type Query = Record<string, QueryValue>;

/** A boolean filter is sent only when set (`?overdue=true`). */
const flag = (value: boolean | undefined) => (value ? 'true' : undefined);

/** `GET /projects`. @internal */
export function projectsQuery(query: ListProjectsQueryWithSystem): Query {
  return pick(query, [
    'system',
    'phase',
    'health',
    'owner',
    'entityRef',
    'q',
    'orderBy',
    'limit',
    'cursor',
  ]);
}

/** `GET /raid` (every readable project). @internal */
export function raidSearchQuery(query: SearchRaidQuery): Query {
  return pick(query, [
    'type',
    'status',
    'probability',
    'impact',
    'projectKey',
    'owner',
    'q',
    'limit',
    'cursor',
  ]);
}

/** `GET /milestones` (every readable project). @internal */
export function milestoneSearchQuery(query: SearchMilestonesQuery): Query {
  return {
    projectKey: query.projectKey,
    from: query.from,
    to: query.to,
    overdue: flag(query.overdue),
    slipping: flag(query.slipping),
    limit: query.limit,
    cursor: query.cursor,
  };
}

/** `GET /transitions`. @internal */
export function transitionsQuery(query: ListTransitionsQuery): Query {
  return {
    state: query.state,
    mismatch: flag(query.mismatch),
    limit: query.limit,
    cursor: query.cursor,
  };
}

/** `GET /snapshots/{id}/projects`. @internal */
export function snapshotProjectsQuery(
  query: SnapshotProjectsQuery & { system?: string },
): Query {
  return pick(query, ['owner', 'phase', 'health', 'system', 'limit', 'cursor']);
}

/** `GET /reports/status.{format}`. @internal */
export function statusReportQuery(
  query: StatusReportQuery & { system?: string },
): Query {
  return {
    snapshot: query.snapshot === undefined ? undefined : String(query.snapshot),
    ...pick(query, ['project', 'owner', 'phase', 'health', 'system']),
  };
}

/** `POST /import`: a CSV of one kind as text, or a JSON document. @internal */
export function importOptions(request: ImportRequest): RequestOptions {
  if (request.format === 'csv') {
    return {
      method: 'POST',
      query: { kind: request.kind, dryRun: flag(request.dryRun) },
      text: { contentType: 'text/csv', value: request.csv },
    };
  }
  if (request.format === 'xml') {
    return {
      method: 'POST',
      query: {
        projectKey: request.projectKey,
        owner: request.owner,
        summaryLevel: request.summaryLevel,
        dryRun: flag(request.dryRun),
      },
      text: { contentType: 'application/xml', value: request.xml },
    };
  }
  if (request.format === 'xlsx') {
    return {
      method: 'POST',
      query: { projectKey: request.projectKey, dryRun: flag(request.dryRun) },
      text: {
        contentType:
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        value: request.workbook,
      },
    };
  }
  return {
    method: 'POST',
    body: { ...request.batch, dryRun: request.dryRun },
  };
}

/** The scope filters of the portfolio and the trends. */
export const SCOPE = ['owner', 'system'] as const;

/** The path of the manual link of a project to an entity. */
export const linkPath = (projectKey: string, entityRef: string) =>
  `/projects/${encodeKey(projectKey)}/entities/${entityPath(entityRef)}`;
