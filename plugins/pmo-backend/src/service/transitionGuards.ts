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
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  pmoProjectReadPermission,
  pmoProjectUpdatePermission,
  pmoRaidCreatePermission,
  type SignOffRole,
  type Transition,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectStore } from '../database/PmoStore';
import { staleTransitionError } from '../database/transitionRows';
import type { PmoRequestContext } from './context';
import { runOwnerOf } from './transitionOwners';
import { deliveryOwnerOf, projectHidden } from './transitionViews';

/*
 * Who may write what on a run transition, beyond the basic transition
 * permissions: the project a write touches, and the owner groups of the
 * sign-offs. Each check throws before anything is written.
 */

/**
 * 409 when `version` is not the one of the transition as read: a write
 * is authorized against what the caller saw (the linked project, the
 * checklist), and the store's version check then guarantees nothing
 * changed in between.
 * @internal
 */
export function requireVersion(transition: Transition, version: number) {
  if (transition.version !== version) {
    throw staleTransitionError(
      transition.entityRef,
      transition.version,
      version,
    );
  }
}

/**
 * Linking, relinking or unlinking a project needs pmo.project.update on
 * the new project (404 when hidden or missing) and on the old one, unless
 * the old one no longer exists. An old project hidden from the caller is
 * not named.
 * @internal
 */
export async function authorizeRelink(
  ctx: PmoRequestContext,
  pmoStore: Pick<ProjectStore, 'getProjects'>,
  from: string | undefined,
  to: string | undefined,
): Promise<void> {
  if (to) await ctx.authorizeProject(pmoProjectUpdatePermission, to);
  if (!from) return;
  const [old] = await pmoStore.getProjects([from]);
  if (!old) return;
  const [[readable], [updatable]] = await Promise.all([
    ctx.decide(pmoProjectReadPermission, [old]),
    ctx.decide(pmoProjectUpdatePermission, [old]),
  ]);
  if (!readable || !updatable) {
    throw new NotAllowedError(
      `Not allowed: ${pmoProjectUpdatePermission.name} on ${
        readable ? `project ${old.key}` : 'the linked project'
      }`,
    );
  }
}

/**
 * A waiver, or a new reason or expiry of one, writes its risk into the
 * RAID log of the linked project: pmo.raid.create on it. (Without a linked
 * project the store refuses the waiver.)
 * @internal
 */
export async function authorizeItemUpdate(
  ctx: PmoRequestContext,
  transition: Transition,
  itemKey: string,
  patch: UpdateTransitionItemRequest,
): Promise<void> {
  const item = transition.items.find(i => i.key === itemKey);
  const waiver =
    (patch.status ?? item?.status) === 'waived' &&
    (patch.status !== undefined ||
      patch.waiverReason !== undefined ||
      patch.expiresAt !== undefined);
  if (waiver && transition.projectKey) {
    await ctx.authorizeProject(pmoRaidCreatePermission, transition.projectKey);
  }
}

/**
 * Only users who are members of the role's owner group may sign: the
 * delivery owner (owner of the linked project, else of the entity) or the
 * run owner. The owner of a hidden project is not named. Returns the
 * signer.
 * @internal
 */
export async function authorizeSignOff(
  ctx: PmoRequestContext,
  pmoStore: Pick<ProjectStore, 'getProjects'>,
  transition: Transition,
  entity: Entity,
  role: SignOffRole,
): Promise<BackstageUserInfo> {
  if (ctx.credentials.principal.type !== 'user') {
    throw new NotAllowedError('Only users can sign off a transition');
  }
  const group =
    role === 'delivery'
      ? await deliveryOwnerOf(pmoStore, transition, entity)
      : runOwnerOf(entity);
  if (!group) {
    throw new NotAllowedError(
      `Nobody can give the ${role} sign-off: ${transition.entityRef} has no owner`,
    );
  }
  const info = await ctx.userInfo();
  const memberships = info.ownershipEntityRefs.map(r =>
    r.toLocaleLowerCase('en-US'),
  );
  if (!memberships.includes(group)) {
    const hidden =
      role === 'delivery' && (await projectHidden(ctx, transition.projectKey));
    throw new NotAllowedError(
      `Only members of ${
        hidden ? 'the owner group of the linked project' : group
      } can give the ${role} sign-off`,
    );
  }
  return info;
}

/**
 * Re-checking the catalog evidence of a checklist may reopen items and
 * revoke sign-offs: a user must be a member of the delivery owner or the
 * run owner of the transition (a service, e.g. a pipeline, needs only the
 * permission). An outsider is refused before anything is evaluated.
 * @internal
 */
export async function authorizeEvidenceRecheck(
  ctx: PmoRequestContext,
  pmoStore: Pick<ProjectStore, 'getProjects'>,
  transition: Transition,
  entity: Entity,
): Promise<void> {
  if (ctx.credentials.principal.type !== 'user') return;
  const owners = [
    await deliveryOwnerOf(pmoStore, transition, entity),
    runOwnerOf(entity),
  ].filter((o): o is string => Boolean(o));
  const info = await ctx.userInfo();
  const memberships = info.ownershipEntityRefs.map(r =>
    r.toLocaleLowerCase('en-US'),
  );
  if (!owners.some(o => memberships.includes(o))) {
    throw new NotAllowedError(
      `Only members of the delivery or run owner of ${transition.entityRef} can re-check its catalog evidence`,
    );
  }
}
