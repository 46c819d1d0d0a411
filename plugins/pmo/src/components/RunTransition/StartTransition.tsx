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
import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useAction } from '../../hooks';
import { Guarded } from '../common/permissions';
import { actionError } from './actionError';
import { FlexRow } from '../common/FlexRow';

/** No transition yet: start one, optionally attached to a project. */
export function StartTransition(props: {
  projectKeys: string[];
  canUpdate: { allowed: boolean; loading: boolean };
  /** Starts the transition, attached to the project key if one is given. */
  onStart: (projectKey: string) => Promise<void>;
}) {
  const [projectKey, setProjectKey] = useState(props.projectKeys[0] ?? '');
  const { busy, error, run } = useAction(
    () => props.onStart(projectKey),
    e => actionError(e, 'start a run transition'),
  );

  return (
    <InfoCard
      title="Run transition"
      subheader="Operational readiness and hand-over to the run team"
    >
      <Typography variant="body2" paragraph>
        No run transition has been started for this entity. Starting one creates
        the readiness checklist for its service tier (runbook, monitoring,
        backup and restore, support model...) and tracks the delivery and run
        sign-offs up to acceptance into Run.
      </Typography>
      {error && (
        <Alert severity="error" role="alert" style={{ marginBottom: 8 }}>
          {error}
        </Alert>
      )}
      <FlexRow>
        <TextField
          id="pmo-transition-project"
          label="Project key"
          size="small"
          variant="outlined"
          value={projectKey}
          onChange={e => setProjectKey(e.target.value)}
          helperText={
            props.projectKeys.length > 0
              ? `Optional; linked: ${props.projectKeys.join(', ')}`
              : 'Optional; needed to record waivers as RAID risks'
          }
        />
        <Guarded
          permission={props.canUpdate}
          reason="You do not have permission to start run transitions"
        >
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() => run()}
          >
            Start transition
          </Button>
        </Guarded>
      </FlexRow>
    </InfoCard>
  );
}
