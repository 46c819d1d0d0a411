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

import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  EDITABLE_TRANSITION_STATES,
  TRANSITION_MOVES,
  TRANSITION_STATES,
  daysBetween,
  type TransitionState,
  type TransitionView,
} from '@infra-pmo/plugin-pmo-common';
import { Fact } from '../common/Fact';
import { humanize } from '../common/format';
import { Guarded, type Allowed } from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import {
  TransitionMismatchFlag,
  ReadinessBar,
  TransitionStateChip,
  mismatchReason,
  stateLabel,
} from './TransitionChips';
import { FlexRow } from '../common/FlexRow';

const useStyles = makeStyles(theme => ({
  stepper: { overflowX: 'auto' },
  stepperInner: { minWidth: 640, padding: theme.spacing(2, 0) },
  label: {
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    fontWeight: 600,
    color: theme.palette.text.secondary,
  },
}));

/** Label of the button that moves to `target` from `from`. */
export function moveLabel(from: TransitionState, target: TransitionState) {
  const back =
    TRANSITION_STATES.indexOf(target) < TRANSITION_STATES.indexOf(from);
  return `${back ? 'Back to' : 'Move to'} ${stateLabel(target)}`;
}

/**
 * The state of a run transition: stepper, readiness, facts (a linked
 * project the user cannot read shows as hidden), what blocks acceptance
 * and the allowed moves. A refused move's reason is shown below them.
 */
export function TransitionOverview(props: {
  view: TransitionView;
  today: string;
  canUpdate: Allowed;
  /** The target of the move in flight. */
  moving?: TransitionState;
  moveError?: string;
  onMove: (target: TransitionState) => void;
  onDismissError: () => void;
}) {
  const { view, canUpdate, moving, moveError } = props;
  const classes = useStyles();
  const links = usePmoLinks();
  const editable = EDITABLE_TRANSITION_STATES.includes(view.state);
  const activeStep = TRANSITION_STATES.indexOf(view.state);
  const hypercareOver =
    view.hypercareEnd !== undefined &&
    daysBetween(view.hypercareEnd, props.today) > 0;
  const moves = TRANSITION_MOVES[view.state] ?? [];

  return (
    <InfoCard
      title={
        <FlexRow>
          <span>Run transition</span>
          <TransitionStateChip state={view.state} />
          <TransitionMismatchFlag
            mismatch={view.lifecycleMismatch}
            lifecycle={view.lifecycle}
            state={view.state}
            mt={0}
          />
        </FlexRow>
      }
      subheader="Operational readiness and hand-over to the run team"
    >
      <Box className={classes.stepper}>
        <Stepper
          activeStep={activeStep}
          alternativeLabel
          className={classes.stepperInner}
          aria-label="Transition states"
        >
          {TRANSITION_STATES.map((s, i) => (
            <Step key={s} completed={i < activeStep || view.state === 'run'}>
              <StepLabel>
                {stateLabel(s)}
                {s === view.state && (
                  <Typography variant="srOnly"> (current)</Typography>
                )}
              </StepLabel>
            </Step>
          ))}
        </Stepper>
      </Box>

      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <Typography className={classes.label}>Readiness</Typography>
          <ReadinessBar percent={view.readinessPercent} />
        </Grid>
        <Grid item xs={12} md={8}>
          <Grid container spacing={2}>
            <Fact md={2} label="Tier">
              {humanize(view.tier)}
            </Fact>
            <Fact md={2} label="Template">
              {view.templateId} v{view.templateVersion}
            </Fact>
            <Fact md={2} label="Project">
              {view.projectHidden && (
                <em title="A project you do not have access to is linked">
                  Hidden
                </em>
              )}
              {!view.projectHidden &&
                (view.projectKey && links.project ? (
                  <Link to={links.project(view.projectKey)}>
                    {view.projectKey}
                  </Link>
                ) : (
                  view.projectKey ?? '—'
                ))}
            </Fact>
            <Fact md={2} label="Target date">
              {view.targetDate ?? '—'}
            </Fact>
            <Fact md={2} label="Lifecycle">
              {view.lifecycle ?? '—'}
            </Fact>
            {view.hypercareEnd && (
              <Fact md={2} label="Hypercare">
                {view.hypercareStart ?? '?'} → {view.hypercareEnd}
              </Fact>
            )}
          </Grid>
        </Grid>
      </Grid>

      {view.state === 'hypercare' && view.hypercareEnd && (
        <Alert severity="info" style={{ marginTop: 16 }}>
          {hypercareOver
            ? `The hypercare window ended on ${view.hypercareEnd}; the service can move to Run.`
            : `Hypercare (early-life support) until ${view.hypercareEnd}. Leaving earlier needs a reason.`}
        </Alert>
      )}
      {view.lifecycleMismatch && (
        <Alert severity="warning" style={{ marginTop: 16 }}>
          {mismatchReason(view.lifecycle, view.state)}. Update the entity's{' '}
          <code>spec.lifecycle</code> or the transition.
        </Alert>
      )}
      {editable && view.blocking.length > 0 && (
        <Box mt={2}>
          <Typography className={classes.label}>
            Blocking acceptance ({view.blocking.length})
          </Typography>
          <Typography variant="body2">
            {view.blocking.map(b => `${b.title} ${b.problem}`).join(' · ')}
          </Typography>
        </Box>
      )}

      <FlexRow mt={2}>
        {moves.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            The service is in Run: the transition is complete.
          </Typography>
        )}
        {moves.map(target => (
          <Guarded
            key={target}
            permission={canUpdate}
            reason="You do not have permission to update run transitions"
          >
            <Button
              variant={
                TRANSITION_STATES.indexOf(target) > activeStep
                  ? 'contained'
                  : 'outlined'
              }
              color="primary"
              disabled={moving !== undefined}
              onClick={() => props.onMove(target)}
            >
              {moveLabel(view.state, target)}
            </Button>
          </Guarded>
        ))}
      </FlexRow>
      {moveError && (
        <Alert
          severity="error"
          role="alert"
          style={{ marginTop: 8 }}
          onClose={props.onDismissError}
        >
          {moveError}
        </Alert>
      )}
    </InfoCard>
  );
}
