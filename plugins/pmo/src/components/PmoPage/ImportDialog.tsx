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
import Alert from '@material-ui/lab/Alert';
import type { ExportKind, ImportResult } from '@infra-pmo/plugin-pmo-common';
import {
  useImport,
  type ImportFormat,
  type ImportKindChoice,
} from '../../hooks';
import { FlexRow } from '../common/FlexRow';

/** The kinds of CSV export and import. @internal */
export const KINDS: ExportKind[] = ['projects', 'milestones', 'raid'];
/** Labels of the kinds. @internal */
export const KIND_LABEL: Record<ExportKind, string> = {
  projects: 'Projects',
  milestones: 'Milestones',
  raid: 'RAID',
};

/** Files the dialog reads. */
const ACCEPT =
  '.csv,.json,.xml,.xlsx,text/csv,application/json,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORMATS: Array<[string, string]> = [
  ['csv', 'CSV'],
  ['xlsx', 'Excel / Smartsheet (XLSX)'],
  ['xml', 'MS Project (XML)'],
  ['json', 'JSON'],
];

const KIND_CHOICES: Array<[string, string]> = [
  ['auto', 'Detect from the header'],
  ...KINDS.map((k): [string, string] => [k, KIND_LABEL[k]]),
];

/** A small select of `[value, label]` options. */
function Choice(props: {
  label: string;
  id: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      id={props.id}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.options.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
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
      {(result.mapping ?? []).map(m => (
        <Table
          key={`${m.source}-${m.kind}`}
          size="small"
          aria-label={`Columns of ${m.source}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>
                {m.source} ({KIND_LABEL[m.kind] ?? m.kind}): column
              </TableCell>
              <TableCell>Imported as</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {m.columns.map((c, i) => (
              <TableRow key={i}>
                <TableCell>{c.header}</TableCell>
                <TableCell>{c.field ?? 'ignored'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ))}
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
 * @internal
 */
export function ImportDialog(props: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const state = useImport(props.onImported);
  const { format, kind, text, busy, error, result } = state;

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
          Import a CSV (one kind per file, the kind read from its header), an
          XLSX workbook (Excel or a Smartsheet export; a sheet per kind, columns
          matched by header), an MS Project plan saved as XML, or a JSON file
          with <code>projects</code>, <code>milestones</code> and{' '}
          <code>raid</code> arrays. A row that updates an existing project,
          milestone or RAID item needs its <code>version</code> (the exports
          have it); plan tasks are matched by their MS Project id. Rows on
          projects you may not change are refused. The dry run shows how every
          column is read and checks every row; nothing is written until you
          apply.
        </Typography>
        <FlexRow gap={16}>
          <Choice
            label="Format"
            id="pmo-import-format"
            value={format}
            options={FORMATS}
            onChange={v => state.setFormat(v as ImportFormat)}
          />
          {format === 'csv' && (
            <Choice
              label="Rows are"
              id="pmo-import-kind"
              value={kind}
              options={KIND_CHOICES}
              onChange={v => state.setKind(v as ImportKindChoice)}
            />
          )}
          {(format === 'xml' || format === 'xlsx') && (
            <TextField
              size="small"
              label="Project key"
              id="pmo-import-project"
              value={state.projectKey}
              helperText={
                format === 'xml'
                  ? 'The project of the plan'
                  : 'For sheets without a project column'
              }
              onChange={e => state.setProjectKey(e.target.value)}
            />
          )}
          {format === 'xml' && (
            <TextField
              size="small"
              label="Owner of a new project"
              id="pmo-import-owner"
              value={state.owner}
              onChange={e => state.setOwner(e.target.value)}
            />
          )}
          <Button variant="outlined" component="label" size="small">
            Choose file
            <input
              type="file"
              hidden
              accept={ACCEPT}
              aria-label="Import file"
              onChange={e => state.loadFile(e.target.files?.[0])}
            />
          </Button>
        </FlexRow>
        {format === 'xlsx' ? (
          <Typography variant="body2" style={{ marginTop: 16 }}>
            {state.workbookName
              ? `Workbook: ${state.workbookName}`
              : 'Choose an .xlsx file.'}
          </Typography>
        ) : (
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
            onChange={e => state.setText(e.target.value)}
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace', fontSize: 12 },
            }}
          />
        )}
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {result && <ResultView result={result} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          {state.applied ? 'Close' : 'Cancel'}
        </Button>
        <Button
          onClick={() => state.send(true)}
          disabled={busy || !state.ready}
          variant="outlined"
        >
          Preview (dry run)
        </Button>
        <Button
          onClick={() => state.send(false)}
          disabled={busy || !state.canApply}
          color="primary"
          variant="contained"
        >
          Apply import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
