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
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isWatermelon,
  type ComputedHealth,
  type DeclaredHealth,
  type Health,
  type HealthReason,
  type ProjectPhase,
} from '@infra-pmo/plugin-pmo-common';
import { formatTimestamp, humanize, scoreBand } from './format';
import { OwnerRef } from './EntityRefs';

/** RAG colours, readable on light and dark themes with white/black text. */
export const HEALTH_COLORS: Record<
  Health,
  { background: string; color: string }
> = {
  green: { background: '#2e7d32', color: '#fff' },
  amber: { background: '#f9a825', color: '#000' },
  red: { background: '#c62828', color: '#fff' },
};

const HEALTH_LABEL: Record<Health, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
};

const useStyles = makeStyles(theme => ({
  green: HEALTH_COLORS.green,
  amber: HEALTH_COLORS.amber,
  red: HEALTH_COLORS.red,
  // grey[700] keeps white text at 5.7:1 (grey[500] was 2.7:1).
  unknown: {
    backgroundColor: theme.palette.grey[700],
    color: theme.palette.common.white,
  },
  reasons: { margin: 0, paddingLeft: theme.spacing(2) },
  watermelon: {
    background:
      'linear-gradient(90deg, #2e7d32 0%, #2e7d32 40%, #c62828 60%, #c62828 100%)',
    color: '#fff',
    fontWeight: 600,
  },
}));

function ReasonList(props: { reasons: HealthReason[] }) {
  const classes = useStyles();
  if (props.reasons.length === 0) {
    return <span>No issues found in milestones, RAID or status age</span>;
  }
  return (
    <ul className={classes.reasons}>
      {props.reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          {HEALTH_LABEL[r.severity]}: {r.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * One RAG chip. `tooltip` is rendered as React text (never as HTML) and is
 * what a user sees on hover or keyboard focus.
 */
export function HealthChip(props: {
  health?: Health;
  /** Prefix such as "Declared" or "Computed". */
  label?: string;
  tooltip?: React.ReactNode;
  size?: 'small' | 'medium';
  /** A count shown after the health, e.g. "Red 2" (roll-ups). */
  count?: number;
}) {
  const classes = useStyles();
  const { health, label, tooltip, count } = props;
  const text = `${label ? `${label}: ` : ''}${
    health ? HEALTH_LABEL[health] : 'Not set'
  }${count !== undefined ? ` ${count}` : ''}`;
  const chip = (
    <Chip
      size={props.size ?? 'small'}
      label={text}
      role="img"
      aria-label={text}
      className={health ? classes[health] : classes.unknown}
      // Focusable so that keyboard users get the tooltip too.
      tabIndex={tooltip ? 0 : undefined}
    />
  );
  return tooltip ? <Tooltip title={tooltip}>{chip}</Tooltip> : chip;
}

/** Declared health with its reason, author and date in the tooltip. */
export function DeclaredHealthChip(props: { declared?: DeclaredHealth }) {
  const { declared } = props;
  return (
    <HealthChip
      label="Declared"
      health={declared?.status}
      tooltip={
        declared ? (
          <Box>
            <Typography variant="body2">
              {declared.reason ? declared.reason : 'No reason given'}
            </Typography>
            <Typography variant="caption">
              Set {formatTimestamp(declared.setAt)}
              {declared.setBy && (
                <>
                  {' by '}
                  <OwnerRef value={declared.setBy} plain />
                </>
              )}
            </Typography>
          </Box>
        ) : (
          'The project manager has not declared a status'
        )
      }
    />
  );
}

/** Computed health with the facts that pulled it down in the tooltip. */
export function ComputedHealthChip(props: { computed: ComputedHealth }) {
  return (
    <HealthChip
      label="Computed"
      health={props.computed.status}
      tooltip={<ReasonList reasons={props.computed.reasons} />}
    />
  );
}

/** Flags a project declared better than its facts ("green outside, red inside"). */
export function WatermelonChip(props: { declared: Health; computed: Health }) {
  const classes = useStyles();
  return (
    <Tooltip
      title={`Watermelon: declared ${props.declared} but the facts say ${props.computed}`}
    >
      <Chip
        size="small"
        tabIndex={0}
        className={classes.watermelon}
        label="Watermelon"
        role="img"
        aria-label={`Watermelon: declared ${props.declared}, computed ${props.computed}`}
      />
    </Tooltip>
  );
}

/** Declared + computed chips, and the watermelon flag when it applies. */
export function ProjectHealthChips(props: {
  declared?: DeclaredHealth;
  computed: ComputedHealth;
  /** From the backend when known; else derived with the shared rule. */
  watermelon?: boolean;
}) {
  const { declared, computed } = props;
  const watermelon =
    props.watermelon ?? isWatermelon(declared?.status, computed.status);
  return (
    <Box
      display="inline-flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 4 }}
    >
      <DeclaredHealthChip declared={declared} />
      <ComputedHealthChip computed={computed} />
      {watermelon && declared && (
        <WatermelonChip declared={declared.status} computed={computed.status} />
      )}
    </Box>
  );
}

/** A RAID score (probability x impact) coloured by band. */
export function ScoreChip(props: {
  score: number;
  probability?: number;
  impact?: number;
}) {
  const classes = useStyles();
  const band = scoreBand(props.score);
  const detail =
    props.probability !== undefined && props.impact !== undefined
      ? ` (P${props.probability} x I${props.impact})`
      : '';
  return (
    <Chip
      size="small"
      className={classes[band]}
      label={props.score}
      role="img"
      aria-label={`Score ${props.score}${detail}`}
      title={`Score ${props.score}${detail}`}
    />
  );
}

/** Project phase. */
export function PhaseChip(props: { phase: ProjectPhase }) {
  return <Chip size="small" variant="outlined" label={humanize(props.phase)} />;
}

/**
 * Flags a project whose baseline moved through approved re-baselines: its
 * slip against the current baseline understates the slip against the
 * original (shown on the project page).
 */
export function RebaselinedChip(props: { baselineNumber?: number }) {
  const n = props.baselineNumber ?? 0;
  if (n <= 0) return null;
  return (
    <Tooltip
      title={`Re-baselined ${n} time${
        n > 1 ? 's' : ''
      } with approval; the project page shows the slip against the original baseline`}
    >
      <Chip
        size="small"
        variant="outlined"
        label={n > 1 ? `Re-baselined ×${n}` : 'Re-baselined'}
      />
    </Tooltip>
  );
}
