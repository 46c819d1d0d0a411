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
  itemsOf,
  pmoRequest,
  type RequestOptions,
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
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listProjects(
    query: ListProjectsQueryWithSystem = {},
  ): Promise<Page<ProjectWithHealth>> {
    return this.request('/projects', { query: projectsQuery(query) });
  }

  getProject(key: string): Promise<ProjectWithHealth> {
    return this.request(`/projects/${encodeKey(key)}`);
  }

  createProject(request: CreateProjectRequest): Promise<ProjectWithHealth> {
    return this.write('POST', '/projects', request);
  }

  updateProject(
    key: string,
    request: ProjectPatch,
  ): Promise<ProjectWithHealth> {
    return this.write('PATCH', `/projects/${encodeKey(key)}`, request);
  }

  deleteProject(key: string): Promise<void> {
    return this.send('DELETE', `/projects/${encodeKey(key)}`);
  }

  async listMilestones(projectKey: string): Promise<Milestone[]> {
    return itemsOf(
      await this.request<Milestone[] | { items: Milestone[] }>(
        `/projects/${encodeKey(projectKey)}/milestones`,
      ),
    );
  }

  createMilestone(
    projectKey: string,
    request: CreateMilestoneRequest,
  ): Promise<Milestone> {
    return this.write(
      'POST',
      `/projects/${encodeKey(projectKey)}/milestones`,
      request,
    );
  }

  updateMilestone(
    id: string,
    request: UpdateMilestoneRequest,
  ): Promise<Milestone> {
    return this.write(
      'PATCH',
      `/milestones/${encodeURIComponent(id)}`,
      request,
    );
  }

  deleteMilestone(id: string): Promise<void> {
    return this.send('DELETE', `/milestones/${encodeURIComponent(id)}`);
  }

  async listRaidItems(
    projectKey: string,
    query: ListRaidQuery = {},
  ): Promise<RaidItem[]> {
    return itemsOf(
      await this.request<RaidItem[] | { items: RaidItem[] }>(
        `/projects/${encodeKey(projectKey)}/raid`,
        { query: { type: query.type, status: query.status } },
      ),
    );
  }

  createRaidItem(
    projectKey: string,
    request: CreateRaidItemRequest,
  ): Promise<RaidItem> {
    return this.write(
      'POST',
      `/projects/${encodeKey(projectKey)}/raid`,
      request,
    );
  }

  updateRaidItem(
    id: string,
    request: UpdateRaidItemRequest,
  ): Promise<RaidItem> {
    return this.write('PATCH', `/raid/${encodeURIComponent(id)}`, request);
  }

  deleteRaidItem(id: string): Promise<void> {
    return this.send('DELETE', `/raid/${encodeURIComponent(id)}`);
  }

  searchMilestones(
    query: SearchMilestonesQuery = {},
  ): Promise<Page<MilestoneWithProject>> {
    return this.request('/milestones', { query: milestoneSearchQuery(query) });
  }

  searchRaid(query: SearchRaidQuery = {}): Promise<Page<RaidItemWithProject>> {
    return this.request('/raid', { query: raidSearchQuery(query) });
  }

  async listProjectEntities(projectKey: string): Promise<ProjectEntityLink[]> {
    return itemsOf(
      await this.request<ProjectEntityLink[] | { items: ProjectEntityLink[] }>(
        `/projects/${encodeKey(projectKey)}/entities`,
      ),
    );
  }

  linkEntity(projectKey: string, entityRef: string): Promise<void> {
    return this.send('PUT', linkPath(projectKey, entityRef));
  }

  unlinkEntity(projectKey: string, entityRef: string): Promise<void> {
    return this.send('DELETE', linkPath(projectKey, entityRef));
  }

  getEntitySummary(entityRef: string): Promise<EntitySummaryWithTransition> {
    return this.request(`/entities/${entityPath(entityRef)}/summary`);
  }

  async getEntitySummaries(
    entityRefs: string[],
  ): Promise<Array<EntitySummary | null>> {
    // One request per batch (the backend caps a batch), never one per entity.
    const results: Array<EntitySummary | null> = [];
    for (let i = 0; i < entityRefs.length; i += MAX_SUMMARY_BATCH) {
      const chunk = entityRefs.slice(i, i + MAX_SUMMARY_BATCH);
      const { items } = await this.request<{
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
    return this.request('/portfolio', { query: pick(query, SCOPE) });
  }

  getGroupOverview(
    groupRef: string,
    query: MyPmoItemsQuery = {},
  ): Promise<GroupPmoOverview> {
    const path = `/groups/${groupPath(groupRef)}/overview`;
    return this.request(path, { query: pick(query, ['limit']) });
  }

  getMyItems(query: MyPmoItemsQuery = {}): Promise<MyPmoItems> {
    return this.request('/me/items', { query: { limit: query.limit } });
  }

  getHistory(
    projectKey: string,
    query: HistoryQuery = {},
  ): Promise<Page<HistoryEntry>> {
    return this.request(`/projects/${encodeKey(projectKey)}/history`, {
      query: { limit: query.limit, cursor: query.cursor },
    });
  }

  getTransition(entityRef: string): Promise<TransitionView> {
    return this.request(`/entities/${entityPath(entityRef)}/transition`);
  }

  putTransition(
    entityRef: string,
    request: PutTransitionRequest,
  ): Promise<TransitionView> {
    const path = `/entities/${entityPath(entityRef)}/transition`;
    return this.write('PUT', path, request);
  }

  updateTransitionItem(
    entityRef: string,
    itemKey: string,
    request: UpdateTransitionItemRequest,
  ): Promise<TransitionItemUpdateResult> {
    const item = encodeURIComponent(itemKey);
    const path = `/entities/${entityPath(entityRef)}/transition/items/${item}`;
    return this.write('PATCH', path, request);
  }

  signOffTransition(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView> {
    const path = `/entities/${entityPath(entityRef)}/transition/signoffs`;
    return this.write('POST', path, { role, version });
  }

  revokeTransitionSignOff(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView> {
    return this.request(
      `/entities/${entityPath(entityRef)}/transition/signoffs/${role}`,
      { method: 'DELETE', query: { version } },
    );
  }

  moveTransition(
    entityRef: string,
    request: TransitionStateRequest,
  ): Promise<TransitionView> {
    return this.write(
      'POST',
      `/entities/${entityPath(entityRef)}/transition/state`,
      request,
    );
  }

  listTransitions(query: ListTransitionsQuery = {}): Promise<TransitionBoard> {
    return this.request('/transitions', { query: transitionsQuery(query) });
  }

  exportCsv(kind: ExportKind): Promise<string> {
    return this.request(`/export/${kind}.csv`, { responseType: 'text' });
  }

  exportXlsx(): Promise<Blob> {
    return this.request('/export.xlsx', { responseType: 'blob' });
  }

  importData(request: ImportRequest): Promise<ImportResult> {
    return this.request('/import', importOptions(request));
  }

  async listSnapshots(): Promise<Snapshot[]> {
    return itemsOf(
      await this.request<Snapshot[] | { items: Snapshot[] }>('/snapshots'),
    );
  }

  createSnapshot(): Promise<Snapshot> {
    return this.request('/snapshots', { method: 'POST' });
  }

  listSnapshotProjects(
    snapshotId: number | 'latest',
    query: SnapshotProjectsQuery & { system?: string } = {},
  ): Promise<SnapshotProjectsPage> {
    return this.request(
      `/snapshots/${encodeURIComponent(String(snapshotId))}/projects`,
      { query: snapshotProjectsQuery(query) },
    );
  }

  getTrends(query: TrendsQuery = {}): Promise<Trends> {
    return this.request('/trends', {
      query: pick(query, ['weeks', ...SCOPE]),
    });
  }

  getStatusReport(
    format: 'md' | 'csv',
    query: StatusReportQuery & { system?: string } = {},
  ): Promise<string> {
    return this.request(`/reports/status.${format}`, {
      query: statusReportQuery(query),
      responseType: 'text',
    });
  }

  async listWindows(query: { from: string; to: string }) {
    return itemsOf(
      await this.request<{ items: ChangeWindow[] }>('/windows', {
        query: pick(query, ['from', 'to']),
      }),
    );
  }

  async listFreezes() {
    return itemsOf(await this.request<{ items: Freeze[] }>('/freezes'));
  }

  async listCollisions(query: {
    from: string;
    to: string;
    entityRef?: string;
  }) {
    return itemsOf(
      await this.request<{ items: Collision[] }>('/collisions', {
        query: pick(query, ['from', 'to', 'entityRef']),
      }),
    );
  }

  /** A write with a JSON body answered with the written object. */
  private write<T>(
    method: 'POST' | 'PATCH' | 'PUT',
    path: string,
    body: unknown,
  ): Promise<T> {
    return this.request(path, { method, body });
  }

  /** A write without a body whose answer has none either (204). */
  private async send(method: 'PUT' | 'DELETE', path: string): Promise<void> {
    await this.request(path, { method, responseType: 'none' });
  }

  private request<T>(path: string, options?: RequestOptions): Promise<T> {
    return pmoRequest<T>(
      { discoveryApi: this.discoveryApi, fetchApi: this.fetchApi },
      path,
      options,
    );
  }
}
