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
import type { ExportKind, ImportResult } from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type ImportRequest, type PmoApi } from '../api';
import { downloadBlob, downloadText } from '../components/common/download';
import { isForbidden, serverErrorMessage } from '../components/common/errors';

/** A download: `busy` is the key being fetched, `error` its failure. */
function useDownload<K>(save: (api: PmoApi, key: K) => Promise<void>) {
  const api = useApi(pmoApiRef);
  const [busy, setBusy] = useState<K>();
  const [error, setError] = useState<string>();
  const run = async (key: K) => {
    setBusy(key);
    setError(undefined);
    try {
      await save(api, key);
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
  return { busy, error, run };
}

/**
 * The CSV exports: `run(kind)` downloads `pmo-<kind>.csv`; `busy` is the
 * kind being fetched.
 * @internal
 */
export function useCsvExport() {
  return useDownload<ExportKind>(async (api, kind) =>
    downloadText(
      `pmo-${kind}.csv`,
      await api.exportCsv(kind),
      'text/csv;charset=utf-8',
    ),
  );
}

/**
 * The XLSX export: `run()` downloads one workbook with a sheet per kind.
 * @internal
 */
export function useXlsxExport() {
  const download = useDownload<'xlsx'>(async api =>
    downloadBlob('pmo.xlsx', await api.exportXlsx()),
  );
  return {
    busy: download.busy !== undefined,
    error: download.error,
    run: () => download.run('xlsx'),
  };
}

/**
 * Format of an import: a CSV of one kind, a JSON document, an MS Project
 * XML plan (MSPDI) or an XLSX workbook.
 * @internal
 */
export type ImportFormat = 'csv' | 'json' | 'xml' | 'xlsx';

/** The kind of a CSV, or `auto`: the backend reads it from the header. */
export type ImportKindChoice = ExportKind | 'auto';

/** The format of a file, by its name. */
function formatOfFile(name: string): ImportFormat {
  const n = name.toLowerCase();
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.xml')) return 'xml';
  if (n.endsWith('.xlsx')) return 'xlsx';
  return 'csv';
}

/**
 * State of the import dialog: the input, the dry-run preview (counts,
 * per-row errors and how the columns were read) and the applied result.
 * Any edit of the input drops the preview, so that only a passing dry run
 * of exactly this input can be applied.
 * @internal
 */
export function useImport(onImported: () => void) {
  const api = useApi(pmoApiRef);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [kind, setKind] = useState<ImportKindChoice>('auto');
  const [text, setText] = useState('');
  const [workbook, setWorkbook] = useState<File>();
  const [projectKey, setProjectKey] = useState('');
  const [owner, setOwner] = useState('');
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
    const key = projectKey.trim() || undefined;
    if (format === 'csv') {
      return {
        format,
        ...(kind === 'auto' ? {} : { kind }),
        csv: text,
        dryRun,
      };
    }
    if (format === 'xml') {
      if (!key) {
        setError('An MS Project plan needs the key of its project.');
        return undefined;
      }
      return {
        format,
        xml: text,
        projectKey: key,
        ...(owner.trim() ? { owner: owner.trim() } : {}),
        dryRun,
      };
    }
    if (format === 'xlsx') {
      if (!workbook) {
        setError('Choose an .xlsx file.');
        return undefined;
      }
      return { format, workbook, projectKey: key, dryRun };
    }
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
        if (result.applied) onImported();
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

  /** A setter that drops the preview first. */
  const edit =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      changed();
      set(value);
    };

  return {
    format,
    kind,
    text,
    projectKey,
    owner,
    /** The name of the chosen workbook. */
    workbookName: workbook?.name,
    busy,
    error,
    /** The applied result, else the dry-run preview. */
    result: applied ?? preview,
    applied: Boolean(applied?.applied),
    canApply: Boolean(preview && preview.errors.length === 0 && !applied),
    /** Whether there is something to send. */
    ready: format === 'xlsx' ? Boolean(workbook) : Boolean(text.trim()),
    setFormat: edit(setFormat),
    setKind: edit(setKind),
    setText: edit(setText),
    setProjectKey: edit(setProjectKey),
    setOwner: edit(setOwner),
    /** Loads a file; its extension picks the format. */
    loadFile: async (file: File | undefined) => {
      if (!file) return;
      changed();
      const next = formatOfFile(file.name);
      setFormat(next);
      if (next === 'xlsx') {
        setWorkbook(file);
        setText('');
      } else {
        setWorkbook(undefined);
        setText(await file.text());
      }
    },
    send,
  };
}
