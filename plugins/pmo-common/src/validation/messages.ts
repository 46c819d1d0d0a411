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

/*
 * The wording of the PMO request validation. The backend answers a 400 as
 * `Invalid request: body.<field>: <message>` with these messages, and the
 * forms of the frontend show the same message next to the same field before
 * the request is sent, so a user reads one sentence for one rule whichever
 * side caught it.
 */

/**
 * Messages of the PMO field rules, without the field name (the caller puts
 * the field in front: `body.title: must not be empty`).
 * @public
 */
export const pmoValidationMessages = {
  required: 'is required',
  notEmpty: 'must not be empty',
  maxLength: (max: number) => `must be at most ${max} characters`,
  projectKey:
    'must be a project key like INFRA-101, DC-MIG-01 or PRJ0012345 (letters, digits, -, _ and ., at most 40 characters)',
  /** A new key outside the configured `pmo.projectKeys.pattern`. */
  projectKeyPattern: (pattern: string) =>
    `must match the project key pattern of this PMO (${pattern})`,
  isoDate: 'must be a date formatted YYYY-MM-DD',
  /** Start and end of a change window or a freeze, in its time zone. */
  localDateTime: 'must be a date and time formatted YYYY-MM-DDTHH:mm',
  timeZone: 'must be an IANA time zone such as Europe/Berlin or UTC',
  /** The end of a window or a freeze after its start. */
  after: (field: string) => `must be after ${field}`,
  oneOf: (values: readonly string[]) => `must be one of ${values.join(', ')}`,
  /** `targetDate` after `startDate`, `to` after `from`. */
  notBefore: (field: string) => `must not be before ${field}`,
  httpUrl: 'must be an http(s) URL',
  number: 'must be a number',
  notNegative: 'must not be negative',
  currency: 'must be an ISO 4217 code like EUR',
  score: 'must be between 1 and 5',
  scoreInteger: 'must be an integer between 1 and 5',
  /** Probability and impact of a risk or an issue. */
  requiredFor: (type: string) => `is required for a ${type}`,
  entityRef: (defaultKind?: string) =>
    defaultKind
      ? `must be an entity ref like '${defaultKind}:default/name'`
      : "must be a full entity ref like 'component:default/name'",
  maxLinks: (max: number) => `must have at most ${max} links`,
  /** `declaredHealth.reason` when the declared health is not the computed one. */
  declaredHealthReason: (declared: string, computed: string) =>
    `is required when the declared health (${declared}) differs from the computed health (${computed})`,
  /** `evidenceUrl` of a checklist item that needs evidence. */
  evidenceRequired: (title: string) => `is required to mark '${title}' done`,
  /** `waiverReason` and `expiresAt` of a waiver. */
  waiverRequired: (title: string) => `is required to waive '${title}'`,
  /** `expiresAt` of evidence or a waiver. */
  notBeforeToday: (date: string) => `must be today or later, not ${date}`,
} as const;
