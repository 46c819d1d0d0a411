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
import { pmoApiRef, type ProjectEntityLink } from '../api';
import { unlessNotFound } from './unlessNotFound';

/**
 * The entities linked to a project; the value is undefined against an older
 * backend that cannot list links (404), where linking still works.
 * @internal
 */
export function useProjectEntities(projectKey: string) {
  const api = useApi(pmoApiRef);
  return useAsyncRetry(
    (): Promise<ProjectEntityLink[] | undefined> =>
      unlessNotFound(api.listProjectEntities(projectKey), undefined),
    [api, projectKey],
  );
}

/**
 * Adds and removes manual links between a project and catalog entities.
 * @internal
 */
export function useEntityLinkActions(projectKey: string) {
  const api = useApi(pmoApiRef);
  return useMemo(
    () => ({
      link: (entityRef: string) => api.linkEntity(projectKey, entityRef),
      unlink: (entityRef: string) => api.unlinkEntity(projectKey, entityRef),
    }),
    [api, projectKey],
  );
}
