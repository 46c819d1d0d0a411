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
 * The milestone columns of a create request or a patch: `undefined` leaves
 * a field as is, `null` clears an optional one.
 * @internal
 */
export function milestoneColumns(
  input:
    | Partial<CreateMilestoneRequest>
    | Omit<UpdateMilestoneRequest, 'version'>,
): Partial<RawDbMilestoneRow> {
  const cols: Partial<RawDbMilestoneRow> = {};
  const p = input as Record<string, unknown>;
  for (const field of ['title', 'status', 'gate']) {
    if (p[field] === null) throw new InputError(`${field} cannot be cleared`);
  }
  if (p.title !== undefined) cols.title = p.title as string;
  if (p.status !== undefined) cols.status = p.status as string;
  if (p.gate !== undefined) cols.gate = Boolean(p.gate);
  const optional: Array<[string, keyof RawDbMilestoneRow]> = [
    ['baselineDate', 'baseline_date'],
    ['forecastDate', 'forecast_date'],
    ['actualDate', 'actual_date'],
    ['changeRecord', 'change_record'],
    ['entityRef', 'entity_ref'],
    ['externalId', 'external_id'],
  ];
  for (const [field, column] of optional) {
    if (p[field] !== undefined) (cols as any)[column] = p[field] ?? null;
  }
  checkDate('baselineDate', cols.baseline_date);
  checkDate('forecastDate', cols.forecast_date);
  checkDate('actualDate', cols.actual_date);
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
  const cols: Partial<RawDbRaidRow> = {};
  const p = input as Record<string, unknown>;
  for (const field of ['type', 'title', 'status']) {
    if (p[field] === null) throw new InputError(`${field} cannot be cleared`);
  }
  if (p.type !== undefined) cols.type = p.type as string;
  if (p.title !== undefined) cols.title = p.title as string;
  if (p.status !== undefined) cols.status = p.status as string;
  // Probability and impact are required for risks and issues by the API;
  // other RAID types may omit them, which stores the neutral 1.
  if (p.probability !== undefined)
    cols.probability = (p.probability as number) ?? 1;
  if (p.impact !== undefined) cols.impact = (p.impact as number) ?? 1;
  const optional: Array<[string, keyof RawDbRaidRow]> = [
    ['description', 'description'],
    ['owner', 'owner'],
    ['action', 'action'],
    ['dueDate', 'due_date'],
    ['entityRef', 'entity_ref'],
  ];
  for (const [field, column] of optional) {
    if (p[field] !== undefined) (cols as any)[column] = p[field] ?? null;
  }
  checkDate('dueDate', cols.due_date);
  return cols;
}
