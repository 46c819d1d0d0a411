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
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  TransitionItem,
  UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { isIsoDate } from '@infra-pmo/plugin-pmo-common';
import { todayIso } from '../common/format';
import { isSafeHttpUrl } from '../common/links';
import type { FormErrors } from '../common/errors';
import { FormDialog, useSaveState } from '../forms/FormDialog';

type Patch = Omit<UpdateTransitionItemRequest, 'version'>;

function validDate(value: string) {
  return !value || isIsoDate(value);
}

/**
 * "Mark done" with the evidence link and an optional expiry (the last day
 * the evidence counts, e.g. a DR test valid for a year).
 */
export function DoneDialog(props: {
  item?: TransitionItem;
  onClose: () => void;
  onSave: (patch: Patch) => Promise<void>;
  onReload?: () => void;
}) {
  const { item } = props;
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [note, setNote] = useState('');
  const save = useSaveState(['evidenceUrl', 'expiresAt', 'note']);
  const { reset } = save;

  useEffect(() => {
    setEvidenceUrl(item?.evidenceUrl ?? '');
    setExpiresAt('');
    setNote(item?.note ?? '');
    reset();
  }, [item, reset]);

  if (!item) return null;

  const submit = () => {
    const fields: FormErrors['fields'] = {};
    const url = evidenceUrl.trim();
    if (url && !isSafeHttpUrl(url)) {
      fields.evidenceUrl = 'Must be an http(s) link';
    } else if (!url && item.evidenceRequired) {
      fields.evidenceUrl = 'Evidence is required for this item';
    }
    if (!validDate(expiresAt)) fields.expiresAt = 'Must be a date';
    else if (expiresAt && expiresAt < todayIso()) {
      fields.expiresAt = 'Must be today or later';
    }
    save.run(
      () =>
        props.onSave({
          status: 'done',
          evidenceUrl: url || null,
          expiresAt: expiresAt || null,
          note: note.trim() || null,
          waiverReason: null,
        }),
      { fields },
    );
  };

  return (
    <FormDialog
      open
      title={`Mark done: ${item.title}`}
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.saving}
      formError={save.errors.form}
      conflict={save.conflict}
      onReload={props.onReload}
      submitLabel="Save"
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        {item.description}
      </Typography>
      <TextField
        id="pmo-item-evidence"
        label="Evidence URL"
        placeholder="https://wiki.example.com/runbooks/..."
        required={item.evidenceRequired}
        fullWidth
        margin="normal"
        value={evidenceUrl}
        onChange={e => setEvidenceUrl(e.target.value)}
        error={Boolean(save.errors.fields.evidenceUrl)}
        helperText={
          save.errors.fields.evidenceUrl ??
          'Link to the runbook page, dashboard, test report...'
        }
      />
      <TextField
        id="pmo-item-expires"
        label="Evidence expires on"
        type="date"
        fullWidth
        margin="normal"
        InputLabelProps={{ shrink: true }}
        value={expiresAt}
        onChange={e => setExpiresAt(e.target.value)}
        error={Boolean(save.errors.fields.expiresAt)}
        helperText={
          save.errors.fields.expiresAt ??
          'Optional: the last day the evidence counts'
        }
      />
      <TextField
        id="pmo-item-note"
        label="Note"
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        value={note}
        onChange={e => setNote(e.target.value)}
        error={Boolean(save.errors.fields.note)}
        helperText={save.errors.fields.note}
      />
    </FormDialog>
  );
}

/**
 * Waiver with the mandatory reason and expiry. The backend records the
 * waiver as a RAID risk on the linked project, owned by the run team.
 */
export function WaiveDialog(props: {
  item?: TransitionItem;
  projectKey?: string;
  /** A project the user cannot read is linked (its key is not shown). */
  projectHidden?: boolean;
  onClose: () => void;
  onSave: (patch: Patch) => Promise<void>;
  onReload?: () => void;
}) {
  const { item } = props;
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const save = useSaveState(['waiverReason', 'expiresAt']);
  const { reset } = save;

  useEffect(() => {
    setReason(item?.waiverReason ?? '');
    setExpiresAt('');
    reset();
  }, [item, reset]);

  if (!item) return null;

  const submit = () => {
    const fields: FormErrors['fields'] = {};
    if (!reason.trim()) fields.waiverReason = 'A reason is required';
    if (!expiresAt) fields.expiresAt = 'A waiver must have an expiry date';
    else if (!isIsoDate(expiresAt)) fields.expiresAt = 'Must be a date';
    else if (expiresAt < todayIso()) {
      fields.expiresAt = 'Must be today or later';
    }
    save.run(
      () =>
        props.onSave({
          status: 'waived',
          waiverReason: reason.trim(),
          expiresAt,
        }),
      { fields },
    );
  };

  return (
    <FormDialog
      open
      title={`Waive: ${item.title}`}
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.saving}
      formError={save.errors.form}
      conflict={save.conflict}
      onReload={props.onReload}
      submitLabel="Waive"
    >
      {props.projectKey || props.projectHidden ? (
        <Alert severity="info" style={{ marginBottom: 8 }}>
          A risk owned by the run team will be added to the RAID log of{' '}
          {props.projectKey ?? 'the linked project'} to track this waiver until
          it expires; this needs permission to add RAID items there.
        </Alert>
      ) : (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          This transition has no project: a waiver is recorded as a RAID risk on
          the project, so set the project key first.
        </Alert>
      )}
      <TextField
        id="pmo-waiver-reason"
        label="Reason"
        required
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        value={reason}
        onChange={e => setReason(e.target.value)}
        error={Boolean(save.errors.fields.waiverReason)}
        helperText={
          save.errors.fields.waiverReason ??
          'Why the item can be accepted without it, and the plan to close it'
        }
      />
      <TextField
        id="pmo-waiver-expires"
        label="Waiver expires on"
        type="date"
        required
        fullWidth
        margin="normal"
        InputLabelProps={{ shrink: true }}
        value={expiresAt}
        onChange={e => setExpiresAt(e.target.value)}
        error={Boolean(save.errors.fields.expiresAt)}
        helperText={
          save.errors.fields.expiresAt ??
          'From the next day the item counts as pending again'
        }
      />
    </FormDialog>
  );
}

/** Leaving hypercare: the reason is required when the window is not over. */
export function MoveReasonDialog(props: {
  open: boolean;
  title: string;
  hint: string;
  required: boolean;
  onClose: () => void;
  onSave: (reason: string | undefined) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const save = useSaveState(['reason']);
  if (!props.open) return null;
  const submit = () =>
    save.run(() => props.onSave(reason.trim() || undefined), {
      fields:
        props.required && !reason.trim()
          ? { reason: 'A reason is required to exit hypercare early' }
          : {},
    });
  return (
    <FormDialog
      open
      title={props.title}
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.saving}
      formError={save.errors.form}
      submitLabel="Move"
    >
      <Typography variant="body2" paragraph>
        {props.hint}
      </Typography>
      <TextField
        id="pmo-move-reason"
        label="Reason"
        required={props.required}
        fullWidth
        multiline
        minRows={2}
        value={reason}
        onChange={e => setReason(e.target.value)}
        error={Boolean(save.errors.fields.reason)}
        helperText={save.errors.fields.reason}
      />
    </FormDialog>
  );
}
