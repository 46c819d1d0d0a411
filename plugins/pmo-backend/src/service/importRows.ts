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

import type { BasicPermission } from '@backstage/plugin-permission-common';
import {
  dateOfImportedValue,
  type ExportKind,
  type ImportResult,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { z } from 'zod';
import type { PmoRequestContext, ProjectPermission } from './context';
import {
  importMilestoneRowSchema,
  importProjectRowSchema,
  importRaidRowSchema,
} from './request/imports';
import { formatPath } from './request/parse';
import { projectKeySchema } from './request/refs';

/*
 * Import rows: validated once, with the shared schemas (request/), and
 * the batched authorization of the import plan (importPlan.ts).
 */

/** Rows as sent: JSON arrays, or the rows of a CSV. @internal */
export interface ImportRows {
  projects?: unknown[];
  milestones?: unknown[];
  raid?: unknown[];
}

/**
 * Why a row is refused. A rejected real import answers 403 if a row was
 * denied, else 400 if a row is invalid, else 409 (stale versions only).
 * @internal
 */
export type ImportErrorReason = 'denied' | 'invalid' | 'conflict';

/** @internal */
export type ImportRowError = ImportResult['errors'][number] & {
  reason: ImportErrorReason;
};

/** A valid row with its 1-based number within its kind. @internal */
export type Numbered<T> = { row: number; value: T };

/** The date fields of each kind. */
const DATE_FIELDS: Record<ExportKind, string[]> = {
  projects: ['startDate', 'targetDate'],
  milestones: ['baselineDate', 'forecastDate', 'actualDate'],
  raid: ['dueDate'],
};

/**
 * A row whose date fields written as ISO timestamps (MS Project, JSON and
 * spreadsheet exports) keep only their date; other values are untouched.
 */
function withImportedDates(kind: ExportKind, row: unknown): unknown {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const field of DATE_FIELDS[kind]) {
    const value = out[field];
    if (typeof value === 'string') out[field] = dateOfImportedValue(value);
  }
  return out;
}

/** Validates rows with a schema; invalid rows become errors. */
function validate<T extends z.ZodTypeAny>(
  kind: ExportKind,
  schema: T,
  input: unknown[] | undefined,
  errors: ImportRowError[],
  onInvalid?: (row: unknown) => void,
): Array<Numbered<z.output<T>>> {
  const valid: Array<Numbered<z.output<T>>> = [];
  (input ?? []).forEach((value, i) => {
    const parsed = schema.safeParse(withImportedDates(kind, value));
    if (parsed.success) {
      valid.push({ row: i + 1, value: parsed.data });
      return;
    }
    onInvalid?.(value);
    for (const issue of parsed.error.issues) {
      errors.push({
        kind,
        row: i + 1,
        ...(issue.path.length ? { field: formatPath('', issue.path) } : {}),
        message: issue.message,
        reason: 'invalid',
      });
    }
  });
  return valid;
}

/** Drops the rows whose `id` (or key) repeats an earlier row's. */
function firstOf<T>(
  kind: ExportKind,
  rows: Array<Numbered<T>>,
  field: string,
  idOf: (value: T) => string | undefined,
  errors: ImportRowError[],
): Array<Numbered<T>> {
  const seen = new Set<string>();
  return rows.filter(({ row, value }) => {
    const id = idOf(value);
    if (id === undefined) return true;
    if (seen.has(id)) {
      errors.push({
        kind,
        row,
        field,
        message: `repeats ${id} of an earlier row`,
        reason: 'invalid',
      });
      return false;
    }
    seen.add(id);
    return true;
  });
}

/**
 * Validates every row of an import with the shared schemas; invalid and
 * repeated rows become errors and are left out. `invalidProjectKeys`: the
 * keys of invalid project rows (their milestones and RAID are not judged).
 * @internal
 */
export function validateImportRows(raw: ImportRows, errors: ImportRowError[]) {
  const invalidProjectKeys = new Set<string>();
  const projects = firstOf(
    'projects',
    validate('projects', importProjectRowSchema, raw.projects, errors, r => {
      const key = projectKeySchema.safeParse((r as { key?: unknown })?.key);
      if (key.success) invalidProjectKeys.add(key.data);
    }),
    'key',
    p => p.key,
    errors,
  );
  const items = <T extends z.ZodTypeAny>(
    kind: 'milestones' | 'raid',
    schema: T,
  ) =>
    firstOf(
      kind,
      validate(kind, schema, raw[kind], errors),
      'id',
      (item: { id?: string }) => item.id,
      errors,
    );
  const milestones = items('milestones', importMilestoneRowSchema);
  const raid = items('raid', importRaidRowSchema);
  return { projects, milestones, raid, invalidProjectKeys };
}

/**
 * Row authorizations collected first and decided together: one decision
 * per permission for the whole import, applied to every project state.
 */
/** @internal */
export class Authorizations {
  readonly #rows: Array<{
    denial: Omit<ImportRowError, 'reason'>;
    needs: Array<[ProjectPermission, ProjectWithHealth]>;
    basic?: BasicPermission;
    then: () => void;
  }> = [];

  /** `then` runs when every need is granted; else the row is denied. */
  add(
    denial: Omit<ImportRowError, 'reason'>,
    needs: Array<[ProjectPermission, ProjectWithHealth]>,
    then: () => void,
    basic?: BasicPermission,
  ) {
    this.#rows.push({ denial, needs, basic, then });
  }

  async run(
    ctx: Pick<PmoRequestContext, 'allows' | 'decide'>,
    errors: ImportRowError[],
  ): Promise<void> {
    const groups = new Map<
      string,
      { permission: ProjectPermission; projects: ProjectWithHealth[] }
    >();
    const index = this.#rows.map(r =>
      r.needs.map(([permission, project]) => {
        let group = groups.get(permission.name);
        if (!group) {
          group = { permission, projects: [] };
          groups.set(permission.name, group);
        }
        group.projects.push(project);
        return [permission.name, group.projects.length - 1] as const;
      }),
    );
    const decided = new Map<string, boolean[]>();
    for (const [name, { permission, projects }] of groups) {
      decided.set(name, await ctx.decide(permission, projects));
    }
    for (const [i, r] of this.#rows.entries()) {
      const granted =
        index[i].every(([name, at]) => decided.get(name)![at]) &&
        (!r.basic || (await ctx.allows(r.basic)));
      if (granted) r.then();
      else errors.push({ ...r.denial, reason: 'denied' });
    }
  }
}
