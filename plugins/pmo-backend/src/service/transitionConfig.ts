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

import type { Config } from '@backstage/config';
import {
  DEFAULT_READINESS_TEMPLATES,
  SERVICE_TIERS,
  validateFactRule,
  type ChecklistFactRule,
  type ReadinessTemplate,
  type ReadinessTemplateItem,
  type ServiceTier,
} from '@infra-pmo/plugin-pmo-common';

/** Keys of checklist items: they appear in URLs and history field names. */
export const ITEM_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The `fact` of a template item, validated by the shape every rule shares
 * (pmo-common); that it names an installed rule is checked once the
 * modules have added theirs (evidence/factRuleRegistry.ts).
 */
function readFact(item: Config, path: string): { fact?: ChecklistFactRule } {
  const raw = item.getOptional('fact');
  if (raw === undefined) return {};
  const problems = validateFactRule(raw, path);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { fact: raw as ChecklistFactRule };
}

/**
 * Reads the readiness templates from app-config, over the built-in ones:
 *
 * ```yaml
 * pmo:
 *   transition:
 *     templates:
 *       tier-1:
 *         hypercareDays: 60          # keeps the built-in items
 *       tier-3:
 *         id: wintel-tier-3          # default: config-tier-3
 *         version: 2                 # bump on every change of the items
 *         hypercareDays: 14
 *         items:
 *           - key: runbook
 *             title: Runbook
 *             description: Operating procedures
 *             required: true
 *             evidenceRequired: true
 *           - key: on-call
 *             title: On-call
 *             fact:                  # evidenced by the catalog
 *               rule: annotation
 *               annotations: [pagerduty.com/service-id, opsgenie.com/team]
 * ```
 *
 * A transition copies the items of the template it starts from and records
 * its id and version, so that editing a template never changes running
 * transitions. Invalid configuration fails the backend start.
 * @internal
 */
export function readTransitionTemplates(
  config: Config,
): Record<ServiceTier, ReadinessTemplate> {
  const templates = { ...DEFAULT_READINESS_TEMPLATES } as Record<
    ServiceTier,
    ReadinessTemplate
  >;
  const root = config.getOptionalConfig('pmo.transition.templates');
  if (!root) return templates;
  for (const key of root.keys()) {
    if (!SERVICE_TIERS.includes(key as ServiceTier)) {
      throw new Error(
        `pmo.transition.templates.${key}: unknown tier; use one of ${SERVICE_TIERS.join(
          ', ',
        )}`,
      );
    }
    const tier = key as ServiceTier;
    const path = `pmo.transition.templates.${tier}`;
    const c = root.getConfig(tier);
    const base = templates[tier];
    const itemConfigs = c.getOptionalConfigArray('items');
    const items: ReadinessTemplateItem[] = itemConfigs
      ? itemConfigs.map((i, index) => ({
          key: i.getString('key'),
          title: i.getString('title'),
          description: i.getOptionalString('description') ?? '',
          required: i.getOptionalBoolean('required') ?? true,
          evidenceRequired: i.getOptionalBoolean('evidenceRequired') ?? false,
          ...readFact(i, `${path}.items[${index}].fact`),
        }))
      : base.items;
    const seen = new Set<string>();
    for (const i of items) {
      if (!ITEM_KEY_PATTERN.test(i.key)) {
        throw new Error(
          `${path}.items: key '${i.key}' must be lower-case letters, digits and dashes`,
        );
      }
      if (seen.has(i.key)) {
        throw new Error(`${path}.items: duplicate key '${i.key}'`);
      }
      seen.add(i.key);
    }
    const version =
      c.getOptionalNumber('version') ?? (itemConfigs ? 1 : base.version);
    const hypercareDays =
      c.getOptionalNumber('hypercareDays') ?? base.hypercareDays;
    for (const [name, value] of [
      ['version', version],
      ['hypercareDays', hypercareDays],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(`${path}.${name} must be a positive integer`);
      }
    }
    templates[tier] = {
      id:
        c.getOptionalString('id') ?? (itemConfigs ? `config-${tier}` : base.id),
      version,
      tier,
      hypercareDays,
      items,
    };
  }
  return templates;
}
