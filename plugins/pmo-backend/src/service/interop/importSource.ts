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
import type { ImportColumnMapping } from '@infra-pmo/plugin-pmo-common';
import type { Request } from 'express';
import type { z } from 'zod';
import type { TransferStore } from '../../database/PmoStore';
import type { PmoRequestContext } from '../context';
import { columnMapping, parseCsvImport } from '../csv';
import type { ImportRows } from '../importRows';
import { importBodySchema, type importQuerySchema } from '../request/imports';
import { parseInput } from '../request/parse';
import { MSPDI_MAPPING, parseMspdi } from './mspdi';
import { parseXlsx } from './xlsx';
import { matchExternalIds, mspdiImportRows } from './planRows';

/*
 * The formats of `POST /import`, read into the rows of the one import
 * pipeline: JSON (the API), CSV (the export's own files and spreadsheets
 * saved as CSV), MS Project XML (MSPDI) and XLSX workbooks. Milestone rows that name an
 * existing milestone by external id are matched here, whatever the format.
 */

/** Content types read as MS Project XML. @internal */
export const XML_TYPES = ['application/xml', 'text/xml'];

/** @internal */
export type ImportQuery = z.output<typeof importQuerySchema>;

/**
 * The rows and the dry-run flag of an import request, in any format.
 * @internal
 */
export async function readImport(
  req: Request,
  query: ImportQuery,
  deps: {
    ctx: Pick<PmoRequestContext, 'readableProject' | 'readableKeys'>;
    transfer: Pick<TransferStore, 'milestonesByExternalId'>;
  },
): Promise<{
  raw: ImportRows;
  dryRun: boolean;
  mapping?: ImportColumnMapping[];
}> {
  let raw: ImportRows;
  let mapping: ImportColumnMapping[] | undefined;
  let dryRun = query.dryRun === 'true';
  if (typeof req.body === 'string' && req.is(XML_TYPES)) {
    if (!query.projectKey) {
      throw new InputError(
        'Invalid request: query.projectKey: is required for an MS Project import (the project the plan belongs to)',
      );
    }
    raw = await mspdiImportRows(
      parseMspdi(req.body, { summaryLevel: query.summaryLevel }),
      { projectKey: query.projectKey, owner: query.owner, ctx: deps.ctx },
    );
    mapping = [MSPDI_MAPPING];
  } else if (Buffer.isBuffer(req.body)) {
    const workbook = await parseXlsx(req.body, {
      projectKey: query.projectKey,
    });
    raw = workbook.rows;
    mapping = workbook.mapping;
  } else if (typeof req.body === 'string') {
    const csv = parseCsvImport(req.body, query.kind);
    raw = { [csv.kind]: csv.rows };
    mapping = [
      {
        source: 'CSV',
        kind: csv.kind,
        columns: columnMapping(csv.kind, csv.header),
      },
    ];
  } else {
    if (!req.is('application/json')) {
      throw new InputError(
        'Invalid request: body: send application/json, text/csv, application/xml (MS Project) or an XLSX workbook',
      );
    }
    const body = parseInput(importBodySchema, req.body, 'body');
    raw = body;
    dryRun = body.dryRun ?? dryRun;
  }
  return {
    raw: {
      ...raw,
      milestones: await matchExternalIds(raw.milestones, deps),
    },
    dryRun,
    mapping,
  };
}
