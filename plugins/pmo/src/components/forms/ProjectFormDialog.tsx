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

import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  HEALTH_VALUES,
  METHODOLOGIES,
  PRIORITIES,
  PROJECT_PHASES,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { useProjectActions } from '../../hooks';
import { humanize } from '../common/format';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { ExternalLinksField } from './ExternalLinksField';
import { FormDialog } from './FormDialog';
import {
  createRequest,
  shownFields,
  updateRequest,
  validate,
  valuesOf,
} from './projectForm';
import {
  DATE_INPUT,
  TitleInputs,
  menuItems,
  useFormFields,
} from './useFormFields';

/**
 * Create (no `project`) or edit a project, including the declared RAG with
 * its reason and the links to other tools.
 */
export function ProjectFormDialog(props: {
  open: boolean;
  project?: ProjectWithHealth;
  onClose: () => void;
  onSaved: (project: ProjectWithHealth) => void;
}) {
  const actions = useProjectActions();
  const form = useFormFields({
    open: props.open,
    initial: props.project,
    valuesOf,
    idPrefix: 'pmo-project',
    shownFields,
    validate,
    save: (values, project) =>
      project
        ? actions.update(project.key, updateRequest(values, project))
        : actions.create(createRequest(values)),
    reload: project => actions.reload(project.key),
    onSaved: props.onSaved,
  });
  const { current: project, values, errors } = form;

  return (
    <FormDialog
      open={props.open}
      title={project ? `Edit ${project.key}` : 'New project'}
      onClose={props.onClose}
      {...form.dialogProps}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={4}>
          <TextField
            {...form.field('key')}
            label="Key"
            required
            disabled={Boolean(project)}
            helperText={
              errors.fields.key ?? (project ? undefined : 'e.g. INFRA-101')
            }
          />
        </Grid>
        <TitleInputs
          title={form.field('title')}
          description={form.field('description')}
        />
        <Grid item xs={12} sm={4}>
          <TextField {...form.field('phase')} select label="Phase">
            {menuItems(PROJECT_PHASES)}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField {...form.field('methodology')} select label="Methodology">
            {menuItems(METHODOLOGIES, m =>
              m === 'safe' ? 'SAFe' : humanize(m),
            )}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField {...form.field('priority')} select label="Priority">
            {menuItems(PRIORITIES)}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={6}>
          <EntityRefPicker
            {...form.picker('owner')}
            label="Owner (group or user)"
            kinds={['Group', 'User']}
            required
            fullWidth
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField {...form.field('sponsor')} label="Sponsor" />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            {...form.field('startDate')}
            {...DATE_INPUT}
            label="Start date"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            {...form.field('targetDate')}
            {...DATE_INPUT}
            label="Target date"
          />
        </Grid>
        <Grid item xs={4} sm={2}>
          <TextField
            {...form.text('budgetCurrency')}
            label="Currency"
            {...form.err('budget.currency')}
            error={Boolean(
              errors.fields['budget.currency'] ?? errors.fields.budget,
            )}
            helperText={
              errors.fields['budget.currency'] ?? errors.fields.budget
            }
          />
        </Grid>
        <Grid item xs={4} sm={2}>
          <TextField
            {...form.text('budgetPlanned')}
            label="Planned budget"
            inputMode="decimal"
            {...form.err('budget.planned')}
          />
        </Grid>
        <Grid item xs={4} sm={2}>
          <TextField
            {...form.text('budgetActual')}
            label="Actual spend"
            inputMode="decimal"
            {...form.err('budget.actual')}
          />
        </Grid>

        <Grid item xs={12}>
          <Typography variant="subtitle2">Declared status (RAG)</Typography>
          {project && (
            <Typography variant="caption" color="textSecondary">
              Computed from milestones, RAID and status age:{' '}
              {project.computedHealth.status}. A reason is required when you
              declare something else.
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            {...form.text('healthStatus')}
            select
            label="Declared health"
            {...form.err('declaredHealth.status')}
            error={Boolean(
              errors.fields['declaredHealth.status'] ??
                errors.fields.declaredHealth,
            )}
            helperText={
              errors.fields['declaredHealth.status'] ??
              errors.fields.declaredHealth
            }
          >
            <MenuItem value="">Not declared</MenuItem>
            {menuItems(HEALTH_VALUES)}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={8}>
          <TextField
            {...form.text('healthReason')}
            label="Reason"
            multiline
            disabled={!values.healthStatus}
            {...form.err('declaredHealth.reason')}
          />
        </Grid>

        <Grid item xs={12}>
          <ExternalLinksField
            links={values.externalLinks}
            errors={errors.fields}
            onChange={form.set('externalLinks')}
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
