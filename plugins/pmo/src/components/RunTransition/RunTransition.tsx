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

import { useState, type ReactNode } from 'react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import {
  EDITABLE_TRANSITION_STATES,
  daysBetween,
  pmoTransitionSignOffPermission,
  pmoTransitionUpdatePermission,
  type TransitionItem,
  type TransitionState,
  type UpdateTransitionItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { useTransition } from '../../hooks';
import { isConflict } from '../common/errors';
import { humanize, todayIso } from '../common/format';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { ChecklistTable, type ItemAction } from './ChecklistTable';
import { DoneDialog, MoveReasonDialog, WaiveDialog } from './ItemDialogs';
import { actionError } from './actionError';
import { SignOffPanel } from './SignOffPanel';
import { StartTransition } from './StartTransition';
import { stateLabel } from './TransitionChips';
import { TransitionOverview } from './TransitionOverview';

/** Label of the button that moves to `target` from `from`. */
export { moveLabel } from './TransitionOverview';

type Notice = { severity: 'success' | 'info' | 'error'; text: ReactNode };

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
  const links = usePmoLinks();
  const canUpdate = usePermission({
    permission: pmoTransitionUpdatePermission,
  });
  const canSignOff = usePermission({
    permission: pmoTransitionSignOffPermission,
  });

  const transition = useTransition(entityRef);
  const { view } = transition;

  const [notice, setNotice] = useState<Notice>();
  const [moveError, setMoveError] = useState<string>();
  const [moving, setMoving] = useState<TransitionState>();
  const [exitDialog, setExitDialog] = useState(false);
  const [dialog, setDialog] = useState<{
    kind: 'done' | 'waive';
    item: TransitionItem;
  }>();
  const [busyKey, setBusyKey] = useState<string>();

  if (transition.error) return <PmoErrorPanel error={transition.error} />;
  if (view === undefined) return <Progress />;

  if (view === null) {
    return (
      <StartTransition
        projectKeys={props.projectKeys ?? []}
        canUpdate={canUpdate}
        onStart={transition.start}
      />
    );
  }

  const today = todayIso();
  const editable = EDITABLE_TRANSITION_STATES.includes(view.state);
  const hypercareOver =
    view.hypercareEnd !== undefined &&
    daysBetween(view.hypercareEnd, today) > 0;

  const move = async (target: TransitionState, reason?: string) => {
    setMoving(target);
    setMoveError(undefined);
    setNotice(undefined);
    try {
      await transition.move(target, reason);
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
    const { revokedSignOffs, ...next } = await transition.updateItem(
      item.key,
      patch,
    );
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

  /** Close, reload after a 409, and save of the done and waive dialogs. */
  const itemDialogProps = {
    onClose: () => setDialog(undefined),
    onReload: () => {
      setDialog(undefined);
      transition.reload();
    },
    onSave: async (patch: Omit<UpdateTransitionItemRequest, 'version'>) => {
      await patchItem(dialog!.item, patch);
      setDialog(undefined);
    },
  };

  // What the overview and the checklist both show and check.
  const shown = { view, today, canUpdate };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <TransitionOverview
          {...shown}
          moving={moving}
          moveError={moveError}
          onMove={target =>
            target === 'run' ? setExitDialog(true) : move(target)
          }
          onDismissError={() => setMoveError(undefined)}
        />
      </Grid>

      <Grid item xs={12}>
        <InfoCard
          title="Sign-offs"
          subheader="Both are needed to accept the service into Run; changing a required item revokes them"
        >
          <SignOffPanel
            view={view}
            canSignOff={canSignOff}
            onSign={transition.signOff}
            onRevoke={transition.revokeSignOff}
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
            {...shown}
            editable={editable}
            busyKey={busyKey}
            onAction={quickAction}
          />
        </InfoCard>
      </Grid>

      <DoneDialog
        item={dialog?.kind === 'done' ? dialog.item : undefined}
        {...itemDialogProps}
      />
      <WaiveDialog
        item={dialog?.kind === 'waive' ? dialog.item : undefined}
        projectKey={view.projectKey}
        projectHidden={view.projectHidden}
        {...itemDialogProps}
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
