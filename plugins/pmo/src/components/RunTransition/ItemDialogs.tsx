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
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  checkTransitionItemPatch,
  type TransitionItem,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { todayIso } from '../common/format';
import { FormDialog } from '../forms/FormDialog';
import { textOr } from '../forms/formValues';
import { DATE_INPUT, useFormFields } from '../forms/useFormFields';
import { useSaveState } from '../forms/useSaveState';

type Patch = Omit<UpdateTransitionItemRequest, 'version'>;

/** Props of the done and waive dialogs; no `item`: closed. */
interface ItemDialogProps {
  item?: TransitionItem;
  onClose: () => void;
  onSave: (patch: Patch) => Promise<void>;
  onReload?: () => void;
}

/**
 * The form of a checklist item update: the client rules are the server's
 * (`checkTransitionItemPatch` of pmo-common), and the backend's 400 shows
 * on the field it names.
 */
function useItemForm<V extends object>(
  props: ItemDialogProps,
  options: {
    valuesOf: (item?: TransitionItem) => V;
    patchOf: (values: V) => Patch;
    shownFields: string[];
  },
) {
  const form = useFormFields({
    open: Boolean(props.item),
    initial: props.item,
    valuesOf: options.valuesOf,
    idPrefix: 'pmo-item',
    shownFields: options.shownFields,
    validate: (values, item) =>
      item
        ? checkTransitionItemPatch(item, options.patchOf(values), todayIso())
        : {},
    save: values => props.onSave(options.patchOf(values)),
  });
  return {
    ...form,
    /** A text input with its error, or `hint` while it has none. */
    input: (key: Parameters<typeof form.field>[0], hint?: string) => {
      const field = form.field(key);
      return { ...field, helperText: field.helperText ?? hint };
    },
    dialogProps: {
      ...form.dialogProps,
      open: true,
      onClose: props.onClose,
      onReload: props.onReload,
    },
  };
}

/** Module-level: the form restarts only when another item is opened. */
const doneValuesOf = (item?: TransitionItem) => ({
  evidenceUrl: item?.evidenceUrl ?? '',
  expiresAt: '',
  note: item?.note ?? '',
});

const donePatchOf = (v: ReturnType<typeof doneValuesOf>): Patch => ({
  status: 'done',
  evidenceUrl: textOr(v.evidenceUrl, null),
  expiresAt: textOr(v.expiresAt, null),
  note: textOr(v.note, null),
  waiverReason: null,
});

/**
 * "Mark done" with the evidence link and an optional expiry (the last day
 * the evidence counts, e.g. a DR test valid for a year).
 */
export function DoneDialog(props: ItemDialogProps) {
  const form = useItemForm(props, {
    valuesOf: doneValuesOf,
    patchOf: donePatchOf,
    shownFields: ['evidenceUrl', 'expiresAt', 'note'],
  });
  const { item } = props;
  if (!item) return null;
  return (
    <FormDialog
      title={`Mark done: ${item.title}`}
      {...form.dialogProps}
      submitLabel="Save"
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        {item.description}
      </Typography>
      <TextField
        {...form.input(
          'evidenceUrl',
          'Link to the runbook page, dashboard, test report...',
        )}
        label="Evidence URL"
        placeholder="https://wiki.example.com/runbooks/..."
        required={item.evidenceRequired}
      />
      <TextField
        {...form.input(
          'expiresAt',
          'Optional: the last day the evidence counts',
        )}
        {...DATE_INPUT}
        label="Evidence expires on"
      />
      <TextField {...form.input('note')} label="Note" multiline minRows={2} />
    </FormDialog>
  );
}

const waiveValuesOf = (item?: TransitionItem) => ({
  waiverReason: item?.waiverReason ?? '',
  expiresAt: '',
});

const waivePatchOf = (v: ReturnType<typeof waiveValuesOf>): Patch => ({
  status: 'waived',
  waiverReason: v.waiverReason.trim(),
  expiresAt: v.expiresAt,
});

/**
 * Waiver with the mandatory reason and expiry. The backend records the
 * waiver as a RAID risk on the linked project, owned by the run team.
 */
export function WaiveDialog(
  props: ItemDialogProps & {
    projectKey?: string;
    /** A project the user cannot read is linked (its key is not shown). */
    projectHidden?: boolean;
  },
) {
  const form = useItemForm(props, {
    valuesOf: waiveValuesOf,
    patchOf: waivePatchOf,
    shownFields: ['waiverReason', 'expiresAt'],
  });
  const { item } = props;
  if (!item) return null;
  return (
    <FormDialog
      title={`Waive: ${item.title}`}
      {...form.dialogProps}
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
        {...form.input(
          'waiverReason',
          'Why the item can be accepted without it, and the plan to close it',
        )}
        label="Reason"
        required
        multiline
        minRows={2}
      />
      <TextField
        {...form.input(
          'expiresAt',
          'From the next day the item counts as pending again',
        )}
        {...DATE_INPUT}
        label="Waiver expires on"
        required
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
