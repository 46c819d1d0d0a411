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
import type {
  ExportKind,
  ImportColumnMapping,
} from '@infra-pmo/plugin-pmo-common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { columnMapping, CSV_COLUMNS, inferKind, rowsOf } from '../csv';
import type { ImportRows } from '../importRows';

/*
 * XLSX workbooks (Excel, and Smartsheet's "Export to Excel"): one sheet
 * per kind, columns matched by header like CSV (csv.ts), so a Smartsheet
 * project sheet (Task Name, Start, Finish, Baseline Start, Baseline Finish,
 * Variance, % Complete) maps without editing.
 *
 * Library: exceljs (see the plugin README for why). Before exceljs reads
 * anything, the sheets are inflated here with caps, so a zip bomb or a
 * million rows answer a 400 in a fraction of a second and a workbook with
 * formulas is refused (its cached values may be stale, and a formula is
 * not data the PMO can keep).
 */

/** Most rows of one sheet (Smartsheet: 20,000 rows x 25 columns). @internal */
export const MAX_XLSX_ROWS = 20_000;

/** Most bytes of the XML of one sheet once inflated. @internal */
export const MAX_SHEET_BYTES = 32 * 1024 * 1024;

const SHEET_ENTRY = /^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/;
const KINDS: ExportKind[] = ['projects', 'milestones', 'raid'];

const invalid = (message: string) =>
  new InputError(`Invalid request: body: ${message}`);

/** Inflates one entry, giving up past `max` bytes. */
function inflateCapped(file: JSZip.JSZipObject, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    const stream = file.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) {
          stream.pause();
          stream.removeAllListeners('data');
          reject(
            invalid(
              `${file.name} is larger than ${
                max / 1024 / 1024
              } MB once unpacked; split the workbook`,
            ),
          );
          return;
        }
        parts.push(chunk);
      })
      .on('error', (error: Error) =>
        reject(invalid(`not a readable workbook (${error.message})`)),
      )
      .on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

/**
 * Refuses, before parsing: what is not a zip, sheets too large once
 * inflated, more than MAX_XLSX_ROWS rows, and formulas (naming the cell).
 */
async function precheck(buffer: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw invalid('not an XLSX workbook');
  }
  for (const file of Object.values(zip.files)) {
    if (!SHEET_ENTRY.test(file.name)) continue;
    const xml = await inflateCapped(file, MAX_SHEET_BYTES);
    if (!file.name.startsWith('xl/worksheets/')) continue;
    const rows = xml.match(/<row[\s>]/g)?.length ?? 0;
    if (rows > MAX_XLSX_ROWS + 1) {
      throw invalid(
        `${file.name} has ${rows} rows; at most ${MAX_XLSX_ROWS} are imported from one sheet`,
      );
    }
    const formula =
      /<c r="([A-Z]+[0-9]+)"[^>]*>(?:(?!<\/c>)[\s\S])*?<f[\s>/]/.exec(xml);
    if (formula) {
      throw invalid(
        `${file.name} cell ${formula[1]} has a formula; formulas are not imported: save the workbook with values only (copy, paste values) and import again`,
      );
    }
  }
}

/** A cell as the text CSV would have: dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map(r => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** The kind of a sheet: by its name, else by its header. */
function kindOf(name: string, header: string[]): ExportKind | undefined {
  const n = name.toLocaleLowerCase('en-US').replace(/[^a-z]/g, '');
  return KINDS.find(k => n === k || n === `${k}s`) ?? inferKind(header);
}

type XlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

/**
 * The import rows of a workbook; rows without a `projectKey` (a Smartsheet
 * project sheet has none) get `projectKey` when given.
 * @internal
 */
export async function parseXlsx(
  buffer: Buffer,
  options: { projectKey?: string } = {},
): Promise<{ rows: ImportRows; mapping: ImportColumnMapping[] }> {
  await precheck(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings declare their own global `Buffer extends ArrayBuffer`,
    // which the generic Buffer of current @types/node no longer matches; at
    // runtime it reads a Node Buffer as before.
    await workbook.xlsx.load(buffer as unknown as XlsxInput);
  } catch (error) {
    throw invalid(`not a readable workbook (${(error as Error).message})`);
  }
  const byKind: ImportRows = {};
  const mapping: ImportColumnMapping[] = [];
  for (const sheet of workbook.worksheets) {
    const records: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, row => {
      const values = row.values as ExcelJS.CellValue[];
      records.push(values.slice(1).map(cellText));
    });
    if (records.length === 0) continue;
    const kind = kindOf(sheet.name, records[0]);
    if (!kind) {
      throw invalid(
        `sheet '${sheet.name}': its header names no projects, milestones or raid columns`,
      );
    }
    const rows = rowsOf(kind, records).map(value => {
      const row = value as Record<string, unknown>;
      const out = { ...row };
      if (kind !== 'projects' && options.projectKey && !row.projectKey) {
        out.projectKey = options.projectKey;
      }
      // A planning tool's sheet without ids (Smartsheet exports have none):
      // the task name identifies the milestone, so that importing the sheet
      // again updates instead of adding copies (a renamed task is new).
      if (
        kind === 'milestones' &&
        !row.id &&
        !row.externalId &&
        typeof row.title === 'string'
      ) {
        out.externalId = `xlsx:${sheet.name}:${row.title}`.slice(0, 200);
      }
      return out;
    });
    byKind[kind] = [...(byKind[kind] ?? []), ...rows];
    mapping.push({
      source: sheet.name,
      kind,
      columns: columnMapping(kind, records[0]),
    });
  }
  return { rows: byKind, mapping };
}

/**
 * One workbook with a sheet per kind (projects, milestones, raid), the
 * columns of the CSV export; cells keep their types (numbers, booleans),
 * and text is written as text, never as a formula.
 * @internal
 */
export async function toXlsx(
  sheets: Record<ExportKind, Array<Record<string, unknown>>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const kind of KINDS) {
    const rows = sheets[kind];
    const columns = rows.length ? Object.keys(rows[0]) : CSV_COLUMNS[kind];
    const sheet = workbook.addWorksheet(kind);
    sheet.addRow(columns);
    for (const row of rows) {
      sheet.addRow(
        columns.map(c => {
          const v = row[c];
          if (v === null || v === undefined) return null;
          return typeof v === 'object' ? JSON.stringify(v) : v;
        }),
      );
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
