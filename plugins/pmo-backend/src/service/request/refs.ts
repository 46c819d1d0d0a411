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

import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  checkProjectKey,
  MAX_SUMMARY_BATCH,
  PROJECT_KEY_PATTERN,
  normalizeEntityRef,
  pmoValidationMessages as messages,
  type ProjectKeyRule,
} from '@infra-pmo/plugin-pmo-common';
import type { Request } from 'express';
import { z } from 'zod';
import { single } from './lists';
import { parseInput } from './parse';

/*
 * Identifiers in requests: project keys, milestone and RAID ids, entity
 * refs (normalized like the catalog: lower case, default namespace).
 */

/** A zod string that is a valid entity ref, normalized. @internal */
export function entityRefSchema(defaultKind?: string) {
  return z
    .string({ required_error: messages.required })
    .trim()
    .min(1, messages.notEmpty)
    .transform((value, ctx) => {
      try {
        return normalizeEntityRef(value, defaultKind);
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: messages.entityRef(defaultKind),
          // Stops later refinements (e.g. "must be a System entity ref"),
          // which would otherwise run on z.NEVER and throw (a 500).
          fatal: true,
        });
        return z.NEVER;
      }
    });
}

/**
 * Project key: case-insensitive on input, upper case once normalized. The
 * base rule: lookups and references of existing keys; a new key is also
 * checked against the configured pattern ({@link newProjectKeyProblem}).
 * @internal
 */
export const projectKeySchema = z
  .string({ required_error: messages.required })
  .trim()
  .transform(v => v.toUpperCase())
  .refine(v => PROJECT_KEY_PATTERN.test(v), {
    message: messages.projectKey,
  });

/**
 * The message of a new (normalized) key the configured rule refuses, or
 * undefined.
 * @internal
 */
export function newProjectKeyProblem(
  key: string,
  rule: ProjectKeyRule | undefined,
): string | undefined {
  return rule ? checkProjectKey(key, rule) : undefined;
}

/**
 * Refuses (400 naming `body.key`) a new project key outside the configured
 * rule (`pmo.projectKeys.pattern`).
 * @internal
 */
export function requireNewProjectKey(
  key: string,
  rule: ProjectKeyRule | undefined,
): void {
  const problem = newProjectKeyProblem(key, rule);
  if (problem) throw new InputError(`Invalid request: body.key: ${problem}`);
}

/** `:id` of a milestone or a RAID item. @internal */
export const itemIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a milestone or RAID item id');

/** `:key` of the project routes (any case; upper case once parsed). @internal */
export const keyParam = (req: Request): string =>
  parseInput(projectKeySchema, req.params.key, 'params.key');

/** `:id` of the milestone and RAID item routes. @internal */
export const idParam = (req: Request): string =>
  parseInput(itemIdSchema, req.params.id, 'params.id');

/**
 * A System entity ref (`storage` means `system:default/storage`).
 * @internal
 */
export const systemRefSchema = single(entityRefSchema('system')).refine(
  (ref: string) => ref.startsWith('system:'),
  { message: 'must be a System entity ref' },
);

/** Body of POST /entities/summaries. @internal */
export const summariesBodySchema = z
  .object({
    entityRefs: z
      .array(entityRefSchema(), {
        required_error: messages.required,
        invalid_type_error: 'must be a list of entity refs',
      })
      .min(1, 'must contain at least one entity ref')
      .max(
        MAX_SUMMARY_BATCH,
        `must contain at most ${MAX_SUMMARY_BATCH} entity refs`,
      ),
  })
  .strict();

/**
 * The canonical entity ref of `/entities/:kind/:namespace/:name/...`
 * routes (of `kind` for routes of one kind, e.g. `/groups/:namespace/:name`);
 * an unparsable ref is a 400.
 * @internal
 */
export function entityParam(req: Request, kind = req.params.kind): string {
  const { namespace, name } = req.params;
  try {
    return normalizeEntityRef(`${kind}:${namespace}/${name}`);
  } catch {
    throw new InputError(
      `Invalid request: params: '${kind}:${namespace}/${name}' is not a valid entity ref`,
    );
  }
}

/** Normalized ref of a catalog entity, as stored in links. @internal */
export function entityRefOf(entity: Entity): string {
  return normalizeEntityRef(
    `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`,
  );
}
