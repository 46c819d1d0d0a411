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

import { PROJECT_KEY_PATTERN } from '../constants';
import { pmoValidationMessages as messages } from '../validation/messages';

/*
 * Project keys as PMOs write them: Jira-style keys (INFRA-101),
 * multi-segment keys (DC-MIG-01, NET-2027-04) and ServiceNow numbers
 * (PRJ0012345). A key is stored upper case and never changes, so it is
 * safe in a URL path, an annotation (`pmo/projects`, split on commas and
 * white space) and a CSV cell. An installation may narrow the rule for new
 * keys with `pmo.projectKeys.pattern`; it can never widen it past the base
 * rule (`PROJECT_KEY_PATTERN`, which accepts every key of the earlier
 * `INFRA-101`-only rule), which every lookup of an existing key uses: a key that was
 * valid when it was created keeps resolving after the pattern changes.
 */

/** Longest project key. @public */
export const PROJECT_KEY_MAX_LENGTH = 40;

/**
 * A project-key rule: the base rule, optionally narrowed by a configured
 * pattern (`pmo.projectKeys.pattern`).
 * @public
 */
export interface ProjectKeyRule {
  /** The configured pattern, or undefined for the base rule alone. */
  readonly pattern?: string;
  /** True when the (normalized, upper-case) key is valid. */
  test(key: string): boolean;
}

/**
 * The rule of an installation. `pattern` is a regular expression matched
 * against the whole upper-cased key (anchors are added); it narrows the
 * base rule. Throws a TypeError naming the pattern when it does not
 * compile, so that bad config fails the start.
 * @public
 */
export function createProjectKeyRule(pattern?: string): ProjectKeyRule {
  if (pattern === undefined || pattern.trim() === '') {
    return { test: key => PROJECT_KEY_PATTERN.test(key) };
  }
  let configured: RegExp;
  try {
    configured = new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new TypeError(
      `pmo.projectKeys.pattern '${pattern}' is not a regular expression: ${
        (error as Error).message
      }`,
    );
  }
  return {
    pattern,
    test: key => PROJECT_KEY_PATTERN.test(key) && configured.test(key),
  };
}

/** The base rule, used when no pattern is configured. @public */
export const DEFAULT_PROJECT_KEY_RULE: ProjectKeyRule = createProjectKeyRule();

/**
 * The message of a key the rule refuses (the key is normalized first), or
 * undefined when it is valid.
 * @public
 */
export function checkProjectKeyWith(
  rule: ProjectKeyRule,
  value: string,
): string | undefined {
  const key = value.trim().toUpperCase();
  if (!PROJECT_KEY_PATTERN.test(key)) return messages.projectKey;
  return rule.test(key) ? undefined : messages.projectKeyPattern(rule.pattern!);
}
