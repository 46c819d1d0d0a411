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

import { InfoCard, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  pmoBaselineApprovePermission,
  pmoGateDecidePermission,
  type Milestone,
} from '@infra-pmo/plugin-pmo-common';
import { useProjectDecisions } from '../../hooks';
import type { Allowed } from '../common/permissions';
import { PmoErrorPanel } from '../common/states';
import { GatePanel } from './GatePanel';
import { RebaselinePanel } from './RebaselinePanel';

/**
 * Decisions on record of a project page: the stage-gate panel and the
 * baselines panel, loaded together. A 403 shows the access message.
 */
export function ProjectDecisions(props: {
  projectKey: string;
  milestones: Milestone[];
  canRequestRebaseline: Allowed;
  /** Reloads the project (milestones and RAID change with decisions). */
  onChanged: () => void;
}) {
  const { projectKey } = props;
  const state = useProjectDecisions(projectKey);
  const canDecide = usePermission({
    permission: pmoGateDecidePermission,
    resourceRef: projectKey,
  });
  const canApprove = usePermission({
    permission: pmoBaselineApprovePermission,
    resourceRef: projectKey,
  });
  const changed = () => {
    state.retry();
    props.onChanged();
  };

  let gates;
  let baselines;
  if (state.loading && !state.value) {
    gates = baselines = <Progress />;
  } else if (state.error) {
    gates = baselines = (
      <PmoErrorPanel error={state.error} title="Could not load decisions" />
    );
  } else if (state.value) {
    gates = (
      <GatePanel
        milestones={props.milestones}
        decisions={state.value.gates}
        canDecide={canDecide}
        decide={state.actions.decideGate}
        onDecided={changed}
      />
    );
    baselines = (
      <RebaselinePanel
        milestones={props.milestones}
        data={state.value.rebaselines}
        canRequest={props.canRequestRebaseline}
        canApprove={canApprove}
        request={state.actions.requestRebaseline}
        decide={state.actions.decideRebaseline}
        onChanged={changed}
      />
    );
  }
  return (
    <>
      <Grid item xs={12}>
        <InfoCard
          title="Stage gates"
          subheader="Go / no-go decisions on record"
        >
          {gates}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Baselines"
          subheader="Slip against the current and the original baseline"
        >
          {baselines}
        </InfoCard>
      </Grid>
    </>
  );
}
