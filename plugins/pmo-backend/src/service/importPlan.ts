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

import {
  checkDeclaredHealthReason,
  computedHealthOfNewProject,
  pmoMilestoneCreatePermission,
  pmoMilestoneUpdatePermission,
  pmoProjectCreatePermission,
  pmoProjectReadPermission,
  pmoProjectUpdatePermission,
  pmoRaidCreatePermission,
  pmoRaidUpdatePermission,
  type ExportKind,
  type Health,
  type HealthThresholds,
  type ProjectKeyRule,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { z } from 'zod';
import type {
  ImportBatch,
  ImportExpectations,
  ItemLocation,
  ProjectStore,
  TransferStore,
} from '../database/PmoStore';
import type { PmoRequestContext } from './context';
import {
  Authorizations,
  validateImportRows,
  type ImportErrorReason,
  type ImportRowError,
  type ImportRows,
  type Numbered,
} from './importRows';
import type { importProjectRowSchema } from './request/imports';
import { newProjectKeyProblem } from './request/refs';

/*
 * The plan of an import: every row validated once (the shared schemas),
 * then authorized on the project it touches, through the request context
 * (one decision per permission for the whole file, applied to each project
 * as it is now and as the import would leave it), then checked against the
 * stored versions. Projects the caller cannot read are treated as absent:
 * a row about one gets the same "not allowed" as a row the caller may not
 * write, and nothing of them (version, health, values) reaches the result.
 */

/** @internal */
export interface ImportPlan {
  batch: ImportBatch;
  /** The state the rows were authorized on, re-checked by the store. */
  expected: ImportExpectations;
  /** In kind (projects, milestones, raid) then row order. */
  errors: ImportRowError[];
}

/** @internal */
export interface ImportPlanOptions {
  /** The projects the rows touch. */
  projectStore: Pick<ProjectStore, 'getProjects'>;
  /** Where the milestones and RAID items the rows update are. */
  itemStore: Pick<TransferStore, 'locateItems'>;
  ctx: Pick<PmoRequestContext, 'allows' | 'decide'>;
  thresholds: HealthThresholds;
  now: Date;
  /** The rule of new project keys (`pmo.projectKeys.pattern`). */
  keyRule?: ProjectKeyRule;
}

type ProjectRow = z.output<typeof importProjectRowSchema>;
/** What the plan looks at in a milestone or RAID row. */
type ChildRow = { projectKey: string; id?: string; version?: number };

const KINDS: ExportKind[] = ['projects', 'milestones', 'raid'];

const CHILD_PERMISSIONS = {
  milestones: {
    create: pmoMilestoneCreatePermission,
    update: pmoMilestoneUpdatePermission,
    noun: 'milestone',
  },
  raid: {
    create: pmoRaidCreatePermission,
    update: pmoRaidUpdatePermission,
    noun: 'RAID item',
  },
} as const;

const notAllowed = (permission: { name: string }, key: string) =>
  `not allowed: ${permission.name} on project ${key}`;

/**
 * The project as a project row would leave it (or create it): what the
 * permission rules look at (owner, phase, key) and the other required
 * fields. Health and version stay those of the current project.
 */
function projectAfterRow(
  current: ProjectWithHealth | undefined,
  row: ProjectRow,
  computedIfNew: Health,
  at: string,
): ProjectWithHealth {
  const base: ProjectWithHealth = current ?? {
    key: row.key,
    title: row.title,
    phase: 'intake',
    methodology: 'waterfall',
    owner: row.owner,
    priority: 'medium',
    externalLinks: [],
    version: 0,
    createdAt: at,
    updatedAt: at,
    computedHealth: { status: computedIfNew, reasons: [] },
    watermelon: false,
  };
  return {
    ...base,
    key: row.key,
    title: row.title,
    owner: row.owner,
    phase: row.phase ?? base.phase,
    methodology: row.methodology ?? base.methodology,
    priority: row.priority ?? base.priority,
  };
}

/**
 * Validates, authorizes and checks an import; `errors` is empty when the
 * batch may be given to the store.
 * @internal
 */
export async function planImport(
  raw: ImportRows,
  options: ImportPlanOptions,
): Promise<ImportPlan> {
  const { projectStore, itemStore, ctx, thresholds, now } = options;
  const errors: ImportRowError[] = [];
  const fail = (
    reason: ImportErrorReason,
    kind: ExportKind,
    row: number,
    field: string | undefined,
    message: string,
  ) => errors.push({ kind, row, ...(field ? { field } : {}), message, reason });

  // 1. Shapes, with the schemas of the single-object routes.
  const { projects, milestones, raid, invalidProjectKeys } = validateImportRows(
    raw,
    errors,
  );
  const children: Record<'milestones' | 'raid', Array<Numbered<ChildRow>>> = {
    milestones,
    raid,
  };

  // 2. What the rows touch (the projects of the rows and of the items
  // they update), as the caller may see it.
  const located = async (kind: 'milestones' | 'raid') => {
    const ids = children[kind].flatMap(c => (c.value.id ? [c.value.id] : []));
    const found = ids.length ? await itemStore.locateItems(kind, ids) : [];
    return new Map<string, ItemLocation>(found.map(item => [item.id, item]));
  };
  const items = {
    milestones: await located('milestones'),
    raid: await located('raid'),
  };
  const keys = [
    ...new Set([
      ...projects.map(p => p.value.key),
      ...children.milestones.map(m => m.value.projectKey),
      ...children.raid.map(r => r.value.projectKey),
      ...[...items.milestones.values(), ...items.raid.values()].map(
        item => item.projectKey,
      ),
    ]),
  ];
  const found = keys.length ? await projectStore.getProjects(keys) : [];
  const readable = await ctx.decide(pmoProjectReadPermission, found);
  const visible = new Map<string, ProjectWithHealth>();
  const hidden = new Set<string>();
  found.forEach((p, i) =>
    readable[i] ? visible.set(p.key, p) : hidden.add(p.key),
  );

  const expected = {
    projects: new Map<string, number | null>(),
    milestones: new Map<string, string | null>(),
    raid: new Map<string, string | null>(),
  };
  const checks = new Authorizations();
  const at = now.toISOString();

  function checkVersion(
    kind: ExportKind,
    row: number,
    given: number | undefined,
    what: string,
    current: number,
  ) {
    if (given === undefined) {
      fail(
        'invalid',
        kind,
        row,
        'version',
        `is required to update ${what} (the version of the export)`,
      );
    } else if (given !== current) {
      fail(
        'conflict',
        kind,
        row,
        'version',
        `is ${given}, but ${what} is at version ${current}: it changed since; export again`,
      );
    }
  }

  // 3. Project rows: create, or update on the project now and after.
  const after = new Map<string, ProjectWithHealth>();
  for (const { row, value } of projects) {
    const { key } = value;
    const current = visible.get(key);
    const computed = current
      ? current.computedHealth.status
      : computedHealthOfNewProject(value.phase, thresholds, now);
    const next = projectAfterRow(current, value, computed, at);
    after.set(key, next);
    const checkReason = () => {
      const problem = checkDeclaredHealthReason(value.declaredHealth, computed);
      if (problem) {
        fail('invalid', 'projects', row, 'declaredHealth.reason', problem);
      }
    };
    if (current) {
      const update = pmoProjectUpdatePermission;
      checks.add(
        { kind: 'projects', row, message: notAllowed(update, key) },
        [
          [update, current],
          [update, next],
        ],
        () => {
          expected.projects.set(key, current.version);
          checkVersion(
            'projects',
            row,
            value.version,
            `project ${key}`,
            current.version,
          );
          checkReason();
        },
      );
    } else {
      // A hidden key is taken: refused like a create the caller may not do.
      const create = pmoProjectCreatePermission;
      const denial = {
        kind: 'projects' as const,
        row,
        message: notAllowed(create, key),
      };
      const keyProblem = newProjectKeyProblem(key, options.keyRule);
      if (hidden.has(key)) errors.push({ ...denial, reason: 'denied' });
      else if (keyProblem) fail('invalid', 'projects', row, 'key', keyProblem);
      else {
        checks.add(
          denial,
          [],
          () => {
            expected.projects.set(key, null);
            checkReason();
          },
          create,
        );
      }
    }
  }

  // 4. Milestone and RAID rows: on their project as the project rows leave
  // it; an update also on the project the item belongs to now.
  for (const kind of ['milestones', 'raid'] as const) {
    const { create, update, noun } = CHILD_PERMISSIONS[kind];
    for (const { row, value } of children[kind]) {
      const { projectKey: key, id } = value;
      const item = id ? items[kind].get(id) : undefined;
      if (item) {
        const owner = visible.get(item.projectKey);
        if (!owner) {
          fail(
            'denied',
            kind,
            row,
            'id',
            `not allowed: ${update.name} on the project of this ${noun}`,
          );
          continue;
        }
        const states = [owner, after.get(item.projectKey)].filter(
          (p, i, all): p is ProjectWithHealth => !!p && all.indexOf(p) === i,
        );
        checks.add(
          {
            kind,
            row,
            field: 'id',
            message: notAllowed(update, item.projectKey),
          },
          states.map(p => [update, p]),
          () => {
            if (item.projectKey !== key) {
              fail(
                'invalid',
                kind,
                row,
                'projectKey',
                `the ${noun} belongs to project ${item.projectKey}; an import cannot move it`,
              );
              return;
            }
            expected.projects.set(key, owner.version);
            expected[kind].set(item.id, item.projectKey);
            checkVersion(
              kind,
              row,
              value.version,
              `${noun} ${item.id}`,
              item.version,
            );
          },
        );
        continue;
      }
      const target = after.get(key) ?? visible.get(key);
      if (!target) {
        // Absent or hidden alike. A project row of that key that is
        // itself invalid already explains the row.
        if (!invalidProjectKeys.has(key)) {
          fail('denied', kind, row, 'projectKey', notAllowed(create, key));
        }
        continue;
      }
      checks.add(
        { kind, row, field: 'projectKey', message: notAllowed(create, key) },
        [[create, target]],
        () => {
          if (!after.has(key)) expected.projects.set(key, target.version);
          if (id) expected[kind].set(id, null);
        },
      );
    }
  }

  await checks.run(ctx, errors);

  const order = (e: ImportRowError) => KINDS.indexOf(e.kind);
  errors.sort((a, b) => order(a) - order(b) || a.row - b.row);
  return {
    batch: {
      projects: projects.map(p => p.value),
      milestones: milestones.map(m => m.value),
      raid: raid.map(r => r.value),
    },
    expected,
    errors,
  };
}
