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
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import {
  PMO_PROJECTS_ANNOTATION,
  parseProjectsAnnotation,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type EntitySummaryWithTransition } from '../api';
import { unlessNotFound } from './unlessNotFound';

/**
 * Loads the summary of the current entity; a 404 means nothing is attached
 * (the backend may answer that for entities it has never seen). The invalid
 * keys of the entity's annotation are merged with those the backend saw.
 * @internal
 */
export function useEntitySummary() {
  const { entity } = useEntity();
  const api = useApi(pmoApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsync(
    (): Promise<EntitySummaryWithTransition | undefined> =>
      unlessNotFound(api.getEntitySummary(entityRef), undefined),
    [api, entityRef],
  );
  const local = parseProjectsAnnotation(
    entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION],
  );
  const invalidKeys = Array.from(
    new Set([...(state.value?.invalidProjectKeys ?? []), ...local.invalid]),
  );
  return { ...state, entityRef, invalidKeys };
}

/**
 * The state of {@link useEntitySummary}.
 * @internal
 */
export type EntitySummaryState = ReturnType<typeof useEntitySummary>;
