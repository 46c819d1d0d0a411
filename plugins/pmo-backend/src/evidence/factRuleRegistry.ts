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
  factRuleMessages,
  validateFactRule,
  type ReadinessTemplate,
  type ServiceTier,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoFactRule, PmoFactRulesExtensionPoint } from '../extensions';

/**
 * The fact rules of the plugin: the built-in ones and those modules add.
 * Modules only see {@link PmoFactRules.extensionPoint}.
 * @internal
 */
export class PmoFactRules {
  readonly #rules = new Map<string, PmoFactRule>();

  extensionPoint(): PmoFactRulesExtensionPoint {
    return { addFactRule: rule => this.add(rule) };
  }

  add(rule: PmoFactRule): void {
    if (this.#rules.has(rule.name)) {
      throw new Error(`A PMO fact rule named '${rule.name}' is already added`);
    }
    this.#rules.set(rule.name, rule);
  }

  get(name: string): PmoFactRule | undefined {
    return this.#rules.get(name);
  }

  names(): string[] {
    return [...this.#rules.keys()].sort();
  }

  /**
   * Every fact rule of every template names a registered rule and passes
   * its validation; throws with every problem otherwise (bad config fails
   * the start).
   */
  validateTemplates(templates: Record<ServiceTier, ReadinessTemplate>): void {
    const problems: string[] = [];
    for (const [tier, template] of Object.entries(templates)) {
      template.items.forEach((item, index) => {
        if (!item.fact) return;
        const path = `pmo.transition.templates.${tier}.items[${index}].fact`;
        const own = validateFactRule(item.fact, path);
        problems.push(...own);
        if (own.length > 0) return;
        const rule = this.#rules.get(item.fact.rule);
        if (!rule) {
          problems.push(
            `${path}.rule: ${factRuleMessages.unknownRule(
              item.fact.rule,
              this.names(),
            )}`,
          );
          return;
        }
        problems.push(...(rule.validate?.(item.fact, path) ?? []));
      });
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
  }
}
