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

import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  MILESTONE_STATUSES,
  milestoneSlipDays,
  type Milestone,
  type MilestoneStatus,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import type { FormErrors } from '../common/errors';
import { slipLabel } from '../common/format';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { FormDialog, opt, optNull } from './FormDialog';
import { DATE_INPUT, menuItems, useFormFields } from './useFormFields';

interface Values {
  title: string;
  baselineDate: string;
  forecastDate: string;
  actualDate: string;
  status: MilestoneStatus;
  gate: boolean;
  changeRecord: string;
  entityRef: string;
}

function valuesOf(m?: Milestone): Values {
  return {
    title: m?.title ?? '',
    baselineDate: m?.baselineDate ?? '',
    forecastDate: m?.forecastDate ?? '',
    actualDate: m?.actualDate ?? '',
    status: m?.status ?? 'planned',
    gate: m?.gate ?? false,
    changeRecord: m?.changeRecord ?? '',
    entityRef: m?.entityRef ?? '',
  };
}

const SHOWN_FIELDS = [
  'title',
  'baselineDate',
  'forecastDate',
  'actualDate',
  'status',
  'gate',
  'changeRecord',
  'entityRef',
];

/**
 * Create or edit a milestone. Changing the baseline of an existing
 * milestone is a re-baseline; the form says so, the backend records it.
 */
export function MilestoneFormDialog(props: {
  open: boolean;
  projectKey: string;
  milestone?: Milestone;
  onClose: () => void;
  onSaved: (milestone: Milestone) => void;
}) {
  const api = useApi(pmoApiRef);
  const form = useFormFields({
    open: props.open,
    initial: props.milestone,
    valuesOf,
    idPrefix: 'pmo-milestone',
    shownFields: SHOWN_FIELDS,
  });
  const { current: milestone, values } = form;

  const submit = () => {
    const clientErrors: FormErrors = {
      fields: values.title.trim() ? {} : { title: 'Title is required' },
    };
    return form.run(async () => {
      const saved = milestone
        ? await api.updateMilestone(milestone.id, {
            version: milestone.version,
            title: values.title.trim(),
            baselineDate: optNull(values.baselineDate),
            forecastDate: optNull(values.forecastDate),
            actualDate: optNull(values.actualDate),
            status: values.status,
            gate: values.gate,
            changeRecord: optNull(values.changeRecord),
            entityRef: optNull(values.entityRef),
          })
        : await api.createMilestone(props.projectKey, {
            title: values.title.trim(),
            baselineDate: opt(values.baselineDate),
            forecastDate: opt(values.forecastDate),
            actualDate: opt(values.actualDate),
            status: values.status,
            gate: values.gate,
            changeRecord: opt(values.changeRecord),
            entityRef: opt(values.entityRef),
          });
      props.onSaved(saved);
    }, clientErrors);
  };

  const reload = async () => {
    if (!milestone) return;
    const all = await api.listMilestones(props.projectKey);
    form.load(all.find(m => m.id === milestone.id));
  };

  const slip = milestoneSlipDays({
    baselineDate: opt(values.baselineDate),
    forecastDate: opt(values.forecastDate),
    actualDate: opt(values.actualDate),
    status: values.status,
  });
  const rebaseline =
    milestone?.baselineDate !== undefined &&
    values.baselineDate !== milestone.baselineDate;

  return (
    <FormDialog
      open={props.open}
      title={
        milestone ? `Edit milestone` : `New milestone for ${props.projectKey}`
      }
      onClose={props.onClose}
      onSubmit={submit}
      {...form.dialogProps}
      onReload={milestone ? reload : undefined}
      submitLabel={milestone ? 'Save' : 'Create'}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={8}>
          <TextField {...form.field('title')} label="Title" required />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField {...form.field('status')} select label="Status">
            {menuItems(MILESTONE_STATUSES)}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            {...form.field('baselineDate')}
            {...DATE_INPUT}
            label="Baseline"
          />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            {...form.field('forecastDate')}
            {...DATE_INPUT}
            label="Forecast"
          />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            {...form.field('actualDate')}
            {...DATE_INPUT}
            label="Actual"
          />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary">
            {slip !== undefined
              ? `Slip against baseline: ${slipLabel(slip)}. `
              : ''}
            {rebaseline
              ? 'You are changing the approved baseline (re-baseline); make sure it was approved.'
              : ''}
          </Typography>
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            {...form.field('changeRecord')}
            label="Change record"
            placeholder="CHG0031337"
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <FormControlLabel
            control={
              <Checkbox
                checked={values.gate}
                onChange={e => form.set('gate')(e.target.checked)}
              />
            }
            label="Stage gate (go/no-go decision)"
          />
        </Grid>
        <Grid item xs={12}>
          <EntityRefPicker
            {...form.picker('entityRef')}
            label="Entity this milestone changes (optional)"
            kinds={['Component', 'Resource', 'System']}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
