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

import { screen, within } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import pmoPlugin, {
  entityPmoCard,
  entityPmoContent,
  pmoApi,
  pmoPage,
} from './alpha';
import { pmoApiRef } from './api';
import { PmoClient } from './api/PmoClient';
import { isPmoAvailable } from './predicates';
import { mockPmoApi, portfolio, project } from './__testUtils__/fixtures';

function entity(kind: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
  };
}

describe('pmo /alpha', () => {
  it('is the pmo plugin with its four extensions', () => {
    expect(pmoPlugin.pluginId).toBe('pmo');
    expect(pmoPlugin.getExtension('page:pmo')).toBeDefined();
    expect(pmoPlugin.getExtension('api:pmo')).toBeDefined();
    expect(pmoPlugin.getExtension('entity-card:pmo')).toBeDefined();
    expect(pmoPlugin.getExtension('entity-content:pmo')).toBeDefined();
  });

  it('provides the PmoClient through the API blueprint', () => {
    const factory = createExtensionTester(pmoApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(pmoApiRef.id);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: jest.fn() },
      fetchApi: { fetch: jest.fn() },
    } as any);
    expect(client).toBeInstanceOf(PmoClient);
  });

  it('mounts the page at /pmo and renders the portfolio', async () => {
    const tester = createExtensionTester(pmoPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/pmo');
    expect(tester.get(coreExtensionData.title)).toBe('PMO');

    const api = mockPmoApi({
      getPortfolio: jest.fn().mockResolvedValue(portfolio()),
      listProjects: jest
        .fn()
        .mockResolvedValue({ items: [project()], totalItems: 1, pageInfo: {} }),
    });
    renderInTestApp(tester.reactElement(), {
      apis: [[pmoApiRef, api], mockApis.permission(), catalogApiMock()],
      // Owners are EntityRefLinks, which need the catalog entity route.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // The page is lazy loaded: allow for the import under a busy runner.
    expect(
      await screen.findByLabelText('Projects: 7', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(api.getPortfolio).toHaveBeenCalled();
  });

  it('resolves the project sub-route when the plugin is installed in an app', async () => {
    const api = mockPmoApi({
      getPortfolio: jest.fn().mockResolvedValue(portfolio()),
      listProjects: jest
        .fn()
        .mockResolvedValue({ items: [project()], totalItems: 1, pageInfo: {} }),
    });
    renderTestApp({
      features: [pmoPlugin],
      initialRouteEntries: ['/pmo'],
      apis: [[pmoApiRef, api], mockApis.permission(), catalogApiMock()],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const table = await screen.findByRole(
      'table',
      { name: 'Projects' },
      { timeout: 10_000 },
    );
    expect(
      await within(table).findByRole('link', { name: 'INFRA-101' }),
    ).toHaveAttribute('href', '/pmo/projects/INFRA-101');
  });

  it.each([
    ['entity card', entityPmoCard, EntityCardBlueprint.dataRefs.filterFunction],
    [
      'entity content',
      entityPmoContent,
      EntityContentBlueprint.dataRefs.filterFunction,
    ],
  ] as const)(
    'shows the %s on components, resources and systems only',
    (_name, ext, ref) => {
      const filter = createExtensionTester(ext as any).get(ref as any) as (
        e: Entity,
      ) => boolean;
      expect(filter(entity('Component'))).toBe(true);
      expect(filter(entity('Resource'))).toBe(true);
      expect(filter(entity('System'))).toBe(true);
      // Manually linked entities have no annotation: the kind decides.
      expect(filter(entity('Component', {}))).toBe(true);
      expect(filter(entity('Group'))).toBe(false);
      expect(filter(entity('API'))).toBe(false);
    },
  );

  it('mounts the entity tab at "pmo" titled PMO', () => {
    const tester = createExtensionTester(entityPmoContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('pmo');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('PMO');
  });

  it('isPmoAvailable is true only with the annotation', () => {
    expect(
      isPmoAvailable(entity('Component', { 'pmo/projects': 'INFRA-1' })),
    ).toBe(true);
    expect(isPmoAvailable(entity('Component'))).toBe(false);
  });
});
