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

import type { ExportKind } from '@infra-pmo/plugin-pmo-common';
import { stringify } from 'csv-stringify/sync';

/*
 * The CSV export: flat rows under the columns the import reads back
 * (csv.ts), every cell defused against spreadsheet formula injection.
 */

/** Columns written when an export has no rows, and read on import. */
export const CSV_COLUMNS: Record<ExportKind, string[]> = {
  projects: [
    'key',
    'title',
    'description',
    'phase',
    'methodology',
    'owner',
    'sponsor',
    'startDate',
    'targetDate',
    'budgetPlanned',
    'budgetActual',
    'budgetCurrency',
    'priority',
    'declaredHealth',
    'declaredReason',
    'externalLinks',
    'version',
  ],
  milestones: [
    'id',
    'projectKey',
    'title',
    'baselineDate',
    'forecastDate',
    'actualDate',
    'status',
    'gate',
    'changeRecord',
    'entityRef',
    'externalId',
    'version',
  ],
  raid: [
    'id',
    'projectKey',
    'type',
    'title',
    'description',
    'probability',
    'impact',
    'owner',
    'action',
    'dueDate',
    'status',
    'entityRef',
    'version',
  ],
};

/** A CSV cell value. @internal */
export type Cell = string | number | boolean | null | undefined;

// A cell starting with one of these is run as a formula by spreadsheets
// (CSV injection); such text cells are prefixed with a quote on export and
// the quote is removed again on import.
/** @internal */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One exported cell: formula-looking text is prefixed with a quote.
 * @internal
 */
export function exportCell(value: Cell | object): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Renders export rows as CSV with a header line.
 * @internal
 */
export function toCsv(
  kind: ExportKind,
  rows: Array<Record<string, Cell | object>>,
): string {
  const columns: string[] = [];
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      if (!columns.includes(column)) columns.push(column);
    }
  }
  if (columns.length === 0) columns.push(...CSV_COLUMNS[kind]);
  return stringify(
    rows.map(row => columns.map(c => exportCell(row[c]))),
    { header: true, columns, record_delimiter: 'windows' },
  );
}
