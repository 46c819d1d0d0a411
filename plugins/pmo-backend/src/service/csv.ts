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

import { InputError } from '@backstage/errors';
import type { ExportKind } from '@infra-pmo/plugin-pmo-common';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, FORMULA_START } from './csvExport';

/*
 * CSV for the people who live in Excel: the export is flat and the import
 * reads the same columns back. Column names are matched loosely
 * (`budgetPlanned`, `budget_planned` and `Budget Planned` are the same) and
 * unknown columns (computed health, score, timestamps) are ignored, so an
 * exported file can be edited and re-imported as is. Every export has a
 * `version` column: a row that updates an existing object must carry the
 * version it was exported at (a stale one is refused, nothing is lost).
 */

export { CSV_COLUMNS, exportCell, toCsv, type Cell } from './csvExport';

// Columns of planning tools that are not fields: they decide the status and
// which rows are milestones (see planningColumns), then are dropped.
const PERCENT = '%complete';
const DURATION = '%duration';
const MILESTONE = '%milestone';

// Smartsheet's and Excel templates' status words for milestone statuses.
const STATUS_WORDS: Record<string, string> = {
  not_started: 'planned',
  started: 'in_progress',
  complete: 'done',
  completed: 'done',
  canceled: 'cancelled',
};

const normalizeHeader = (h: string) =>
  h.toLocaleLowerCase('en-US').replace(/[^a-z0-9]/g, '');

/** Loose header -> canonical field path (dot for nesting). */
const HEADER_ALIASES: Record<ExportKind, Record<string, string>> = {
  projects: {
    budgetplanned: 'budget.planned',
    budgetactual: 'budget.actual',
    budgetcurrency: 'budget.currency',
    currency: 'budget.currency',
    declaredhealth: 'declaredHealth.status',
    declaredhealthstatus: 'declaredHealth.status',
    declaredhealthreason: 'declaredHealth.reason',
    declaredreason: 'declaredHealth.reason',
    healthreason: 'declaredHealth.reason',
  },
  // Planning tools: MS Project and Smartsheet column names. Start, Baseline
  // Start and Variance are not kept (a milestone has one date per kind).
  milestones: {
    project: 'projectKey',
    taskname: 'title',
    task: 'title',
    name: 'title',
    finish: 'forecastDate',
    finishdate: 'forecastDate',
    end: 'forecastDate',
    enddate: 'forecastDate',
    baselinefinish: 'baselineDate',
    baselineend: 'baselineDate',
    actualfinish: 'actualDate',
    actualend: 'actualDate',
    actualenddate: 'actualDate',
    complete: PERCENT,
    percentcomplete: PERCENT,
    duration: DURATION,
    milestone: MILESTONE,
    uid: 'externalId',
    rowid: 'externalId',
    taskid: 'externalId',
  },
  raid: { project: 'projectKey' },
};

const NUMBER_FIELDS = new Set([
  'budget.planned',
  'budget.actual',
  'version',
  'probability',
  'impact',
]);

function fieldFor(kind: ExportKind, header: string): string | undefined {
  const n = normalizeHeader(header);
  const alias = HEADER_ALIASES[kind][n];
  if (alias) return alias;
  return CSV_COLUMNS[kind].find(c => normalizeHeader(c) === n);
}

function importCell(field: string, raw: string): unknown {
  let value = raw.trim();
  if (value.startsWith("'") && FORMULA_START.test(value.slice(1))) {
    value = value.slice(1);
  }
  if (NUMBER_FIELDS.has(field)) {
    // Leave unparseable text as is so that validation names the field.
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (field === 'gate' || field === MILESTONE) {
    if (/^(true|yes|y|1|x)$/i.test(value)) return true;
    if (/^(false|no|n|0)$/i.test(value)) return false;
    return value;
  }
  if (field === 'externalLinks') return parseExternalLinks(value);
  return value;
}

/**
 * External links in one cell: the JSON array of the export, or
 * `system:key` items separated by `;` or new lines, optionally followed by
 * ` <url>` (e.g. `servicenow:CHG0031337; jira:INFRA-7 https://...`).
 */
function parseExternalLinks(value: string): unknown {
  if (value.startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value
    .split(/[;\n]/)
    .map(s => s.trim())
    .filter(Boolean)
    .map(item => {
      const m = /^([a-z-]+):(\S+)(?:\s+(\S+))?$/i.exec(item);
      if (!m) return item; // validation reports it
      return {
        system: m[1].toLocaleLowerCase('en-US'),
        key: m[2],
        ...(m[3] ? { url: m[3] } : {}),
      };
    });
}

function setPath(target: Record<string, any>, path: string, value: unknown) {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node = node[part] ??= {};
  }
  node[parts[parts.length - 1]] = value;
}

const KINDS: ExportKind[] = ['projects', 'milestones', 'raid'];

/**
 * The milestone status of a task's progress (a share, 1 = complete), as
 * planning tools report it: done when complete, in progress when started.
 * @internal
 */
export function statusOfProgress(
  share: number,
  started: boolean,
): 'planned' | 'in_progress' | 'done' {
  if (share >= 1) return 'done';
  if (share > 0 || started) return 'in_progress';
  return 'planned';
}

/** What the planning-tool columns fill, as the import preview shows it. */
const PSEUDO_FIELDS: Record<string, string> = {
  [PERCENT]: 'status (from % complete)',
  [DURATION]: 'milestones only (zero duration)',
  [MILESTONE]: 'milestones only (flagged)',
};

/**
 * The field each header fills for `kind` (none: ignored), for the preview.
 * @internal
 */
export function columnMapping(
  kind: ExportKind,
  header: string[],
): Array<{ header: string; field?: string }> {
  return header.map(h => {
    const field = fieldFor(kind, h);
    return field
      ? { header: h, field: PSEUDO_FIELDS[field] ?? field }
      : { header: h };
  });
}

/**
 * The kind whose own columns the header names most (columns several kinds
 * share, such as `title` or `projectKey`, do not count): `key` and `phase`
 * are a project file, `baselineDate` a milestone file, `probability` a RAID
 * file. Undefined when no kind, or more than one, fits best.
 * @internal
 */
export function inferKind(header: string[]): ExportKind | undefined {
  const score = (kind: ExportKind) =>
    header.filter(h => {
      const field = fieldFor(kind, h);
      return (
        field !== undefined &&
        KINDS.every(other => other === kind || fieldFor(other, h) !== field)
      );
    }).length;
  const scores = KINDS.map(score);
  const best = Math.max(...scores);
  const winners = KINDS.filter((_, i) => scores[i] === best);
  return best > 0 && winners.length === 1 ? winners[0] : undefined;
}

function readCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new InputError(
      `Invalid request: body: not a valid CSV file (${
        (error as Error).message
      })`,
    );
  }
}

/**
 * Parses an uploaded CSV into import rows, shaped like the JSON import so
 * that the same schemas validate them; empty cells are omitted. Without
 * `kind`, the kind is inferred from the header (a file the export wrote
 * has no `kind` of its own).
 * @internal
 */
export function parseCsvImport(
  text: string,
  kind: ExportKind | undefined,
): { kind: ExportKind; rows: unknown[]; header: string[] } {
  const records = readCsv(text);
  const header = records[0] ?? [];
  const chosen = kind ?? inferKind(header);
  if (!chosen) {
    throw new InputError(
      `Invalid request: query.kind: is required when the CSV header does not tell (projects, milestones or raid); the header has ${
        header.length ? header.join(', ') : 'no columns'
      }`,
    );
  }
  return { kind: chosen, rows: rowsOf(chosen, records), header };
}

/**
 * Rows of `kind` from a table whose first row is the header (CSV or a
 * workbook sheet): columns are matched by header, loosely.
 * @internal
 */
export function rowsOf(kind: ExportKind, records: string[][]): unknown[] {
  if (records.length === 0) return [];
  const [header, ...data] = records;
  const fields = header.map(h => fieldFor(kind, h));
  if (!fields.some(Boolean)) {
    throw new InputError(
      `Invalid request: body: the CSV header has none of the ${kind} columns (${CSV_COLUMNS[
        kind
      ].join(', ')})`,
    );
  }
  const rows = data.map(record => {
    const row: Record<string, unknown> = {};
    record.forEach((raw, i) => {
      const field = fields[i];
      if (!field || raw.trim() === '') return;
      setPath(row, field, importCell(field, raw));
    });
    return row;
  });
  return kind === 'milestones' ? planningColumns(rows, fields) : rows;
}

/**
 * A plan exported by a planning tool lists every task: with a `Milestone`
 * column only the rows it marks are milestones, else with a `Duration`
 * column only zero-duration rows (how MS Project and Smartsheet draw a
 * milestone). `% Complete` gives the status when there is no `status`.
 */
function planningColumns(
  rows: Array<Record<string, unknown>>,
  fields: Array<string | undefined>,
): Array<Record<string, unknown>> {
  let kept = rows;
  if (fields.includes(MILESTONE)) {
    kept = rows.filter(r => r[MILESTONE] === true);
  } else if (fields.includes(DURATION)) {
    kept = rows.filter(r =>
      /^0+([.,]0+)?\s*[a-z]*$/i.test(String(r[DURATION])),
    );
  }
  return kept.map(
    ({ [PERCENT]: percent, [DURATION]: _d, [MILESTONE]: _m, ...row }) => {
      if (typeof row.status === 'string') {
        const status = row.status
          .toLocaleLowerCase('en-US')
          .replace(/\s+/g, '_');
        return { ...row, status: STATUS_WORDS[status] ?? status };
      }
      if (percent === undefined) return row;
      const text = String(percent).trim();
      const n = Number(text.replace('%', ''));
      if (Number.isNaN(n)) return { ...row, status: text };
      const share = text.endsWith('%') || n > 1 ? n / 100 : n;
      return { ...row, status: statusOfProgress(share, false) };
    },
  );
}
