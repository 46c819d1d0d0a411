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
import { MarkdownContent, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import DescriptionIcon from '@material-ui/icons/Description';
import type { StatusReportQuery } from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import { isForbidden, isNotFound, serverErrorMessage } from '../common/errors';
import { todayIso } from '../common/format';

type Format = 'md' | 'csv';

/** Scope of a status report: one project, or the portfolio filters. */
export type StatusReportScope = StatusReportQuery & { system?: string };

function download(filename: string, text: string, type: string) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function reportError(error: unknown): string {
  if (isForbidden(error)) return 'You do not have access to this report.';
  if (isNotFound(error)) {
    return `${serverErrorMessage(
      error,
    )}. Reports are generated from snapshots: take one first.`;
  }
  return serverErrorMessage(error);
}

/**
 * "Status report" menu: preview the one-page executive report (rendered
 * Markdown) or download it as Markdown or CSV. The backend generates it
 * from a snapshot (the latest unless `scope.snapshot` is set), never from
 * live data.
 */
export function StatusReportButton(props: {
  scope: StatusReportScope;
  /** Shown in the file name, e.g. the project key. */
  label?: string;
}) {
  const api = useApi(pmoApiRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState<Format | 'preview'>();
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<string>();

  const run = async (action: Format | 'preview') => {
    setAnchor(null);
    setBusy(action);
    setError(undefined);
    try {
      const text = await api.getStatusReport(
        action === 'csv' ? 'csv' : 'md',
        props.scope,
      );
      if (action === 'preview') {
        setPreview(text);
      } else {
        const name = `pmo-status-${props.label ?? 'portfolio'}-${todayIso()}`;
        download(
          `${name}.${action}`,
          text,
          action === 'csv'
            ? 'text/csv;charset=utf-8'
            : 'text/markdown;charset=utf-8',
        );
      }
    } catch (e) {
      setError(reportError(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Button
        size="small"
        variant="outlined"
        aria-haspopup="menu"
        aria-controls="pmo-status-report-menu"
        startIcon={busy ? <CircularProgress size={14} /> : <DescriptionIcon />}
        disabled={Boolean(busy)}
        onClick={e => setAnchor(e.currentTarget)}
      >
        Status report
      </Button>
      <Menu
        id="pmo-status-report-menu"
        anchorEl={anchor}
        keepMounted={false}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        <MenuItem onClick={() => run('preview')}>Preview</MenuItem>
        <MenuItem onClick={() => run('md')}>Download Markdown</MenuItem>
        <MenuItem onClick={() => run('csv')}>Download CSV</MenuItem>
      </Menu>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
      <Dialog
        open={preview !== undefined}
        onClose={() => setPreview(undefined)}
        maxWidth="lg"
        fullWidth
        aria-labelledby="pmo-status-report-title"
      >
        <DialogTitle id="pmo-status-report-title">Status report</DialogTitle>
        <DialogContent dividers data-testid="status-report-preview">
          {preview === undefined ? (
            <Progress />
          ) : (
            <MarkdownContent content={preview} dialect="gfm" />
          )}
        </DialogContent>
        <DialogActions>
          <Button
            onClick={() =>
              preview !== undefined &&
              download(
                `pmo-status-${props.label ?? 'portfolio'}-${todayIso()}.md`,
                preview,
                'text/markdown;charset=utf-8',
              )
            }
          >
            Download Markdown
          </Button>
          <Button color="primary" onClick={() => setPreview(undefined)}>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
