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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import Alert from '@material-ui/lab/Alert';
import {
  SIGNOFF_ROLES,
  type SignOffRole,
  type TransitionView,
} from '@infra-pmo/plugin-pmo-common';
import { isForbidden, serverErrorMessage } from '../common/errors';
import { formatTimestamp } from '../common/format';
import { Guarded, type Allowed } from '../common/permissions';
import { FlexRow } from '../common/FlexRow';

const ROLE_TITLES: Record<SignOffRole, string> = {
  delivery: 'Delivery sign-off',
  run: 'Run sign-off',
};

const ROLE_HINTS: Record<SignOffRole, string> = {
  delivery: 'The delivering project confirms the service is complete.',
  run: 'The run team accepts the service into operations.',
};

/**
 * The two sign-offs that gate acceptance. Only members of the owner group
 * of a role may sign it; the backend enforces that and its 403 message
 * (naming the group) is shown next to the role.
 */
export function SignOffPanel(props: {
  view: TransitionView;
  canSignOff: Allowed;
  onSign: (role: SignOffRole) => Promise<void>;
  onRevoke: (role: SignOffRole) => Promise<void>;
}) {
  const { view } = props;
  const [busy, setBusy] = useState<SignOffRole>();
  const [errors, setErrors] = useState<Partial<Record<SignOffRole, string>>>(
    {},
  );

  const act = async (role: SignOffRole, sign: boolean) => {
    setBusy(role);
    setErrors(prev => ({ ...prev, [role]: undefined }));
    try {
      await (sign ? props.onSign(role) : props.onRevoke(role));
    } catch (e) {
      const message = serverErrorMessage(e);
      setErrors(prev => ({
        ...prev,
        [role]: isForbidden(e)
          ? `You cannot ${sign ? 'give' : 'revoke'} this sign-off: ${message}`
          : message,
      }));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Grid container spacing={2}>
      {SIGNOFF_ROLES.map(role => {
        const owner = role === 'delivery' ? view.deliveryOwner : view.runOwner;
        const signed = view.signOffs.find(s => s.role === role);
        return (
          <Grid item xs={12} md={6} key={role}>
            <Card
              variant="outlined"
              component="section"
              aria-label={ROLE_TITLES[role]}
              style={{ height: '100%' }}
            >
              <CardContent>
                <Typography variant="subtitle2">{ROLE_TITLES[role]}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {ROLE_HINTS[role]}
                </Typography>
                <Typography variant="body2" style={{ marginTop: 8 }}>
                  Signed by a member of{' '}
                  {role === 'delivery' && view.projectHidden && (
                    <em>the owner group of the linked project (hidden)</em>
                  )}
                  {!(role === 'delivery' && view.projectHidden) &&
                    (owner ? (
                      <EntityRefLink entityRef={owner} defaultKind="group" />
                    ) : (
                      <em>no owner (set the entity owner)</em>
                    ))}
                </Typography>
                <FlexRow justifyContent="space-between" mt={1}>
                  {signed ? (
                    <Typography variant="body2">
                      <CheckCircleIcon
                        fontSize="inherit"
                        style={{ color: '#2e7d32', verticalAlign: 'middle' }}
                      />{' '}
                      Signed by{' '}
                      <EntityRefLink
                        entityRef={signed.signedBy}
                        defaultKind="user"
                        hideIcon
                      />{' '}
                      on {formatTimestamp(signed.signedAt)}
                    </Typography>
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      Not signed
                    </Typography>
                  )}
                  <Guarded
                    permission={props.canSignOff}
                    reason="You do not have permission to sign off transitions"
                  >
                    {signed ? (
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={busy !== undefined}
                        aria-label={`Revoke ${role} sign-off`}
                        onClick={() => act(role, false)}
                      >
                        Revoke
                      </Button>
                    ) : (
                      <Button
                        size="small"
                        variant="contained"
                        color="primary"
                        disabled={busy !== undefined}
                        aria-label={`Sign off ${role}`}
                        onClick={() => act(role, true)}
                      >
                        Sign off
                      </Button>
                    )}
                  </Guarded>
                </FlexRow>
                {errors[role] && (
                  <Alert severity="error" role="alert" style={{ marginTop: 8 }}>
                    {errors[role]}
                  </Alert>
                )}
              </CardContent>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
