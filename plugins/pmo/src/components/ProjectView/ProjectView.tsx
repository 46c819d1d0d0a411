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

import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { LinkSource } from '@infra-pmo/plugin-pmo-common';
import { useProject } from '../../hooks';
import {
  Guarded,
  EditDeleteButtons,
  useProjectPermissions,
  type Allowed,
} from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { StatusReportButton } from '../PmoPage/StatusReport';
import { ProjectDecisions } from '../Decisions';
import { EntityLinker } from './EntityLinker';
import { HistoryPanel } from './HistoryPanel';
import { MilestoneTimeline } from './MilestoneTimeline';
import { ProjectDialogs, type ProjectDialog } from './ProjectDialogs';
import { ProjectHeader } from './ProjectHeader';
import { RaidRegister } from './RaidRegister';

export { ProjectHeader } from './ProjectHeader';

/** An "Add …" button of a section, behind its create permission. */
function AddButton(props: {
  permission: Allowed;
  reason: string;
  onClick: () => void;
  children: string;
}) {
  return (
    <Guarded permission={props.permission} reason={props.reason}>
      <Button size="small" startIcon={<AddIcon />} onClick={props.onClick}>
        {props.children}
      </Button>
    </Guarded>
  );
}

/**
 * Everything about one project: header with RAG, facts and links,
 * milestone timeline, RAID register, entity links and history; editable in
 * place where the permission framework allows it.
 */
export function ProjectView(props: {
  projectKey: string;
  /** How the current entity is linked (entity tab only). */
  linkSources?: LinkSource[];
  /** Show the entity link/unlink controls (project page). */
  showEntityLinker?: boolean;
  /** Called after the project was deleted. */
  onDeleted?: () => void;
  /** Heading level of the project title. */
  titleLink?: boolean;
}) {
  const { projectKey } = props;
  const links = usePmoLinks();
  const perms = useProjectPermissions(projectKey);
  const [dialog, setDialog] = useState<ProjectDialog>();
  const state = useProject(projectKey);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <PmoErrorPanel error={state.error} />;
  if (!state.value) return null;

  const { project, milestones, raid } = state.value;
  const close = () => setDialog(undefined);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ProjectHeader
          project={project}
          linkSources={props.linkSources}
          titleLink={props.titleLink ? links.project?.(project.key) : undefined}
          actions={
            <Box display="flex" alignItems="center">
              <StatusReportButton
                scope={{ project: project.key }}
                label={project.key}
              />
              <EditDeleteButtons
                item={project}
                name={`project ${project.key}`}
                of="this project"
                canUpdate={perms.update}
                canDelete={perms.delete}
                onEdit={() => setDialog({ kind: 'project' })}
                onDelete={
                  props.onDeleted &&
                  (() => setDialog({ kind: 'deleteProject' }))
                }
              />
            </Box>
          }
        />
      </Grid>

      <Grid item xs={12}>
        <InfoCard
          title="Milestones"
          subheader="Baseline vs forecast vs actual; slips and overdue dates highlighted"
          action={
            <AddButton
              permission={perms.createMilestone}
              reason="You may not add milestones to this project"
              onClick={() => setDialog({ kind: 'milestone' })}
            >
              Add milestone
            </AddButton>
          }
        >
          <MilestoneTimeline
            milestones={milestones}
            canUpdate={perms.updateMilestone}
            canDelete={perms.deleteMilestone}
            onEdit={m => setDialog({ kind: 'milestone', item: m })}
            onDelete={m => setDialog({ kind: 'deleteMilestone', milestone: m })}
          />
        </InfoCard>
      </Grid>

      <ProjectDecisions
        projectKey={project.key}
        milestones={milestones}
        canRequestRebaseline={perms.updateMilestone}
        onChanged={state.retry}
      />

      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <AddButton
            permission={perms.createRaid}
            reason="You may not add to the RAID log of this project"
            onClick={() => setDialog({ kind: 'raid' })}
          >
            Add RAID item
          </AddButton>
        </Box>
        <RaidRegister
          items={raid}
          canUpdate={perms.updateRaid}
          canDelete={perms.deleteRaid}
          onEdit={item => setDialog({ kind: 'raid', item })}
          onDelete={item => setDialog({ kind: 'deleteRaid', item })}
        />
      </Grid>

      {props.showEntityLinker && (
        <Grid item xs={12} md={6}>
          <InfoCard title="Linked entities">
            <EntityLinker
              projectKey={project.key}
              canUpdate={perms.update}
              onChanged={state.retry}
            />
          </InfoCard>
        </Grid>
      )}

      <Grid item xs={12} md={props.showEntityLinker ? 6 : 12}>
        <Accordion TransitionProps={{ unmountOnExit: true }}>
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls="pmo-history"
            id="pmo-history-header"
          >
            <Typography variant="h6">History</Typography>
          </AccordionSummary>
          <AccordionDetails id="pmo-history">
            <HistoryPanel projectKey={project.key} />
          </AccordionDetails>
        </Accordion>
      </Grid>

      <ProjectDialogs
        project={project}
        dialog={dialog}
        onClose={close}
        onChanged={state.retry}
        onDeleted={props.onDeleted}
      />
    </Grid>
  );
}
