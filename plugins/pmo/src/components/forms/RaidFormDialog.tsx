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

import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  RAID_SCORE_MAX,
  RAID_SCORE_MIN,
  RAID_STATUSES,
  RAID_TYPES,
  checkEntityRef,
  checkScore,
  checkText,
  checkTitle,
  raidScore,
  type RaidItem,
  type RaidStatus,
  type RaidType,
} from '@infra-pmo/plugin-pmo-common';
import { useRaidActions } from '../../hooks';
import { ScoreChip } from '../common/HealthChips';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { FormDialog } from './FormDialog';
import { textOr, textsOf } from './formValues';
import { DateInputs, GridField, TitleInputs, menuItems } from './useFormFields';
import {
  type ProjectItemFormProps,
  useProjectItemForm,
} from './useProjectItemForm';

interface Values {
  type: RaidType;
  title: string;
  description: string;
  probability: string;
  impact: string;
  owner: string;
  action: string;
  dueDate: string;
  status: RaidStatus;
  entityRef: string;
}

function valuesOf(r?: RaidItem): Values {
  return {
    type: r?.type ?? 'risk',
    ...textsOf(r, [
      'title',
      'description',
      'owner',
      'action',
      'dueDate',
      'entityRef',
    ]),
    probability: String(r?.probability ?? 3),
    impact: String(r?.impact ?? 3),
    status: r?.status ?? 'open',
  };
}

const SCALE_LABEL = ['', 'Very low', 'Low', 'Medium', 'High', 'Very high'];
/** Probability and impact, 1 to 5. */
const SCALE_ITEMS = menuItems(
  Array.from({ length: RAID_SCORE_MAX - RAID_SCORE_MIN + 1 }, (_v, i) =>
    String(RAID_SCORE_MIN + i),
  ),
  n => `${n} – ${SCALE_LABEL[Number(n)]}`,
);

/** The two scored inputs, each 1 to 5. */
const SCALES = [
  ['probability', 'Probability'],
  ['impact', 'Impact'],
] as const;

const DUE_DATE = [['dueDate', 'Due date']] as const;

/** The client rules (those of the server) by field. */
function validate(v: Values) {
  return {
    title: checkTitle(v.title),
    probability: checkScore(Number(v.probability)),
    impact: checkScore(Number(v.impact)),
    description: checkText(v.description, 10000),
    owner: checkText(v.owner, 200),
    action: checkText(v.action, 2000),
    entityRef: v.entityRef.trim()
      ? checkEntityRef(v.entityRef, 'component')
      : undefined,
  };
}

/**
 * The body of a create (`empty` undefined: blank inputs are left out) or
 * of an update (`empty` null: blank inputs clear the stored value).
 */
function bodyOf<E extends null | undefined>(v: Values, empty: E) {
  return {
    type: v.type,
    title: v.title.trim(),
    description: textOr(v.description, empty),
    probability: Number(v.probability),
    impact: Number(v.impact),
    owner: textOr(v.owner, empty),
    action: textOr(v.action, empty),
    dueDate: textOr(v.dueDate, empty),
    status: v.status,
    entityRef: textOr(v.entityRef, empty),
  };
}

/** The form's inputs (their server paths are their names) and rules. */
const FORM = {
  idPrefix: 'pmo-raid',
  valuesOf,
  validate,
  bodyOf,
  useActions: useRaidActions,
};

/** Create or edit a RAID entry (risk, assumption, issue, dependency). */
export function RaidFormDialog(props: ProjectItemFormProps<RaidItem>) {
  const form = useProjectItemForm(props, FORM);
  const { current: item, values } = form;
  const probability = Number(values.probability);
  const impact = Number(values.impact);

  return (
    <FormDialog
      open={props.open}
      title={
        item ? `Edit ${item.type}` : `New RAID item for ${props.projectKey}`
      }
      onClose={props.onClose}
      {...form.dialogProps}
    >
      <Grid container spacing={2}>
        <GridField {...form.field('type')} sm={4} select label="Type">
          {menuItems(RAID_TYPES)}
        </GridField>
        <TitleInputs
          title={form.field('title')}
          description={form.field('description')}
        />
        {SCALES.map(([key, label]) => (
          <GridField
            key={key}
            {...form.field(key)}
            xs={6}
            sm={3}
            select
            label={label}
          >
            {SCALE_ITEMS}
          </GridField>
        ))}
        <Grid item xs={12} sm={6}>
          <Box
            display="flex"
            alignItems="center"
            height="100%"
            style={{ gap: 8 }}
          >
            <Typography variant="body2">Score (P x I):</Typography>
            <ScoreChip
              score={raidScore(probability, impact)}
              probability={probability}
              impact={impact}
            />
          </Box>
        </Grid>
        <GridField
          {...form.field('owner')}
          sm={6}
          label="Owner"
          placeholder="user:default/jdoe"
        />
        <DateInputs dates={DUE_DATE} field={form.field} xs={6} sm={3} />
        <GridField
          {...form.field('status')}
          xs={6}
          sm={3}
          select
          label="Status"
        >
          {menuItems(RAID_STATUSES)}
        </GridField>
        <GridField
          {...form.field('action')}
          label={values.type === 'risk' ? 'Mitigation / action' : 'Action'}
          multiline
        />
        <Grid item xs={12}>
          <EntityRefPicker
            {...form.picker('entityRef')}
            label="Entity concerned (optional)"
            kinds={['Component', 'Resource', 'System']}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
