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
import { isIsoDate } from '../rules/dates';
import {
  checkProjectKeyWith,
  DEFAULT_PROJECT_KEY_RULE,
  type ProjectKeyRule,
} from '../rules/projectKeys';
import { declaredHealthNeedsReason } from '../rules/health';
import type { Health, RaidType } from '../types';
import { pmoValidationMessages as messages } from './messages';

/*
 * Field rules of the PMO requests. Each `check*` returns the message of the
 * first rule the value breaks (the one the backend answers with), or
 * undefined when the value is valid; `is*` and `normalize*` are the
 * underlying predicates. Empty optional values are the caller's business:
 * a rule is only asked about a value that will be sent.
 */

/** Longest project, milestone and RAID title. @public */
export const TITLE_MAX_LENGTH = 200;

/** Lowest probability or impact of a RAID item. @public */
export const RAID_SCORE_MIN = 1;

/** Highest probability or impact of a RAID item. @public */
export const RAID_SCORE_MAX = 5;

/** RAID types whose probability and impact are required. @public */
export const SCORED_RAID_TYPES: ReadonlyArray<RaidType> = ['risk', 'issue'];

/** A budget currency: an ISO 4217 code. @public */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Most external links of one project. @public */
export const MAX_EXTERNAL_LINKS = 50;

/**
 * A project key as stored: keys are case-insensitive on input.
 * @public
 */
export function normalizeProjectKey(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * True only for absolute http(s) URLs; other schemes (javascript:, data:,
 * file:), relative paths and garbage must never end up in an `href`.
 * @public
 */
export function isHttpUrl(value: string | undefined | null): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const entityValidator = makeValidator();

/**
 * Validates and normalizes an entity ref; throws a TypeError when invalid.
 * Kind, namespace and name are lower-cased, like the catalog does for
 * relation targets: entity names are unique case-insensitively, and stored
 * links must compare equal no matter how a caller spelled the ref.
 * @public
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

/** A required, trimmed title of at most 200 characters. @public */
export function checkTitle(value: string): string | undefined {
  const v = value.trim();
  if (!v) return messages.notEmpty;
  if (v.length > TITLE_MAX_LENGTH) return messages.maxLength(TITLE_MAX_LENGTH);
  return undefined;
}

/** A trimmed text of at most `max` characters. @public */
export function checkText(value: string, max: number): string | undefined {
  return value.trim().length > max ? messages.maxLength(max) : undefined;
}

/**
 * A project key such as `INFRA-101`, `DC-MIG-01` or `PRJ0012345` (any
 * case); `rule` narrows it to the configured pattern of new keys.
 * @public
 */
export function checkProjectKey(
  value: string,
  rule: ProjectKeyRule = DEFAULT_PROJECT_KEY_RULE,
): string | undefined {
  return checkProjectKeyWith(rule, value);
}

/** A real calendar date written `YYYY-MM-DD`. @public */
export function checkIsoDate(value: string): string | undefined {
  return isIsoDate(value) ? undefined : messages.isoDate;
}

/**
 * The message of `end` when it is before `start` (both ISO dates), naming
 * the start field (`startDate`, `from`).
 * @public
 */
export function checkDateOrder(
  start: string | null | undefined,
  end: string | null | undefined,
  startField: string,
): string | undefined {
  return start && end && end < start
    ? messages.notBefore(startField)
    : undefined;
}

/** An absolute http(s) URL. @public */
export function checkHttpUrl(value: string): string | undefined {
  return isHttpUrl(value) ? undefined : messages.httpUrl;
}

/** A budget amount: a number, not negative. @public */
export function checkAmount(value: number): string | undefined {
  if (Number.isNaN(value)) return messages.number;
  return value < 0 ? messages.notNegative : undefined;
}

/** A budget currency such as `EUR`. @public */
export function checkCurrency(value: string): string | undefined {
  return CURRENCY_PATTERN.test(value) ? undefined : messages.currency;
}

/** A probability or an impact: an integer from 1 to 5. @public */
export function checkScore(value: number): string | undefined {
  if (!Number.isInteger(value)) return messages.scoreInteger;
  return value < RAID_SCORE_MIN || value > RAID_SCORE_MAX
    ? messages.score
    : undefined;
}

/**
 * An entity ref, full or short (`wintel` is `group:default/wintel` with
 * `defaultKind` group).
 * @public
 */
export function checkEntityRef(
  value: string,
  defaultKind?: string,
): string | undefined {
  if (!value.trim()) return messages.notEmpty;
  try {
    normalizeEntityRef(value.trim(), defaultKind);
    return undefined;
  } catch {
    return messages.entityRef(defaultKind);
  }
}

/**
 * The message of `declaredHealth.reason` when a declared health differs from
 * the computed one and gives no reason.
 * @public
 */
export function checkDeclaredHealthReason(
  declared: { status: Health; reason?: string | null } | null | undefined,
  computed: Health,
): string | undefined {
  return declared &&
    !declared.reason?.trim() &&
    declaredHealthNeedsReason(declared.status, computed)
    ? messages.declaredHealthReason(declared.status, computed)
    : undefined;
}

/**
 * The messages of the missing probability and impact of a risk or an issue.
 * @public
 */
export function checkScoresPresent(item: {
  type: string;
  probability?: number | null;
  impact?: number | null;
}): Partial<Record<'probability' | 'impact', string>> {
  const out: Partial<Record<'probability' | 'impact', string>> = {};
  if (!(SCORED_RAID_TYPES as ReadonlyArray<string>).includes(item.type)) {
    return out;
  }
  for (const field of ['probability', 'impact'] as const) {
    if (item[field] === undefined || item[field] === null) {
      out[field] = messages.requiredFor(item.type);
    }
  }
  return out;
}

/**
 * The field messages of a checklist item update (mark done, waive): the
 * evidence of an item that needs it, the reason and expiry of a waiver, and
 * an expiry that is a real date, today or later. `today` is an ISO date.
 * @public
 */
export function checkTransitionItemPatch(
  item: { title: string; evidenceRequired: boolean },
  patch: {
    status?: string;
    evidenceUrl?: string | null;
    expiresAt?: string | null;
    waiverReason?: string | null;
  },
  today: string,
): Partial<Record<'evidenceUrl' | 'expiresAt' | 'waiverReason', string>> {
  const out: Partial<
    Record<'evidenceUrl' | 'expiresAt' | 'waiverReason', string>
  > = {};
  const { status, evidenceUrl, expiresAt } = patch;
  if (evidenceUrl) {
    out.evidenceUrl = checkHttpUrl(evidenceUrl);
  } else if (status === 'done' && item.evidenceRequired) {
    out.evidenceUrl = messages.evidenceRequired(item.title);
  }
  if (expiresAt) {
    out.expiresAt =
      checkIsoDate(expiresAt) ??
      (expiresAt < today ? messages.notBeforeToday(expiresAt) : undefined);
  } else if (status === 'waived') {
    out.expiresAt = messages.waiverRequired(item.title);
  }
  if (status === 'waived' && !patch.waiverReason?.trim()) {
    out.waiverReason = messages.waiverRequired(item.title);
  }
  for (const key of Object.keys(out) as Array<keyof typeof out>) {
    if (!out[key]) delete out[key];
  }
  return out;
}
