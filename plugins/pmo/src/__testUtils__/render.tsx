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
import { screen } from '@testing-library/react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { SWRConfig } from 'swr';
import {
  pmoApiRef,
  pmoDecisionsApiRef,
  type PmoApi,
  type PmoDecisionsApi,
} from '../api';
import { rootRouteRef } from '../routes';
import { componentEntity } from './fixtures';

export interface RenderOptions {
  api: PmoApi;
  /** Default: no gate decisions, never re-baselined. */
  decisions?: PmoDecisionsApi;
  /** Default: allow everything. */
  authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  entity?: Entity | null;
  route?: string;
  /** App config the views read (e.g. `pmo.projectKeys.pattern`). */
  config?: NonNullable<Parameters<typeof mockApis.config>[0]>['data'];
}

/** A decisions API with nothing decided; `overrides` replace methods. */
export function mockDecisionsApi(
  overrides: Partial<PmoDecisionsApi> = {},
): jest.Mocked<PmoDecisionsApi> {
  return {
    listGateDecisions: jest.fn().mockResolvedValue([]),
    decideGate: jest.fn(),
    listRebaselines: jest
      .fn()
      .mockResolvedValue({ items: [], baselines: [], baselineNumber: 0 }),
    requestRebaseline: jest.fn(),
    decideRebaseline: jest.fn(),
    ...overrides,
  } as jest.Mocked<PmoDecisionsApi>;
}

/** Renders a PMO view in a test app with the APIs and routes it needs. */
export function renderPmo(element: ReactNode, options: RenderOptions) {
  const permissionApi = mockApis.permission({
    authorize: options.authorize ?? AuthorizeResult.ALLOW,
  });
  const catalogApi = catalogApiMock.mock({
    queryEntities: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
  });
  const entity =
    options.entity === undefined ? componentEntity : options.entity;
  return renderInTestApp(
    // usePermission caches decisions in SWR; a fresh cache per test keeps
    // an ALLOW of one test from leaking into a DENY test.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [pmoApiRef, options.api],
          [pmoDecisionsApiRef, options.decisions ?? mockDecisionsApi()],
          [permissionApiRef, permissionApi],
          [catalogApiRef, catalogApi],
          [configApiRef, mockApis.config({ data: options.config ?? {} })],
        ]}
      >
        {entity ? (
          <EntityProvider entity={entity}>{element}</EntityProvider>
        ) : (
          element
        )}
      </TestApiProvider>
    </SWRConfig>,
    {
      mountedRoutes: {
        '/pmo': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries: options.route ? [options.route] : undefined,
    },
  );
}

/** The MUI form control (label, input, helper text) around a labelled input. */
export function fieldOf(label: string | RegExp): HTMLElement {
  return screen
    .getByLabelText(label)
    .closest('.MuiFormControl-root') as HTMLElement;
}
