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

import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  MAX_SUMMARY_BATCH,
  type ChangeWindow,
  type Collision,
  type Freeze,
  type CreateMilestoneRequest,
  type CreateProjectRequest,
  type CreateRaidItemRequest,
  type EntitySummary,
  type ExportKind,
  type HistoryEntry,
  type ImportResult,
  type Milestone,
  type MilestoneWithProject,
  type GroupPmoOverview,
  type MyPmoItems,
  type MyPmoItemsQuery,
  type Page,
  type PortfolioQuery,
  type ProjectWithHealth,
  type PutTransitionRequest,
  type RaidItem,
  type RaidItemWithProject,
  type SignOffRole,
  type Snapshot,
  type SnapshotProjectsPage,
  type SnapshotProjectsQuery,
  type StatusReportQuery,
  type TransitionBoard,
  type TransitionStateRequest,
  type TransitionView,
  type Trends,
  type TrendsQuery,
  type UpdateMilestoneRequest,
  type UpdateRaidItemRequest,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import type {
  HistoryQuery,
  ImportRequest,
  ListProjectsQueryWithSystem,
  ListRaidQuery,
  ListTransitionsQuery,
  PmoApi,
} from './PmoApi';
import {
  importOptions,
  linkPath,
  milestoneSearchQuery,
  projectsQuery,
  raidSearchQuery,
  SCOPE,
  snapshotProjectsQuery,
  statusReportQuery,
  transitionsQuery,
} from './queries';
import {
  encodeKey,
  entityPath,
  groupPath,
  pick,
  pmoHttp,
  type PmoHttp,
} from './request';
import type {
  EntitySummaryWithTransition,
  PortfolioWithTransitions,
  ProjectEntityLink,
  ProjectPatch,
  SearchMilestonesQuery,
  SearchRaidQuery,
  TransitionItemUpdateResult,
} from './types';

/**
 * Default implementation of {@link PmoApi}, talking to the `pmo` backend
 * through the discovery and fetch APIs (which add the user's token).
 * @public
 */
export class PmoClient implements PmoApi {
  private readonly http: PmoHttp;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = pmoHttp(options);
  }

  listProjects(
    query: ListProjectsQueryWithSystem = {},
  ): Promise<Page<ProjectWithHealth>> {
    return this.http.request('/projects', { query: projectsQuery(query) });
  }

  getProject(key: string): Promise<ProjectWithHealth> {
    return this.http.request(`/projects/${encodeKey(key)}`);
  }

  createProject(request: CreateProjectRequest): Promise<ProjectWithHealth> {
    return this.http.write('POST', '/projects', request);
  }

  updateProject(
    key: string,
    request: ProjectPatch,
  ): Promise<ProjectWithHealth> {
    return this.http.write('PATCH', `/projects/${encodeKey(key)}`, request);
  }

  deleteProject(key: string): Promise<void> {
    return this.http.send('DELETE', `/projects/${encodeKey(key)}`);
  }

  listMilestones(projectKey: string): Promise<Milestone[]> {
    return this.http.items(`/projects/${encodeKey(projectKey)}/milestones`);
  }

  createMilestone(
    projectKey: string,
    request: CreateMilestoneRequest,
  ): Promise<Milestone> {
    return this.http.write(
      'POST',
      `/projects/${encodeKey(projectKey)}/milestones`,
      request,
    );
  }

  updateMilestone(
    id: string,
    request: UpdateMilestoneRequest,
  ): Promise<Milestone> {
    return this.http.write(
      'PATCH',
      `/milestones/${encodeURIComponent(id)}`,
      request,
    );
  }

  deleteMilestone(id: string): Promise<void> {
    return this.http.send('DELETE', `/milestones/${encodeURIComponent(id)}`);
  }

  listRaidItems(
    projectKey: string,
    query: ListRaidQuery = {},
  ): Promise<RaidItem[]> {
    return this.http.items(
      `/projects/${encodeKey(projectKey)}/raid`,
      pick(query, ['type', 'status']),
    );
  }

  createRaidItem(
    projectKey: string,
    request: CreateRaidItemRequest,
  ): Promise<RaidItem> {
    return this.http.write(
      'POST',
      `/projects/${encodeKey(projectKey)}/raid`,
      request,
    );
  }

  updateRaidItem(
    id: string,
    request: UpdateRaidItemRequest,
  ): Promise<RaidItem> {
    return this.http.write('PATCH', `/raid/${encodeURIComponent(id)}`, request);
  }

  deleteRaidItem(id: string): Promise<void> {
    return this.http.send('DELETE', `/raid/${encodeURIComponent(id)}`);
  }

  searchMilestones(
    query: SearchMilestonesQuery = {},
  ): Promise<Page<MilestoneWithProject>> {
    return this.http.request('/milestones', {
      query: milestoneSearchQuery(query),
    });
  }

  searchRaid(query: SearchRaidQuery = {}): Promise<Page<RaidItemWithProject>> {
    return this.http.request('/raid', { query: raidSearchQuery(query) });
  }

  listProjectEntities(projectKey: string): Promise<ProjectEntityLink[]> {
    return this.http.items(`/projects/${encodeKey(projectKey)}/entities`);
  }

  linkEntity(projectKey: string, entityRef: string): Promise<void> {
    return this.http.send('PUT', linkPath(projectKey, entityRef));
  }

  unlinkEntity(projectKey: string, entityRef: string): Promise<void> {
    return this.http.send('DELETE', linkPath(projectKey, entityRef));
  }

  getEntitySummary(entityRef: string): Promise<EntitySummaryWithTransition> {
    return this.http.request(`/entities/${entityPath(entityRef)}/summary`);
  }

  async getEntitySummaries(
    entityRefs: string[],
  ): Promise<Array<EntitySummary | null>> {
    // One request per batch (the backend caps a batch), never one per entity.
    const results: Array<EntitySummary | null> = [];
    for (let i = 0; i < entityRefs.length; i += MAX_SUMMARY_BATCH) {
      const chunk = entityRefs.slice(i, i + MAX_SUMMARY_BATCH);
      const { items } = await this.http.request<{
        items: Array<EntitySummary | null>;
      }>('/entities/summaries', {
        method: 'POST',
        body: { entityRefs: chunk },
      });
      results.push(...items);
    }
    return results;
  }

  getPortfolio(query: PortfolioQuery = {}): Promise<PortfolioWithTransitions> {
    return this.http.request('/portfolio', { query: pick(query, SCOPE) });
  }

  getGroupOverview(
    groupRef: string,
    query: MyPmoItemsQuery = {},
  ): Promise<GroupPmoOverview> {
    const path = `/groups/${groupPath(groupRef)}/overview`;
    return this.http.request(path, { query: pick(query, ['limit']) });
  }

  getMyItems(query: MyPmoItemsQuery = {}): Promise<MyPmoItems> {
    return this.http.request('/me/items', { query: { limit: query.limit } });
  }

  getHistory(
    projectKey: string,
    query: HistoryQuery = {},
  ): Promise<Page<HistoryEntry>> {
    return this.http.request(`/projects/${encodeKey(projectKey)}/history`, {
      query: { limit: query.limit, cursor: query.cursor },
    });
  }

  getTransition(entityRef: string): Promise<TransitionView> {
    return this.http.request(`/entities/${entityPath(entityRef)}/transition`);
  }

  putTransition(
    entityRef: string,
    request: PutTransitionRequest,
  ): Promise<TransitionView> {
    const path = `/entities/${entityPath(entityRef)}/transition`;
    return this.http.write('PUT', path, request);
  }

  updateTransitionItem(
    entityRef: string,
    itemKey: string,
    request: UpdateTransitionItemRequest,
  ): Promise<TransitionItemUpdateResult> {
    const item = encodeURIComponent(itemKey);
    const path = `/entities/${entityPath(entityRef)}/transition/items/${item}`;
    return this.http.write('PATCH', path, request);
  }

  signOffTransition(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView> {
    const path = `/entities/${entityPath(entityRef)}/transition/signoffs`;
    return this.http.write('POST', path, { role, version });
  }

  revokeTransitionSignOff(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView> {
    return this.http.request(
      `/entities/${entityPath(entityRef)}/transition/signoffs/${role}`,
      { method: 'DELETE', query: { version } },
    );
  }

  moveTransition(
    entityRef: string,
    request: TransitionStateRequest,
  ): Promise<TransitionView> {
    return this.http.write(
      'POST',
      `/entities/${entityPath(entityRef)}/transition/state`,
      request,
    );
  }

  listTransitions(query: ListTransitionsQuery = {}): Promise<TransitionBoard> {
    return this.http.request('/transitions', {
      query: transitionsQuery(query),
    });
  }

  exportCsv(kind: ExportKind): Promise<string> {
    return this.http.request(`/export/${kind}.csv`, { responseType: 'text' });
  }

  exportXlsx(): Promise<Blob> {
    return this.http.request('/export.xlsx', { responseType: 'blob' });
  }

  importData(request: ImportRequest): Promise<ImportResult> {
    return this.http.request('/import', importOptions(request));
  }

  listSnapshots(): Promise<Snapshot[]> {
    return this.http.items('/snapshots');
  }

  createSnapshot(): Promise<Snapshot> {
    return this.http.request('/snapshots', { method: 'POST' });
  }

  listSnapshotProjects(
    snapshotId: number | 'latest',
    query: SnapshotProjectsQuery & { system?: string } = {},
  ): Promise<SnapshotProjectsPage> {
    return this.http.request(
      `/snapshots/${encodeURIComponent(String(snapshotId))}/projects`,
      { query: snapshotProjectsQuery(query) },
    );
  }

  getTrends(query: TrendsQuery = {}): Promise<Trends> {
    return this.http.request('/trends', {
      query: pick(query, ['weeks', ...SCOPE]),
    });
  }

  getStatusReport(
    format: 'md' | 'csv',
    query: StatusReportQuery & { system?: string } = {},
  ): Promise<string> {
    return this.http.request(`/reports/status.${format}`, {
      query: statusReportQuery(query),
      responseType: 'text',
    });
  }

  listWindows(query: { from: string; to: string }): Promise<ChangeWindow[]> {
    return this.http.items('/windows', pick(query, ['from', 'to']));
  }

  listFreezes(): Promise<Freeze[]> {
    return this.http.items('/freezes');
  }

  listCollisions(query: {
    from: string;
    to: string;
    entityRef?: string;
  }): Promise<Collision[]> {
    return this.http.items(
      '/collisions',
      pick(query, ['from', 'to', 'entityRef']),
    );
  }

  acknowledgeCollision(id: string, reason: string): Promise<Collision> {
    return this.http.write(
      'POST',
      `/collisions/${encodeURIComponent(id)}/acknowledgement`,
      { reason },
    );
  }
}
