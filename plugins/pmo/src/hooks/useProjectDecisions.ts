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

import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  CreateGateDecisionRequest,
  CreateRebaselineRequest,
  GateDecision,
  RebaselineDecisionRequest,
} from '@infra-pmo/plugin-pmo-common';
import { pmoDecisionsApiRef, type ProjectRebaselines } from '../api';

/** The decisions on record of one project. @internal */
export interface ProjectDecisions {
  gates: GateDecision[];
  rebaselines: ProjectRebaselines;
}

/**
 * Loads the gate decisions and the re-baselines of a project (two requests
 * in parallel) and hands out the decision writes; `retry` reloads.
 * @internal
 */
export function useProjectDecisions(projectKey: string) {
  const api = useApi(pmoDecisionsApiRef);
  const state = useAsyncRetry(async (): Promise<ProjectDecisions> => {
    const [gates, rebaselines] = await Promise.all([
      api.listGateDecisions(projectKey),
      api.listRebaselines(projectKey),
    ]);
    return { gates, rebaselines };
  }, [api, projectKey]);
  const actions = useMemo(
    () => ({
      decideGate: (milestoneId: string, request: CreateGateDecisionRequest) =>
        api.decideGate(milestoneId, request),
      requestRebaseline: (request: CreateRebaselineRequest) =>
        api.requestRebaseline(projectKey, request),
      decideRebaseline: (id: string, request: RebaselineDecisionRequest) =>
        api.decideRebaseline(id, request),
    }),
    [api, projectKey],
  );
  return { ...state, actions };
}
