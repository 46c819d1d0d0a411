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
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { PmoProjectSearchDocument } from '@infra-pmo/plugin-pmo-common';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { PmoSearchResultListItem } from './PmoSearchResultListItem';

const doc: PmoProjectSearchDocument = {
  title: 'vSphere 7 to 8 upgrade',
  text: 'Upgrade vCenter and all ESXi hosts from vSphere 7 to 8.',
  location: '/pmo/projects/INFRA-101',
  key: 'INFRA-101',
  phase: 'execution',
  health: 'red',
  owner: 'group:default/virtualisation',
  entityRefs: [
    'component:default/vsphere-cluster',
    'resource:default/esxi-hosts',
  ],
};

const render = (element: JSX.Element) =>
  renderInTestApp(element, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

describe('PmoSearchResultListItem', () => {
  it('shows key and title linked to the project page, phase, health, owner and links', async () => {
    await render(
      <PmoSearchResultListItem result={doc} icon={<AssessmentIcon />} />,
    );
    const link = screen.getByRole('link', { name: /INFRA-101/ });
    expect(link).toHaveAttribute('href', '/pmo/projects/INFRA-101');
    expect(link).toHaveTextContent('INFRA-101vSphere 7 to 8 upgrade');
    expect(
      screen.getByText(
        'Upgrade vCenter and all ESXi hosts from vSphere 7 to 8.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Execution')).toBeInTheDocument();
    expect(screen.getByLabelText('Health: Red')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /virtualisation/ }),
    ).toHaveAttribute('href', '/catalog/default/group/virtualisation');
    expect(
      screen.getByRole('link', { name: /vsphere-cluster/ }),
    ).toHaveAttribute('href', '/catalog/default/component/vsphere-cluster');
    expect(screen.getByRole('link', { name: /esxi-hosts/ })).toHaveAttribute(
      'href',
      '/catalog/default/resource/esxi-hosts',
    );
  });

  it('highlights the matched terms of title and text', async () => {
    await render(
      <PmoSearchResultListItem
        result={doc}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: {
            title: '<em>vSphere</em> 7 to 8 upgrade',
            text: 'Upgrade vCenter and all ESXi hosts from <em>vSphere</em> 7 to 8.',
          },
        }}
      />,
    );
    const marks = Array.from(document.querySelectorAll('mark'));
    expect(marks.map(m => m.textContent)).toEqual(['vSphere', 'vSphere']);
    // The tags are not shown as text.
    expect(screen.queryByText(/<em>/)).not.toBeInTheDocument();
  });

  it('shows the first five linked entities and how many more there are', async () => {
    const entityRefs = Array.from(
      { length: 8 },
      (_, i) => `component:default/server-${i + 1}`,
    );
    const many: PmoProjectSearchDocument = { ...doc, entityRefs };
    await render(<PmoSearchResultListItem result={many} />);
    expect(screen.getAllByRole('link', { name: /server-/ })).toHaveLength(5);
    expect(screen.getByText('+3 more')).toBeInTheDocument();
  });

  it('leaves out what the document does not have', async () => {
    await render(
      <PmoSearchResultListItem
        result={{
          title: 'Only a title',
          text: '',
          location: '/pmo/projects/X-1',
        }}
      />,
    );
    const link = screen.getByRole('link', { name: 'Only a title' });
    expect(link).toHaveAttribute('href', '/pmo/projects/X-1');
    expect(screen.queryByText(/Owner:/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Linked:/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Health/)).not.toBeInTheDocument();
  });

  it('renders nothing without a result', async () => {
    await render(
      <div data-testid="wrapper">
        <PmoSearchResultListItem />
      </div>,
    );
    expect(
      within(screen.getByTestId('wrapper')).queryByRole('link'),
    ).toBeNull();
    expect(screen.getByTestId('wrapper')).toBeEmptyDOMElement();
  });
});
