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

import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
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
import { humanize } from '../common/format';
import { ScoreChip } from '../common/HealthChips';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { FormDialog, opt, optNull, useSaveState } from './FormDialog';

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

const SCALE = [1, 2, 3, 4, 5];
const SCALE_LABEL = ['', 'Very low', 'Low', 'Medium', 'High', 'Very high'];

/** Create or edit a RAID entry (risk, assumption, issue, dependency). */
export function RaidFormDialog(props: {
  open: boolean;
  projectKey: string;
  item?: RaidItem;
  onClose: () => void;
  onSaved: (item: RaidItem) => void;
}) {
  const api = useApi(pmoApiRef);
  const [item, setItem] = useState(props.item);
  const [values, setValues] = useState(() => valuesOf(props.item));
  const { saving, errors, conflict, run, reset } = useSaveState(SHOWN_FIELDS);

  useEffect(() => {
    if (props.open) {
      setItem(props.item);
      setValues(valuesOf(props.item));
      reset();
    }
  }, [props.open, props.item, reset]);

  const field = (k: keyof Values) => ({
    id: `pmo-raid-${k}`,
    value: values[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setValues(prev => ({ ...prev, [k]: e.target.value })),
    fullWidth: true,
    variant: 'outlined' as const,
    margin: 'dense' as const,
    error: Boolean(errors.fields[k]),
    helperText: errors.fields[k],
  });

  const probability = Number(values.probability);
  const impact = Number(values.impact);

  const submit = () => {
    const clientErrors: FormErrors = {
      fields: values.title.trim() ? {} : { title: 'Title is required' },
    };
    return run(async () => {
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
    const latest = all.find(r => r.id === item.id);
    setItem(latest);
    setValues(valuesOf(latest));
    reset();
  };

  return (
    <FormDialog
      open={props.open}
      title={
        item ? `Edit ${item.type}` : `New RAID item for ${props.projectKey}`
      }
      onClose={props.onClose}
      onSubmit={submit}
      saving={saving}
      formError={errors.form}
      conflict={conflict}
      onReload={item ? reload : undefined}
      submitLabel={item ? 'Save' : 'Create'}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={4}>
          <TextField {...field('type')} select label="Type">
            {RAID_TYPES.map(t => (
              <MenuItem key={t} value={t}>
                {humanize(t)}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={8}>
          <TextField {...field('title')} label="Title" required />
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...field('description')}
            label="Description"
            multiline
            minRows={2}
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField {...field('probability')} select label="Probability">
            {SCALE.map(n => (
              <MenuItem key={n} value={String(n)}>
                {n} – {SCALE_LABEL[n]}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField {...field('impact')} select label="Impact">
            {SCALE.map(n => (
              <MenuItem key={n} value={String(n)}>
                {n} – {SCALE_LABEL[n]}
              </MenuItem>
            ))}
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
            {...field('owner')}
            label="Owner"
            placeholder="user:default/jdoe"
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField
            {...field('dueDate')}
            type="date"
            label="Due date"
            InputLabelProps={{ shrink: true }}
          />
        </Grid>
        <Grid item xs={6} sm={3}>
          <TextField {...field('status')} select label="Status">
            {RAID_STATUSES.map(s => (
              <MenuItem key={s} value={s}>
                {humanize(s)}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...field('action')}
            label={values.type === 'risk' ? 'Mitigation / action' : 'Action'}
            multiline
          />
        </Grid>
        <Grid item xs={12}>
          <EntityRefPicker
            id="pmo-raid-entityRef"
            label="Entity concerned (optional)"
            kinds={['Component', 'Resource', 'System']}
            fullWidth
            value={values.entityRef || null}
            onChange={ref =>
              setValues(prev => ({ ...prev, entityRef: ref ?? '' }))
            }
            error={errors.fields.entityRef}
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
