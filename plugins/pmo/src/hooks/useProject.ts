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
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  Milestone,
  ProjectWithHealth,
  RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../api';

/**
 * A project with its milestones and RAID log.
 * @internal
 */
export interface ProjectDetails {
  project: ProjectWithHealth;
  milestones: Milestone[];
  raid: RaidItem[];
}

/**
 * Loads one project with its milestones and RAID log (three requests in
 * parallel); `retry` reloads all three after an edit.
 * @internal
 */
export function useProject(projectKey: string) {
  const api = useApi(pmoApiRef);
  return useAsyncRetry(async (): Promise<ProjectDetails> => {
    const [project, milestones, raid] = await Promise.all([
      api.getProject(projectKey),
      api.listMilestones(projectKey),
      api.listRaidItems(projectKey),
    ]);
    return { project, milestones, raid };
  }, [api, projectKey]);
}
