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
import Typography from '@material-ui/core/Typography';
import {
  pmoValidationMessages as messages,
  type Collision,
} from '@infra-pmo/plugin-pmo-common';
import { useCheckedAction } from '../../hooks';
import { isForbidden, serverErrorMessage } from '../common/errors';
import { FormDialog } from '../forms/FormDialog';
import { ReasonField } from '../Decisions/ReasonField';

/**
 * The CAB's decision on a collision: acknowledged with a reason, which the
 * backend audits and shows on both sides until either side changes.
 */
export function AcknowledgeCollisionDialog(props: {
  collision: Collision;
  onClose: () => void;
  onDone: () => void;
  submit: (id: string, reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const save = useCheckedAction(props.submit, e =>
    isForbidden(e)
      ? 'You may not acknowledge this collision: it needs the right to change the milestones of every project involved.'
      : serverErrorMessage(e),
  );
  const submit = async () => {
    const invalid = reason.trim() ? undefined : `Reason ${messages.required}`;
    if (await save.run(invalid, props.collision.id, reason.trim())) {
      props.onDone();
    }
  };
  return (
    <FormDialog
      open
      title="Acknowledge the collision"
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.busy}
      formError={save.formError}
      submitLabel="Acknowledge"
    >
      <Typography variant="body2" paragraph>
        {props.collision.message}
      </Typography>
      <ReasonField
        id="pmo-collision-reason"
        label="Reason (the CAB's decision)"
        value={reason}
        onChange={setReason}
      />
    </FormDialog>
  );
}
