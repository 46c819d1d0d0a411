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

import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button, { type ButtonProps } from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import Tooltip from '@material-ui/core/Tooltip';
import {
  pmoMilestoneCreatePermission,
  pmoMilestoneDeletePermission,
  pmoMilestoneUpdatePermission,
  pmoProjectDeletePermission,
  pmoProjectUpdatePermission,
  pmoRaidCreatePermission,
  pmoRaidDeletePermission,
  pmoRaidUpdatePermission,
} from '@infra-pmo/plugin-pmo-common';
import type { BasicPermission } from '@backstage/plugin-permission-common';

/** Result of a permission check as the UI needs it. */
export interface Allowed {
  allowed: boolean;
  loading: boolean;
}

/** What the current user may do with one project. */
export interface ProjectPermissions {
  update: Allowed;
  delete: Allowed;
  createMilestone: Allowed;
  updateMilestone: Allowed;
  deleteMilestone: Allowed;
  createRaid: Allowed;
  updateRaid: Allowed;
  deleteRaid: Allowed;
}

/**
 * Resource permissions of one project; milestones, RAID items and links are
 * authorized against their parent project, so the project key is the
 * resource ref throughout.
 */
export function useProjectPermissions(projectKey: string): ProjectPermissions {
  // Called once per permission, always in the same order (rules of hooks).
  const useAllowed = (
    permission: typeof pmoProjectUpdatePermission,
  ): Allowed => {
    const { allowed, loading } = usePermission({
      permission,
      resourceRef: projectKey,
    });
    return { allowed, loading };
  };
  return {
    update: useAllowed(pmoProjectUpdatePermission),
    delete: useAllowed(pmoProjectDeletePermission),
    createMilestone: useAllowed(pmoMilestoneCreatePermission),
    updateMilestone: useAllowed(pmoMilestoneUpdatePermission),
    deleteMilestone: useAllowed(pmoMilestoneDeletePermission),
    createRaid: useAllowed(pmoRaidCreatePermission),
    updateRaid: useAllowed(pmoRaidUpdatePermission),
    deleteRaid: useAllowed(pmoRaidDeletePermission),
  };
}

/**
 * Wraps an edit control: enabled when allowed; disabled with a tooltip
 * giving the reason otherwise (kept visible so users learn the feature
 * exists and whom to ask).
 */
export function Guarded(props: {
  permission: Allowed;
  /** Why the action is not available, e.g. "You may not edit this project". */
  reason: string;
  children: ReactElement<{ disabled?: boolean }>;
}) {
  const { permission, reason, children } = props;
  if (permission.allowed) return children;
  return (
    <Tooltip title={permission.loading ? 'Checking your permissions…' : reason}>
      {/* A disabled button fires no events; the span carries the tooltip. */}
      <span>{cloneElement(children, { disabled: true })}</span>
    </Tooltip>
  );
}

/**
 * A text button behind a basic (not resource) permission, e.g. "New
 * project" or "Import": checks the permission itself, so callers name only
 * the permission, the reason and the action. Defaults to a small outlined
 * button, the shape of the section actions.
 * @internal
 */
export function GuardedButton(
  props: {
    permission: BasicPermission;
    reason: string;
    onClick: () => void;
    startIcon?: ReactNode;
    children: ReactNode;
  } & Pick<ButtonProps, 'color' | 'disabled' | 'size' | 'variant'>,
) {
  const { permission, reason, size = 'small', variant = 'outlined' } = props;
  const { allowed, loading } = usePermission({ permission });
  const { onClick, startIcon, color, disabled } = props;
  return (
    <Guarded permission={{ allowed, loading }} reason={reason}>
      <Button {...{ size, variant, onClick, startIcon, color, disabled }}>
        {props.children}
      </Button>
    </Guarded>
  );
}

/**
 * An icon button (edit, delete) behind a permission: the one shape of the
 * row and header actions, so each place names only its label and reason.
 */
export function GuardedIconButton(props: {
  permission: Allowed;
  reason: string;
  /** The accessible name, e.g. "Edit milestone Go-live". */
  label: string;
  onClick: () => void;
  size?: 'small' | 'medium';
  children: ReactElement;
}) {
  return (
    <Guarded permission={props.permission} reason={props.reason}>
      <IconButton
        size={props.size}
        aria-label={props.label}
        onClick={props.onClick}
      >
        {props.children}
      </IconButton>
    </Guarded>
  );
}

/** The row actions of a list of project items, as its view receives them. */
export interface ItemActionProps<T> {
  canUpdate: Allowed;
  canDelete: Allowed;
  onEdit: (item: T) => void;
  onDelete: (item: T) => void;
}

/**
 * The edit and delete buttons of one item (a milestone, a RAID item, the
 * project itself). `name` completes the accessible names ("Edit milestone
 * Go-live"); `of` completes the reasons ("You may not edit milestones of
 * this project").
 */
export function EditDeleteButtons<T>(
  props: Omit<ItemActionProps<T>, 'onDelete'> & {
    /** Left out: no delete button. */
    onDelete?: (item: T) => void;
    item: T;
    name: string;
    of: string;
    size?: 'small' | 'medium';
  },
) {
  const iconSize = props.size === 'small' ? 'small' : undefined;
  const buttons = [
    [
      'Edit',
      'edit',
      props.canUpdate,
      props.onEdit,
      <EditIcon key="e" fontSize={iconSize} />,
    ],
    [
      'Delete',
      'delete',
      props.canDelete,
      props.onDelete,
      <DeleteIcon key="d" fontSize={iconSize} />,
    ],
  ] as const;
  return (
    <>
      {buttons.map(([verb, action, permission, onClick, icon]) =>
        onClick === undefined ? null : (
          <GuardedIconButton
            key={verb}
            permission={permission}
            reason={`You may not ${action} ${props.of}`}
            size={props.size}
            label={`${verb} ${props.name}`}
            onClick={() => onClick(props.item)}
          >
            {icon}
          </GuardedIconButton>
        ),
      )}
    </>
  );
}
