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

type Action = 'create' | 'read' | 'update' | 'delete';

/** A permission checked against one project (conditional decisions apply). */
function projectPermission(
  name: string,
  action: Action,
): ResourcePermission<typeof RESOURCE_TYPE_PMO_PROJECT> {
  return createPermission({
    name,
    attributes: { action },
    resourceType: RESOURCE_TYPE_PMO_PROJECT,
  });
}

/** A permission decided without a resource (allow or deny only). */
function basicPermission(name: string, action: Action): BasicPermission {
  return createPermission({ name, attributes: { action } });
}

/**
 * Read projects and everything attached to them. Supports conditional
 * decisions (e.g. only projects owned by the user's groups).
 * @public
 */
export const pmoProjectReadPermission = projectPermission(
  'pmo.project.read',
  'read',
);

/** Create a project. @public */
export const pmoProjectCreatePermission = basicPermission(
  'pmo.project.create',
  'create',
);

/** Update a project (fields, declared health, entity links). @public */
export const pmoProjectUpdatePermission = projectPermission(
  'pmo.project.update',
  'update',
);

/** Delete a project and everything attached to it. @public */
export const pmoProjectDeletePermission = projectPermission(
  'pmo.project.delete',
  'delete',
);

/** Create a milestone on a project. @public */
export const pmoMilestoneCreatePermission = projectPermission(
  'pmo.milestone.create',
  'create',
);

/** Update a milestone of a project. @public */
export const pmoMilestoneUpdatePermission = projectPermission(
  'pmo.milestone.update',
  'update',
);

/** Delete a milestone of a project. @public */
export const pmoMilestoneDeletePermission = projectPermission(
  'pmo.milestone.delete',
  'delete',
);

/** Create a RAID item on a project. @public */
export const pmoRaidCreatePermission = projectPermission(
  'pmo.raid.create',
  'create',
);

/** Update a RAID item of a project. @public */
export const pmoRaidUpdatePermission = projectPermission(
  'pmo.raid.update',
  'update',
);

/** Delete a RAID item of a project. @public */
export const pmoRaidDeletePermission = projectPermission(
  'pmo.raid.delete',
  'delete',
);

/** Bulk import of projects, milestones and RAID items. @public */
export const pmoImportPermission = basicPermission('pmo.import', 'create');

/**
 * Read run transitions and the transitions board. A basic permission:
 * transitions belong to catalog entities and may exist without a project,
 * so `pmo.project.read` cannot express them; the entity itself is still
 * read from the catalog with the caller's credentials (hidden entity, 404).
 * @public
 */
export const pmoTransitionReadPermission = basicPermission(
  'pmo.transition.read',
  'read',
);

/** Create or update a run transition, its checklist items and state. @public */
export const pmoTransitionUpdatePermission = basicPermission(
  'pmo.transition.update',
  'update',
);

/**
 * Give or revoke a run-transition sign-off. The backend additionally
 * requires membership of the delivery or run owner group.
 * @public
 */
export const pmoTransitionSignOffPermission = basicPermission(
  'pmo.transition.signoff',
  'update',
);

/**
 * Take a manual snapshot of every project's health (weekly snapshots are
 * taken by the backend itself). Reading snapshots needs `pmo.project.read`.
 * @public
 */
export const pmoSnapshotCreatePermission = basicPermission(
  'pmo.snapshot.create',
  'create',
);

/**
 * Create, change or delete freeze periods (quarter-end, peak season): they
 * hold every project's changes, so this is an admin's permission, not a
 * project's. Reading freezes needs `pmo.project.read`.
 * @public
 */
export const pmoFreezeManagePermission = basicPermission(
  'pmo.freeze.manage',
  'update',
);

/**
 * Add, change or delete the change windows of a project's milestones. Its
 * own permission (not `pmo.milestone.update`), so that an automation token
 * that may set milestone dates cannot move a cutover.
 * @public
 */
export const pmoChangeWindowWritePermission = projectPermission(
  'pmo.window.write',
  'update',
);

/**
 * Ask for a re-baseline of a project (the sponsor or a PMO group decides,
 * `pmo.baseline.approve`). Its own permission, so that an automation token
 * that may set milestone dates cannot file one.
 * @public
 */
export const pmoBaselineRequestPermission = projectPermission(
  'pmo.baseline.request',
  'update',
);

/**
 * Acknowledge a cutover collision: the CAB's decision, with its reason, for
 * every project of the finding (the backend asks it on the project of each
 * window). Its own permission, so that an automation token that may set
 * milestone dates cannot wave a collision through.
 * @public
 */
export const pmoCollisionAcknowledgePermission = projectPermission(
  'pmo.collision.acknowledge',
  'update',
);

/**
 * Record a stage-gate decision on a milestone of a project. The backend
 * additionally requires the caller to be one of the gate's approvers.
 * @public
 */
export const pmoGateDecidePermission = projectPermission(
  'pmo.gate.decide',
  'update',
);

/**
 * Approve or reject a re-baseline request of a project. The backend
 * additionally requires the project sponsor or a member of
 * `pmo.baselines.approverGroups`.
 * @public
 */
export const pmoBaselineApprovePermission = projectPermission(
  'pmo.baseline.approve',
  'update',
);

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
  pmoFreezeManagePermission,
  pmoChangeWindowWritePermission,
  pmoBaselineRequestPermission,
  pmoCollisionAcknowledgePermission,
  pmoGateDecidePermission,
  pmoBaselineApprovePermission,
];
