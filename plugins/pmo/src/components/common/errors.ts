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

/**
 * Helpers that read the Backstage error bodies returned by the PMO backend
 * (`{ error: { name, message }, response: { statusCode } }`, surfaced by the
 * client as a `ResponseError`).
 */

type ErrorLike = {
  name?: string;
  message?: string;
  statusCode?: number;
  response?: { status?: number };
  body?: {
    error?: { name?: string; message?: string };
    response?: { statusCode?: number };
  };
  cause?: { name?: string; message?: string };
};

/** HTTP status of a failed request, if the error carries one. */
export function errorStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as ErrorLike;
  return e.statusCode ?? e.response?.status ?? e.body?.response?.statusCode;
}

/** Name of the server-side error (`NotAllowedError`, `ConflictError`...). */
export function serverErrorName(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as ErrorLike;
  return e.body?.error?.name ?? e.cause?.name ?? e.name;
}

/** The message written by the server, falling back to the error's own. */
export function serverErrorMessage(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const e = error as ErrorLike;
  return (
    e.body?.error?.message ?? e.cause?.message ?? e.message ?? String(error)
  );
}

/** @internal */
export function isForbidden(error: unknown): boolean {
  return (
    errorStatus(error) === 403 || serverErrorName(error) === 'NotAllowedError'
  );
}

/** @internal */
export function isConflict(error: unknown): boolean {
  return (
    errorStatus(error) === 409 || serverErrorName(error) === 'ConflictError'
  );
}

/** @internal */
export function isNotFound(error: unknown): boolean {
  return (
    errorStatus(error) === 404 || serverErrorName(error) === 'NotFoundError'
  );
}

/** Validation problems of a form: per field, and for the form as a whole. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

const FIELD_MESSAGE =
  /(?:^|[;:\n,])\s*body\.([A-Za-z0-9_.[\]]+)\s*:\s*(.+?)(?=[;\n]|,\s*body\.|$)/g;

/**
 * Splits a 400 message such as `body.probability: must be at most 5` into
 * field messages. The field path is kept dotted (`budget.planned`,
 * `declaredHealth.reason`); whatever names no field goes to `form`.
 * Also understands a JSON list of zod issues (`[{ path, message }]`).
 */
export function parseValidationMessage(message: string): FormErrors {
  const fields: Record<string, string> = {};

  const json = message.indexOf('[');
  if (json >= 0) {
    try {
      const issues = JSON.parse(message.slice(json));
      if (Array.isArray(issues)) {
        for (const issue of issues) {
          if (Array.isArray(issue?.path) && typeof issue.message === 'string') {
            const path = issue.path.filter((p: unknown) => p !== 'body');
            const field = path.join('.');
            if (field && !fields[field]) fields[field] = issue.message;
          }
        }
        if (Object.keys(fields).length > 0) return { fields };
      }
    } catch {
      // not JSON: fall through to the `body.field: message` format
    }
  }

  let rest = message;
  for (const match of message.matchAll(FIELD_MESSAGE)) {
    const field = match[1].replace(/\[(\d+)\]/g, '.$1');
    if (!fields[field]) fields[field] = match[2].trim();
    rest = rest.replace(match[0], '');
  }
  if (Object.keys(fields).length === 0) {
    return { fields, form: message };
  }
  rest = rest.replace(/^[\s;,:]+|[\s;,:]+$/g, '');
  // Keep a leading sentence such as "Invalid request" only when it adds something.
  return rest && !/^(invalid|validation|bad request)/i.test(rest)
    ? { fields, form: rest }
    : { fields };
}

/**
 * Form errors of a failed save: the server's field messages for a 400,
 * else one message for the whole form.
 */
export function formErrorsOf(error: unknown): FormErrors {
  const message = serverErrorMessage(error);
  if (errorStatus(error) === 400 || serverErrorName(error) === 'InputError') {
    return parseValidationMessage(message);
  }
  return { fields: {}, form: message };
}

/**
 * Moves the messages of fields the form does not show into the form-level
 * message, so that no server message is ever silently dropped.
 */
export function placeFormErrors(
  errors: FormErrors,
  shownFields: string[],
): FormErrors {
  const fields: Record<string, string> = {};
  const extra: string[] = errors.form ? [errors.form] : [];
  for (const [field, message] of Object.entries(errors.fields)) {
    const shown = shownFields.find(
      f => field === f || field.startsWith(`${f}.`),
    );
    if (shown) {
      fields[shown] = fields[shown] ? `${fields[shown]}; ${message}` : message;
    } else {
      extra.push(`${field}: ${message}`);
    }
  }
  return { fields, form: extra.length ? extra.join('; ') : undefined };
}
