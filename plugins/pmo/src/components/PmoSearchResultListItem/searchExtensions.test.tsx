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

import { screen } from '@testing-library/react';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { renderInTestApp } from '@backstage/test-utils';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import pmoPlugin, {
  pmoSearchResultListItem,
  pmoSearchResultType,
} from '../../alpha';

const result = (type: string) => ({
  type,
  document: {
    title: 'vSphere 8',
    text: '',
    location: '/pmo/projects/INFRA-101',
  },
});

describe('PMO search extensions (/alpha)', () => {
  it('are part of the pmo plugin', () => {
    expect(pmoPlugin.getExtension('search-result-list-item:pmo')).toBeDefined();
    expect(
      pmoPlugin.getExtension('search-filter-result-type:pmo'),
    ).toBeDefined();
  });

  it('renders pmo-project results, and only those', async () => {
    const item = createExtensionTester(pmoSearchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    expect(item.predicate?.(result('pmo-project'))).toBe(true);
    expect(item.predicate?.(result('software-catalog'))).toBe(false);

    const Component = item.component;
    await renderInTestApp(
      <Component
        result={{ ...result('pmo-project').document, key: 'INFRA-101' } as any}
      />,
    );
    expect(screen.getByRole('link', { name: /INFRA-101/ })).toHaveAttribute(
      'href',
      '/pmo/projects/INFRA-101',
    );
    // The blueprint passes its icon to the item.
    expect(
      document.querySelector('.MuiListItemIcon-root svg'),
    ).toBeInTheDocument();
  });

  it('adds "PMO projects" to the result-type filter', () => {
    const type = createExtensionTester(pmoSearchResultType).get(
      SearchFilterResultTypeBlueprint.dataRefs.resultType,
    );
    expect(type).toEqual(
      expect.objectContaining({ value: 'pmo-project', name: 'PMO projects' }),
    );
  });
});
