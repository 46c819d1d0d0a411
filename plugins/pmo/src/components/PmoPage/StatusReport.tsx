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
import { useStatusReport, type StatusReportScope } from '../../hooks';

export type { StatusReportScope } from '../../hooks';

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
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const report = useStatusReport(props.scope, props.label);
  const { busy, error, preview } = report;
  const run = (action: 'md' | 'csv' | 'preview') => {
    setAnchor(null);
    report.run(action);
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
        onClose={report.closePreview}
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
          <Button onClick={report.downloadPreview}>Download Markdown</Button>
          <Button color="primary" onClick={report.closePreview}>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
