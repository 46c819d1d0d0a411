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
  CreateMilestoneRequest,
  CreateRaidItemRequest,
  UpdateMilestoneRequest,
  UpdateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { checkDate } from './helpers';
import type { RawDbMilestoneRow, RawDbRaidRow } from './rows';

/**
 * Milestone and RAID ids are UUIDs: anything else cannot exist, and is not
 * sent to PostgreSQL (where it would not even cast to uuid).
 * @internal
 */
export const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The columns of a create request or a patch: `undefined` leaves a field
 * as is; `null` clears an optional field and is refused for a required
 * one; optional fields marked `date` must be ISO dates.
 * @internal
 */
export function mapColumns<TRow>(
  input: object,
  spec: {
    required?: Array<[field: string, column: keyof TRow]>;
    optional?: Array<[field: string, column: keyof TRow, type?: 'date']>;
  },
): Partial<TRow> {
  const p = input as Record<string, unknown>;
  const cols: Record<string, unknown> = {};
  for (const [field, column] of spec.required ?? []) {
    if (p[field] === null) throw new InputError(`${field} cannot be cleared`);
    if (p[field] !== undefined) cols[column as string] = p[field];
  }
  for (const [field, column, type] of spec.optional ?? []) {
    if (p[field] === undefined) continue;
    cols[column as string] = p[field] ?? null;
    if (type === 'date') checkDate(field, cols[column as string] as string);
  }
  return cols as Partial<TRow>;
}

/**
 * The milestone columns of a create request or a patch: `undefined` leaves
 * a field as is, `null` clears an optional one.
 * @internal
 */
export function milestoneColumns(
  input:
    | Partial<CreateMilestoneRequest>
    | Omit<UpdateMilestoneRequest, 'version'>,
): Partial<RawDbMilestoneRow> {
  const cols = mapColumns<RawDbMilestoneRow>(input, {
    required: [
      ['title', 'title'],
      ['status', 'status'],
      ['gate', 'gate'],
    ],
    optional: [
      ['baselineDate', 'baseline_date', 'date'],
      ['forecastDate', 'forecast_date', 'date'],
      ['actualDate', 'actual_date', 'date'],
      ['changeRecord', 'change_record'],
      ['entityRef', 'entity_ref'],
      ['externalId', 'external_id'],
    ],
  });
  if (cols.gate !== undefined) cols.gate = Boolean(cols.gate);
  // Approvers are a list: stored as JSON, an empty list as null.
  const approvers = (input as { gateApprovers?: string[] | null })
    .gateApprovers;
  if (approvers !== undefined) {
    cols.gate_approvers = approvers?.length
      ? JSON.stringify(approvers.map(a => a.toLocaleLowerCase('en-US')))
      : null;
  }
  return cols;
}

/**
 * The RAID columns of a create request or a patch, as for milestones.
 * @internal
 */
export function raidColumns(
  input:
    | Partial<CreateRaidItemRequest>
    | Omit<UpdateRaidItemRequest, 'version'>,
): Partial<RawDbRaidRow> {
  const cols = mapColumns<RawDbRaidRow>(input, {
    required: [
      ['type', 'type'],
      ['title', 'title'],
      ['status', 'status'],
    ],
    optional: [
      ['description', 'description'],
      ['owner', 'owner'],
      ['action', 'action'],
      ['dueDate', 'due_date', 'date'],
      ['entityRef', 'entity_ref'],
    ],
  });
  // Probability and impact are required for risks and issues by the API;
  // other RAID types may omit them (or clear them), which stores the
  // neutral 1.
  const p = input as Record<string, unknown>;
  if (p.probability !== undefined)
    cols.probability = (p.probability as number) ?? 1;
  if (p.impact !== undefined) cols.impact = (p.impact as number) ?? 1;
  return cols;
}
