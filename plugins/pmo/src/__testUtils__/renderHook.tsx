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

import type { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { pmoApiRef, type PmoApi } from '../api';

/** Renders a PMO data hook with a mocked PmoApi (and an entity if given). @internal */
export function renderPmoHook<R, P = undefined>(
  hook: (props: P) => R,
  options: { api: PmoApi; entity?: Entity; initialProps?: P },
) {
  const wrapper = (props: { children?: ReactNode }) => (
    <TestApiProvider apis={[[pmoApiRef, options.api]]}>
      {options.entity ? (
        <EntityProvider entity={options.entity}>
          {props.children}
        </EntityProvider>
      ) : (
        props.children
      )}
    </TestApiProvider>
  );
  return renderHook(hook, { wrapper, initialProps: options.initialProps });
}
