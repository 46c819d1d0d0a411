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

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ownerEntityRef } from '@infra-pmo/plugin-pmo-common';
import { chunks, unique } from '../database/helpers';

/*
 * Owners that may be told things. A RAID owner is free text ("Acme MSP –
 * J. Smith": vendor or MSP staff, allowed, never a notification recipient)
 * or a catalog ref; a ref must name a User or Group that exists, checked on
 * write, and notifications go only to refs that exist.
 */

/** `kind:namespace/name`: a catalog ref of any kind. */
const FULL_REF = /^[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*\/[a-z0-9._-]+$/i;
/** `user:` or `group:` followed by anything: meant as a ref. */
const USER_OR_GROUP_PREFIX = /^(user|group):/i;

const KINDS = new Set(['user', 'group']);

/**
 * What an owner as written is: free text (undefined), a user or group ref
 * (normalized and lower-cased, like `ownerEntityRef` of pmo-common, so the
 * reminders read it the same way), or written as a ref that can never be a
 * user or group (`invalid`: another kind, or `user:` with a malformed name).
 * @internal
 */
export function ownerCatalogRef(
  owner: string | null | undefined,
): { ref: string } | { invalid: string } | undefined {
  const text = owner?.trim() ?? '';
  if (!text) return undefined;
  const ref = ownerEntityRef(text);
  if (ref) return { ref };
  if (USER_OR_GROUP_PREFIX.test(text) || FULL_REF.test(text)) {
    return { invalid: text };
  }
  return undefined;
}

/**
 * The refs among `refs` that exist in the catalog as a User or Group, as
 * given (lower-case refs expected). One `getEntitiesByRefs` call per 500
 * refs, asking only for the kind. Throws when the catalog does not answer.
 * @internal
 */
export async function existingUsersAndGroups(
  catalog: CatalogService,
  refs: Iterable<string>,
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const wanted = unique(refs);
  const existing = new Set<string>();
  for (const chunk of chunks(wanted)) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: chunk, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    items.forEach((entity, i) => {
      if (entity && KINDS.has(entity.kind.toLocaleLowerCase('en-US'))) {
        existing.add(chunk[i]);
      }
    });
  }
  return existing;
}

/**
 * The owners (as written) that are written as catalog refs but are not a
 * User or Group of the catalog, each with the ref to report. Free-text
 * owners are never returned. One catalog call for all of them (per 500),
 * none when no owner is a ref.
 * @internal
 */
export async function unknownOwnerRefs(
  catalog: CatalogService,
  owners: ReadonlyArray<string | null | undefined>,
  credentials: BackstageCredentials,
): Promise<Map<string, string>> {
  const unknown = new Map<string, string>();
  const refs = new Map<string, string>();
  for (const owner of owners) {
    const parsed = owner ? ownerCatalogRef(owner) : undefined;
    if (!parsed || !owner) continue;
    if ('invalid' in parsed) unknown.set(owner, parsed.invalid);
    else refs.set(owner, parsed.ref);
  }
  if (refs.size > 0) {
    const existing = await existingUsersAndGroups(
      catalog,
      refs.values(),
      credentials,
    );
    for (const [owner, ref] of refs) {
      if (!existing.has(ref)) unknown.set(owner, ref);
    }
  }
  return unknown;
}

/** The message of an owner that is not a user or group. @internal */
export function unknownOwnerMessage(ref: string): string {
  return `${ref} is not a user or group in the catalog`;
}

/**
 * Rejects owners written as catalog refs that are not a User or Group of
 * the catalog, with a 400 naming the field:
 * `Invalid request: body.owner: user:default/nobody is not a user or group
 * in the catalog`. Free text passes. One catalog call at most (per 500
 * owners). Use the plugin's own service credentials, so that the caller's
 * catalog read permissions do not decide whether a user exists.
 * @internal
 */
export async function assertOwnersExist(
  catalog: CatalogService,
  owners: ReadonlyArray<string | null | undefined>,
  credentials: BackstageCredentials,
  field: string = 'body.owner',
): Promise<void> {
  const unknown = await unknownOwnerRefs(catalog, owners, credentials);
  for (const owner of owners) {
    const ref = owner ? unknown.get(owner) : undefined;
    if (ref) {
      throw new InputError(
        `Invalid request: ${field}: ${unknownOwnerMessage(ref)}`,
      );
    }
  }
}
