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

import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { entityRefOf } from './request/refs';

/**
 * The callers every PMO route accepts.
 * @internal
 */
export type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/**
 * Refs of the system and of the entities that are part of it, in one
 * catalog call. `credentials` are the ones to read the catalog with
 * (see `catalogCredentials`).
 * @internal
 */
export async function systemMemberRefs(
  catalog: CatalogService,
  systemRef: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const name = systemRef.slice(systemRef.indexOf('/') + 1);
  const { items } = await catalog.getEntities(
    {
      // `relations.partOf` covers processed entities in any namespace;
      // `spec.system` also catches the common `system: <name>` spelling.
      filter: [
        { 'relations.partOf': systemRef },
        { 'spec.system': [systemRef, name] },
      ],
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  );
  return [systemRef, ...items.map(entityRefOf)];
}
