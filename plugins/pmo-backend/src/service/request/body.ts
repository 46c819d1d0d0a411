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
import express, { type RequestHandler } from 'express';

/** Every JSON body but the import's. */
const JSON_LIMIT = '1mb';
/** The import accepts whole files, as JSON or CSV. */
const IMPORT_LIMIT = '10mb';
const IMPORT_PATH = '/import';

/** The content type of an XLSX workbook. @internal */
export const XLSX_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Body-parser errors (malformed JSON, a JSON body that is not an object or
 * array) as an InputError naming the body, like every other 400; other
 * body errors (413 too large, 415 charset) pass through unchanged.
 * @internal
 */
export function bodyParserError(error: unknown): unknown {
  const e = error as { type?: string; message?: string } | undefined;
  if (e?.type === 'entity.parse.failed') {
    return new InputError(
      `Invalid request: body: is not valid JSON (${e.message})`,
    );
  }
  return error;
}

/**
 * Express answers a path parameter that is not valid percent-encoding with
 * a bare URIError; this answers it as a 400 naming the params, before any
 * route runs.
 * @internal
 */
export const rejectInvalidPercentEncoding: RequestHandler = (
  req,
  _res,
  next,
) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    throw new InputError(
      'Invalid request: params: the path is not valid percent-encoding',
    );
  }
  next();
};

/**
 * Parses the body of every PMO route, once: JSON up to 1mb, except
 * `POST /import`, which takes JSON, CSV (`text/csv`, `application/csv`) or
 * MS Project XML (`application/xml`, `text/xml`) or an XLSX workbook up to
 * 10mb (a larger body is a 413 before it is read). CSV and XML bodies
 * arrive as strings, a workbook as a Buffer.
 * @internal
 */
export function parseRequestBody(): RequestHandler {
  const json = express.json({ limit: JSON_LIMIT });
  const importJson = express.json({ limit: IMPORT_LIMIT });
  const importText = express.text({
    type: ['text/csv', 'application/csv', 'application/xml', 'text/xml'],
    limit: IMPORT_LIMIT,
  });
  const importXlsx = express.raw({ type: XLSX_TYPE, limit: IMPORT_LIMIT });
  return (req, res, next) => {
    if (req.path !== IMPORT_PATH) {
      json(req, res, error => next(error && bodyParserError(error)));
      return;
    }
    importJson(req, res, jsonError => {
      if (jsonError) {
        next(bodyParserError(jsonError));
        return;
      }
      importText(req, res, textError =>
        textError ? next(textError) : importXlsx(req, res, next),
      );
    });
  };
}
