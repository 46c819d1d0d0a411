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
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  RAID_STATUSES,
  RAID_TYPES,
  raidScore,
  type RaidItem,
  type RaidStatus,
  type RaidType,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import type { FormErrors } from '../common/errors';
import { ScoreChip } from '../common/HealthChips';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { FormDialog, opt, optNull } from './FormDialog';
import { DATE_INPUT, menuItems, useFormFields } from './useFormFields';

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
    title: r?.title ?? '',
    description: r?.description ?? '',
    probability: String(r?.probability ?? 3),
    impact: String(r?.impact ?? 3),
    owner: r?.owner ?? '',
    action: r?.action ?? '',
    dueDate: r?.dueDate ?? '',
    status: r?.status ?? 'open',
    entityRef: r?.entityRef ?? '',
  };
}

const SHOWN_FIELDS = [
  'type',
  'title',
  'description',
  'probability',
  'impact',
  'owner',
  'action',
  'dueDate',
  'status',
  'entityRef',
];

const SCALE_LABEL = ['', 'Very low', 'Low', 'Medium', 'High', 'Very high'];
/** Probability and impact, 1 to 5. */
const SCALE_ITEMS = menuItems(
  ['1', '2', '3', '4', '5'],
  n => `${n} – ${SCALE_LABEL[Number(n)]}`,
);

/** Create or edit a RAID entry (risk, assumption, issue, dependency). */
export function RaidFormDialog(props: {
  open: boolean;
  projectKey: string;
  item?: RaidItem;
  onClose: () => void;
  onSaved: (item: RaidItem) => void;
}) {
  const api = useApi(pmoApiRef);
  const form = useFormFields({
    open: props.open,
    initial: props.item,
    valuesOf,
    idPrefix: 'pmo-raid',
    shownFields: SHOWN_FIELDS,
  });
  const { current: item, values } = form;

  const probability = Number(values.probability);
  const impact = Number(values.impact);

  const submit = () => {
    const clientErrors: FormErrors = {
      fields: values.title.trim() ? {} : { title: 'Title is required' },
    };
    return form.run(async () => {
      const saved = item
        ? await api.updateRaidItem(item.id, {
            version: item.version,
            type: values.type,
            title: values.title.trim(),
            description: optNull(values.description),
            probability,
            impact,
            owner: optNull(values.owner),
            action: optNull(values.action),
            dueDate: optNull(values.dueDate),
            status: values.status,
            entityRef: optNull(values.entityRef),
          })
        : await api.createRaidItem(props.projectKey, {
            type: values.type,
            title: values.title.trim(),
            description: opt(values.description),
            probability,
            impact,
            owner: opt(values.owner),
            action: opt(values.action),
            dueDate: opt(values.dueDate),
            status: values.status,
            entityRef: opt(values.entityRef),
          });
      props.onSaved(saved);
    }, clientErrors);
  };

  const reload = async () => {
    if (!item) return;
    const all = await api.listRaidItems(props.projectKey);
    form.load(all.find(r => r.id === item.id));
  };

  return (
    <FormDialog
      open={props.open}
      title={
        item ? `Edit ${item.type}` : `New RAID item for ${props.projectKey}`
      }
      onClose={props.onClose}
      onSubmit={submit}
      {...form.dialogProps}
      onReload={item ? reload : undefined}
      submitLabel={item ? 'Save' : 'Create'}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={4}>
          <TextField {...form.field('type')} select label="Type">
            {menuItems(RAID_TYPES)}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={8}>
          <TextField {...form.field('title')} label="Title" required />
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...form.field('description')}
            label="Description"
            multiline
            minRows={2}
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField {...form.field('probability')} select label="Probability">
            {SCALE_ITEMS}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField {...form.field('impact')} select label="Impact">
            {SCALE_ITEMS}
          </TextField>
        </Grid>
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
        <Grid item xs={12} sm={6}>
          <TextField
            {...form.field('owner')}
            label="Owner"
            placeholder="user:default/jdoe"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            {...form.field('dueDate')}
            {...DATE_INPUT}
            label="Due date"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField {...form.field('status')} select label="Status">
            {menuItems(RAID_STATUSES)}
          </TextField>
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...form.field('action')}
            label={values.type === 'risk' ? 'Mitigation / action' : 'Action'}
            multiline
          />
        </Grid>
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
