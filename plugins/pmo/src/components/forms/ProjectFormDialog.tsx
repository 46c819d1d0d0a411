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
import Typography from '@material-ui/core/Typography';
import {
  HEALTH_VALUES,
  METHODOLOGIES,
  PRIORITIES,
  PROJECT_PHASES,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { useProjectActions, useProjectKeyRule } from '../../hooks';
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
  DateInputs,
  GridField,
  TitleInputs,
  menuItems,
  useFormFields,
} from './useFormFields';

/** The selects of the project's kind, each with its options. */
const SELECTS = [
  ['phase', 'Phase', menuItems(PROJECT_PHASES)],
  [
    'methodology',
    'Methodology',
    menuItems(METHODOLOGIES, m => (m === 'safe' ? 'SAFe' : humanize(m))),
  ],
  ['priority', 'Priority', menuItems(PRIORITIES)],
] as const;

const DATES = [
  ['startDate', 'Start date'],
  ['targetDate', 'Target date'],
] as const;

/** The budget amounts, with the server paths of their errors. */
const AMOUNTS = [
  ['budgetPlanned', 'Planned budget', 'budget.planned'],
  ['budgetActual', 'Actual spend', 'budget.actual'],
] as const;

/** The hint under an empty key: the installation's pattern when it has one. */
function keyHint(pattern: string | undefined): string {
  return pattern
    ? `Must match ${pattern}`
    : 'e.g. INFRA-101, DC-MIG-01 or PRJ0012345';
}

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
  const keyRule = useProjectKeyRule();
  const form = useFormFields({
    open: props.open,
    initial: props.project,
    valuesOf,
    idPrefix: 'pmo-project',
    shownFields,
    validate: (values, project) => validate(values, project, keyRule),
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
        <GridField
          {...form.field('key')}
          sm={4}
          label="Key"
          required
          disabled={Boolean(project)}
          helperText={
            errors.fields.key ??
            (project ? undefined : keyHint(keyRule.pattern))
          }
        />
        <TitleInputs
          title={form.field('title')}
          description={form.field('description')}
        />
        {SELECTS.map(([key, label, options]) => (
          <GridField key={key} {...form.field(key)} sm={4} select label={label}>
            {options}
          </GridField>
        ))}
        <Grid item xs={12} sm={6}>
          <EntityRefPicker
            {...form.picker('owner')}
            label="Owner (group or user)"
            kinds={['Group', 'User']}
            required
            fullWidth
          />
        </Grid>
        <GridField {...form.field('sponsor')} sm={6} label="Sponsor" />
        <DateInputs dates={DATES} field={form.field} xs={6} sm={3} />
        <GridField
          {...form.text('budgetCurrency')}
          xs={4}
          sm={2}
          label="Currency"
          {...form.err('budget.currency')}
          error={Boolean(
            errors.fields['budget.currency'] ?? errors.fields.budget,
          )}
          helperText={errors.fields['budget.currency'] ?? errors.fields.budget}
        />
        {AMOUNTS.map(([key, label, path]) => (
          <GridField
            key={key}
            {...form.text(key)}
            xs={4}
            sm={2}
            label={label}
            inputMode="decimal"
            {...form.err(path)}
          />
        ))}

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
        <GridField
          {...form.text('healthStatus')}
          sm={4}
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
        </GridField>
        <GridField
          {...form.text('healthReason')}
          sm={8}
          label="Reason"
          multiline
          disabled={!values.healthStatus}
          {...form.err('declaredHealth.reason')}
        />

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
