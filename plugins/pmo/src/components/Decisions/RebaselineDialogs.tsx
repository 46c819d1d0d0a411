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
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  isIsoDate,
  pmoValidationMessages as messages,
  rebaselineChangesProblem,
  type CreateRebaselineRequest,
  type Milestone,
  type Rebaseline,
  type RebaselineDecisionRequest,
} from '@infra-pmo/plugin-pmo-common';
import { useCheckedAction } from '../../hooks';
import { serverErrorMessage } from '../common/errors';
import { FormDialog } from '../forms/FormDialog';
import { ReasonField } from './ReasonField';

/**
 * Requests new baseline dates: a reason and a proposed date per milestone
 * (pre-filled with the current baseline; only changed dates are sent).
 * Nothing moves until the sponsor or the PMO approves.
 */
export function RebaselineRequestDialog(props: {
  milestones: Milestone[];
  onClose: () => void;
  onDone: () => void;
  submit: (request: CreateRebaselineRequest) => Promise<unknown>;
}) {
  const baselined = props.milestones.filter(m => m.baselineDate);
  const [reason, setReason] = useState('');
  const [dates, setDates] = useState<Record<string, string>>(() =>
    Object.fromEntries(baselined.map(m => [m.id, m.baselineDate!])),
  );
  const save = useCheckedAction(props.submit, serverErrorMessage);

  const submit = async () => {
    const changes = baselined
      .filter(m => dates[m.id] !== m.baselineDate)
      .map(m => ({ milestoneId: m.id, baselineDate: dates[m.id] }));
    const badDate = changes.find(c => !isIsoDate(c.baselineDate));
    const invalid = !reason.trim()
      ? `Reason ${messages.required}`
      : (badDate && `Baseline date ${messages.isoDate}`) ||
        rebaselineChangesProblem(changes);
    if (await save.run(invalid, { reason: reason.trim(), changes })) {
      props.onDone();
    }
  };

  return (
    <FormDialog
      open
      title="Request a re-baseline"
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.busy}
      formError={save.formError}
      submitLabel="Send for approval"
    >
      <ReasonField
        id="pmo-rebaseline-reason"
        label="Reason"
        value={reason}
        onChange={setReason}
      />
      {baselined.map(m => (
        <TextField
          key={m.id}
          margin="dense"
          fullWidth
          type="date"
          id={`pmo-rebaseline-${m.id}`}
          label={`${m.title} (now ${m.baselineDate})`}
          InputLabelProps={{ shrink: true }}
          value={dates[m.id] ?? ''}
          onChange={e => setDates(d => ({ ...d, [m.id]: e.target.value }))}
        />
      ))}
    </FormDialog>
  );
}

/** Approves or rejects a pending re-baseline, with a reason. */
export function RebaselineDecisionDialog(props: {
  rebaseline: Rebaseline;
  onClose: () => void;
  onDone: () => void;
  submit: (id: string, request: RebaselineDecisionRequest) => Promise<unknown>;
}) {
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [reason, setReason] = useState('');
  const save = useCheckedAction(props.submit, serverErrorMessage);
  const submit = async () => {
    const invalid = reason.trim() ? undefined : `Reason ${messages.required}`;
    const ok = await save.run(invalid, props.rebaseline.id, {
      decision,
      reason: reason.trim(),
    });
    if (ok) props.onDone();
  };
  return (
    <FormDialog
      open
      title="Decide the re-baseline"
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.busy}
      formError={save.formError}
      submitLabel={decision === 'approve' ? 'Approve' : 'Reject'}
    >
      <TextField
        select
        fullWidth
        margin="dense"
        id="pmo-rebaseline-decision"
        label="Decision"
        value={decision}
        onChange={e => setDecision(e.target.value as 'approve' | 'reject')}
      >
        <MenuItem value="approve">Approve</MenuItem>
        <MenuItem value="reject">Reject</MenuItem>
      </TextField>
      <ReasonField
        id="pmo-rebaseline-decision-reason"
        label="Reason"
        value={reason}
        onChange={setReason}
      />
    </FormDialog>
  );
}
