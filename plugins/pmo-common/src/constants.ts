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
 * Annotation listing the PMO project keys an entity belongs to,
 * comma-separated, e.g. `pmo/projects: INFRA-101, INFRA-204`.
 * @public
 */
export const PMO_PROJECTS_ANNOTATION = 'pmo/projects';

/**
 * Annotation naming the group that runs the service once in "Run"
 * operations, e.g. `pmo/run-owner: group:default/wintel-ops`.
 * @public
 */
export const PMO_RUN_OWNER_ANNOTATION = 'pmo/run-owner';

/**
 * Annotation with the service tier (`tier-1`, `tier-2` or `tier-3`).
 * @public
 */
export const PMO_SERVICE_TIER_ANNOTATION = 'pmo/service-tier';

/**
 * Pattern of a project key as stored (upper case): letters, digits, `-`,
 * `_` and `.`, starting with a letter or a digit, at most 40 characters,
 * e.g. `INFRA-101`, `DC-MIG-01` or `PRJ0012345`. The base rule; see
 * `createProjectKeyRule` for the configured one.
 * @public
 */
export const PROJECT_KEY_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

/**
 * Maximum number of entity refs accepted by the batched summaries endpoint.
 * @public
 */
export const MAX_SUMMARY_BATCH = 500;

/**
 * A RAID item whose probability x impact reaches this score is "high".
 * @public
 */
export const HIGH_RISK_SCORE = 15;
