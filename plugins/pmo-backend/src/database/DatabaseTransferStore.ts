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

import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  ExportKind,
  ImportResult,
  Milestone,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { KnexStore } from './KnexStore';
import { recomputeHealth } from './health';
import { chunks, isUniqueViolation, unique } from './helpers';
import {
  checkImportedBaseline,
  checkExpectations,
  importProjectColumns,
  MILESTONE_IMPORT_FIELDS,
  RAID_IMPORT_FIELDS,
  requireImportVersion,
  withNulls,
} from './importRules';
import { milestoneColumns, raidColumns } from './itemColumns';
import {
  insertMilestone,
  insertRaid,
  loadByIds,
  updateItemRow,
  type ItemKind,
} from './itemWrites';
import type {
  Actor,
  ImportBatch,
  ImportExpectations,
  ItemLocation,
  ProjectAccessFilter,
  TransferStore,
} from './PmoStore';
import { insertProject, updateProjectRow } from './projectWrites';
import { exportRows, type ExportRow } from './queries/exportRows';
import {
  rowToMilestone,
  type RawDbMilestoneRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
} from './rows';
import { isoNow } from './storeOptions';

/** Thrown to roll a dry run back once its counts are known. */
class RollbackImport extends Error {}

type ImportCounts = ImportResult['counts'];

/**
 * Knex implementation of {@link TransferStore}: the CSV export and the bulk
 * import, which writes through the same project, milestone and RAID writes
 * as the other stores (itemWrites, projectWrites) in one transaction.
 * @internal
 */
export class DatabaseTransferStore extends KnexStore implements TransferStore {
  exportRows(
    kind: ExportKind,
    access?: ProjectAccessFilter,
  ): Promise<ExportRow[]> {
    return exportRows(this.db, kind, access);
  }

  async importBatch(
    batch: ImportBatch,
    options: { dryRun: boolean; expected?: ImportExpectations },
    actor: Actor,
  ): Promise<ImportResult> {
    const counts: ImportCounts = {
      projects: { created: 0, updated: 0 },
      milestones: { created: 0, updated: 0 },
      raid: { created: 0, updated: 0 },
    };
    try {
      await this.db.transaction(async trx => {
        await this.#apply(trx, batch, options.expected, actor, counts);
        // A dry run applies too, so that the counts are exactly what would
        // happen, and is rolled back.
        if (options.dryRun) throw new RollbackImport();
      });
    } catch (error) {
      if (!(error instanceof RollbackImport)) throw error;
      return { dryRun: true, applied: false, counts, errors: [] };
    }
    return { dryRun: false, applied: true, counts, errors: [] };
  }

  async locateItems(
    kind: 'milestones' | 'raid',
    ids: readonly string[],
  ): Promise<ItemLocation[]> {
    const rows = await loadByIds<RawDbMilestoneRow | RawDbRaidRow>(
      this.db,
      kind === 'milestones' ? 'pmo_milestones' : 'pmo_raid_items',
      [...ids],
    );
    return [...rows.values()].map(r => ({
      id: r.id,
      projectKey: r.project_key,
      version: Number(r.version),
    }));
  }

  async milestonesByExternalId(
    projectKey: string,
    externalIds: readonly string[],
  ): Promise<Milestone[]> {
    const found: Milestone[] = [];
    for (const chunk of chunks(unique([...externalIds]))) {
      const rows = await this.db<RawDbMilestoneRow>('pmo_milestones')
        .where('project_key', projectKey)
        .whereIn('external_id', chunk);
      found.push(...rows.map(rowToMilestone));
    }
    return found;
  }

  /**
   * Rows are validated and authorized by the caller (importPlan.ts); the
   * checks here are the ones only the database can make, in the
   * transaction that writes: versions, existence, the authorized state.
   */
  async #apply(
    trx: Knex.Transaction,
    batch: ImportBatch,
    expected: ImportExpectations | undefined,
    actor: Actor,
    counts: ImportCounts,
  ): Promise<void> {
    const { clock } = this.options;
    const keys = unique([
      ...batch.projects.map(p => p.key),
      ...batch.milestones.map(m => m.projectKey),
      ...batch.raid.map(r => r.projectKey),
      ...(expected?.projects.keys() ?? []),
    ]);
    const projects = new Map<string, RawDbProjectRow>();
    for (const chunk of chunks(keys)) {
      const rows = await trx<RawDbProjectRow>('pmo_projects').whereIn(
        'key',
        chunk,
      );
      for (const row of rows) projects.set(row.key, row);
    }
    const milestones = await loadByIds<RawDbMilestoneRow>(
      trx,
      'pmo_milestones',
      [
        ...batch.milestones.map(m => m.id),
        ...(expected?.milestones.keys() ?? []),
      ],
    );
    const raid = await loadByIds<RawDbRaidRow>(trx, 'pmo_raid_items', [
      ...batch.raid.map(r => r.id),
      ...(expected?.raid.keys() ?? []),
    ]);
    if (expected) {
      checkExpectations(expected, { projects, milestones, raid });
    }

    const touched = new Set<string>();
    for (const [i, input] of batch.projects.entries()) {
      touched.add(input.key);
      const current = projects.get(input.key);
      if (!current) {
        const row = await insertProject(trx, this.options, input, actor, false);
        projects.set(row.key, row);
        counts.projects.created++;
      } else {
        await updateProjectRow(trx, this.options, {
          key: input.key,
          cols: importProjectColumns(input, current, actor, isoNow(clock)),
          version: requireImportVersion(`projects[${i + 1}]`, input.version),
          actor,
          recompute: false,
        });
        counts.projects.updated++;
      }
    }
    const children = [
      {
        kind: 'milestones' as const,
        item: 'milestone' as ItemKind,
        rows: batch.milestones,
        existing: milestones as Map<string, { project_key: string }>,
        insert: (key: string, fields: any, id?: string) =>
          insertMilestone(trx, clock, key, fields, actor, id),
        columns: (fields: any) =>
          milestoneColumns(withNulls(fields, MILESTONE_IMPORT_FIELDS)),
      },
      {
        kind: 'raid' as const,
        item: 'raid' as ItemKind,
        rows: batch.raid,
        existing: raid as Map<string, { project_key: string }>,
        insert: (key: string, fields: any, id?: string) =>
          insertRaid(trx, clock, key, fields, actor, id),
        columns: (fields: any) =>
          raidColumns(withNulls(fields, RAID_IMPORT_FIELDS)),
      },
    ];
    for (const { kind, item, rows, existing, insert, columns } of children) {
      for (const [i, input] of rows.entries()) {
        const { projectKey, id, version, ...fields } = input;
        const label = `${kind}[${i + 1}]`;
        if (!projects.has(projectKey)) {
          throw new NotFoundError(`Project '${projectKey}' not found`);
        }
        touched.add(projectKey);
        const current = id ? existing.get(id) : undefined;
        if (!current) {
          try {
            await insert(projectKey, fields, id);
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            throw new ConflictError(`${label}: id '${id}' already exists`);
          }
          counts[kind].created++;
        } else {
          if (current.project_key !== projectKey) {
            throw new InputError(
              `Invalid request: ${label}.id: belongs to another project; an import cannot move items`,
            );
          }
          if (item === 'milestone') {
            checkImportedBaseline(
              label,
              current as RawDbMilestoneRow,
              (fields as { baselineDate?: string }).baselineDate ?? null,
            );
          }
          await updateItemRow(trx, clock, {
            kind: item,
            id: id!,
            version: requireImportVersion(label, version),
            cols: columns(fields),
            actor,
          });
          counts[kind].updated++;
        }
      }
    }
    await recomputeHealth(trx, [...touched], this.options);
  }
}
