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
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EXTERNAL_SYSTEMS,
  HEALTH_VALUES,
  MAX_SUMMARY_BATCH,
  METHODOLOGIES,
  MILESTONE_STATUSES,
  PRIORITIES,
  PROJECT_KEY_PATTERN,
  PROJECT_ORDER_BY,
  PROJECT_PHASES,
  RAID_STATUSES,
  RAID_TYPES,
  isIsoDate,
} from '@infra-pmo/plugin-pmo-common';
import { z } from 'zod';

/*
 * Request validation (zod, "option A" of the house style): every parse
 * failure becomes an InputError (400) whose message names the offending
 * field(s), e.g. "Invalid request: body.probability: must be between 1 and 5".
 */

const entityValidator = makeValidator();

/**
 * Formats a zod path as `body.entityRefs[3].name`.
 * @internal
 */
export function formatPath(prefix: string, path: Array<string | number>) {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

/**
 * Turns zod issues into `field: message` fragments.
 * @internal
 */
export function formatIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map(issue => {
    const field = formatPath(prefix, issue.path);
    return field ? `${field}: ${issue.message}` : issue.message;
  });
}

/**
 * Parses `value` with `schema` or throws an InputError naming the fields.
 * @internal
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  prefix: 'body' | 'query' | 'params' | string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `Invalid request: ${formatIssues(prefix, parsed.error).join('; ')}`,
    );
  }
  return parsed.data;
}

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
 * Validates and normalizes an entity ref. Kind, namespace and name are
 * lower-cased, like the catalog does for relation targets: entity names are
 * unique case-insensitively, and stored links must compare equal no matter
 * how a caller spelled the ref.
 * @internal
 */
export function normalizeEntityRef(ref: string, defaultKind?: string): string {
  const parsed = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: 'default',
  });
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  const namespace = parsed.namespace.toLocaleLowerCase('en-US');
  const name = parsed.name.toLocaleLowerCase('en-US');
  if (
    !entityValidator.isValidKind(kind) ||
    !entityValidator.isValidNamespace(namespace) ||
    !entityValidator.isValidEntityName(name)
  ) {
    throw new TypeError(`'${ref}' is not a valid entity ref`);
  }
  return stringifyEntityRef({ kind, namespace, name });
}

/** A zod string that is a valid entity ref, normalized. */
export function entityRefSchema(defaultKind?: string) {
  return z
    .string({ required_error: 'is required' })
    .trim()
    .min(1, 'must not be empty')
    .transform((value, ctx) => {
      try {
        return normalizeEntityRef(value, defaultKind);
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: defaultKind
            ? `must be an entity ref like '${defaultKind}:default/name'`
            : "must be a full entity ref like 'component:default/name'",
          // Stops later refinements (e.g. "must be a System entity ref"),
          // which would otherwise run on z.NEVER and throw (a 500).
          fatal: true,
        });
        return z.NEVER;
      }
    });
}

/** Project key: case-insensitive on input, upper case once normalized. */
export const projectKeySchema = z
  .string({ required_error: 'is required' })
  .trim()
  .transform(v => v.toUpperCase())
  .refine(v => PROJECT_KEY_PATTERN.test(v), {
    message: 'must be a project key like INFRA-101',
  });

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a date formatted YYYY-MM-DD' });

const text = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`);

const version = z
  .number({
    required_error: 'is required (the version last read)',
    invalid_type_error: 'must be an integer',
  })
  .int('must be an integer')
  .nonnegative('must not be negative');

const title = z
  .string({ required_error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** Absolute http(s) URL; other schemes (javascript:, file:) are rejected. */
export const httpUrlSchema = z.string().refine(
  v => {
    try {
      const url = new URL(v);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an http(s) URL' },
);

const externalLink = z
  .object({
    system: z.enum(EXTERNAL_SYSTEMS),
    key: z.string().trim().min(1, 'must not be empty').max(200),
    url: httpUrlSchema.optional(),
  })
  .strict();

const budget = z
  .object({
    planned: z.number().nonnegative('must not be negative').optional(),
    actual: z.number().nonnegative('must not be negative').optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
  })
  .strict();

const declaredHealth = z
  .object({
    status: z.enum(HEALTH_VALUES),
    reason: text(2000).optional(),
  })
  .strict();

const projectFields = {
  title,
  description: text(10000).optional(),
  phase: z.enum(PROJECT_PHASES).optional(),
  methodology: z.enum(METHODOLOGIES).optional(),
  owner: entityRefSchema('group'),
  sponsor: text(200).optional(),
  startDate: isoDate.optional(),
  targetDate: isoDate.optional(),
  budget: budget.optional(),
  priority: z.enum(PRIORITIES).optional(),
  externalLinks: z
    .array(externalLink)
    .max(50, 'must have at most 50 links')
    .optional(),
};

function checkDateOrder(
  v: { startDate?: string | null; targetDate?: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.startDate && v.targetDate && v.targetDate < v.startDate) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['targetDate'],
      message: 'must not be before startDate',
    });
  }
}

const createProjectObject = z
  .object({
    key: projectKeySchema,
    ...projectFields,
    declaredHealth: declaredHealth.optional(),
  })
  .strict();

/** Body of POST /projects. */
export const createProjectSchema =
  createProjectObject.superRefine(checkDateOrder);

/**
 * Body of PATCH /projects/:key; `null` clears description, sponsor, dates,
 * budget and the declared health.
 */
export const updateProjectSchema = z
  .object({
    // Accepted only to say that it cannot change (see the router).
    key: z.string().optional(),
    title: projectFields.title.optional(),
    description: projectFields.description.unwrap().nullable().optional(),
    phase: projectFields.phase,
    methodology: projectFields.methodology,
    owner: projectFields.owner.optional(),
    sponsor: projectFields.sponsor.unwrap().nullable().optional(),
    startDate: projectFields.startDate.unwrap().nullable().optional(),
    targetDate: projectFields.targetDate.unwrap().nullable().optional(),
    budget: projectFields.budget.unwrap().nullable().optional(),
    priority: projectFields.priority,
    externalLinks: projectFields.externalLinks,
    declaredHealth: declaredHealth.nullable().optional(),
    version,
  })
  .strict()
  .superRefine(checkDateOrder);

const milestoneFields = {
  baselineDate: isoDate,
  forecastDate: isoDate,
  actualDate: isoDate,
  status: z.enum(MILESTONE_STATUSES),
  gate: z.boolean(),
  changeRecord: z.string().trim().min(1).max(100),
  entityRef: entityRefSchema('component'),
};

/** Body of POST /projects/:key/milestones. */
export const createMilestoneSchema = z
  .object({
    title,
    baselineDate: milestoneFields.baselineDate.optional(),
    forecastDate: milestoneFields.forecastDate.optional(),
    actualDate: milestoneFields.actualDate.optional(),
    status: milestoneFields.status.optional(),
    gate: milestoneFields.gate.optional(),
    changeRecord: milestoneFields.changeRecord.optional(),
    entityRef: milestoneFields.entityRef.optional(),
  })
  .strict();

/** Body of PATCH /milestones/:id; `null` clears a field. */
export const updateMilestoneSchema = z
  .object({
    title: title.optional(),
    baselineDate: milestoneFields.baselineDate.nullable().optional(),
    forecastDate: milestoneFields.forecastDate.nullable().optional(),
    actualDate: milestoneFields.actualDate.nullable().optional(),
    status: milestoneFields.status.optional(),
    gate: milestoneFields.gate.optional(),
    changeRecord: milestoneFields.changeRecord.nullable().optional(),
    entityRef: milestoneFields.entityRef.nullable().optional(),
    version,
  })
  .strict();

const oneToFive = z
  .number({ invalid_type_error: 'must be an integer between 1 and 5' })
  .int('must be an integer between 1 and 5')
  .min(1, 'must be between 1 and 5')
  .max(5, 'must be between 1 and 5');

/** Probability and impact are required for the scored types. */
export const SCORED_RAID_TYPES: ReadonlyArray<string> = ['risk', 'issue'];

const raidFields = {
  type: z.enum(RAID_TYPES),
  title,
  description: text(10000),
  probability: oneToFive,
  impact: oneToFive,
  owner: text(200),
  action: text(2000),
  dueDate: isoDate,
  status: z.enum(RAID_STATUSES),
  entityRef: entityRefSchema('component'),
};

const createRaidItemObject = z
  .object({
    type: raidFields.type,
    title,
    description: raidFields.description.optional(),
    probability: oneToFive.optional(),
    impact: oneToFive.optional(),
    owner: raidFields.owner.optional(),
    action: raidFields.action.optional(),
    dueDate: raidFields.dueDate.optional(),
    status: raidFields.status.optional(),
    entityRef: raidFields.entityRef.optional(),
  })
  .strict();

function requireScores(
  v: { type: string; probability?: number; impact?: number },
  ctx: z.RefinementCtx,
) {
  if (!SCORED_RAID_TYPES.includes(v.type)) return;
  for (const field of ['probability', 'impact'] as const) {
    if (v[field] === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field],
        message: `is required for a ${v.type}`,
      });
    }
  }
}

/** Body of POST /projects/:key/raid. */
export const createRaidItemSchema =
  createRaidItemObject.superRefine(requireScores);

/** Body of PATCH /raid/:id; `null` clears a field. */
export const updateRaidItemSchema = z
  .object({
    type: raidFields.type.optional(),
    title: title.optional(),
    description: raidFields.description.nullable().optional(),
    probability: oneToFive.nullable().optional(),
    impact: oneToFive.nullable().optional(),
    owner: raidFields.owner.nullable().optional(),
    action: raidFields.action.nullable().optional(),
    dueDate: raidFields.dueDate.nullable().optional(),
    status: raidFields.status.optional(),
    entityRef: raidFields.entityRef.nullable().optional(),
    version,
  })
  .strict();

/**
 * A query parameter given as `a,b`, repeated (`?x=a&x=b`) or both.
 * @internal
 */
export function list<T extends z.ZodTypeAny>(item: T) {
  return (
    z
      .union([z.string(), z.array(z.string())], {
        errorMap: () => ({ message: 'must be a string or a list of strings' }),
      })
      .transform(v =>
        [v]
          .flat()
          .flatMap(s => s.split(','))
          .map(s => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item))
      // `?owner=` filters nothing rather than everything.
      .transform(v => (v.length ? v : undefined))
  );
}

const limit = (max: number, def: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer between 1 and ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, `must be an integer between 1 and ${max}`)
        .max(max, `must be an integer between 1 and ${max}`),
    )
    .default(String(def));

const cursor = z.string().min(1).max(2000).optional();

/**
 * A query parameter that must not be repeated.
 * @internal
 */
export const single = <T extends z.ZodTypeAny>(schema: T) =>
  z.string({ invalid_type_error: 'must be given once' }).pipe(schema);

/**
 * A System entity ref (`storage` means `system:default/storage`).
 * @internal
 */
export const systemRefSchema = single(entityRefSchema('system')).refine(
  (ref: string) => ref.startsWith('system:'),
  { message: 'must be a System entity ref' },
);

const searchText = z
  .string({ invalid_type_error: 'must be given once' })
  .trim()
  .max(200, 'must be at most 200 characters');

/** Query of GET /projects. */
export const listProjectsQuerySchema = z
  .object({
    system: systemRefSchema.optional(),
    phase: list(z.enum(PROJECT_PHASES)).optional(),
    health: list(z.enum(HEALTH_VALUES)).optional(),
    owner: list(entityRefSchema('group')).optional(),
    entityRef: single(entityRefSchema('component')).optional(),
    q: z
      .string({ invalid_type_error: 'must be given once' })
      .trim()
      .max(200, 'must be at most 200 characters')
      .optional(),
    orderBy: z
      .enum(PROJECT_ORDER_BY, {
        errorMap: () => ({
          message: `must be one of ${PROJECT_ORDER_BY.join(', ')}`,
        }),
      })
      .optional(),
    limit: limit(200, 50),
    cursor,
  })
  .strict();

/** Query of GET /projects/:key/history. */
export const historyQuerySchema = z
  .object({ limit: limit(200, 50), cursor })
  .strict();

/** Query of GET /projects/:key/raid. */
export const raidQuerySchema = z
  .object({
    type: list(z.enum(RAID_TYPES)).optional(),
    status: list(z.enum(RAID_STATUSES)).optional(),
  })
  .strict();

/** Query of GET /portfolio. */
export const portfolioQuerySchema = z
  .object({
    owner: list(entityRefSchema('group')).optional(),
    system: systemRefSchema.optional(),
  })
  .strict();

const scoreFactor = z
  .string()
  .regex(/^[1-5]$/, 'must be an integer between 1 and 5')
  .transform(Number);

const isoDateParam = single(isoDate);

const flag = z
  .enum(['true', 'false'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .transform(v => v === 'true');

/** Query of GET /raid (every readable project). */
export const searchRaidQuerySchema = z
  .object({
    type: list(z.enum(RAID_TYPES)).optional(),
    status: list(z.enum(RAID_STATUSES)).optional(),
    probability: list(scoreFactor).optional(),
    impact: list(scoreFactor).optional(),
    projectKey: list(projectKeySchema).optional(),
    owner: list(
      z.string().max(200, 'must be at most 200 characters'),
    ).optional(),
    q: searchText.optional(),
    limit: limit(500, 50),
    cursor,
  })
  .strict();

/** Query of GET /milestones (every readable project). */
export const searchMilestonesQuerySchema = z
  .object({
    projectKey: list(projectKeySchema).optional(),
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    overdue: flag.optional(),
    slipping: flag.optional(),
    limit: limit(500, 50),
    cursor,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: 'must not be before from',
      });
    }
  });

/** Body of POST /entities/summaries. */
export const summariesBodySchema = z
  .object({
    entityRefs: z
      .array(entityRefSchema(), {
        required_error: 'is required',
        invalid_type_error: 'must be a list of entity refs',
      })
      .min(1, 'must contain at least one entity ref')
      .max(
        MAX_SUMMARY_BATCH,
        `must contain at most ${MAX_SUMMARY_BATCH} entity refs`,
      ),
  })
  .strict();

/** An import document; rows are validated one by one (importPlan.ts). */
export const importBodySchema = z
  .object({
    projects: z.array(z.unknown()).max(5000).optional(),
    milestones: z.array(z.unknown()).max(20000).optional(),
    raid: z.array(z.unknown()).max(20000).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** Query of POST /import. */
export const importQuerySchema = z
  .object({
    kind: z.enum(['projects', 'milestones', 'raid']).optional(),
    dryRun: z.enum(['true', 'false']).optional(),
  })
  .strict();

/*
 * One row of an import: the create shape plus the parent key, the id of a
 * milestone or RAID item, and the version last read. These schemas are the
 * only validation of import rows (the store only applies them); whether the
 * version is required depends on the database (an update of an existing
 * object) and is checked by the import plan (service/importPlan.ts).
 */
const importId = z
  .string({ invalid_type_error: 'must be a UUID' })
  .trim()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'must be a UUID',
  )
  .transform(v => v.toLowerCase());

/** A project row of an import. */
export const importProjectRowSchema = createProjectObject
  .extend({ version: version.optional() })
  .superRefine(checkDateOrder);
/** A milestone row of an import; with an `id` it may update. */
export const importMilestoneRowSchema = createMilestoneSchema.extend({
  projectKey: projectKeySchema,
  id: importId.optional(),
  version: version.optional(),
});
/** A RAID row of an import; with an `id` it may update. */
export const importRaidRowSchema = createRaidItemObject
  .extend({
    projectKey: projectKeySchema,
    id: importId.optional(),
    version: version.optional(),
  })
  .superRefine(requireScores);

/** `/export/{kind}.csv` and CSV imports. @internal */
export const exportKindSchema = z.enum(['projects', 'milestones', 'raid'], {
  errorMap: () => ({ message: 'must be one of projects, milestones, raid' }),
});
