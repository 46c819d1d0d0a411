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

import { isMilestoneClosed } from '@infra-pmo/plugin-pmo-common';
import { stringify } from 'csv-stringify/sync';
import { exportCell } from '../service/csv';
import { reasonsText, slip, type StatusReportInput } from './report';

/** Columns of the CSV status report, one row per project. @internal */
export const STATUS_REPORT_COLUMNS = [
  'snapshotId',
  'period',
  'takenAt',
  'projectKey',
  'title',
  'owner',
  'phase',
  'health',
  'watermelon',
  'declaredHealth',
  'declaredReason',
  'computedHealth',
  'computedReasons',
  'milestones',
  'maxOpenSlipDays',
  'openRisks',
  'highRisks',
  'topRisks',
  'asks',
] as const;

/**
 * The status report as CSV, one row per project, cells safe against
 * formula injection (see service/csv.ts).
 * @internal
 */
export function statusReportCsv(input: StatusReportInput): string {
  const { snapshot } = input;
  const rows = input.projects.map(p => {
    const openSlips = p.milestones
      .filter(m => !isMilestoneClosed(m) && m.slipDays !== undefined)
      .map(m => m.slipDays!);
    const values: Record<(typeof STATUS_REPORT_COLUMNS)[number], unknown> = {
      snapshotId: snapshot.id,
      period: snapshot.period,
      takenAt: snapshot.takenAt,
      projectKey: p.projectKey,
      title: p.title,
      owner: p.owner,
      phase: p.phase,
      health: p.health,
      watermelon: p.watermelon,
      declaredHealth: p.declaredHealth?.status ?? null,
      declaredReason: p.declaredHealth?.reason ?? null,
      computedHealth: p.computedHealth.status,
      computedReasons: reasonsText(p.computedHealth.reasons) || null,
      milestones:
        p.milestones
          .map(
            m =>
              `${m.title}: ${m.baselineDate ?? '-'} -> ${
                m.actualDate ?? m.forecastDate ?? '-'
              } (${slip(m.slipDays)} d, ${m.status})`,
          )
          .join('; ') || null,
      maxOpenSlipDays: openSlips.length ? Math.max(...openSlips) : null,
      openRisks: p.openRaid.risk,
      highRisks: p.highRisks,
      topRisks:
        p.topRisks
          .map(
            r =>
              `${r.title} (${r.probability}x${r.impact}=${r.score}${
                r.owner ? `, ${r.owner}` : ''
              })`,
          )
          .join('; ') || null,
      asks:
        p.asks
          .map(
            a =>
              `${a.type}: ${a.title}${
                a.overdue ? ` (overdue ${a.dueDate})` : ''
              }`,
          )
          .join('; ') || null,
    };
    return STATUS_REPORT_COLUMNS.map(c =>
      exportCell(values[c] as string | number | boolean | null),
    );
  });
  return stringify(rows, {
    header: true,
    columns: [...STATUS_REPORT_COLUMNS],
    record_delimiter: 'windows',
  });
}
