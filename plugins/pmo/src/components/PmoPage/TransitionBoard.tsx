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
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/Check';
import RemoveIcon from '@material-ui/icons/Remove';
import {
  SIGNOFF_ROLES,
  TRANSITION_STATES,
  type TransitionBoardRow,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import { usePortfolio, useTransitionBoard } from '../../hooks';
import { humanize } from '../common/format';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import {
  TransitionMismatchFlag,
  ReadinessBar,
  stateLabel,
} from '../RunTransition/TransitionChips';
import { FlexRow } from '../common/FlexRow';
import { usePortfolioFilters } from './usePortfolioFilters';

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto', paddingBottom: theme.spacing(1) },
  board: {
    display: 'grid',
    gridTemplateColumns: `repeat(${TRANSITION_STATES.length}, minmax(150px, 1fr))`,
    gap: theme.spacing(1),
    minWidth: TRANSITION_STATES.length * 158,
  },
  column: {
    background: theme.palette.background.default,
    padding: theme.spacing(1),
    minHeight: 120,
  },
  columnTitle: {
    fontWeight: 600,
    fontSize: '0.8rem',
    textTransform: 'uppercase',
    color: theme.palette.text.secondary,
    marginBottom: theme.spacing(1),
  },
  card: { marginBottom: theme.spacing(1) },
  cardContent: {
    padding: theme.spacing(1, 1.5),
    '&:last-child': { paddingBottom: theme.spacing(1) },
  },
  mismatch: { borderColor: theme.palette.warning.main, borderWidth: 2 },
  ref: { wordBreak: 'break-word', fontWeight: 600 },
}));

/** A tick or a dash per sign-off role, each named for screen readers. */
function SignOffMarks(props: { signOffs: TransitionBoardRow['signOffs'] }) {
  return (
    <Box display="flex" mt={0.5} style={{ gap: 8 }}>
      {SIGNOFF_ROLES.map(role => {
        const signed = props.signOffs.some(s => s.role === role);
        return (
          <Typography
            key={role}
            variant="caption"
            role="img"
            aria-label={`${humanize(role)} sign-off: ${
              signed ? 'signed' : 'missing'
            }`}
            style={{ display: 'inline-flex', alignItems: 'center' }}
          >
            {signed ? (
              <CheckIcon fontSize="inherit" style={{ color: '#2e7d32' }} />
            ) : (
              <RemoveIcon fontSize="inherit" />
            )}
            {humanize(role)}
          </Typography>
        );
      })}
    </Box>
  );
}

/** Entity ref and the tab of that entity that shows the transition. */
function entityName(ref: string): string {
  const [, name = ref] = ref.split('/');
  return name;
}

function BoardCard(props: { row: TransitionBoardRow }) {
  const classes = useStyles();
  const links = usePmoLinks();
  const { row } = props;
  return (
    <Card
      variant="outlined"
      className={`${classes.card} ${
        row.lifecycleMismatch ? classes.mismatch : ''
      }`}
      data-testid={`board-card-${row.entityRef}`}
    >
      <CardContent className={classes.cardContent}>
        <Typography variant="body2" className={classes.ref}>
          <EntityRefLink
            entityRef={row.entityRef}
            title={entityName(row.entityRef)}
          />
        </Typography>
        <ReadinessBar percent={row.readinessPercent} dense />
        <FlexRow gap={4} mt={0.5}>
          <Chip size="small" label={humanize(row.tier)} />
          {row.projectHidden && (
            <Chip
              size="small"
              variant="outlined"
              label="Project hidden"
              title="A project you do not have access to is linked"
            />
          )}
          {row.projectKey &&
            (links.project ? (
              <Link to={links.project(row.projectKey)}>
                <Chip size="small" clickable label={row.projectKey} />
              </Link>
            ) : (
              <Chip size="small" label={row.projectKey} />
            ))}
        </FlexRow>
        <SignOffMarks signOffs={row.signOffs} />
        {row.hypercareEnd && row.state === 'hypercare' && (
          <Typography variant="caption" component="div">
            Hypercare until {row.hypercareEnd}
          </Typography>
        )}
        <TransitionMismatchFlag
          mismatch={row.lifecycleMismatch}
          lifecycle={row.lifecycle}
          state={row.state}
        />
      </CardContent>
    </Card>
  );
}

/** The column of one state: its title with the count, then its cards. */
function BoardColumn(props: {
  state: TransitionState;
  rows: TransitionBoardRow[];
}) {
  const classes = useStyles();
  const { state, rows } = props;
  return (
    <Paper
      variant="outlined"
      className={classes.column}
      role="listitem"
      aria-label={`${stateLabel(state)}: ${rows.length}`}
    >
      <Typography className={classes.columnTitle} component="h3">
        {stateLabel(state)} ({rows.length})
      </Typography>
      {rows.map(r => (
        <BoardCard key={r.entityRef} row={r} />
      ))}
    </Paper>
  );
}

/**
 * Kanban-style board of run transitions: one column per state, one card
 * per service; services whose catalog lifecycle contradicts the state are
 * flagged and can be listed alone.
 */
export function TransitionBoard() {
  const classes = useStyles();
  const [mismatchOnly, setMismatchOnly] = useState(false);
  const { value, loading, error } = useTransitionBoard(mismatchOnly);

  let body: React.ReactNode;
  if (error) {
    body = (
      <PmoErrorPanel error={error} title="Could not load the transitions" />
    );
  } else if (loading || !value) {
    body = <Progress />;
  } else if (value.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {mismatchOnly
          ? 'No service has a lifecycle that contradicts its transition.'
          : 'No run transition has been started yet. Start one from the PMO tab of a component or resource.'}
      </Typography>
    );
  } else {
    body = (
      <Box className={classes.scroller}>
        <Box
          className={classes.board}
          role="list"
          aria-label="Transition board"
        >
          {TRANSITION_STATES.map(state => (
            <BoardColumn
              key={state}
              state={state}
              rows={value.items.filter(r => r.state === state)}
            />
          ))}
        </Box>
        {value.pageInfo.nextCursor && (
          <Typography variant="caption" color="textSecondary">
            Showing the first {value.items.length} transitions.
          </Typography>
        )}
      </Box>
    );
  }

  return (
    <Box>
      <FormControlLabel
        control={
          <Switch
            checked={mismatchOnly}
            onChange={e => setMismatchOnly(e.target.checked)}
            color="primary"
          />
        }
        label="Lifecycle mismatches only"
      />
      {body}
    </Box>
  );
}

/** Portfolio KPIs of the run transitions: counts by state and mismatches. */
export function TransitionKpis(props: {
  transitions?: {
    byState: Partial<Record<string, number>>;
    mismatches: Array<{
      entityRef: string;
      state: string;
      lifecycle?: string;
      reason: string;
    }>;
  };
}) {
  const classes = useStyles();
  const t = props.transitions;
  if (!t) return null;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography className={classes.columnTitle}>Run transitions</Typography>
        <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
          {TRANSITION_STATES.map(s => (
            <Box key={s} textAlign="center" minWidth={64}>
              <Typography
                variant="h6"
                component="div"
                role="img"
                aria-label={`${stateLabel(s)} transitions: ${
                  t.byState[s] ?? 0
                }`}
              >
                {t.byState[s] ?? 0}
              </Typography>
              <Typography variant="caption">{stateLabel(s)}</Typography>
            </Box>
          ))}
        </Box>
        <Box mt={1}>
          <Typography variant="body2" style={{ fontWeight: 600 }}>
            {t.mismatches.length} lifecycle mismatch
            {t.mismatches.length === 1 ? '' : 'es'}
          </Typography>
          {t.mismatches.slice(0, 5).map(m => (
            <Typography key={m.entityRef} variant="body2">
              <EntityRefLink entityRef={m.entityRef} />: {m.reason}
            </Typography>
          ))}
          {t.mismatches.length > 5 && (
            <Typography variant="caption">
              and {t.mismatches.length - 5} more
            </Typography>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

/**
 * The transition board tab of the PMO page: the transition KPIs of the
 * portfolio (owner and System filters from the URL), then the board.
 */
export function TransitionsView() {
  const { filters } = usePortfolioFilters();
  const portfolio = usePortfolio({
    owner: filters.owner ? [filters.owner] : undefined,
    system: filters.system,
  });
  return (
    <Grid container spacing={3}>
      {portfolio.value?.transitions && (
        <Grid item xs={12}>
          <TransitionKpis transitions={portfolio.value.transitions} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Transition board"
          subheader="Run transitions by state; services whose catalog lifecycle contradicts the state are flagged"
        >
          <TransitionBoard />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
