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
  createConditionExports,
  createConditionTransformer,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  PROJECT_PHASES,
  RESOURCE_TYPE_PMO_PROJECT,
  type ProjectPhase,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';
import type { ProjectFieldFilter } from '../database/PmoStore';

/**
 * Permission resource of PMO projects. Milestones, RAID items and links are
 * authorized through their parent project.
 * @internal
 */
export const pmoProjectResourceRef = createPermissionResourceRef<
  ProjectWithHealth,
  ProjectFieldFilter
>().with({
  pluginId: 'pmo',
  resourceType: RESOURCE_TYPE_PMO_PROJECT,
});

/** @internal */
export type IsProjectOwnerParams = { claims: string[] };
/** @internal */
export type HasPhaseParams = { phases: ProjectPhase[] };

/**
 * A zod 3 schema exposed as a Standard Schema with its JSON Schema, the
 * non-deprecated `paramsSchema` form of `createPermissionRule` (the policy
 * tooling reads the JSON Schema; zod validates).
 */
function ruleParams<T>(
  schema: z.ZodType<T>,
  jsonSchema: Record<string, unknown>,
) {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'zod',
      validate: (value: unknown) => {
        const parsed = schema.safeParse(value);
        return parsed.success
          ? { value: parsed.data }
          : {
              issues: parsed.error.issues.map(i => ({
                message: i.message,
                path: i.path,
              })),
            };
      },
      jsonSchema: {
        input: () => jsonSchema,
        output: () => jsonSchema,
      },
      types: undefined as unknown as { input: T; output: T },
    },
  };
}

const isProjectOwnerParams = ruleParams<IsProjectOwnerParams>(
  z.object({ claims: z.array(z.string()) }).strict(),
  {
    type: 'object',
    properties: {
      claims: {
        type: 'array',
        items: { type: 'string' },
        description: 'Entity refs of the owners, e.g. the ownership claims',
      },
    },
    required: ['claims'],
    additionalProperties: false,
  },
);

const hasPhaseParams = ruleParams<HasPhaseParams>(
  z.object({ phases: z.array(z.enum(PROJECT_PHASES)) }).strict(),
  {
    type: 'object',
    properties: {
      phases: {
        type: 'array',
        items: { type: 'string', enum: [...PROJECT_PHASES] },
        description: 'Lifecycle phases',
      },
    },
    required: ['phases'],
    additionalProperties: false,
  },
);

// Entity refs are compared lower-cased, like the refs the router stores.
const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

/**
 * Allows projects owned by one of the given entity refs, typically the
 * user's ownership claims (`user:default/jane`, `group:default/pmo`).
 * @internal
 */
export const isProjectOwner = createPermissionRule<
  typeof pmoProjectResourceRef,
  IsProjectOwnerParams
>({
  name: 'IS_PROJECT_OWNER',
  description: 'Allow projects owned by one of the given entity refs',
  resourceRef: pmoProjectResourceRef,
  paramsSchema: isProjectOwnerParams,
  apply: (project, { claims }) =>
    lower(claims).includes(project.owner.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({ field: 'owner', values: lower(claims) }),
});

/**
 * Allows projects in one of the given phases (e.g. hide `intake`).
 * @internal
 */
export const hasPhase = createPermissionRule<
  typeof pmoProjectResourceRef,
  HasPhaseParams
>({
  name: 'HAS_PHASE',
  description: 'Allow projects in one of the given lifecycle phases',
  resourceRef: pmoProjectResourceRef,
  paramsSchema: hasPhaseParams,
  apply: (project, { phases }) => phases.includes(project.phase),
  toQuery: ({ phases }) => ({ field: 'phase', values: phases }),
});

/** @internal */
export const pmoProjectRules = { isProjectOwner, hasPhase };

/** @internal */
export const pmoProjectRuleList = [isProjectOwner, hasPhase];

/**
 * Turns a conditional decision into the store's access filter.
 * @internal
 */
export const transformConditions = createConditionTransformer<
  ProjectFieldFilter,
  typeof pmoProjectRuleList
>(pmoProjectRuleList);

/**
 * Condition factories for permission policies, e.g.
 * `pmoProjectConditions.isProjectOwner({ claims })`.
 * @internal
 */
export const {
  conditions: pmoProjectConditions,
  createConditionalDecision: createPmoProjectConditionalDecision,
} = createConditionExports({
  resourceRef: pmoProjectResourceRef,
  rules: pmoProjectRules,
});
