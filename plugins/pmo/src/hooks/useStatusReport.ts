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
import type { StatusReportQuery } from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../api';
import { downloadText } from '../components/common/download';
import {
  isForbidden,
  isNotFound,
  serverErrorMessage,
} from '../components/common/errors';
import { todayIso } from '../components/common/format';

/**
 * Scope of a status report: one project, or the portfolio filters.
 * @internal
 */
export type StatusReportScope = StatusReportQuery & { system?: string };

type Format = 'md' | 'csv';

const MARKDOWN = 'text/markdown;charset=utf-8';

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
 * The executive status report of a scope: `run('preview')` loads the
 * Markdown into `preview`, `run('md' | 'csv')` downloads it. `label` names
 * the file (e.g. the project key).
 * @internal
 */
export function useStatusReport(scope: StatusReportScope, label?: string) {
  const api = useApi(pmoApiRef);
  const [busy, setBusy] = useState<Format | 'preview'>();
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<string>();
  const fileName = (format: Format) =>
    `pmo-status-${label ?? 'portfolio'}-${todayIso()}.${format}`;

  const run = async (action: Format | 'preview') => {
    setBusy(action);
    setError(undefined);
    try {
      const text = await api.getStatusReport(
        action === 'csv' ? 'csv' : 'md',
        scope,
      );
      if (action === 'preview') {
        setPreview(text);
      } else {
        downloadText(
          fileName(action),
          text,
          action === 'csv' ? 'text/csv;charset=utf-8' : MARKDOWN,
        );
      }
    } catch (e) {
      setError(reportError(e));
    } finally {
      setBusy(undefined);
    }
  };

  return {
    busy,
    error,
    preview,
    run,
    closePreview: () => setPreview(undefined),
    /** Saves the previewed report as Markdown. */
    downloadPreview: () =>
      preview !== undefined && downloadText(fileName('md'), preview, MARKDOWN),
  };
}
