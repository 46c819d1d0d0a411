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
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  isGatePending,
  type GateDecision,
  type Milestone,
} from '@infra-pmo/plugin-pmo-common';
import { OwnerRef } from '../common/EntityRefs';
import { humanize } from '../common/format';
import { Guarded, type Allowed } from '../common/permissions';
import { GateDecisionDialog } from './GateDecisionDialog';

const DECISION_COLORS: Record<string, 'primary' | 'secondary' | 'default'> = {
  go: 'primary',
  'go-with-conditions': 'primary',
  'no-go': 'secondary',
  deferred: 'default',
};

/**
 * The stage gates of a project: approvers, the latest decision (or
 * "Awaiting decision") and the decisions before it, with a "Decide" action
 * for those allowed (the backend also checks the approvers).
 */
export function GatePanel(props: {
  milestones: Milestone[];
  decisions: GateDecision[];
  canDecide: Allowed;
  decide: Parameters<typeof GateDecisionDialog>[0]['decide'];
  onDecided: () => void;
}) {
  const [deciding, setDeciding] = useState<Milestone>();
  const gates = props.milestones.filter(m => m.gate);
  if (!gates.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No stage gates on this project. Mark a milestone as a gate and name its
        approvers to record go / no-go decisions.
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="Stage gates">
        <TableHead>
          <TableRow>
            <TableCell>Gate</TableCell>
            <TableCell>Approvers</TableCell>
            <TableCell>Decision</TableCell>
            <TableCell>Rationale</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {gates.map(gate => {
            const history = props.decisions.filter(
              d => d.milestoneId === gate.id,
            );
            const latest = history[history.length - 1];
            const pending = isGatePending(gate, history);
            return (
              <TableRow key={gate.id}>
                <TableCell>
                  {gate.title}
                  <Typography variant="caption" display="block">
                    {gate.forecastDate ?? gate.baselineDate ?? 'undated'}
                  </Typography>
                </TableCell>
                <TableCell>
                  {gate.gateApprovers?.length
                    ? gate.gateApprovers.map(a => (
                        <div key={a}>
                          <OwnerRef value={a} />
                        </div>
                      ))
                    : 'none named'}
                </TableCell>
                <TableCell>
                  {latest && (
                    <Chip
                      size="small"
                      color={DECISION_COLORS[latest.decision]}
                      label={humanize(latest.decision)}
                    />
                  )}
                  {pending && (
                    <Chip
                      size="small"
                      variant="outlined"
                      label="Awaiting decision"
                    />
                  )}
                  {history.length > 1 && (
                    <Typography variant="caption" display="block">
                      {history.length} decisions on record
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {latest ? (
                    <>
                      {latest.rationale}
                      <Typography variant="caption" display="block">
                        <OwnerRef value={latest.decidedBy} plain />,{' '}
                        {latest.decidedAt.slice(0, 10)}
                        {latest.conditions.length
                          ? ` · ${latest.conditions.length} condition(s) in RAID`
                          : ''}
                      </Typography>
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell align="right">
                  <Guarded
                    permission={props.canDecide}
                    reason="You may not decide gates of this project"
                  >
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => setDeciding(gate)}
                      aria-label={`Decide ${gate.title}`}
                    >
                      Decide
                    </Button>
                  </Guarded>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {deciding && (
        <GateDecisionDialog
          gate={deciding}
          decide={props.decide}
          onClose={() => setDeciding(undefined)}
          onDecided={() => {
            setDeciding(undefined);
            props.onDecided();
          }}
        />
      )}
    </>
  );
}
