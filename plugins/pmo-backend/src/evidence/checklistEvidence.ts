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

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactOutcome, Transition } from '@infra-pmo/plugin-pmo-common';
import type {
  ApplyFactOutcomesResult,
  TransitionStore,
} from '../database/TransitionStore';
import type { PmoFactRules } from './factRuleRegistry';

/**
 * Evaluates the fact rules of a transition's checklist on its entity and
 * records the outcomes through the store (which marks items done, reopens
 * them and revokes sign-offs on the one item-change path). Used by the
 * scheduled task, on a start and by the re-check route.
 * @internal
 */
export class ChecklistEvidence {
  readonly #rules: PmoFactRules;
  readonly #store: Pick<TransitionStore, 'applyFactOutcomes'>;
  readonly #logger: LoggerService;

  constructor(options: {
    rules: PmoFactRules;
    store: Pick<TransitionStore, 'applyFactOutcomes'>;
    logger: LoggerService;
  }) {
    this.#rules = options.rules;
    this.#store = options.store;
    this.#logger = options.logger;
  }

  /** The outcome of every item with a fact rule; never throws. */
  async evaluate(
    entity: Entity,
    transition: Pick<Transition, 'entityRef' | 'items'>,
  ): Promise<Map<string, FactOutcome>> {
    const outcomes = new Map<string, FactOutcome>();
    for (const item of transition.items) {
      if (!item.fact) continue;
      const rule = this.#rules.get(item.fact.rule);
      if (!rule) {
        // A rule removed with its module since the transition started.
        outcomes.set(item.key, {
          status: 'unknown',
          detail: `no rule named '${item.fact.rule}' is installed`,
        });
        continue;
      }
      try {
        outcomes.set(
          item.key,
          await rule.evaluate(entity, item.fact, {
            entityRef: transition.entityRef,
            logger: this.#logger,
          }),
        );
      } catch (error) {
        this.#logger.warn(
          `Fact rule '${rule.name}' failed on ${transition.entityRef}: ${error}`,
        );
        outcomes.set(item.key, {
          status: 'unknown',
          detail: `the rule '${rule.name}' failed: ${(error as Error).message}`,
        });
      }
    }
    return outcomes;
  }

  /** Evaluates and records; the transition as it is afterwards. */
  async refresh(
    entity: Entity,
    transition: Pick<Transition, 'entityRef' | 'items'>,
  ): Promise<ApplyFactOutcomesResult> {
    const outcomes = await this.evaluate(entity, transition);
    return this.#store.applyFactOutcomes(transition.entityRef, outcomes);
  }
}

/**
 * Re-evaluates every transition whose editable checklist has a fact rule,
 * reading the entities as the plugin (batches of 100). An entity gone
 * from the catalog is skipped (its transition keeps its last check).
 * Returns how many items changed.
 * @internal
 */
export async function refreshAllEvidence(options: {
  evidence: ChecklistEvidence;
  store: Pick<TransitionStore, 'listFactEntityRefs' | 'getTransition'>;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<{ entities: number; changedItems: number }> {
  const { evidence, store, catalog, auth, logger } = options;
  const refs = await store.listFactEntityRefs();
  const credentials = await auth.getOwnServiceCredentials();
  let changedItems = 0;
  for (let i = 0; i < refs.length; i += 100) {
    const batch = refs.slice(i, i + 100);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: batch },
      { credentials },
    );
    for (const [index, entity] of items.entries()) {
      if (!entity) continue;
      const transition = await store.getTransition(batch[index]);
      if (!transition) continue;
      try {
        const result = await evidence.refresh(entity, transition);
        changedItems += result.changedItems.length;
      } catch (error) {
        // One transition in conflict (a concurrent edit) must not stop
        // the others; the next run picks it up.
        logger.warn(`Checklist evidence of ${batch[index]}: ${error}`);
      }
    }
  }
  return { entities: refs.length, changedItems };
}
