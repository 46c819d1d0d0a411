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

import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import {
  lifecycleMismatchReason,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';

/** Display names of the transition states. */
export const TRANSITION_STATE_LABELS: Record<TransitionState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  ready_for_review: 'Ready for review',
  accepted: 'Accepted',
  hypercare: 'Hypercare',
  run: 'Run',
};

/** Label of a state, tolerating values added by a newer backend. */
export function stateLabel(state: string): string {
  return TRANSITION_STATE_LABELS[state as TransitionState] ?? state;
}

const STATE_COLORS: Record<TransitionState, { bg: string; fg: string }> = {
  not_started: { bg: '#eceff1', fg: '#37474f' },
  in_progress: { bg: '#e3f2fd', fg: '#0d47a1' },
  ready_for_review: { bg: '#fff8e1', fg: '#8d6e00' },
  accepted: { bg: '#e8f5e9', fg: '#1b5e20' },
  hypercare: { bg: '#f3e5f5', fg: '#4a148c' },
  run: { bg: '#c8e6c9', fg: '#1b5e20' },
};

/** Chip with the state of a run transition. */
export function TransitionStateChip(props: {
  state: TransitionState;
  prefix?: string;
  size?: 'small' | 'medium';
}) {
  const colors = STATE_COLORS[props.state] ?? STATE_COLORS.not_started;
  const label = stateLabel(props.state);
  return (
    <Chip
      size={props.size ?? 'small'}
      label={props.prefix ? `${props.prefix}: ${label}` : label}
      style={{ background: colors.bg, color: colors.fg, fontWeight: 600 }}
    />
  );
}

/** Readiness as a labelled progress bar. */
export function ReadinessBar(props: { percent: number; dense?: boolean }) {
  const percent = Math.max(0, Math.min(100, Math.round(props.percent)));
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Box flexGrow={1} minWidth={props.dense ? 48 : 120}>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={`Readiness ${percent}%`}
        />
      </Box>
      <Typography
        variant={props.dense ? 'caption' : 'body2'}
        style={{ whiteSpace: 'nowrap' }}
      >
        {props.dense ? `${percent}%` : `Readiness ${percent}%`}
      </Typography>
    </Box>
  );
}

/** Warning marker for a catalog lifecycle that contradicts the state. */
export function MismatchFlag(props: { lifecycle?: string; reason?: string }) {
  const text =
    props.reason ??
    `Catalog lifecycle "${
      props.lifecycle ?? 'unknown'
    }" contradicts the run transition`;
  return (
    <Tooltip title={text}>
      <Chip
        size="small"
        icon={<WarningIcon style={{ color: '#8d6e00' }} />}
        label="Lifecycle mismatch"
        role="img"
        aria-label={`Lifecycle mismatch: ${text}`}
        style={{ background: '#fff3e0', color: '#6d4c00' }}
      />
    </Tooltip>
  );
}

/**
 * The mismatch flag of a transition in `state`, shown only when the
 * catalog lifecycle contradicts it (`mismatch`), with the reason.
 */
export function TransitionMismatchFlag(props: {
  mismatch?: boolean;
  lifecycle?: string;
  state: TransitionState;
  /** Space above the flag (theme spacing): 0.5 under a row by default. */
  mt?: number;
}) {
  if (!props.mismatch) return null;
  return (
    <Box mt={props.mt ?? 0.5}>
      <MismatchFlag
        lifecycle={props.lifecycle}
        reason={mismatchReason(props.lifecycle, props.state)}
      />
    </Box>
  );
}

/** Why a lifecycle contradicts a state: the rule's words, with the state's label. */
export function mismatchReason(
  lifecycle: string | undefined,
  state: TransitionState,
): string {
  return lifecycleMismatchReason(lifecycle ?? 'unset', state, s =>
    stateLabel(s).toLocaleLowerCase('en-US'),
  );
}
