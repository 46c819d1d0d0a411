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
import { pmoApiRef, type PmoApi, type ProjectPatch } from '../api';

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

/** The API calls behind the writes of one kind of project item. */
interface ItemEndpoints<T, C, U> {
  create(projectKey: string, request: C): Promise<T>;
  update(id: string, request: U): Promise<T>;
  list(projectKey: string): Promise<T[]>;
  remove(id: string): Promise<void>;
}

/** The writes of one project's items through `endpoints` (module-level). */
function useItemActions<T extends { id: string }, C, U>(
  projectKey: string,
  endpoints: (api: PmoApi) => ItemEndpoints<T, C, U>,
) {
  const api = useApi(pmoApiRef);
  return useMemo(() => {
    const e = endpoints(api);
    return {
      create: (request: C) => e.create(projectKey, request),
      update: (id: string, request: U) => e.update(id, request),
      /** The latest version of an item; undefined once deleted. */
      reload: async (id: string): Promise<T | undefined> =>
        (await e.list(projectKey)).find(item => item.id === id),
      remove: (id: string) => e.remove(id),
    };
  }, [api, projectKey, endpoints]);
}

const milestoneEndpoints = (
  api: PmoApi,
): ItemEndpoints<
  Milestone,
  CreateMilestoneRequest,
  UpdateMilestoneRequest
> => ({
  create: (key, request) => api.createMilestone(key, request),
  update: (id, request) => api.updateMilestone(id, request),
  list: key => api.listMilestones(key),
  remove: id => api.deleteMilestone(id),
});

const raidEndpoints = (
  api: PmoApi,
): ItemEndpoints<RaidItem, CreateRaidItemRequest, UpdateRaidItemRequest> => ({
  create: (key, request) => api.createRaidItem(key, request),
  update: (id, request) => api.updateRaidItem(id, request),
  list: key => api.listRaidItems(key),
  remove: id => api.deleteRaidItem(id),
});

/**
 * Create, update, reload and delete the milestones of one project.
 * @internal
 */
export function useMilestoneActions(projectKey: string) {
  return useItemActions(projectKey, milestoneEndpoints);
}

/**
 * Create, update, reload and delete the RAID items of one project.
 * @internal
 */
export function useRaidActions(projectKey: string) {
  return useItemActions(projectKey, raidEndpoints);
}
