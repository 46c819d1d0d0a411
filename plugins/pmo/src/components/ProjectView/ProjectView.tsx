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
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  LinkSource,
  Milestone,
  ProjectWithHealth,
  RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import { formatMoney, humanize } from '../common/format';
import { PhaseChip, ProjectHealthChips } from '../common/HealthChips';
import { ExternalLinks } from '../common/links';
import { Guarded, useProjectPermissions } from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { MilestoneFormDialog } from '../forms/MilestoneFormDialog';
import { ProjectFormDialog } from '../forms/ProjectFormDialog';
import { RaidFormDialog } from '../forms/RaidFormDialog';
import { StatusReportButton } from '../PmoPage/StatusReport';
import { EntityLinker } from './EntityLinker';
import { HistoryPanel } from './HistoryPanel';
import { MilestoneTimeline } from './MilestoneTimeline';
import { RaidRegister } from './RaidRegister';

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={6} sm={4} md={3}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

type Dialog =
  | { kind: 'project' }
  | { kind: 'deleteProject' }
  | { kind: 'milestone'; milestone?: Milestone }
  | { kind: 'deleteMilestone'; milestone: Milestone }
  | { kind: 'raid'; item?: RaidItem }
  | { kind: 'deleteRaid'; item: RaidItem };

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
  const api = useApi(pmoApiRef);
  const links = usePmoLinks();
  const perms = useProjectPermissions(projectKey);
  const [dialog, setDialog] = useState<Dialog>();

  const state = useAsyncRetry(async () => {
    const [project, milestones, raid] = await Promise.all([
      api.getProject(projectKey),
      api.listMilestones(projectKey),
      api.listRaidItems(projectKey),
    ]);
    return { project, milestones, raid };
  }, [api, projectKey]);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <PmoErrorPanel error={state.error} />;
  if (!state.value) return null;

  const { project, milestones, raid } = state.value;
  const close = () => setDialog(undefined);
  const saved = () => {
    close();
    state.retry();
  };

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
              <Guarded
                permission={perms.update}
                reason="You may not edit this project"
              >
                <IconButton
                  aria-label={`Edit project ${project.key}`}
                  onClick={() => setDialog({ kind: 'project' })}
                >
                  <EditIcon />
                </IconButton>
              </Guarded>
              {props.onDeleted && (
                <Guarded
                  permission={perms.delete}
                  reason="You may not delete this project"
                >
                  <IconButton
                    aria-label={`Delete project ${project.key}`}
                    onClick={() => setDialog({ kind: 'deleteProject' })}
                  >
                    <DeleteIcon />
                  </IconButton>
                </Guarded>
              )}
            </Box>
          }
        />
      </Grid>

      <Grid item xs={12}>
        <InfoCard
          title="Milestones"
          subheader="Baseline vs forecast vs actual; slips and overdue dates highlighted"
          action={
            <Guarded
              permission={perms.createMilestone}
              reason="You may not add milestones to this project"
            >
              <Button
                size="small"
                startIcon={<AddIcon />}
                onClick={() => setDialog({ kind: 'milestone' })}
              >
                Add milestone
              </Button>
            </Guarded>
          }
        >
          <MilestoneTimeline
            milestones={milestones}
            canUpdate={perms.updateMilestone}
            canDelete={perms.deleteMilestone}
            onEdit={m => setDialog({ kind: 'milestone', milestone: m })}
            onDelete={m => setDialog({ kind: 'deleteMilestone', milestone: m })}
          />
        </InfoCard>
      </Grid>

      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <Guarded
            permission={perms.createRaid}
            reason="You may not add to the RAID log of this project"
          >
            <Button
              size="small"
              startIcon={<AddIcon />}
              onClick={() => setDialog({ kind: 'raid' })}
            >
              Add RAID item
            </Button>
          </Guarded>
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

      <ProjectFormDialog
        open={dialog?.kind === 'project'}
        project={project}
        onClose={close}
        onSaved={saved}
      />
      <MilestoneFormDialog
        open={dialog?.kind === 'milestone'}
        projectKey={project.key}
        milestone={dialog?.kind === 'milestone' ? dialog.milestone : undefined}
        onClose={close}
        onSaved={saved}
      />
      <RaidFormDialog
        open={dialog?.kind === 'raid'}
        projectKey={project.key}
        item={dialog?.kind === 'raid' ? dialog.item : undefined}
        onClose={close}
        onSaved={saved}
      />
      <ConfirmDialog
        open={dialog?.kind === 'deleteProject'}
        title={`Delete ${project.key}?`}
        message="The project, its milestones, RAID log and entity links are deleted. This cannot be undone."
        onClose={close}
        onConfirm={async () => {
          await api.deleteProject(project.key);
          props.onDeleted?.();
        }}
      />
      <ConfirmDialog
        open={dialog?.kind === 'deleteMilestone'}
        title="Delete milestone?"
        message={
          dialog?.kind === 'deleteMilestone'
            ? `"${dialog.milestone.title}" will be deleted.`
            : ''
        }
        onClose={close}
        onConfirm={async () => {
          if (dialog?.kind === 'deleteMilestone') {
            await api.deleteMilestone(dialog.milestone.id);
            state.retry();
          }
        }}
      />
      <ConfirmDialog
        open={dialog?.kind === 'deleteRaid'}
        title="Delete RAID item?"
        message={
          dialog?.kind === 'deleteRaid'
            ? `"${dialog.item.title}" will be deleted. Consider closing it instead to keep the record.`
            : ''
        }
        onClose={close}
        onConfirm={async () => {
          if (dialog?.kind === 'deleteRaid') {
            await api.deleteRaidItem(dialog.item.id);
            state.retry();
          }
        }}
      />
    </Grid>
  );
}

/** Title, RAG chips, key facts and external links of a project. */
export function ProjectHeader(props: {
  project: ProjectWithHealth;
  linkSources?: LinkSource[];
  titleLink?: string;
  actions?: React.ReactNode;
}) {
  const { project: p } = props;
  return (
    <InfoCard
      title={
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 8 }}
        >
          <span>
            {props.titleLink ? (
              <Link to={props.titleLink}>{p.key}</Link>
            ) : (
              p.key
            )}{' '}
            — {p.title}
          </span>
          <PhaseChip phase={p.phase} />
          <ProjectHealthChips
            declared={p.declaredHealth}
            computed={p.computedHealth}
            watermelon={p.watermelon}
          />
          {props.linkSources?.map(s => (
            <Chip
              key={s}
              size="small"
              label={s === 'annotation' ? 'via annotation' : 'linked manually'}
            />
          ))}
        </Box>
      }
      action={props.actions}
    >
      {p.description && (
        <Typography
          variant="body2"
          paragraph
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {p.description}
        </Typography>
      )}
      <Grid container spacing={2}>
        <Fact label="Owner">
          <EntityRefLink entityRef={p.owner} defaultKind="group" />
        </Fact>
        <Fact label="Sponsor">{p.sponsor ?? '—'}</Fact>
        <Fact label="Priority">{humanize(p.priority)}</Fact>
        <Fact label="Methodology">
          {p.methodology === 'safe' ? 'SAFe' : humanize(p.methodology)}
        </Fact>
        <Fact label="Start">{p.startDate ?? '—'}</Fact>
        <Fact label="Target">{p.targetDate ?? '—'}</Fact>
        {p.budget && (
          <Fact label="Budget (actual / planned)">
            {formatMoney(p.budget.actual, p.budget.currency)} /{' '}
            {formatMoney(p.budget.planned, p.budget.currency)}
          </Fact>
        )}
        <Fact label="Last updated">{p.updatedAt.slice(0, 10)}</Fact>
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary" component="div">
            External links
          </Typography>
          <ExternalLinks links={p.externalLinks} />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
