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

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  pmoImportPermission,
  toIsoDate,
  type ExportKind,
  type HealthThresholds,
  type ImportResult,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoRouter } from '../../schema/typedRouter';
import type { JsonObject } from '@backstage/types';
import type { ProjectStore, TransferStore } from '../../database/PmoStore';
import { toCsv } from '../csv';
import { readImport } from '../interop/importSource';
import { planImport } from '../importPlan';
import { unknownOwnerMessage, unknownOwnerRefs } from '../ownerRefs';
import type { ImportRowError } from '../importRows';
import { exportKindParam, importQuerySchema } from '../request/imports';
import { XLSX_TYPE } from '../request/body';
import { toXlsx } from '../interop/xlsx';
import type { ExportRow } from '../../database/queries/exportRows';
import { parseInput } from '../request/parse';
import type { RouteOptions } from './routeOptions';

const MAX_IMPORT_ERRORS_IN_MESSAGE = 20;

/** @internal */
export interface ImportRoutesOptions extends RouteOptions {
  /** The projects an import touches, to authorize every row on them. */
  projects: Pick<ProjectStore, 'getProjects'>;
  transfer: TransferStore;
  /** Checks RAID owners written as refs; without it they are not checked. */
  catalog?: CatalogService;
  logger: LoggerService;
  thresholds?: HealthThresholds;
  /** For tests. */
  now?: () => Date;
}

function emptyImportResult(
  dryRun: boolean,
  errors: ImportResult['errors'],
): ImportResult {
  return {
    dryRun,
    applied: false,
    counts: {
      projects: { created: 0, updated: 0 },
      milestones: { created: 0, updated: 0 },
      raid: { created: 0, updated: 0 },
    },
    errors,
  };
}

/**
 * The error of a rejected real import: 403 when a row was denied (the
 * first denied row is named first), else 400, else 409 (stale versions).
 */
function rejection(errors: ImportRowError[]): Error {
  const ordered = [
    ...errors.filter(e => e.reason === 'denied'),
    ...errors.filter(e => e.reason !== 'denied'),
  ];
  const shown = ordered
    .slice(0, MAX_IMPORT_ERRORS_IN_MESSAGE)
    .map(
      e => `${e.kind}[${e.row}]${e.field ? `.${e.field}` : ''}: ${e.message}`,
    );
  const more = ordered.length - shown.length;
  const message = `Import rejected, nothing was applied: ${shown.join('; ')}${
    more > 0 ? `; and ${more} more` : ''
  }`;
  if (ordered[0].reason === 'denied') return new NotAllowedError(message);
  if (errors.some(e => e.reason === 'invalid')) return new InputError(message);
  return new ConflictError(message);
}

/**
 * The exports (`/export/{kind}.csv`, `/export.xlsx`) and the bulk import
 * (`/import`). The import body (JSON; CSV or MS Project XML as a string; an
 * XLSX workbook as a Buffer) is parsed before any route (see
 * request/body.ts): up to 10mb, unlike the other routes.
 * @internal
 */
export function registerImportRoutes(
  router: PmoRouter,
  options: ImportRoutesOptions,
) {
  const { projects, transfer, contextOf, logger, catalog } = options;
  const thresholds = options.thresholds ?? DEFAULT_HEALTH_THRESHOLDS;
  const now = options.now ?? (() => new Date());

  /** The rows of `kinds` the caller may read, audited as one export. */
  async function readable(
    ctx: Awaited<ReturnType<typeof contextOf>>,
    kinds: ExportKind[],
  ) {
    return ctx.audited(
      'export',
      { kind: kinds.join(',') },
      async () => {
        const access = await ctx.readAccess();
        const out = {} as Record<ExportKind, ExportRow[]>;
        for (const kind of kinds) {
          out[kind] =
            access.result === 'deny'
              ? []
              : await transfer.exportRows(kind, access.access);
        }
        return out;
      },
      r => ({ rows: Object.values(r).reduce((n, rows) => n + rows.length, 0) }),
    );
  }

  router.get('/export/:kind.csv', async (req, res) => {
    const ctx = await contextOf(req);
    const kind = exportKindParam(req);
    const rows = (await readable(ctx, [kind]))[kind];
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`pmo-${kind}-${toIsoDate(now())}.csv`)
      .send(toCsv(kind, rows));
  });

  router.get('/export.xlsx', async (req, res) => {
    const ctx = await contextOf(req);
    const sheets = await readable(ctx, ['projects', 'milestones', 'raid']);
    res
      .status(200)
      .type(XLSX_TYPE)
      .attachment(`pmo-${toIsoDate(now())}.xlsx`)
      // The generated types read `format: binary` as a string.
      .send((await toXlsx(sheets)) as unknown as string);
  });

  router.post('/import', async (req, res) => {
    const ctx = await contextOf(req);
    const query = parseInput(importQuerySchema, req.query, 'query');
    const result = await ctx.audited(
      'import',
      {
        dryRun:
          query.dryRun === 'true' ||
          (typeof req.body === 'object' && req.body?.dryRun === true),
      },
      async () => {
        await ctx.authorize(pmoImportPermission);
        const { raw, dryRun, mapping } = await readImport(req, query, {
          ctx,
          transfer,
        });
        const plan = await planImport(raw, {
          projectStore: projects,
          itemStore: transfer,
          ctx,
          thresholds,
          now: now(),
          keyRule: options.keyRule,
        });
        // RAID owners written as refs receive reminders: they must be
        // catalog users or groups (one catalog call for the file).
        if (catalog && raw.raid?.length) {
          const owners = raw.raid.map(row => {
            const owner = (row as { owner?: unknown } | null)?.owner;
            return typeof owner === 'string' ? owner : undefined;
          });
          const unknown = await unknownOwnerRefs(
            catalog,
            owners,
            await ctx.catalogCredentials(),
          );
          owners.forEach((owner, i) => {
            const ref = owner ? unknown.get(owner) : undefined;
            if (ref) {
              plan.errors.push({
                kind: 'raid',
                row: i + 1,
                field: 'owner',
                message: unknownOwnerMessage(ref),
                reason: 'invalid',
              });
            }
          });
        }
        if (plan.errors.length > 0 && !dryRun) {
          // A real import is all-or-nothing; the structured errors come
          // back from a dry run, which is what the UI runs first.
          throw rejection(plan.errors);
        }
        const outcome =
          plan.errors.length > 0
            ? emptyImportResult(
                dryRun,
                plan.errors.map(({ reason, ...e }) => e),
              )
            : await transfer.importBatch(
                plan.batch,
                { dryRun, expected: plan.expected },
                await ctx.actor(),
              );
        return mapping ? { ...outcome, mapping } : outcome;
      },
      r => ({
        dryRun: r.dryRun,
        applied: r.applied,
        errors: r.errors.length,
        counts: r.counts as unknown as JsonObject,
      }),
    );
    logger.info(
      `Import by ${ctx.credentials.principal.type} ${
        result.dryRun ? '(dry run) ' : ''
      }applied=${result.applied} errors=${result.errors.length}`,
    );
    res.json(result);
  });
}
