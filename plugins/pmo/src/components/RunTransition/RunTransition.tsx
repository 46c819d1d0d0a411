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

import { useEffect, useState, type ReactNode } from 'react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EDITABLE_TRANSITION_STATES,
  TRANSITION_MOVES,
  TRANSITION_STATES,
  daysBetween,
  pmoTransitionSignOffPermission,
  pmoTransitionUpdatePermission,
  type SignOffRole,
  type TransitionItem,
  type TransitionState,
  type TransitionView,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import {
  isConflict,
  isForbidden,
  isNotFound,
  serverErrorMessage,
} from '../common/errors';
import { humanize, todayIso } from '../common/format';
import { Guarded } from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { ChecklistTable, type ItemAction } from './ChecklistTable';
import { DoneDialog, MoveReasonDialog, WaiveDialog } from './ItemDialogs';
import { SignOffPanel } from './SignOffPanel';
import {
  MismatchFlag,
  ReadinessBar,
  TransitionStateChip,
  mismatchReason,
  stateLabel,
} from './TransitionChips';

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

type Notice = { severity: 'success' | 'info' | 'error'; text: ReactNode };

/** Label of the button that moves to `target` from `from`. */
export function moveLabel(from: TransitionState, target: TransitionState) {
  const back =
    TRANSITION_STATES.indexOf(target) < TRANSITION_STATES.indexOf(from);
  return `${back ? 'Back to' : 'Move to'} ${stateLabel(target)}`;
}

function actionError(e: unknown, what: string): string {
  if (isForbidden(e)) {
    return `You do not have permission to ${what}: ${serverErrorMessage(e)}`;
  }
  return serverErrorMessage(e);
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={6} sm={4} md={2}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

/**
 * Run transition of one entity: state stepper with the allowed moves,
 * readiness, checklist with evidence and waivers, and the two sign-offs.
 * Refused moves show the backend's reason (409).
 */
export function RunTransitionSection(props: {
  entityRef: string;
  /** Linked project keys, to suggest one when starting. */
  projectKeys?: string[];
}) {
  const { entityRef } = props;
  const api = useApi(pmoApiRef);
  const links = usePmoLinks();
  const classes = useStyles();
  const canUpdate = usePermission({
    permission: pmoTransitionUpdatePermission,
  });
  const canSignOff = usePermission({
    permission: pmoTransitionSignOffPermission,
  });

  const loaded = useAsyncRetry(async (): Promise<TransitionView | null> => {
    try {
      return await api.getTransition(entityRef);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }, [api, entityRef]);

  const [view, setView] = useState<TransitionView | null>();
  useEffect(() => {
    if (loaded.value !== undefined) setView(loaded.value);
  }, [loaded.value]);

  const [notice, setNotice] = useState<Notice>();
  const [moveError, setMoveError] = useState<string>();
  const [moving, setMoving] = useState<TransitionState>();
  const [exitDialog, setExitDialog] = useState(false);
  const [dialog, setDialog] = useState<{
    kind: 'done' | 'waive';
    item: TransitionItem;
  }>();
  const [busyKey, setBusyKey] = useState<string>();

  if (loaded.error) return <PmoErrorPanel error={loaded.error} />;
  if (view === undefined) return <Progress />;

  if (view === null) {
    return (
      <StartTransition
        entityRef={entityRef}
        projectKeys={props.projectKeys ?? []}
        canUpdate={canUpdate}
        onStarted={setView}
      />
    );
  }

  const today = todayIso();
  const editable = EDITABLE_TRANSITION_STATES.includes(view.state);
  const activeStep = TRANSITION_STATES.indexOf(view.state);
  const hypercareOver =
    view.hypercareEnd !== undefined &&
    daysBetween(view.hypercareEnd, today) > 0;

  const move = async (target: TransitionState, reason?: string) => {
    setMoving(target);
    setMoveError(undefined);
    setNotice(undefined);
    try {
      setView(
        await api.moveTransition(entityRef, {
          target,
          reason,
          version: view.version,
        }),
      );
      setNotice({
        severity: 'success',
        text: `Moved to ${stateLabel(target)}`,
      });
    } catch (e) {
      const message = actionError(e, 'move this transition');
      setMoveError(
        isConflict(e) ? `Move refused: ${message}` : `Move failed: ${message}`,
      );
      // A dialog shows its own error; rethrow so it stays open.
      if (reason !== undefined) throw e;
    } finally {
      setMoving(undefined);
    }
  };

  const patchItem = async (
    item: TransitionItem,
    patch: Omit<UpdateTransitionItemRequest, 'version'>,
  ) => {
    const result = await api.updateTransitionItem(entityRef, item.key, {
      ...patch,
      version: view.version,
    });
    const { revokedSignOffs, ...next } = result;
    setView(next);
    const texts: ReactNode[] = [];
    const updated = next.items.find(i => i.key === item.key);
    if (patch.status === 'waived') {
      texts.push(
        <span key="w">
          Waived “{item.title}”.{' '}
          {updated?.raidId ? (
            <>
              Risk <strong>{updated.raidId}</strong> was added to the RAID log
              of{' '}
              {next.projectKey && links.project ? (
                <Link to={links.project(next.projectKey)}>
                  {next.projectKey}
                </Link>
              ) : (
                next.projectKey
              )}
              .
            </>
          ) : null}
        </span>,
      );
    } else {
      texts.push(
        <span key="s">
          “{item.title}” is now{' '}
          {humanize(patch.status ?? updated?.status ?? '')}.
        </span>,
      );
    }
    if (revokedSignOffs && revokedSignOffs.length > 0) {
      texts.push(
        <span key="r">
          {' '}
          This change revoked the{' '}
          {revokedSignOffs.map(s => s.role).join(' and ')} sign-off.
        </span>,
      );
    }
    setNotice({ severity: 'success', text: texts });
  };

  const quickAction = async (item: TransitionItem, action: ItemAction) => {
    if (action === 'done' || action === 'waive') {
      setDialog({ kind: action, item });
      return;
    }
    setBusyKey(item.key);
    setNotice(undefined);
    try {
      await patchItem(
        item,
        action === 'pending'
          ? { status: 'pending', expiresAt: null, waiverReason: null }
          : { status: 'not_applicable', expiresAt: null, waiverReason: null },
      );
    } catch (e) {
      setNotice({
        severity: 'error',
        text: actionError(e, 'update this checklist'),
      });
    } finally {
      setBusyKey(undefined);
    }
  };

  const moves = TRANSITION_MOVES[view.state] ?? [];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <span>Run transition</span>
              <TransitionStateChip state={view.state} />
              {view.lifecycleMismatch && (
                <MismatchFlag
                  lifecycle={view.lifecycle}
                  reason={mismatchReason(view.lifecycle, view.state)}
                />
              )}
            </Box>
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
                <Step
                  key={s}
                  completed={i < activeStep || view.state === 'run'}
                >
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
                <Fact label="Tier">{humanize(view.tier)}</Fact>
                <Fact label="Template">
                  {view.templateId} v{view.templateVersion}
                </Fact>
                <Fact label="Project">
                  {view.projectKey && links.project ? (
                    <Link to={links.project(view.projectKey)}>
                      {view.projectKey}
                    </Link>
                  ) : (
                    view.projectKey ?? '—'
                  )}
                </Fact>
                <Fact label="Target date">{view.targetDate ?? '—'}</Fact>
                <Fact label="Lifecycle">{view.lifecycle ?? '—'}</Fact>
                {view.hypercareEnd && (
                  <Fact label="Hypercare">
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

          <Box
            mt={2}
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
          >
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
                  onClick={() =>
                    target === 'run' ? setExitDialog(true) : move(target)
                  }
                >
                  {moveLabel(view.state, target)}
                </Button>
              </Guarded>
            ))}
          </Box>
          {moveError && (
            <Alert
              severity="error"
              role="alert"
              style={{ marginTop: 8 }}
              onClose={() => setMoveError(undefined)}
            >
              {moveError}
            </Alert>
          )}
        </InfoCard>
      </Grid>

      <Grid item xs={12}>
        <InfoCard
          title="Sign-offs"
          subheader="Both are needed to accept the service into Run; changing a required item revokes them"
        >
          <SignOffPanel
            view={view}
            canSignOff={canSignOff}
            onSign={async (role: SignOffRole) =>
              setView(
                await api.signOffTransition(entityRef, role, view.version),
              )
            }
            onRevoke={async (role: SignOffRole) =>
              setView(await api.revokeTransitionSignOff(entityRef, role))
            }
          />
        </InfoCard>
      </Grid>

      <Grid item xs={12}>
        <InfoCard
          title="Readiness checklist"
          subheader={
            editable
              ? 'Mark items done with evidence, waive them with a reason and expiry, or mark optional ones not applicable'
              : 'Frozen since the service was accepted'
          }
        >
          {notice && (
            <Alert
              severity={notice.severity}
              role={notice.severity === 'error' ? 'alert' : 'status'}
              style={{ marginBottom: 8 }}
              onClose={() => setNotice(undefined)}
            >
              {notice.text}
            </Alert>
          )}
          <ChecklistTable
            items={view.items}
            today={today}
            editable={editable}
            canUpdate={canUpdate}
            busyKey={busyKey}
            onAction={quickAction}
            projectKey={view.projectKey}
            projectLink={links.project}
          />
        </InfoCard>
      </Grid>

      <DoneDialog
        item={dialog?.kind === 'done' ? dialog.item : undefined}
        onClose={() => setDialog(undefined)}
        onReload={() => {
          setDialog(undefined);
          loaded.retry();
        }}
        onSave={async patch => {
          await patchItem(dialog!.item, patch);
          setDialog(undefined);
        }}
      />
      <WaiveDialog
        item={dialog?.kind === 'waive' ? dialog.item : undefined}
        projectKey={view.projectKey}
        onClose={() => setDialog(undefined)}
        onReload={() => {
          setDialog(undefined);
          loaded.retry();
        }}
        onSave={async patch => {
          await patchItem(dialog!.item, patch);
          setDialog(undefined);
        }}
      />
      <MoveReasonDialog
        open={exitDialog}
        title="Move to Run"
        required={!hypercareOver}
        hint={
          hypercareOver
            ? 'The hypercare window is over. Optionally add a note for the history.'
            : `The hypercare window runs until ${
                view.hypercareEnd ?? 'an unknown date'
              }. Give the reason to hand over to Run early.`
        }
        onClose={() => setExitDialog(false)}
        onSave={async reason => {
          await move('run', reason ?? '');
          setExitDialog(false);
        }}
      />
    </Grid>
  );
}

/** No transition yet: start one, optionally attached to a project. */
function StartTransition(props: {
  entityRef: string;
  projectKeys: string[];
  canUpdate: { allowed: boolean; loading: boolean };
  onStarted: (view: TransitionView) => void;
}) {
  const api = useApi(pmoApiRef);
  const [projectKey, setProjectKey] = useState(props.projectKeys[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const key = projectKey.trim().toUpperCase();
      props.onStarted(
        await api.putTransition(
          props.entityRef,
          key ? { projectKey: key } : {},
        ),
      );
    } catch (e) {
      setError(actionError(e, 'start a run transition'));
    } finally {
      setBusy(false);
    }
  };

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
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 8 }}
      >
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
            onClick={start}
          >
            Start transition
          </Button>
        </Guarded>
      </Box>
    </InfoCard>
  );
}
