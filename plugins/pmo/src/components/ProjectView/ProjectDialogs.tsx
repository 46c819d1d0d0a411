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
  Milestone,
  ProjectWithHealth,
  RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import {
  useMilestoneActions,
  useProjectActions,
  useRaidActions,
} from '../../hooks';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { MilestoneFormDialog } from '../forms/MilestoneFormDialog';
import { ProjectFormDialog } from '../forms/ProjectFormDialog';
import { RaidFormDialog } from '../forms/RaidFormDialog';

/** The dialog open on the project view, if any. @internal */
export type ProjectDialog =
  | { kind: 'project' }
  | { kind: 'deleteProject' }
  | { kind: 'milestone'; item?: Milestone }
  | { kind: 'deleteMilestone'; milestone: Milestone }
  | { kind: 'raid'; item?: RaidItem }
  | { kind: 'deleteRaid'; item: RaidItem };

/**
 * The edit and delete dialogs of the project view. `onChanged` reloads the
 * view after a save or a delete of a milestone or RAID item; a deleted
 * project calls `onDeleted` instead.
 * @internal
 */
export function ProjectDialogs(props: {
  project: ProjectWithHealth;
  dialog?: ProjectDialog;
  onClose: () => void;
  onChanged: () => void;
  onDeleted?: () => void;
}) {
  const { project, dialog, onClose } = props;
  const projects = useProjectActions();
  const milestones = useMilestoneActions(project.key);
  const raid = useRaidActions(project.key);
  const saved = () => {
    onClose();
    props.onChanged();
  };
  // The props the milestone and RAID item forms share.
  const itemForm = (kind: 'milestone' | 'raid') => ({
    open: dialog?.kind === kind,
    projectKey: project.key,
    onClose,
    onSaved: saved,
  });

  // The delete the open dialog asks to confirm, if any.
  let confirm:
    | { title: string; message: string; run: () => Promise<void> }
    | undefined;
  switch (dialog?.kind) {
    case 'deleteProject':
      confirm = {
        title: `Delete ${project.key}?`,
        message:
          'The project, its milestones, RAID log and entity links are deleted. This cannot be undone.',
        run: async () => {
          await projects.remove(project.key);
          props.onDeleted?.();
        },
      };
      break;
    case 'deleteMilestone':
      confirm = {
        title: 'Delete milestone?',
        message: `"${dialog.milestone.title}" will be deleted.`,
        run: () => milestones.remove(dialog.milestone.id).then(props.onChanged),
      };
      break;
    case 'deleteRaid':
      confirm = {
        title: 'Delete RAID item?',
        message: `"${dialog.item.title}" will be deleted. Consider closing it instead to keep the record.`,
        run: () => raid.remove(dialog.item.id).then(props.onChanged),
      };
      break;
    default:
      confirm = undefined;
  }

  return (
    <>
      <ProjectFormDialog
        open={dialog?.kind === 'project'}
        project={project}
        onClose={onClose}
        onSaved={saved}
      />
      <MilestoneFormDialog
        {...itemForm('milestone')}
        item={dialog?.kind === 'milestone' ? dialog.item : undefined}
      />
      <RaidFormDialog
        {...itemForm('raid')}
        item={dialog?.kind === 'raid' ? dialog.item : undefined}
      />
      <ConfirmDialog
        open={confirm !== undefined}
        title={confirm?.title ?? ''}
        message={confirm?.message ?? ''}
        onClose={onClose}
        onConfirm={async () => confirm?.run()}
      />
    </>
  );
}
