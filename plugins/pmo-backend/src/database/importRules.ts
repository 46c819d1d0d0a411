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

import { ConflictError, InputError } from '@backstage/errors';
import {
  decisionMessages,
  isBaselineEditRefused,
  type CreateProjectRequest,
} from '@infra-pmo/plugin-pmo-common';
import type { Actor, ImportExpectations } from './PmoStore';
import { projectPatchColumns } from './projectWrites';
import type { RawDbMilestoneRow, RawDbProjectRow } from './rows';

/*
 * The rules of the bulk import that only the database can check, and the
 * columns of an imported row: the row is the whole object, as exported.
 */

/**
 * Optional milestone fields that an imported row clears when it leaves
 * them empty.
 * @internal
 */
export const MILESTONE_IMPORT_FIELDS = [
  'baselineDate',
  'forecastDate',
  'actualDate',
  'changeRecord',
  'entityRef',
] as const;

/** The same for RAID items. @internal */
export const RAID_IMPORT_FIELDS = [
  'description',
  'owner',
  'action',
  'dueDate',
  'entityRef',
  'probability',
  'impact',
] as const;

/**
 * An imported row describes the whole object, as in the export: an empty
 * optional cell clears the stored value.
 * @internal
 */
export function withNulls<T extends object>(
  row: T,
  fields: readonly string[],
): T {
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const f of fields) {
    if (copy[f] === undefined) copy[f] = null;
  }
  return copy as T;
}

/**
 * Columns of an imported project row over an existing one. Optional fields
 * absent from the row are cleared (the row is the whole project), but an
 * unchanged declared health keeps its date, so that a re-import does not
 * make every stale project look freshly updated. An absent declared health
 * leaves the declaration as it is.
 * @internal
 */
export function importProjectColumns(
  input: CreateProjectRequest,
  current: RawDbProjectRow,
  actor: Actor,
  now: string,
): Partial<RawDbProjectRow> {
  const { key, declaredHealth, ...rest } = input;
  const cols = projectPatchColumns(
    withNulls(rest, [
      'description',
      'sponsor',
      'startDate',
      'targetDate',
      'budget',
    ]),
    actor,
    now,
  );
  if (cols.external_links === undefined) cols.external_links = '[]';
  if (
    declaredHealth &&
    (declaredHealth.status !== current.declared_health ||
      (declaredHealth.reason ?? null) !== current.declared_reason)
  ) {
    cols.declared_health = declaredHealth.status;
    cols.declared_reason = declaredHealth.reason ?? null;
    cols.declared_set_at = now;
    cols.declared_set_by = actor.ref;
  }
  return cols;
}

/**
 * An imported row leaves a set baseline as it is: moving it takes an
 * approved re-baseline request, so the import fails naming the row.
 * @internal
 */
export function checkImportedBaseline(
  label: string,
  current: Pick<RawDbMilestoneRow, 'baseline_date'>,
  proposed: string | null,
) {
  if (isBaselineEditRefused(current.baseline_date, proposed)) {
    throw new InputError(
      `Invalid request: ${decisionMessages.baselineLocked(
        `${label}.baselineDate`,
      )}`,
    );
  }
}

/**
 * The version an import row must carry to update an existing object.
 * @internal
 */
export function requireImportVersion(
  label: string,
  version: number | undefined,
) {
  if (version === undefined) {
    throw new InputError(
      `Invalid request: ${label}.version: is required to update an existing object`,
    );
  }
  return version;
}

/**
 * Refuses an import whose rows were authorized on another state than the
 * one in the transaction (a concurrent write in between).
 * @internal
 */
export function checkExpectations(
  expected: ImportExpectations,
  found: {
    projects: Map<string, RawDbProjectRow>;
    milestones: Map<string, { project_key: string }>;
    raid: Map<string, { project_key: string }>;
  },
) {
  const changed = (what: string) =>
    new ConflictError(
      `${what} changed while the import was being checked; nothing was applied, retry`,
    );
  for (const [key, version] of expected.projects) {
    const row = found.projects.get(key);
    if ((row ? Number(row.version) : null) !== version) {
      throw changed(`Project ${key}`);
    }
  }
  for (const kind of ['milestones', 'raid'] as const) {
    for (const [id, projectKey] of expected[kind]) {
      if ((found[kind].get(id)?.project_key ?? null) !== projectKey) {
        throw changed(kind === 'raid' ? `RAID item ${id}` : `Milestone ${id}`);
      }
    }
  }
}
