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

import type { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useTheme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';

/**
 * Dialog shell of the PMO forms. Server messages that name no shown field
 * appear above the form; a 409 offers to reload the latest version.
 */
export function FormDialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  formError?: string;
  conflict?: boolean;
  onReload?: () => void;
  submitLabel?: string;
  children: ReactNode;
}) {
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('xs'));
  return (
    <Dialog
      open={props.open}
      onClose={props.saving ? undefined : props.onClose}
      fullWidth
      maxWidth="md"
      fullScreen={fullScreen}
      aria-labelledby="pmo-form-title"
    >
      <form
        noValidate
        onSubmit={e => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <DialogTitle id="pmo-form-title">{props.title}</DialogTitle>
        <DialogContent>
          {props.conflict && (
            <Alert
              severity="warning"
              role="alert"
              style={{ marginBottom: 16 }}
              action={
                props.onReload && (
                  <Button color="inherit" size="small" onClick={props.onReload}>
                    Reload
                  </Button>
                )
              }
            >
              This was changed by someone else — Reload to see the latest
              version, then apply your change again.
            </Alert>
          )}
          {props.formError && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {props.formError}
            </Alert>
          )}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={props.saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={props.saving}
            startIcon={
              props.saving ? <CircularProgress size={16} /> : undefined
            }
          >
            {props.submitLabel ?? 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
