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
import { pmoApiRef, type ImportRequest } from '../api';
import { downloadText } from '../components/common/download';
import { isForbidden, serverErrorMessage } from '../components/common/errors';

/**
 * The CSV exports: `run(kind)` downloads `pmo-<kind>.csv`; `busy` is the
 * kind being fetched.
 * @internal
 */
export function useCsvExport() {
  const api = useApi(pmoApiRef);
  const [busy, setBusy] = useState<ExportKind>();
  const [error, setError] = useState<string>();
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(undefined);
    try {
      downloadText(
        `pmo-${kind}.csv`,
        await api.exportCsv(kind),
        'text/csv;charset=utf-8',
      );
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

/** Format of an import: a CSV of one kind, or a JSON document. @internal */
export type ImportFormat = 'csv' | 'json';

/**
 * State of the import dialog: the input, the dry-run preview and the applied
 * result. Any edit of the input drops the preview, so that only a passing
 * dry run of exactly this input can be applied.
 * @internal
 */
export function useImport(onImported: () => void) {
  const api = useApi(pmoApiRef);
  const [format, setFormat] = useState<ImportFormat>('csv');
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

  return {
    format,
    kind,
    text,
    busy,
    error,
    /** The applied result, else the dry-run preview. */
    result: applied ?? preview,
    applied: Boolean(applied?.applied),
    canApply: Boolean(preview && preview.errors.length === 0 && !applied),
    setFormat: (value: ImportFormat) => {
      changed();
      setFormat(value);
    },
    setKind: (value: ExportKind) => {
      changed();
      setKind(value);
    },
    setText: (value: string) => {
      changed();
      setText(value);
    },
    /** Loads a file; a `.json` name switches to JSON. */
    loadFile: async (file: File | undefined) => {
      if (!file) return;
      changed();
      setFormat(file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv');
      setText(await file.text());
    },
    send,
  };
}
