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

import {
  createPermission,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Resource type of PMO projects; milestones, RAID items and links are
 * authorized against their parent project.
 * @public
 */
export const RESOURCE_TYPE_PMO_PROJECT = 'pmo-project';

/**
 * Read projects and everything attached to them. Supports conditional
 * decisions (e.g. only projects owned by the user's groups).
 * @public
 */
export const pmoProjectReadPermission = createPermission({
  name: 'pmo.project.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Create a project. @public */
export const pmoProjectCreatePermission = createPermission({
  name: 'pmo.project.create',
  attributes: { action: 'create' },
});

/** Update a project (fields, declared health, entity links). @public */
export const pmoProjectUpdatePermission = createPermission({
  name: 'pmo.project.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Delete a project and everything attached to it. @public */
export const pmoProjectDeletePermission = createPermission({
  name: 'pmo.project.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Create a milestone on a project. @public */
export const pmoMilestoneCreatePermission = createPermission({
  name: 'pmo.milestone.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Update a milestone of a project. @public */
export const pmoMilestoneUpdatePermission = createPermission({
  name: 'pmo.milestone.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Delete a milestone of a project. @public */
export const pmoMilestoneDeletePermission = createPermission({
  name: 'pmo.milestone.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Create a RAID item on a project. @public */
export const pmoRaidCreatePermission = createPermission({
  name: 'pmo.raid.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Update a RAID item of a project. @public */
export const pmoRaidUpdatePermission = createPermission({
  name: 'pmo.raid.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Delete a RAID item of a project. @public */
export const pmoRaidDeletePermission = createPermission({
  name: 'pmo.raid.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** Bulk import of projects, milestones and RAID items. @public */
export const pmoImportPermission = createPermission({
  name: 'pmo.import',
  attributes: { action: 'create' },
});

/**
 * Read run transitions and the transitions board. A basic permission:
 * transitions belong to catalog entities and may exist without a project,
 * so `pmo.project.read` cannot express them; the entity itself is still
 * read from the catalog with the caller's credentials (hidden entity, 404).
 * @public
 */
export const pmoTransitionReadPermission = createPermission({
  name: 'pmo.transition.read',
  attributes: { action: 'read' },
});

/** Create or update a run transition, its checklist items and state. @public */
export const pmoTransitionUpdatePermission = createPermission({
  name: 'pmo.transition.update',
  attributes: { action: 'update' },
});

/**
 * Give or revoke a run-transition sign-off. The backend additionally
 * requires membership of the delivery or run owner group.
 * @public
 */
export const pmoTransitionSignOffPermission = createPermission({
  name: 'pmo.transition.signoff',
  attributes: { action: 'update' },
});

/**
 * Take a manual snapshot of every project's health (weekly snapshots are
 * taken by the backend itself). Reading snapshots needs `pmo.project.read`.
 * @public
 */
export const pmoSnapshotCreatePermission = createPermission({
  name: 'pmo.snapshot.create',
  attributes: { action: 'create' },
});

/** All PMO permissions. @public */
export const pmoPermissions: Array<
  BasicPermission | ResourcePermission<'pmo-project'>
> = [
  pmoProjectReadPermission,
  pmoProjectCreatePermission,
  pmoProjectUpdatePermission,
  pmoProjectDeletePermission,
  pmoMilestoneCreatePermission,
  pmoMilestoneUpdatePermission,
  pmoMilestoneDeletePermission,
  pmoRaidCreatePermission,
  pmoRaidUpdatePermission,
  pmoRaidDeletePermission,
  pmoImportPermission,
  pmoTransitionReadPermission,
  pmoTransitionUpdatePermission,
  pmoTransitionSignOffPermission,
  pmoSnapshotCreatePermission,
];
