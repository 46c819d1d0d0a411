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
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';

/**
 * A catalog entity offered by the entity ref picker.
 * @internal
 */
export interface EntityRefOption {
  ref: string;
  label: string;
}

function toOption(entity: Entity): EntityRefOption {
  const ref = stringifyEntityRef(entity);
  const title = entity.metadata.title;
  const short = humanizeEntityRef(entity);
  return { ref, label: title ? `${title} (${short})` : short };
}

/**
 * Up to 20 catalog entities of the given kinds matching `term`, searched on
 * the server (never the whole catalog in the browser).
 * @internal
 */
export function useEntityRefOptions(kinds: string[], term: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const res = await catalogApi.queryEntities({
      filter: { kind: kinds },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
      limit: 20,
    });
    return res.items.map(toOption);
  }, [catalogApi, term, kinds.join(',')]);
}
