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

import {
  createApiRef,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';
import type {
  CreateGateDecisionRequest,
  CreateRebaselineRequest,
  GateDecision,
  MilestoneBaseline,
  Rebaseline,
  RebaselineDecisionRequest,
} from '@infra-pmo/plugin-pmo-common';
import { encodeKey, pmoRequest } from './request';

/**
 * The kept baselines and re-baseline requests of a project.
 * @public
 */
export interface ProjectRebaselines {
  items: Rebaseline[];
  baselines: MilestoneBaseline[];
  /** 0 while on the original baseline. */
  baselineNumber: number;
}

/**
 * Decisions on record: stage-gate decisions and re-baselining. A separate
 * API from {@link PmoApi} so that the project data and the decisions on it
 * can be mocked and replaced independently.
 * @public
 */
export interface PmoDecisionsApi {
  listGateDecisions(projectKey: string): Promise<GateDecision[]>;
  decideGate(
    milestoneId: string,
    request: CreateGateDecisionRequest,
  ): Promise<GateDecision>;
  listRebaselines(projectKey: string): Promise<ProjectRebaselines>;
  requestRebaseline(
    projectKey: string,
    request: CreateRebaselineRequest,
  ): Promise<Rebaseline>;
  decideRebaseline(
    id: string,
    request: RebaselineDecisionRequest,
  ): Promise<Rebaseline>;
}

/** @public */
export const pmoDecisionsApiRef = createApiRef<PmoDecisionsApi>({
  id: 'plugin.pmo.decisions',
});

/**
 * Default implementation of {@link PmoDecisionsApi} on the `pmo` backend.
 * @public
 */
export class PmoDecisionsClient implements PmoDecisionsApi {
  private readonly apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi };

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.apis = options;
  }

  async listGateDecisions(projectKey: string): Promise<GateDecision[]> {
    const page = await pmoRequest<{ items: GateDecision[] }>(
      this.apis,
      `/projects/${encodeKey(projectKey)}/gate-decisions`,
    );
    return page.items;
  }

  decideGate(
    milestoneId: string,
    request: CreateGateDecisionRequest,
  ): Promise<GateDecision> {
    return pmoRequest(
      this.apis,
      `/milestones/${encodeURIComponent(milestoneId)}/gate-decisions`,
      { method: 'POST', body: request },
    );
  }

  listRebaselines(projectKey: string): Promise<ProjectRebaselines> {
    return pmoRequest(
      this.apis,
      `/projects/${encodeKey(projectKey)}/rebaselines`,
    );
  }

  requestRebaseline(
    projectKey: string,
    request: CreateRebaselineRequest,
  ): Promise<Rebaseline> {
    return pmoRequest(
      this.apis,
      `/projects/${encodeKey(projectKey)}/rebaselines`,
      { method: 'POST', body: request },
    );
  }

  decideRebaseline(
    id: string,
    request: RebaselineDecisionRequest,
  ): Promise<Rebaseline> {
    return pmoRequest(
      this.apis,
      `/rebaselines/${encodeURIComponent(id)}/decision`,
      { method: 'POST', body: request },
    );
  }
}
