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
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  baselineAsOf,
  slipAgainstBaseline,
  type CreateRebaselineRequest,
  type Milestone,
  type Rebaseline,
  type RebaselineDecisionRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectRebaselines } from '../../api';
import { OwnerRef } from '../common/EntityRefs';
import { slipLabel } from '../common/format';
import { Guarded, type Allowed } from '../common/permissions';
import {
  RebaselineDecisionDialog,
  RebaselineRequestDialog,
} from './RebaselineDialogs';

const STATUS_LABELS = {
  pending: 'Pending approval',
  rejected: 'Rejected',
  approved: 'Approved',
};

/** "Approved (baseline 2)", "Rejected", "Pending approval". */
const statusLabel = (r: Rebaseline) =>
  r.status === 'approved'
    ? `Approved (baseline ${r.baselineNumber})`
    : STATUS_LABELS[r.status];

const slip = (days: number | undefined) =>
  days === undefined ? '—' : slipLabel(days);

/**
 * Baselines of a project: slip of each milestone against the current and
 * the original baseline, the re-baseline requests with their decisions,
 * and the request / approve actions.
 */
export function RebaselinePanel(props: {
  milestones: Milestone[];
  data: ProjectRebaselines;
  canRequest: Allowed;
  canApprove: Allowed;
  request: (request: CreateRebaselineRequest) => Promise<unknown>;
  decide: (id: string, request: RebaselineDecisionRequest) => Promise<unknown>;
  onChanged: () => void;
}) {
  const { data, milestones } = props;
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<Rebaseline>();
  const current = data.baselineNumber;
  const dated = milestones.filter(m => m.baselineDate);
  const done = () => {
    setRequesting(false);
    setDeciding(undefined);
    props.onChanged();
  };

  return (
    <>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <Typography variant="body2">
          {current
            ? `Baseline ${current} (re-baselined ${current} time${
                current > 1 ? 's' : ''
              }); slip shown against it and the original (0).`
            : 'On the original baseline.'}
        </Typography>
        {current > 0 && <Chip size="small" label="Re-baselined" />}
        <Box flexGrow={1} />
        <Guarded
          permission={props.canRequest}
          reason="You may not change the plan of this project"
        >
          <Button
            size="small"
            variant="outlined"
            disabled={!dated.length}
            onClick={() => setRequesting(true)}
          >
            Request re-baseline
          </Button>
        </Guarded>
      </Box>
      {dated.length ? (
        <Table size="small" aria-label="Slip against baselines">
          <TableHead>
            <TableRow>
              <TableCell>Milestone</TableCell>
              <TableCell>Original baseline</TableCell>
              <TableCell>Current baseline</TableCell>
              <TableCell>Forecast / actual</TableCell>
              <TableCell>Slip vs current</TableCell>
              <TableCell>Slip vs original</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {dated.map(m => {
              const kept = data.baselines.filter(b => b.milestoneId === m.id);
              return (
                <TableRow key={m.id}>
                  <TableCell>{m.title}</TableCell>
                  <TableCell>{baselineAsOf(kept, 0, m.baselineDate)}</TableCell>
                  <TableCell>{m.baselineDate}</TableCell>
                  <TableCell>{m.actualDate ?? m.forecastDate ?? '—'}</TableCell>
                  <TableCell>
                    {slip(slipAgainstBaseline(m, kept, current))}
                  </TableCell>
                  <TableCell>{slip(slipAgainstBaseline(m, kept, 0))}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No milestone has a baseline date yet.
        </Typography>
      )}
      {data.items.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Re-baseline requests</Typography>
          <Table size="small" aria-label="Re-baseline requests">
            <TableBody>
              {data.items.map(r => (
                <TableRow key={r.id}>
                  <TableCell>
                    <Chip
                      size="small"
                      label={statusLabel(r)}
                      color={r.status === 'approved' ? 'primary' : 'default'}
                    />
                  </TableCell>
                  <TableCell>
                    {r.reason}
                    <Typography variant="caption" display="block">
                      {r.changes.length} milestone(s), requested by{' '}
                      <OwnerRef value={r.requestedBy} plain />{' '}
                      {r.requestedAt.slice(0, 10)}
                      {r.decidedBy && (
                        <>
                          {' '}
                          · decided by <OwnerRef
                            value={r.decidedBy}
                            plain
                          />: {r.decisionReason}
                        </>
                      )}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    {r.status === 'pending' && (
                      <Guarded
                        permission={props.canApprove}
                        reason="Only the sponsor or the PMO approves re-baselines"
                      >
                        <Button
                          size="small"
                          variant="outlined"
                          onClick={() => setDeciding(r)}
                        >
                          Approve / reject
                        </Button>
                      </Guarded>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {requesting && (
        <RebaselineRequestDialog
          milestones={milestones}
          submit={props.request}
          onClose={() => setRequesting(false)}
          onDone={done}
        />
      )}
      {deciding && (
        <RebaselineDecisionDialog
          rebaseline={deciding}
          submit={props.decide}
          onClose={() => setDeciding(undefined)}
          onDone={done}
        />
      )}
    </>
  );
}
