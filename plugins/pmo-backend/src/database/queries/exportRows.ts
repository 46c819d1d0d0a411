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
import type { Knex } from 'knex';
import type { ProjectAccessFilter } from '../PmoStore';
import type { RawDbMilestoneRow, RawDbProjectRow, RawDbRaidRow } from '../rows';
import { applyAccess } from '../sql';

/**
 * One flat row per project, milestone or RAID item, in the column order
 * of the CSV export (and of the import, which reads the same columns).
 * @internal
 */
export type ExportRow = Record<string, string | number | boolean | null>;

function exportProject(r: RawDbProjectRow): ExportRow {
  return {
    key: r.key,
    title: r.title,
    description: r.description ?? null,
    phase: r.phase,
    methodology: r.methodology,
    owner: r.owner,
    sponsor: r.sponsor ?? null,
    startDate: r.start_date ?? null,
    targetDate: r.target_date ?? null,
    budgetPlanned: r.budget_planned === null ? null : Number(r.budget_planned),
    budgetActual: r.budget_actual === null ? null : Number(r.budget_actual),
    budgetCurrency: r.budget_currency ?? null,
    priority: r.priority,
    declaredHealth: r.declared_health ?? null,
    declaredReason: r.declared_reason ?? null,
    externalLinks: r.external_links,
    version: Number(r.version),
  };
}

function exportMilestone(r: RawDbMilestoneRow): ExportRow {
  return {
    id: r.id,
    projectKey: r.project_key,
    title: r.title,
    baselineDate: r.baseline_date ?? null,
    forecastDate: r.forecast_date ?? null,
    actualDate: r.actual_date ?? null,
    status: r.status,
    gate: Boolean(r.gate),
    changeRecord: r.change_record ?? null,
    entityRef: r.entity_ref ?? null,
    externalId: r.external_id ?? null,
    version: Number(r.version),
  };
}

function exportRaid(r: RawDbRaidRow): ExportRow {
  return {
    id: r.id,
    projectKey: r.project_key,
    type: r.type,
    title: r.title,
    description: r.description ?? null,
    probability: Number(r.probability),
    impact: Number(r.impact),
    score: Number(r.score),
    owner: r.owner ?? null,
    action: r.action ?? null,
    dueDate: r.due_date ?? null,
    status: r.status,
    entityRef: r.entity_ref ?? null,
    version: Number(r.version),
  };
}

/**
 * Rows for the CSV export, flat and in a stable order, of the projects the
 * access filter lets through (items through their project).
 * @internal
 */
export async function exportRows(
  db: Knex,
  kind: ExportKind,
  access?: ProjectAccessFilter,
): Promise<ExportRow[]> {
  if (kind === 'projects') {
    const query = db<RawDbProjectRow>('pmo_projects as p')
      .select('p.*')
      .orderBy('p.key');
    if (access) applyAccess(query, access);
    return (await query).map(exportProject);
  }
  if (kind === 'milestones') {
    const query = db<RawDbMilestoneRow>('pmo_milestones as m')
      .join('pmo_projects as p', 'p.key', 'm.project_key')
      .select('m.*')
      .orderBy(['m.project_key', 'm.created_at', 'm.id']);
    if (access) applyAccess(query, access);
    return (await query).map(exportMilestone);
  }
  if (kind === 'raid') {
    const query = db<RawDbRaidRow>('pmo_raid_items as r')
      .join('pmo_projects as p', 'p.key', 'r.project_key')
      .select('r.*')
      .orderBy(['r.project_key', 'r.created_at', 'r.id']);
    if (access) applyAccess(query, access);
    return (await query).map(exportRaid);
  }
  throw new InputError(`Unknown export kind '${kind}'`);
}
