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
import type { UpdateTransitionItemRequest } from './transitionApi';
import type { TransitionItem } from './transitionModel';

/*
 * Checklist evidence the catalog already knows: a readiness template item
 * may name a fact rule (an annotation, a relation, a TechDocs site, or an
 * organisation's own rule added by a backend module). The pure part lives
 * here so that the backend, the frontend and the property tests share one
 * definition: the config shape and its validation, the two rules that need
 * nothing but the entity, what "missing" reads like, and which hand edits a
 * catalog-evidenced item refuses.
 */

/**
 * The fact rule of a checklist template item, as configured. `rule` names
 * a rule registered on the backend; the other fields are its parameters.
 * @public
 */
export interface ChecklistFactRule {
  rule: string;
  /** `annotation`: annotation names; `relation`: relation types. */
  annotations?: string[];
  relations?: string[];
  /** `relation`: the kind the related entity must have, e.g. `system`. */
  targetKind?: string;
  /** Whether one (`any`, the default) or every name must be present. */
  match?: 'any' | 'all';
  /** Parameters of rules added by modules. */
  [parameter: string]: unknown;
}

/** Outcome of a fact rule on an entity. @public */
export const FACT_STATUSES = ['satisfied', 'unsatisfied', 'unknown'] as const;
/** @public */
export type FactStatus = (typeof FACT_STATUSES)[number];

/**
 * What a fact rule found. `satisfied` carries the evidence link (http(s) or
 * an app path); `unsatisfied` says what is missing; `unknown` says why the
 * rule could not tell (e.g. TechDocs is not installed) and never satisfies.
 * @public
 */
export interface FactOutcome {
  status: FactStatus;
  /** What was found (satisfied) or what is missing / why unknown. */
  detail: string;
  /** Only with `satisfied`. */
  evidenceUrl?: string;
}

/** The last evaluation of an item's fact rule, as stored. @public */
export interface FactCheck extends FactOutcome {
  /** ISO timestamp of the evaluation. */
  checkedAt: string;
}

/** Names of the rules the backend ships. @public */
export const BUILT_IN_FACT_RULES = [
  'annotation',
  'relation',
  'techdocs',
] as const;

/** The TechDocs annotation the `techdocs` rule needs. @public */
export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';

/** Rule names: lower-case letters, digits and dashes (they go into config). */
const RULE_NAME = /^[a-z][a-z0-9-]{0,63}$/;
/** Annotation keys: an optional DNS prefix, a slash, a name. */
const ANNOTATION_KEY =
  /^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
/** Relation types (catalog-model style: ownedBy, partOf, dependsOn...). */
const RELATION_TYPE = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/** Validation messages of fact rules, named by field. @public */
export const factRuleMessages = {
  rule: 'must name a rule: lower-case letters, digits and dashes',
  unknownRule: (name: string, known: readonly string[]) =>
    `unknown rule '${name}'; registered rules: ${known.join(', ')}`,
  names: (field: string) =>
    `must be a non-empty list of ${
      field === 'annotations'
        ? 'annotation names like pagerduty.com/service-id'
        : 'relation types like ownedBy or partOf'
    }`,
  badName: (field: string, value: string) =>
    `'${value}' is not a valid ${
      field === 'annotations' ? 'annotation name' : 'relation type'
    }`,
  match: "must be 'any' or 'all'",
  targetKind: 'must be an entity kind like system',
  locked: (title: string, detail: string) =>
    `'${title}' is evidenced by the catalog (${detail}) and stays done while the rule holds; change the entity, or waive the item`,
} as const;

/**
 * Validates a fact rule config at `path` (e.g. `...items[2].fact`):
 * the problems, each naming its field, or none. The parameters of rules
 * other than the built-in ones are left to the rule's own validation.
 * @public
 */
export function validateFactRule(raw: unknown, path = 'fact'): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return [`${path}: must be an object with a rule`];
  }
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof r.rule !== 'string' || !RULE_NAME.test(r.rule)) {
    return [`${path}.rule: ${factRuleMessages.rule}`];
  }
  if (r.match !== undefined && r.match !== 'any' && r.match !== 'all') {
    problems.push(`${path}.match: ${factRuleMessages.match}`);
  }
  const names = (field: 'annotations' | 'relations', pattern: RegExp) => {
    const list = r[field];
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${path}.${field}: ${factRuleMessages.names(field)}`);
      return;
    }
    for (const value of list) {
      if (typeof value !== 'string' || !pattern.test(value)) {
        problems.push(
          `${path}.${field}: ${factRuleMessages.badName(field, String(value))}`,
        );
      }
    }
  };
  if (r.rule === 'annotation') names('annotations', ANNOTATION_KEY);
  if (r.rule === 'relation') {
    names('relations', RELATION_TYPE);
    if (
      r.targetKind !== undefined &&
      (typeof r.targetKind !== 'string' || !RELATION_TYPE.test(r.targetKind))
    ) {
      problems.push(`${path}.targetKind: ${factRuleMessages.targetKind}`);
    }
  }
  return problems;
}

/**
 * An evidence link the UI may render: an http(s) URL or an app path
 * (`/catalog/...`, not `//host`); anything else is dropped.
 * @public
 */
export function safeEvidenceLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^\/(?![/\\])/.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/** The app path of an entity page, from its kind, namespace and name. @public */
export function entityPagePath(ref: {
  kind: string;
  namespace?: string;
  name: string;
}): string {
  const part = (s: string) => encodeURIComponent(s);
  return `/catalog/${part(ref.namespace ?? 'default')}/${part(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${part(ref.name)}`;
}

function pagePathOf(entity: Pick<Entity, 'kind' | 'metadata'>): string {
  return entityPagePath({
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
  });
}

function listOf(names: readonly string[], match: 'any' | 'all'): string {
  return names.length === 1
    ? names[0]
    : `${match === 'all' ? 'all of' : 'one of'}: ${names.join(', ')}`;
}

/**
 * The `annotation` rule: one (`match: any`, the default) or every listed
 * annotation has a non-blank value. The evidence link is the first
 * present value when it is an http(s) URL, else the entity's page.
 * @public
 */
export function evaluateAnnotationRule(
  rule: ChecklistFactRule,
  entity: Pick<Entity, 'kind' | 'metadata'>,
): FactOutcome {
  const names = rule.annotations ?? [];
  const match = rule.match ?? 'any';
  const annotations = entity.metadata.annotations ?? {};
  const present = names.filter(n => (annotations[n] ?? '').trim() !== '');
  const missing = names.filter(n => !present.includes(n));
  const holds =
    names.length > 0 &&
    (match === 'all' ? missing.length === 0 : present.length > 0);
  if (!holds) {
    return {
      status: 'unsatisfied',
      detail: `needs ${listOf(match === 'all' ? missing : names, match)}`,
    };
  }
  const first = present[0];
  const value = annotations[first].trim();
  const link = /^https?:\/\//i.test(value)
    ? safeEvidenceLink(value)
    : undefined;
  return {
    status: 'satisfied',
    detail: present.map(n => `${n}: ${annotations[n].trim()}`).join('; '),
    evidenceUrl: link ?? pagePathOf(entity),
  };
}

/** Parses `kind:namespace/name` (the form of relation target refs). */
function parseTargetRef(ref: string) {
  const m = /^([^:/]+):(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!m) return undefined;
  return { kind: m[1], namespace: m[2] ?? 'default', name: m[3] };
}

/**
 * The `relation` rule: the entity has one (`match: any`, the default) or
 * every listed relation type, to an entity of `targetKind` when given. The
 * evidence link is the page of the first related entity.
 * @public
 */
export function evaluateRelationRule(
  rule: ChecklistFactRule,
  entity: Pick<Entity, 'relations'>,
): FactOutcome {
  const types = rule.relations ?? [];
  const match = rule.match ?? 'any';
  const kind = rule.targetKind?.toLocaleLowerCase('en-US');
  const found = new Map<string, string>();
  for (const relation of entity.relations ?? []) {
    const target = parseTargetRef(relation.targetRef);
    if (!types.includes(relation.type) || !target) continue;
    if (kind && target.kind.toLocaleLowerCase('en-US') !== kind) continue;
    if (!found.has(relation.type)) found.set(relation.type, relation.targetRef);
  }
  const missing = types.filter(t => !found.has(t));
  const holds =
    types.length > 0 &&
    (match === 'all' ? missing.length === 0 : found.size > 0);
  const suffix = kind ? ` (to a ${kind})` : '';
  if (!holds) {
    return {
      status: 'unsatisfied',
      detail: `needs a relation ${listOf(
        match === 'all' ? missing : types,
        match,
      )}${suffix}`,
    };
  }
  const firstRef = [...found.values()][0];
  return {
    status: 'satisfied',
    detail: [...found.entries()].map(([t, r]) => `${t} ${r}`).join('; '),
    evidenceUrl: entityPagePath(parseTargetRef(firstRef)!),
  };
}

/**
 * Why a hand edit of a catalog-evidenced item is refused while its rule
 * holds (undefined when it is allowed): the item cannot be reopened, set
 * not applicable or given other evidence by hand; a waiver and a note stay
 * allowed.
 * @public
 */
export function catalogEvidenceLock(
  item: Pick<TransitionItem, 'title' | 'attesterKind' | 'factCheck'>,
  patch: Pick<
    UpdateTransitionItemRequest,
    'status' | 'evidenceUrl' | 'expiresAt'
  >,
): string | undefined {
  if (item.attesterKind !== 'catalog') return undefined;
  if (item.factCheck?.status !== 'satisfied') return undefined;
  if (patch.status === 'waived') return undefined;
  const reopens = patch.status !== undefined && patch.status !== 'done';
  const reEvidences =
    patch.evidenceUrl !== undefined || patch.expiresAt !== undefined;
  if (!reopens && !reEvidences) return undefined;
  let field = 'expiresAt';
  if (reopens) field = 'status';
  else if (patch.evidenceUrl !== undefined) field = 'evidenceUrl';
  return `${field}: ${factRuleMessages.locked(
    item.title,
    item.factCheck.detail,
  )}`;
}

/** The attester of items evidenced by a fact rule. @public */
export const CATALOG_ATTESTER = 'catalog';

/**
 * What a fact outcome does to an item: a holding rule marks a pending item
 * done (or moves the link of an item it already evidences); a rule that
 * stops holding reopens the items it evidenced. Items a person attested,
 * waived or set not applicable are left as they are.
 * @public
 */
export function evidenceStep(
  item: Pick<TransitionItem, 'status' | 'attesterKind' | 'evidenceUrl'>,
  outcome: FactOutcome,
): 'mark-done' | 'reopen' | 'none' {
  const byCatalog = item.attesterKind === 'catalog' && item.status === 'done';
  if (outcome.status === 'satisfied') {
    if (item.status === 'pending') return 'mark-done';
    if (byCatalog && item.evidenceUrl !== outcome.evidenceUrl) {
      return 'mark-done';
    }
    return 'none';
  }
  return byCatalog ? 'reopen' : 'none';
}
