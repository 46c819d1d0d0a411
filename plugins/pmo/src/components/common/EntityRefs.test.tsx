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
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  entityRouteRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { EntityName, OwnerRef } from './EntityRefs';

/** The catalog's display names, as the entity presentation API gives them. */
const TITLES: Record<string, string> = {
  'user:default/helen.carter': 'Helen Carter',
  'group:default/virtualisation': 'Virtualisation team',
};

const presentation: EntityPresentationApi = {
  forEntity: (ref, context) => {
    const entityRef = String(ref).includes(':')
      ? String(ref)
      : `${context?.defaultKind}:default/${ref}`;
    const snapshot = {
      entityRef,
      primaryTitle: TITLES[entityRef] ?? entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

function render(element: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('OwnerRef', () => {
  it('shows a user ref as its display name linked to the user', async () => {
    await render(<OwnerRef value="user:default/helen.carter" />);
    expect(screen.getByRole('link', { name: 'Helen Carter' })).toHaveAttribute(
      'href',
      '/catalog/default/user/helen.carter',
    );
    expect(screen.queryByText(/user:default/)).not.toBeInTheDocument();
  });

  it('normalizes a short group ref before asking the catalog', async () => {
    await render(<OwnerRef value="Group:Virtualisation" />);
    expect(
      screen.getByRole('link', { name: 'Virtualisation team' }),
    ).toHaveAttribute('href', '/catalog/default/group/virtualisation');
  });

  it('shows free text (a vendor, a role) as written, without a link', async () => {
    await render(<OwnerRef value="Dell EMC (vendor)" />);
    expect(screen.getByText('Dell EMC (vendor)')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows a dash when empty and plain names inside tooltips', async () => {
    await render(
      <>
        <OwnerRef value={undefined} />
        <OwnerRef value="user:default/helen.carter" plain />
      </>,
    );
    expect(screen.getByText('—')).toBeInTheDocument();
    expect(screen.getByText('Helen Carter')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});

describe('EntityName', () => {
  it('names a group ref with its default kind', async () => {
    await render(<EntityName entityRef="virtualisation" defaultKind="group" />);
    expect(
      screen.getByRole('link', { name: 'Virtualisation team' }),
    ).toHaveAttribute('href', '/catalog/default/group/virtualisation');
  });
});
