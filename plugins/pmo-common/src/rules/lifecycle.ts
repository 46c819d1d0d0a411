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
import type { TransitionState } from './transitionModel';

/*
 * The catalog lifecycle of an entity, as the run-transition rules read it.
 * `lifecycleMismatch` (rules/transition.ts) decides whether it contradicts a
 * transition; this file says what the lifecycle is and why it contradicts.
 */

/**
 * The entity's catalog `spec.lifecycle`, when it is a string (the catalog
 * does not enforce one, and an entity read with a field filter may lack it).
 * @public
 */
export function lifecycleOf(
  entity: Pick<Entity, 'spec'> | null | undefined,
): string | undefined {
  const value = entity?.spec?.lifecycle;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Why `lifecycleMismatch` flagged an entity, for people (the `reason` of a
 * portfolio mismatch): `production` before the Run team accepted it, or a
 * pre-production lifecycle once it did. Only meaningful for a mismatch.
 * @public
 */
export function lifecycleMismatchReason(
  lifecycle: string,
  state: TransitionState,
  /** How a state is written: the API keeps the state id, a view its label. */
  stateText: (state: TransitionState) => string = s => s,
): string {
  return lifecycle.trim().toLocaleLowerCase('en-US') === 'production'
    ? `Lifecycle is ${lifecycle} but the run transition is ${stateText(
        state,
      )}: not yet accepted into Run`
    : `Lifecycle is still ${lifecycle} although the run transition is ${stateText(
        state,
      )}`;
}
