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

// Writes the XLSX fixtures of the interop tests (run from the repo root:
// `node plugins/pmo-backend/src/service/interop/__fixtures__/generate-workbooks.js`).
// - smartsheet-dc-migration.xlsx: a Smartsheet project sheet as "Export to
//   Excel" writes it: one sheet, every task, outline levels as row groups,
//   Baseline Start / Baseline Finish / Variance and % Complete columns.
// - excel-portfolio.xlsx: a PMO's own Excel workbook, one sheet per kind,
//   human headers, real date cells.

const path = require('node:path');
const ExcelJS = require('exceljs');

// Run from the repository root (the linter forbids __dirname here).
const DIR = path.resolve(
  'plugins/pmo-backend/src/service/interop/__fixtures__',
);
const day = iso => new Date(`${iso}T00:00:00Z`);

async function smartsheet() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DC Migration Wave 2');
  ws.addRow([
    'Task Name',
    'Duration',
    'Start',
    'Finish',
    'Baseline Start',
    'Baseline Finish',
    'Variance',
    '% Complete',
    'Assigned To',
    'Predecessors',
    'Status',
  ]);
  const rows = [
    [
      1,
      'Wave 2 planning',
      '20d',
      '2026-05-04',
      '2026-05-29',
      '2026-05-04',
      '2026-05-29',
      '0d',
      1,
      'pmo@example.com',
      '',
      'Complete',
    ],
    [
      2,
      'Wave 2 scope signed off',
      '0',
      '2026-05-29',
      '2026-05-29',
      '2026-05-29',
      '2026-05-29',
      '0d',
      1,
      'pmo@example.com',
      '1',
      'Complete',
    ],
    [
      1,
      'Migration',
      '60d',
      '2026-06-01',
      '2026-08-21',
      '2026-06-01',
      '2026-08-14',
      '-5d',
      0.4,
      'dc-team@example.com',
      '2',
      'In Progress',
    ],
    [
      2,
      'Storage replicated',
      '0',
      '2026-07-03',
      '2026-07-03',
      '2026-06-26',
      '2026-06-26',
      '-5d',
      0,
      'storage@example.com',
      '',
      'Not Started',
    ],
    [
      2,
      'Wave 2 cut over',
      '0',
      '2026-08-21',
      '2026-08-21',
      '2026-08-14',
      '2026-08-14',
      '-5d',
      0,
      'dc-team@example.com',
      '4',
      'Not Started',
    ],
  ];
  for (const [
    level,
    name,
    duration,
    start,
    finish,
    bStart,
    bFinish,
    variance,
    pct,
    who,
    pred,
    status,
  ] of rows) {
    const row = ws.addRow([
      name,
      duration,
      day(start),
      day(finish),
      day(bStart),
      day(bFinish),
      variance,
      pct,
      who,
      pred,
      status,
    ]);
    row.outlineLevel = level - 1;
    row.getCell(8).numFmt = '0%';
  }
  await wb.xlsx.writeFile(path.join(DIR, 'smartsheet-dc-migration.xlsx'));
}

async function excel() {
  const wb = new ExcelJS.Workbook();
  const projects = wb.addWorksheet('Projects');
  projects.addRow([
    'Key',
    'Title',
    'Owner',
    'Phase',
    'Start Date',
    'Target Date',
    'Budget Planned',
    'Currency',
  ]);
  projects.addRow([
    'NET-2027-04',
    'Campus network refresh',
    'group:default/network',
    'planning',
    day('2026-04-01'),
    day('2027-04-30'),
    250000,
    'EUR',
  ]);
  projects.addRow([
    'PRJ0012345',
    'Backup platform renewal',
    'group:default/backup',
    'execution',
    day('2026-02-01'),
    day('2026-10-31'),
    120000,
    'EUR',
  ]);
  const milestones = wb.addWorksheet('Milestones');
  milestones.addRow([
    'Project',
    'Title',
    'Baseline Date',
    'Forecast Date',
    'Actual Date',
    'Status',
    'Gate',
  ]);
  milestones.addRow([
    'NET-2027-04',
    'Design approved',
    day('2026-06-30'),
    day('2026-07-10'),
    null,
    'Planned',
    'yes',
  ]);
  milestones.addRow([
    'PRJ0012345',
    'New backup targets live',
    day('2026-06-15'),
    day('2026-06-15'),
    day('2026-06-12'),
    'Done',
    'no',
  ]);
  const raid = wb.addWorksheet('RAID');
  raid.addRow([
    'Project',
    'Type',
    'Title',
    'Probability',
    'Impact',
    'Owner',
    'Due Date',
    'Status',
  ]);
  raid.addRow([
    'NET-2027-04',
    'risk',
    'Switch delivery slips',
    3,
    4,
    'group:default/network',
    day('2026-05-31'),
    'open',
  ]);
  await wb.xlsx.writeFile(path.join(DIR, 'excel-portfolio.xlsx'));
}

Promise.all([smartsheet(), excel()]).catch(error => {
  console.error(error);
  process.exit(1);
});
