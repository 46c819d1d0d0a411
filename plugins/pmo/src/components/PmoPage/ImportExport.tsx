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
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CircularProgress from '@material-ui/core/CircularProgress';
import Alert from '@material-ui/lab/Alert';
import GetAppIcon from '@material-ui/icons/GetApp';
import PublishIcon from '@material-ui/icons/Publish';
import {
  pmoImportPermission,
  type ExportKind,
  type ImportResult,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type ImportRequest } from '../../api';
import { isForbidden, serverErrorMessage } from '../common/errors';
import { Guarded } from '../common/permissions';

const KINDS: ExportKind[] = ['projects', 'milestones', 'raid'];
const KIND_LABEL: Record<ExportKind, string> = {
  projects: 'Projects',
  milestones: 'Milestones',
  raid: 'RAID',
};

/** Saves text as a file. The export is fetched with the user's token, so a plain <a href> would not be authorized. */
function download(filename: string, text: string) {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** CSV export buttons (one per kind). */
export function ExportButtons() {
  const api = useApi(pmoApiRef);
  const [busy, setBusy] = useState<ExportKind>();
  const [error, setError] = useState<string>();
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(undefined);
    try {
      download(`pmo-${kind}.csv`, await api.exportCsv(kind));
    } catch (e) {
      setError(
        isForbidden(e)
          ? 'You do not have access to this export.'
          : serverErrorMessage(e),
      );
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      {KINDS.map(kind => (
        <Button
          key={kind}
          size="small"
          variant="outlined"
          startIcon={
            busy === kind ? <CircularProgress size={14} /> : <GetAppIcon />
          }
          disabled={Boolean(busy)}
          onClick={() => run(kind)}
        >
          {KIND_LABEL[kind]} CSV
        </Button>
      ))}
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
}

function summaryOf(result: ImportResult): {
  severity: 'error' | 'success' | 'info';
  text: string;
} {
  const n = result.errors.length;
  if (result.applied) return { severity: 'success', text: 'Import applied.' };
  if (n > 0) {
    return {
      severity: 'error',
      text: `Dry run found ${n} problem${
        n === 1 ? '' : 's'
      }; nothing was written.`,
    };
  }
  return {
    severity: 'info',
    text: 'Dry run passed; nothing was written yet. Review the counts and apply.',
  };
}

function ResultView(props: { result: ImportResult }) {
  const { result } = props;
  const summary = summaryOf(result);
  return (
    <Box mt={2}>
      <Alert severity={summary.severity}>{summary.text}</Alert>
      <Table size="small" aria-label="Import counts">
        <TableHead>
          <TableRow>
            <TableCell>Kind</TableCell>
            <TableCell align="right">Created</TableCell>
            <TableCell align="right">Updated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {KINDS.map(k => (
            <TableRow key={k}>
              <TableCell>{KIND_LABEL[k]}</TableCell>
              <TableCell align="right">
                {result.counts[k]?.created ?? 0}
              </TableCell>
              <TableCell align="right">
                {result.counts[k]?.updated ?? 0}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {result.errors.length > 0 && (
        <Table size="small" aria-label="Import errors">
          <TableHead>
            <TableRow>
              <TableCell>Kind</TableCell>
              <TableCell>Row</TableCell>
              <TableCell>Field</TableCell>
              <TableCell>Problem</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.errors.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{KIND_LABEL[e.kind] ?? e.kind}</TableCell>
                <TableCell>{e.row}</TableCell>
                <TableCell>{e.field ?? '—'}</TableCell>
                <TableCell>{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/**
 * Bulk import with a mandatory dry run: the preview (counts and per-row
 * errors) must pass before "Apply" is enabled, and any edit of the input
 * invalidates the preview.
 */
export function ImportDialog(props: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const api = useApi(pmoApiRef);
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [kind, setKind] = useState<ExportKind>('projects');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<ImportResult>();
  const [applied, setApplied] = useState<ImportResult>();

  const changed = () => {
    setPreview(undefined);
    setApplied(undefined);
    setError(undefined);
  };

  const requestOf = (dryRun: boolean): ImportRequest | undefined => {
    if (format === 'csv') return { format, kind, csv: text, dryRun };
    try {
      const batch = JSON.parse(text);
      if (!batch || typeof batch !== 'object' || Array.isArray(batch))
        throw new Error();
      return {
        format,
        batch: {
          projects: batch.projects,
          milestones: batch.milestones,
          raid: batch.raid,
        },
        dryRun,
      };
    } catch {
      setError(
        'The JSON must be an object with "projects", "milestones" and/or "raid" arrays.',
      );
      return undefined;
    }
  };

  const send = async (dryRun: boolean) => {
    const request = requestOf(dryRun);
    if (!request) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.importData(request);
      if (dryRun) setPreview(result);
      else {
        setApplied(result);
        if (result.applied) props.onImported();
      }
    } catch (e) {
      // A file rejected by row (not allowed on a project, stale versions)
      // names the rows; only a plain refusal is the import permission.
      const message = serverErrorMessage(e);
      setError(
        isForbidden(e) && !message.startsWith('Import rejected')
          ? 'You do not have permission to import.'
          : message,
      );
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    changed();
    setFormat(file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
    setText(await file.text());
  };

  const canApply = Boolean(preview && preview.errors.length === 0 && !applied);

  return (
    <Dialog
      open={props.open}
      onClose={busy ? undefined : props.onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="pmo-import-title"
    >
      <DialogTitle id="pmo-import-title">
        Import projects, milestones and RAID
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Use the CSV layout of the exports (one kind per CSV file) or a JSON
          file with <code>projects</code>, <code>milestones</code> and{' '}
          <code>raid</code> arrays. A row that updates an existing project,
          milestone or RAID item needs its <code>version</code> (the exports
          have it); rows on projects you may not change are refused. A dry run
          checks every row first; nothing is written until you apply.
        </Typography>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 16 }}
        >
          <TextField
            select
            size="small"
            label="Format"
            id="pmo-import-format"
            value={format}
            onChange={e => {
              changed();
              setFormat(e.target.value as 'csv' | 'json');
            }}
          >
            <MenuItem value="csv">CSV</MenuItem>
            <MenuItem value="json">JSON</MenuItem>
          </TextField>
          {format === 'csv' && (
            <TextField
              select
              size="small"
              label="Rows are"
              id="pmo-import-kind"
              value={kind}
              onChange={e => {
                changed();
                setKind(e.target.value as ExportKind);
              }}
            >
              {KINDS.map(k => (
                <MenuItem key={k} value={k}>
                  {KIND_LABEL[k]}
                </MenuItem>
              ))}
            </TextField>
          )}
          <Button variant="outlined" component="label" size="small">
            Choose file
            <input
              type="file"
              hidden
              accept=".csv,.json,text/csv,application/json"
              aria-label="Import file"
              onChange={e => onFile(e.target.files?.[0])}
            />
          </Button>
        </Box>
        <TextField
          label="Content"
          id="pmo-import-content"
          multiline
          minRows={6}
          maxRows={16}
          fullWidth
          variant="outlined"
          margin="normal"
          value={text}
          onChange={e => {
            changed();
            setText(e.target.value);
          }}
          inputProps={{
            spellCheck: false,
            style: { fontFamily: 'monospace', fontSize: 12 },
          }}
        />
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {(applied ?? preview) && <ResultView result={(applied ?? preview)!} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          {applied?.applied ? 'Close' : 'Cancel'}
        </Button>
        <Button
          onClick={() => send(true)}
          disabled={busy || !text.trim()}
          variant="outlined"
        >
          Preview (dry run)
        </Button>
        <Button
          onClick={() => send(false)}
          disabled={busy || !canApply}
          color="primary"
          variant="contained"
        >
          Apply import
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** "Import" button guarded by the import permission. */
export function ImportButton(props: { onImported: () => void }) {
  const permission = usePermission({ permission: pmoImportPermission });
  const [open, setOpen] = useState(false);
  return (
    <>
      <Guarded
        permission={permission}
        reason="You do not have the PMO import permission"
      >
        <Button
          size="small"
          variant="outlined"
          startIcon={<PublishIcon />}
          onClick={() => setOpen(true)}
        >
          Import
        </Button>
      </Guarded>
      {open && (
        <ImportDialog
          open={open}
          onClose={() => setOpen(false)}
          onImported={props.onImported}
        />
      )}
    </>
  );
}
