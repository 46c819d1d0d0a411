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
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  MAX_SUMMARY_BATCH,
  type CreateMilestoneRequest,
  type CreateProjectRequest,
  type CreateRaidItemRequest,
  type EntitySummary,
  type ExportKind,
  type HistoryEntry,
  type ImportResult,
  type Milestone,
  type MyPmoItems,
  type MyPmoItemsQuery,
  type Page,
  type PortfolioQuery,
  type ProjectWithHealth,
  type RaidItem,
  type PutTransitionRequest,
  type SignOffRole,
  type TransitionBoard,
  type TransitionStateRequest,
  type TransitionView,
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
import type {
  MilestoneWithProject,
  RaidItemWithProject,
} from '@infra-pmo/plugin-pmo-common';
import type {
  Snapshot,
  SnapshotProjectsPage,
  SnapshotProjectsQuery,
  StatusReportQuery,
  Trends,
  TrendsQuery,
} from '@infra-pmo/plugin-pmo-common';
import type {
  EntitySummaryWithTransition,
  PortfolioWithTransitions,
  ProjectEntityLink,
  ProjectPatch,
  SearchMilestonesQuery,
  SearchRaidQuery,
  TransitionItemUpdateResult,
} from './types';

type QueryValue = string | number | Array<string | number> | undefined;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  /** A raw text body with its content type (CSV import). */
  text?: { contentType: string; value: string };
  /** How to read the response body. */
  responseType?: 'json' | 'text' | 'none';
}

function encodeKey(key: string): string {
  return encodeURIComponent(key);
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

/**
 * List routes answer either with a bare array or with `{ items }`; accept
 * both so the UI does not depend on that detail of the backend.
 */
function itemsOf<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : body.items ?? [];
}

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
    return this.request('/projects', {
      query: {
        system: query.system,
        phase: query.phase,
        health: query.health,
        owner: query.owner,
        entityRef: query.entityRef,
        q: query.q,
        orderBy: query.orderBy,
        limit: query.limit,
        cursor: query.cursor,
      },
    });
  }

  getProject(key: string): Promise<ProjectWithHealth> {
    return this.request(`/projects/${encodeKey(key)}`);
  }

  createProject(request: CreateProjectRequest): Promise<ProjectWithHealth> {
    return this.request('/projects', { method: 'POST', body: request });
  }

  updateProject(
    key: string,
    request: ProjectPatch,
  ): Promise<ProjectWithHealth> {
    return this.request(`/projects/${encodeKey(key)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteProject(key: string): Promise<void> {
    await this.request(`/projects/${encodeKey(key)}`, {
      method: 'DELETE',
      responseType: 'none',
    });
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
    return this.request(`/projects/${encodeKey(projectKey)}/milestones`, {
      method: 'POST',
      body: request,
    });
  }

  updateMilestone(
    id: string,
    request: UpdateMilestoneRequest,
  ): Promise<Milestone> {
    return this.request(`/milestones/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteMilestone(id: string): Promise<void> {
    await this.request(`/milestones/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      responseType: 'none',
    });
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
    return this.request(`/projects/${encodeKey(projectKey)}/raid`, {
      method: 'POST',
      body: request,
    });
  }

  updateRaidItem(
    id: string,
    request: UpdateRaidItemRequest,
  ): Promise<RaidItem> {
    return this.request(`/raid/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteRaidItem(id: string): Promise<void> {
    await this.request(`/raid/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      responseType: 'none',
    });
  }

  searchMilestones(
    query: SearchMilestonesQuery = {},
  ): Promise<Page<MilestoneWithProject>> {
    return this.request('/milestones', {
      query: {
        projectKey: query.projectKey,
        from: query.from,
        to: query.to,
        overdue: query.overdue ? 'true' : undefined,
        slipping: query.slipping ? 'true' : undefined,
        limit: query.limit,
        cursor: query.cursor,
      },
    });
  }

  searchRaid(query: SearchRaidQuery = {}): Promise<Page<RaidItemWithProject>> {
    return this.request('/raid', {
      query: {
        type: query.type,
        status: query.status,
        probability: query.probability,
        impact: query.impact,
        projectKey: query.projectKey,
        owner: query.owner,
        q: query.q,
        limit: query.limit,
        cursor: query.cursor,
      },
    });
  }

  async listProjectEntities(projectKey: string): Promise<ProjectEntityLink[]> {
    return itemsOf(
      await this.request<ProjectEntityLink[] | { items: ProjectEntityLink[] }>(
        `/projects/${encodeKey(projectKey)}/entities`,
      ),
    );
  }

  async linkEntity(projectKey: string, entityRef: string): Promise<void> {
    await this.request(
      `/projects/${encodeKey(projectKey)}/entities/${entityPath(entityRef)}`,
      { method: 'PUT', responseType: 'none' },
    );
  }

  async unlinkEntity(projectKey: string, entityRef: string): Promise<void> {
    await this.request(
      `/projects/${encodeKey(projectKey)}/entities/${entityPath(entityRef)}`,
      { method: 'DELETE', responseType: 'none' },
    );
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
    return this.request('/portfolio', {
      query: { owner: query.owner, system: query.system },
    });
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
    return this.request(`/entities/${entityPath(entityRef)}/transition`, {
      method: 'PUT',
      body: request,
    });
  }

  updateTransitionItem(
    entityRef: string,
    itemKey: string,
    request: UpdateTransitionItemRequest,
  ): Promise<TransitionItemUpdateResult> {
    return this.request(
      `/entities/${entityPath(entityRef)}/transition/items/${encodeURIComponent(
        itemKey,
      )}`,
      { method: 'PATCH', body: request },
    );
  }

  signOffTransition(
    entityRef: string,
    role: SignOffRole,
    version: number,
  ): Promise<TransitionView> {
    return this.request(
      `/entities/${entityPath(entityRef)}/transition/signoffs`,
      { method: 'POST', body: { role, version } },
    );
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
    return this.request(`/entities/${entityPath(entityRef)}/transition/state`, {
      method: 'POST',
      body: request,
    });
  }

  listTransitions(query: ListTransitionsQuery = {}): Promise<TransitionBoard> {
    return this.request('/transitions', {
      query: {
        state: query.state,
        mismatch: query.mismatch ? 'true' : undefined,
        limit: query.limit,
        cursor: query.cursor,
      },
    });
  }

  exportCsv(kind: ExportKind): Promise<string> {
    return this.request(`/export/${kind}.csv`, { responseType: 'text' });
  }

  importData(request: ImportRequest): Promise<ImportResult> {
    if (request.format === 'csv') {
      return this.request('/import', {
        method: 'POST',
        query: {
          kind: request.kind,
          dryRun: request.dryRun ? 'true' : undefined,
        },
        text: { contentType: 'text/csv', value: request.csv },
      });
    }
    return this.request('/import', {
      method: 'POST',
      body: { ...request.batch, dryRun: request.dryRun },
    });
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
      {
        query: {
          owner: query.owner,
          phase: query.phase,
          health: query.health,
          system: query.system,
          limit: query.limit,
          cursor: query.cursor,
        },
      },
    );
  }

  getTrends(query: TrendsQuery = {}): Promise<Trends> {
    return this.request('/trends', {
      query: { weeks: query.weeks, owner: query.owner, system: query.system },
    });
  }

  getStatusReport(
    format: 'md' | 'csv',
    query: StatusReportQuery & { system?: string } = {},
  ): Promise<string> {
    return this.request(`/reports/status.${format}`, {
      query: {
        snapshot:
          query.snapshot === undefined ? undefined : String(query.snapshot),
        project: query.project,
        owner: query.owner,
        phase: query.phase,
        health: query.health,
        system: query.system,
      },
      responseType: 'text',
    });
  }

  private async request<T>(
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('pmo');
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value === undefined || value === '') continue;
      if (Array.isArray(value)) {
        if (value.length > 0) params.set(name, value.join(','));
      } else {
        params.set(name, String(value));
      }
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;

    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.text) {
      headers['Content-Type'] = options.text.contentType;
      body = options.text.value;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    const res = await this.fetchApi.fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body,
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    switch (options.responseType ?? 'json') {
      case 'none':
        return undefined as T;
      case 'text':
        return (await res.text()) as T;
      default:
        return (await res.json()) as T;
    }
  }
}
