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

import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { PMO_RUN_OWNER_ANNOTATION } from '@infra-pmo/plugin-pmo-common';

/*
 * Who owns what in a run transition, from the catalog entity. Shared by the
 * transition routes, the "my items" route and the reminders task.
 */

/**
 * What `entityOwner` and `runOwnerOf` read: catalog reads made to decide
 * owners fetch only these fields.
 * @internal
 */
export const OWNER_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.owner',
  'relations',
];

/** Lower-cased, like stored entity refs: owners compare case-insensitively. */
function normalizeRef(ref: string, defaultKind: string, namespace: string) {
  const parsed = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: namespace,
  });
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/**
 * The owner of an entity: the resolved ownedBy relation, else spec.owner.
 * Also used by the "my items" route to find pending sign-offs.
 * @internal
 */
export function entityOwner(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return normalizeRef(owner, 'group', entity.metadata.namespace ?? 'default');
  } catch {
    return undefined;
  }
}

/**
 * `pmo/run-owner`, else the entity owner: who gives the run sign-off.
 * @internal
 */
export function runOwnerOf(entity: Entity): string | undefined {
  const annotation = entity.metadata.annotations?.[PMO_RUN_OWNER_ANNOTATION];
  if (annotation?.trim()) {
    try {
      return normalizeRef(
        annotation.trim(),
        'group',
        entity.metadata.namespace ?? 'default',
      );
    } catch {
      // An unparsable annotation falls back to the owner.
    }
  }
  return entityOwner(entity);
}

/**
 * The refs a signed-in user acts as (the user and their ownership refs),
 * lower-cased like stored owners: what membership checks compare against
 * (sign-offs, "my items", gate approvers, re-baseline approvers).
 * @internal
 */
export function memberRefs(info: BackstageUserInfo): string[] {
  return [
    ...new Set(
      [info.userEntityRef, ...info.ownershipEntityRefs].map(r =>
        r.toLocaleLowerCase('en-US'),
      ),
    ),
  ];
}
