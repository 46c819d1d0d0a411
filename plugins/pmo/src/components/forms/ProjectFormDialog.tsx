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
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import AddIcon from '@material-ui/icons/Add';
import {
  EXTERNAL_SYSTEMS,
  HEALTH_VALUES,
  METHODOLOGIES,
  PRIORITIES,
  PROJECT_KEY_PATTERN,
  PROJECT_PHASES,
  declaredHealthNeedsReason,
  type CreateProjectRequest,
  type ExternalLink,
  type ExternalSystem,
  type Health,
  type Methodology,
  type Priority,
  type ProjectPhase,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type ProjectPatch } from '../../api';
import type { FormErrors } from '../common/errors';
import { humanize } from '../common/format';
import { isSafeHttpUrl } from '../common/links';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { FormDialog, opt } from './FormDialog';
import { DATE_INPUT, menuItems, useFormFields } from './useFormFields';

interface Values {
  key: string;
  title: string;
  description: string;
  phase: ProjectPhase;
  methodology: Methodology;
  owner: string;
  sponsor: string;
  startDate: string;
  targetDate: string;
  priority: Priority;
  budgetPlanned: string;
  budgetActual: string;
  budgetCurrency: string;
  healthStatus: Health | '';
  healthReason: string;
  externalLinks: Array<{ system: ExternalSystem; key: string; url: string }>;
}

function valuesOf(p?: ProjectWithHealth): Values {
  return {
    key: p?.key ?? '',
    title: p?.title ?? '',
    description: p?.description ?? '',
    phase: p?.phase ?? 'intake',
    methodology: p?.methodology ?? 'waterfall',
    owner: p?.owner ?? '',
    sponsor: p?.sponsor ?? '',
    startDate: p?.startDate ?? '',
    targetDate: p?.targetDate ?? '',
    priority: p?.priority ?? 'medium',
    budgetPlanned: p?.budget?.planned?.toString() ?? '',
    budgetActual: p?.budget?.actual?.toString() ?? '',
    budgetCurrency: p?.budget?.currency ?? 'EUR',
    healthStatus: p?.declaredHealth?.status ?? '',
    healthReason: p?.declaredHealth?.reason ?? '',
    externalLinks: (p?.externalLinks ?? []).map(l => ({
      system: l.system,
      key: l.key,
      url: l.url ?? '',
    })),
  };
}

/** Fields the form shows, most specific first (server paths). */
const SHOWN_FIELDS = [
  'key',
  'title',
  'description',
  'phase',
  'methodology',
  'owner',
  'sponsor',
  'startDate',
  'targetDate',
  'priority',
  'budget.planned',
  'budget.actual',
  'budget.currency',
  'budget',
  'declaredHealth.reason',
  'declaredHealth.status',
  'declaredHealth',
  'externalLinks',
];

function toNumber(value: string): number | undefined {
  const v = value.trim();
  return v === '' ? undefined : Number(v);
}

function validate(v: Values, project?: ProjectWithHealth): FormErrors {
  const fields: Record<string, string> = {};
  if (!project && !PROJECT_KEY_PATTERN.test(v.key.trim().toUpperCase())) {
    fields.key =
      'Use an upper-case prefix, a dash and a number, e.g. INFRA-101';
  }
  if (!v.title.trim()) fields.title = 'Title is required';
  if (!v.owner.trim()) fields.owner = 'Owner is required';
  for (const [name, value] of [
    ['budget.planned', v.budgetPlanned],
    ['budget.actual', v.budgetActual],
  ] as const) {
    const n = toNumber(value);
    if (n !== undefined && (Number.isNaN(n) || n < 0)) {
      fields[name] = 'Enter a positive amount';
    }
  }
  if (
    project &&
    v.healthStatus &&
    declaredHealthNeedsReason(v.healthStatus, project.computedHealth.status) &&
    !v.healthReason.trim()
  ) {
    fields[
      'declaredHealth.reason'
    ] = `A reason is required when the declared status differs from the computed one (${project.computedHealth.status})`;
  }
  // Only links the user touched are checked: a stored link must never
  // block an unrelated edit.
  const linksChanged =
    !project ||
    JSON.stringify(v.externalLinks) !==
      JSON.stringify(valuesOf(project).externalLinks);
  if (linksChanged) {
    if (
      v.externalLinks.some(l => l.url.trim() && !isSafeHttpUrl(l.url.trim()))
    ) {
      fields.externalLinks = 'Link URLs must start with http:// or https://';
    }
    if (v.externalLinks.some(l => !l.key.trim())) {
      fields.externalLinks = 'Every link needs a key (e.g. CHG0031337)';
    }
  }
  return { fields };
}

function linksOf(v: Values): ExternalLink[] {
  return v.externalLinks.map(l => ({
    system: l.system,
    key: l.key.trim(),
    ...(opt(l.url) ? { url: opt(l.url) } : {}),
  }));
}

function budgetOf(v: Values) {
  const planned = toNumber(v.budgetPlanned);
  const actual = toNumber(v.budgetActual);
  if (planned === undefined && actual === undefined) return undefined;
  return {
    planned,
    actual,
    currency: v.budgetCurrency.trim().toUpperCase() || 'EUR',
  };
}

function createRequest(v: Values): CreateProjectRequest {
  return {
    key: v.key.trim().toUpperCase(),
    title: v.title.trim(),
    description: opt(v.description),
    phase: v.phase,
    methodology: v.methodology,
    owner: v.owner.trim(),
    sponsor: opt(v.sponsor),
    startDate: opt(v.startDate),
    targetDate: opt(v.targetDate),
    priority: v.priority,
    budget: budgetOf(v),
    declaredHealth: v.healthStatus
      ? { status: v.healthStatus, reason: opt(v.healthReason) }
      : undefined,
    externalLinks: linksOf(v),
  };
}

/** Optional fields that an emptied input clears (sent as null). */
const CLEARABLE = [
  'description',
  'sponsor',
  'startDate',
  'targetDate',
] as const;

/**
 * Only what changed, so a PATCH never overwrites fields it did not touch;
 * emptied optional fields are sent as null to clear them.
 */
function updateRequest(v: Values, p: ProjectWithHealth): ProjectPatch {
  const before = valuesOf(p);
  const req: ProjectPatch = { version: p.version };
  const next = createRequest({ ...v, key: p.key });
  const simple = [
    'title',
    'description',
    'phase',
    'methodology',
    'owner',
    'sponsor',
    'startDate',
    'targetDate',
    'priority',
  ] as const;
  for (const f of simple) {
    if (v[f] === before[f]) continue;
    if (next[f] !== undefined) {
      (req as Record<string, unknown>)[f] = next[f];
    } else if ((CLEARABLE as readonly string[]).includes(f)) {
      // Emptied: PATCH with null clears the stored value.
      (req as Record<string, unknown>)[f] = null;
    }
  }
  if (
    v.budgetPlanned !== before.budgetPlanned ||
    v.budgetActual !== before.budgetActual ||
    v.budgetCurrency !== before.budgetCurrency
  ) {
    req.budget = next.budget ?? null;
  }
  if (
    v.healthStatus !== before.healthStatus ||
    v.healthReason !== before.healthReason
  ) {
    req.declaredHealth = next.declaredHealth ?? null;
  }
  if (
    JSON.stringify(v.externalLinks) !== JSON.stringify(before.externalLinks)
  ) {
    req.externalLinks = next.externalLinks;
  }
  return req;
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
  const api = useApi(pmoApiRef);
  const form = useFormFields({
    open: props.open,
    initial: props.project,
    valuesOf,
    idPrefix: 'pmo-project',
    shownFields: SHOWN_FIELDS,
  });
  const { current: project, values, errors } = form;

  const submit = () =>
    form.run(async () => {
      const saved = project
        ? await api.updateProject(project.key, updateRequest(values, project))
        : await api.createProject(createRequest(values));
      props.onSaved(saved);
    }, validate(values, project));

  const reload = async () => {
    if (!project) return;
    form.load(await api.getProject(project.key));
  };

  return (
    <FormDialog
      open={props.open}
      title={project ? `Edit ${project.key}` : 'New project'}
      onClose={props.onClose}
      onSubmit={submit}
      {...form.dialogProps}
      onReload={reload}
      submitLabel={project ? 'Save' : 'Create'}
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
          <Typography variant="subtitle2">External links</Typography>
          {errors.fields.externalLinks && (
            <Typography variant="caption" color="error" role="alert">
              {errors.fields.externalLinks}
            </Typography>
          )}
          {values.externalLinks.map((link, i) => {
            const update = (patch: Partial<Values['externalLinks'][number]>) =>
              form.set('externalLinks')(
                values.externalLinks.map((l, j) =>
                  j === i ? { ...l, ...patch } : l,
                ),
              );
            return (
              <Box
                key={i}
                display="flex"
                flexWrap="wrap"
                alignItems="center"
                style={{ gap: 8 }}
              >
                <TextField
                  select
                  id={`pmo-project-link-${i}-system`}
                  label="System"
                  margin="dense"
                  variant="outlined"
                  value={link.system}
                  onChange={e =>
                    update({ system: e.target.value as ExternalSystem })
                  }
                  style={{ minWidth: 160 }}
                >
                  {menuItems(EXTERNAL_SYSTEMS)}
                </TextField>
                <TextField
                  id={`pmo-project-link-${i}-key`}
                  label="Key"
                  margin="dense"
                  variant="outlined"
                  value={link.key}
                  onChange={e => update({ key: e.target.value })}
                />
                <TextField
                  id={`pmo-project-link-${i}-url`}
                  label="URL (optional)"
                  margin="dense"
                  variant="outlined"
                  value={link.url}
                  onChange={e => update({ url: e.target.value })}
                  error={
                    Boolean(link.url.trim()) && !isSafeHttpUrl(link.url.trim())
                  }
                  style={{ flexGrow: 1, minWidth: 200 }}
                />
                <IconButton
                  aria-label={`Remove link ${link.key || i + 1}`}
                  onClick={() =>
                    form.set('externalLinks')(
                      values.externalLinks.filter((_l, j) => j !== i),
                    )
                  }
                >
                  <DeleteIcon />
                </IconButton>
              </Box>
            );
          })}
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() =>
              form.set('externalLinks')([
                ...values.externalLinks,
                { system: 'servicenow', key: '', url: '' },
              ])
            }
          >
            Add link
          </Button>
        </Grid>
      </Grid>
    </FormDialog>
  );
}
