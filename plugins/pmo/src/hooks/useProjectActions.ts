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
import type {
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
  Milestone,
  RaidItem,
  UpdateMilestoneRequest,
  UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type ProjectPatch } from '../api';

/*
 * Writes of projects, milestones and RAID items. The forms keep the save
 * state (saving, field errors, 409) themselves (components/forms), so these
 * hooks hand out plain async functions; `reload` reads the latest version
 * of an object after a 409.
 */

/**
 * Create, update, reload and delete projects.
 * @internal
 */
export function useProjectActions() {
  const api = useApi(pmoApiRef);
  return useMemo(
    () => ({
      create: (request: CreateProjectRequest) => api.createProject(request),
      update: (key: string, patch: ProjectPatch) =>
        api.updateProject(key, patch),
      reload: (key: string) => api.getProject(key),
      remove: (key: string) => api.deleteProject(key),
    }),
    [api],
  );
}

/**
 * Create, update, reload and delete the milestones of one project.
 * @internal
 */
export function useMilestoneActions(projectKey: string) {
  const api = useApi(pmoApiRef);
  return useMemo(
    () => ({
      create: (request: CreateMilestoneRequest) =>
        api.createMilestone(projectKey, request),
      update: (id: string, request: UpdateMilestoneRequest) =>
        api.updateMilestone(id, request),
      /** The latest version of a milestone; undefined once deleted. */
      reload: async (id: string): Promise<Milestone | undefined> =>
        (await api.listMilestones(projectKey)).find(m => m.id === id),
      remove: (id: string) => api.deleteMilestone(id),
    }),
    [api, projectKey],
  );
}

/**
 * Create, update, reload and delete the RAID items of one project.
 * @internal
 */
export function useRaidActions(projectKey: string) {
  const api = useApi(pmoApiRef);
  return useMemo(
    () => ({
      create: (request: CreateRaidItemRequest) =>
        api.createRaidItem(projectKey, request),
      update: (id: string, request: UpdateRaidItemRequest) =>
        api.updateRaidItem(id, request),
      /** The latest version of an item; undefined once deleted. */
      reload: async (id: string): Promise<RaidItem | undefined> =>
        (await api.listRaidItems(projectKey)).find(r => r.id === id),
      remove: (id: string) => api.deleteRaidItem(id),
    }),
    [api, projectKey],
  );
}
