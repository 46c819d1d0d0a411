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

import type { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkEntityRef,
  checkIsoDate,
  checkProjectKey,
} from '@infra-pmo/plugin-pmo-common';

/**
 * The PMO's own validation rules and messages (`@infra-pmo/plugin-pmo-common`)
 * for the actions' zod input schemas (`z.string().refine(rule.valid, rule)`),
 * so that a template author sees the message the API would give; the
 * scaffolder prefixes the field name.
 * @internal
 */
export const pmoRules = {
  projectKey: {
    valid: (v: string) => !checkProjectKey(v),
    message: checkProjectKey('')!,
  },
  entityRef: {
    valid: (v: string) => !checkEntityRef(v),
    message: checkEntityRef('x:')!,
  },
  isoDate: {
    valid: (v: string) => !checkIsoDate(v),
    message: checkIsoDate('')!,
  },
};

/** The `z` that the scaffolder passes to input schemas. */
type ScaffolderZod = Parameters<
  Extract<
    NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input'],
    (...args: any[]) => any
  >
>[0];

/** The `waitSeconds` input of both actions. @internal */
export const waitSecondsInput = (z: ScaffolderZod) =>
  z
    .number()
    .int()
    .min(0)
    .max(300)
    .optional()
    .describe(
      'Retry for up to this many seconds while the entity is not in the catalog yet (e.g. right after catalog:register); default 0',
    );
