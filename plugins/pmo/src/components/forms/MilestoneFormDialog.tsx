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

import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  MILESTONE_STATUSES,
  checkEntityRef,
  checkTitle,
  milestoneSlipDays,
  type Milestone,
  type MilestoneStatus,
} from '@infra-pmo/plugin-pmo-common';
import { useMilestoneActions } from '../../hooks';
import { slipLabel } from '../common/format';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { FormDialog } from './FormDialog';
import { textOr, textsOf } from './formValues';
import { DateInputs, GridField, TitleInputs, menuItems } from './useFormFields';
import {
  type ProjectItemFormProps,
  useProjectItemForm,
} from './useProjectItemForm';

interface Values {
  title: string;
  baselineDate: string;
  forecastDate: string;
  actualDate: string;
  status: MilestoneStatus;
  gate: boolean;
  /** Comma-separated group or user refs. */
  gateApprovers: string;
  changeRecord: string;
  entityRef: string;
}

/** The refs of the comma-separated approvers input. */
const approversOf = (text: string) =>
  text
    .split(',')
    .map(a => a.trim())
    .filter(Boolean);

function valuesOf(m?: Milestone): Values {
  return {
    ...textsOf(m, [
      'title',
      'baselineDate',
      'forecastDate',
      'actualDate',
      'changeRecord',
      'entityRef',
    ]),
    status: m?.status ?? 'planned',
    gate: m?.gate ?? false,
    gateApprovers: m?.gateApprovers?.join(', ') ?? '',
  };
}

/** The client rules (those of the server) by field. */
function validate(v: Values) {
  return {
    title: checkTitle(v.title),
    entityRef: v.entityRef.trim()
      ? checkEntityRef(v.entityRef, 'component')
      : undefined,
    gateApprovers: approversOf(v.gateApprovers)
      .map(a => checkEntityRef(a, 'group'))
      .find(Boolean),
  };
}

/**
 * The body of a create (`empty` undefined: blank inputs are left out) or
 * of an update (`empty` null: blank inputs clear the stored value).
 */
function bodyOf<E extends null | undefined>(v: Values, empty: E) {
  return {
    title: v.title.trim(),
    baselineDate: textOr(v.baselineDate, empty),
    forecastDate: textOr(v.forecastDate, empty),
    actualDate: textOr(v.actualDate, empty),
    status: v.status,
    gate: v.gate,
    gateApprovers: approversOf(v.gateApprovers).length
      ? approversOf(v.gateApprovers)
      : empty,
    changeRecord: textOr(v.changeRecord, empty),
    entityRef: textOr(v.entityRef, empty),
  };
}

/** The date inputs, in the order of the milestone's life. */
const DATES = [
  ['baselineDate', 'Baseline'],
  ['forecastDate', 'Forecast'],
  ['actualDate', 'Actual'],
] as const;

/** The form's inputs (their server paths are their names) and rules. */
const FORM = {
  idPrefix: 'pmo-milestone',
  valuesOf,
  validate,
  bodyOf,
  useActions: useMilestoneActions,
};

/**
 * Create or edit a milestone. Changing the baseline of an existing
 * milestone is a re-baseline: the form says so, the backend refuses it
 * outside an approved re-baseline request.
 */
export function MilestoneFormDialog(props: ProjectItemFormProps<Milestone>) {
  const form = useProjectItemForm(props, FORM);
  const { current: milestone, values } = form;

  const slip = milestoneSlipDays({
    baselineDate: textOr(values.baselineDate, undefined),
    forecastDate: textOr(values.forecastDate, undefined),
    actualDate: textOr(values.actualDate, undefined),
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
      {...form.dialogProps}
    >
      <Grid container spacing={2}>
        <TitleInputs title={form.field('title')} />
        <GridField {...form.field('status')} sm={4} select label="Status">
          {menuItems(MILESTONE_STATUSES)}
        </GridField>
        <DateInputs dates={DATES} field={form.field} sm={4} />
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary">
            {slip !== undefined
              ? `Slip against baseline: ${slipLabel(slip)}. `
              : ''}
            {rebaseline
              ? 'A set baseline changes only through a re-baseline request (Baselines panel, approved by the sponsor or the PMO); saving this change is refused.'
              : ''}
          </Typography>
        </Grid>
        <GridField
          {...form.field('changeRecord')}
          sm={6}
          label="Change record"
          placeholder="CHG0031337"
        />
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
        {values.gate && (
          <GridField
            {...form.field('gateApprovers')}
            sm={12}
            label="Gate approvers"
            placeholder="group:default/architecture-board, user:default/jane"
          />
        )}
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
