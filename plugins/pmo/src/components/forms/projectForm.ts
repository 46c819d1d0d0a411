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
  MAX_EXTERNAL_LINKS,
  checkAmount,
  checkCurrency,
  checkDateOrder,
  checkDeclaredHealthReason,
  checkEntityRef,
  checkHttpUrl,
  checkProjectKey,
  checkTitle,
  DEFAULT_PROJECT_KEY_RULE,
  normalizeProjectKey,
  pmoValidationMessages,
  type CreateProjectRequest,
  type ExternalLink,
  type ExternalSystem,
  type Health,
  type Methodology,
  type Priority,
  type ProjectKeyRule,
  type ProjectPhase,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { ProjectPatch } from '../../api';
import { textOr, textsOf, toNumber } from './formValues';

/*
 * The project form without its inputs: values, client rules and the
 * request bodies of a create and of an update.
 */

/** The inputs of the project form. @internal */
export interface Values {
  key: string;
  title: string;
  description: string;
  phase: ProjectPhase;
  methodology: Methodology;
  owner: string;
  sponsor: string;
  startDate: string;
  targetDate: string;
  priority: Priority;
  budgetPlanned: string;
  budgetActual: string;
  budgetCurrency: string;
  healthStatus: Health | '';
  healthReason: string;
  externalLinks: Array<{ system: ExternalSystem; key: string; url: string }>;
}

/** Form values of a project, or of a new one. @internal */
export function valuesOf(p?: ProjectWithHealth): Values {
  return {
    ...textsOf(p, [
      'key',
      'title',
      'description',
      'owner',
      'sponsor',
      'startDate',
      'targetDate',
    ]),
    phase: p?.phase ?? 'intake',
    methodology: p?.methodology ?? 'waterfall',
    priority: p?.priority ?? 'medium',
    budgetPlanned: p?.budget?.planned?.toString() ?? '',
    budgetActual: p?.budget?.actual?.toString() ?? '',
    budgetCurrency: p?.budget?.currency ?? 'EUR',
    healthStatus: p?.declaredHealth?.status ?? '',
    healthReason: p?.declaredHealth?.reason ?? '',
    externalLinks: (p?.externalLinks ?? []).map(l => ({
      system: l.system,
      key: l.key,
      url: l.url ?? '',
    })),
  };
}

/** Fields with one input each, sent as they are typed (trimmed). */
const SIMPLE_FIELDS = [
  'description',
  'methodology',
  'owner',
  'phase',
  'priority',
  'sponsor',
  'startDate',
  'targetDate',
  'title',
] as const;

/** Server error paths the form shows, most specific first. @internal */
export function shownFields(v: Values): string[] {
  return [
    'key',
    ...SIMPLE_FIELDS,
    'budget.planned',
    'budget.actual',
    'budget.currency',
    'budget',
    'declaredHealth.reason',
    'declaredHealth.status',
    'declaredHealth',
    // Each link's inputs show their own errors (`body.externalLinks[1].url`).
    ...v.externalLinks.flatMap((_l, i) => [
      `externalLinks.${i}.key`,
      `externalLinks.${i}.url`,
    ]),
    'externalLinks',
  ];
}

/** The rules of the server on the links, per link input. */
function linkErrors(links: Values['externalLinks']) {
  const out: Record<string, string | undefined> = {};
  if (links.length > MAX_EXTERNAL_LINKS) {
    out.externalLinks = pmoValidationMessages.maxLinks(MAX_EXTERNAL_LINKS);
  }
  links.forEach((l, i) => {
    if (!l.key.trim()) {
      out[`externalLinks.${i}.key`] = pmoValidationMessages.notEmpty;
    }
    if (l.url.trim()) {
      out[`externalLinks.${i}.url`] = checkHttpUrl(l.url.trim());
    }
  });
  return out;
}

/**
 * The client rules of the project form, by server field path. Dates and
 * links of an edit are checked only when the user changed them: a stored
 * value must never block an unrelated edit.
 * @internal
 */
export function validate(
  v: Values,
  project?: ProjectWithHealth,
  keyRule: ProjectKeyRule = DEFAULT_PROJECT_KEY_RULE,
): Record<string, string | undefined> {
  const before = project ? valuesOf(project) : undefined;
  const changed = <K extends keyof Values>(...keys: K[]) =>
    !before ||
    keys.some(k => JSON.stringify(v[k]) !== JSON.stringify(before[k]));
  const budget = budgetOf(v);
  const amount = (n: number | undefined) =>
    n === undefined ? undefined : checkAmount(n);
  return {
    key: project ? undefined : checkProjectKey(v.key, keyRule),
    title: checkTitle(v.title),
    owner: checkEntityRef(v.owner, 'group'),
    targetDate: changed('startDate', 'targetDate')
      ? checkDateOrder(v.startDate, v.targetDate, 'startDate')
      : undefined,
    'budget.planned': amount(budget?.planned),
    'budget.actual': amount(budget?.actual),
    'budget.currency': budget ? checkCurrency(budget.currency) : undefined,
    'declaredHealth.reason':
      project && v.healthStatus
        ? checkDeclaredHealthReason(
            { status: v.healthStatus, reason: v.healthReason },
            project.computedHealth.status,
          )
        : undefined,
    ...(changed('externalLinks') ? linkErrors(v.externalLinks) : {}),
  };
}

function linksOf(v: Values): ExternalLink[] {
  return v.externalLinks.map(l => ({
    system: l.system,
    key: l.key.trim(),
    ...(textOr(l.url, undefined) ? { url: textOr(l.url, undefined) } : {}),
  }));
}

function budgetOf(v: Values) {
  const planned = toNumber(v.budgetPlanned);
  const actual = toNumber(v.budgetActual);
  if (planned === undefined && actual === undefined) return undefined;
  return {
    planned,
    actual,
    currency: v.budgetCurrency.trim().toUpperCase() || 'EUR',
  };
}

/** The body of a create (`POST /projects`). @internal */
export function createRequest(v: Values): CreateProjectRequest {
  return {
    key: normalizeProjectKey(v.key),
    title: v.title.trim(),
    description: textOr(v.description, undefined),
    phase: v.phase,
    methodology: v.methodology,
    owner: v.owner.trim(),
    sponsor: textOr(v.sponsor, undefined),
    startDate: textOr(v.startDate, undefined),
    targetDate: textOr(v.targetDate, undefined),
    priority: v.priority,
    budget: budgetOf(v),
    declaredHealth: v.healthStatus
      ? { status: v.healthStatus, reason: textOr(v.healthReason, undefined) }
      : undefined,
    externalLinks: linksOf(v),
  };
}

/** Optional fields that an emptied input clears (sent as null). */
const CLEARABLE = [
  'description',
  'sponsor',
  'startDate',
  'targetDate',
] as const;

/**
 * Only what changed, so a PATCH never overwrites fields it did not touch;
 * emptied optional fields are sent as null to clear them.
 * @internal
 */
export function updateRequest(v: Values, p: ProjectWithHealth): ProjectPatch {
  const before = valuesOf(p);
  const req: ProjectPatch = { version: p.version };
  const next = createRequest({ ...v, key: p.key });
  for (const f of SIMPLE_FIELDS) {
    if (v[f] === before[f]) continue;
    if (next[f] !== undefined) {
      (req as Record<string, unknown>)[f] = next[f];
    } else if ((CLEARABLE as readonly string[]).includes(f)) {
      // Emptied: PATCH with null clears the stored value.
      (req as Record<string, unknown>)[f] = null;
    }
  }
  if (
    v.budgetPlanned !== before.budgetPlanned ||
    v.budgetActual !== before.budgetActual ||
    v.budgetCurrency !== before.budgetCurrency
  ) {
    req.budget = next.budget ?? null;
  }
  if (
    v.healthStatus !== before.healthStatus ||
    v.healthReason !== before.healthReason
  ) {
    req.declaredHealth = next.declaredHealth ?? null;
  }
  if (
    JSON.stringify(v.externalLinks) !== JSON.stringify(before.externalLinks)
  ) {
    req.externalLinks = next.externalLinks;
  }
  return req;
}
