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

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  createProjectKeyRule,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholds,
  type ProjectKeyRule,
} from '@infra-pmo/plugin-pmo-common';

/*
 * Every `pmo.*` configuration reader of the plugin, in one place (see
 * config.d.ts for the schema). Each rejects nonsense when the plugin
 * starts rather than when a route or a task first reads it.
 */

export { readReminderConfig, type ReminderConfig } from './reminders/config';
export { readSnapshotConfig } from './snapshots/config';
export { readTransitionTemplates } from './service/transitionConfig';
export { readCutoverConfig } from './service/cutover/config';

/**
 * `pmo.health.*` over the defaults; rejects nonsense early.
 * @internal
 */
export function readThresholds(config: Config): HealthThresholds {
  const t = { ...DEFAULT_HEALTH_THRESHOLDS };
  for (const name of Object.keys(t) as Array<keyof HealthThresholds>) {
    const value = config.getOptionalNumber(`pmo.health.${name}`);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`pmo.health.${name} must be a non-negative integer`);
    }
    t[name] = value;
  }
  if (t.slipRedDays < t.slipAmberDays) {
    throw new Error('pmo.health.slipRedDays must be >= slipAmberDays');
  }
  return t;
}

/**
 * `pmo.catalogSync.frequencyMinutes`: minutes between two full annotation
 * syncs (the task's default when absent).
 * @internal
 */
export function readCatalogSyncMinutes(config: Config): number | undefined {
  return config.getOptionalNumber('pmo.catalogSync.frequencyMinutes');
}

/**
 * `pmo.projectKeys.pattern`: the rule of new project keys; a pattern that
 * does not compile fails the start.
 * @internal
 */
export function readProjectKeyRule(config: Config): ProjectKeyRule {
  return createProjectKeyRule(
    config.getOptionalString('pmo.projectKeys.pattern'),
  );
}

/**
 * `pmo.transition.evidence.frequencyMinutes`: minutes between two
 * re-evaluations of the checklist fact rules (the task's default when
 * absent); must be a positive integer.
 * @internal
 */
export function readEvidenceMinutes(config: Config): number | undefined {
  const value = config.getOptionalNumber(
    'pmo.transition.evidence.frequencyMinutes',
  );
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(
      'pmo.transition.evidence.frequencyMinutes must be a positive integer',
    );
  }
  return value;
}

/**
 * `pmo.baselines.approverGroups`: who may decide re-baselines besides the
 * sponsor, as normalized (lower-case) entity refs; a ref that does not
 * parse fails the start.
 * @internal
 */
export function readBaselineApproverGroups(config: Config): string[] {
  const refs =
    config.getOptionalStringArray('pmo.baselines.approverGroups') ?? [];
  return refs.map(ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref.trim(), { defaultKind: 'group' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      throw new Error(
        `pmo.baselines.approverGroups: '${ref}' is not an entity ref like group:default/pmo`,
      );
    }
  });
}
