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

import fc from 'fast-check';
import { lifecycleMismatchReason, lifecycleOf } from './lifecycle';
import { lifecycleMismatch } from './transition';
import {
  ACCEPTED_TRANSITION_STATES,
  TRANSITION_STATES,
} from './transitionModel';

const stateArb = fc.constantFrom(...TRANSITION_STATES);
/** `production` in any case and padding, among other lifecycles. */
const lifecycleArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc
    .tuple(
      fc.constantFrom('production', 'Production', 'PRODUCTION'),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([value, pad]) => `${pad}${value}${pad}`),
  fc.constantFrom('experimental', 'Experimental', 'deprecated'),
);

describe('lifecycleOf', () => {
  it('is spec.lifecycle exactly when it is a string', () => {
    fc.assert(
      fc.property(fc.anything(), value => {
        const entity = { spec: { lifecycle: value } } as any;
        expect(lifecycleOf(entity)).toBe(
          typeof value === 'string' ? value : undefined,
        );
      }),
    );
    expect(lifecycleOf(undefined)).toBeUndefined();
    expect(lifecycleOf(null)).toBeUndefined();
    expect(lifecycleOf({ spec: undefined } as any)).toBeUndefined();
  });
});

describe('lifecycleMismatchReason', () => {
  it('names the lifecycle and the state of every mismatch', () => {
    fc.assert(
      fc.property(lifecycleArb, stateArb, (lifecycle, state) => {
        fc.pre(lifecycleMismatch(lifecycle, state));
        const reason = lifecycleMismatchReason(lifecycle, state);
        expect(reason).toContain(`Lifecycle is`);
        expect(reason).toContain(lifecycle);
        expect(reason).toContain(state);
      }),
    );
  });

  it('says "not yet accepted" exactly for production before acceptance', () => {
    fc.assert(
      fc.property(lifecycleArb, stateArb, (lifecycle, state) => {
        fc.pre(lifecycleMismatch(lifecycle, state));
        const production =
          lifecycle.trim().toLocaleLowerCase('en-US') === 'production';
        expect(production).toBe(!ACCEPTED_TRANSITION_STATES.includes(state));
        expect(
          lifecycleMismatchReason(lifecycle, state).endsWith(
            'not yet accepted into Run',
          ),
        ).toBe(production);
      }),
    );
  });

  it('keeps the wording of the portfolio', () => {
    expect(lifecycleMismatchReason('production', 'in_progress')).toBe(
      'Lifecycle is production but the run transition is in_progress: not yet accepted into Run',
    );
    expect(lifecycleMismatchReason('experimental', 'accepted')).toBe(
      'Lifecycle is still experimental although the run transition is accepted',
    );
    // A view writes the state with its label; the words stay the rule's.
    expect(
      lifecycleMismatchReason('production', 'in_progress', s =>
        s.replace('_', ' '),
      ),
    ).toBe(
      'Lifecycle is production but the run transition is in progress: not yet accepted into Run',
    );
  });
});
