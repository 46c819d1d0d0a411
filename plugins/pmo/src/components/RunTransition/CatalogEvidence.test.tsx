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
import type { TransitionItem } from '@infra-pmo/plugin-pmo-common';
import { RunTransitionSection } from './RunTransition';
import { mockPmoApi, transitionView } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

const REF = 'component:default/vm-provisioning';

const base = {
  description: '',
  required: true,
  evidenceRequired: false,
  updatedAt: '2026-03-01T09:00:00Z',
};
const items: TransitionItem[] = [
  {
    ...base,
    key: 'on-call',
    title: 'On-call',
    status: 'done',
    attesterKind: 'catalog',
    attestedAt: '2026-03-01T09:00:00Z',
    evidenceUrl: '/catalog/default/component/vm-provisioning',
    fact: {
      rule: 'annotation',
      annotations: ['pagerduty.com/service-id', 'opsgenie.com/team'],
    },
    factCheck: {
      status: 'satisfied',
      detail: 'pagerduty.com/service-id: PX1',
      checkedAt: '2026-03-01T09:00:00Z',
    },
  },
  {
    ...base,
    key: 'dashboards',
    title: 'Dashboards',
    status: 'pending',
    fact: { rule: 'annotation', annotations: ['grafana/dashboard-selector'] },
    factCheck: {
      status: 'unsatisfied',
      detail: 'needs grafana/dashboard-selector',
      checkedAt: '2026-03-01T09:00:00Z',
    },
  },
  {
    ...base,
    key: 'docs',
    title: 'Docs',
    status: 'pending',
    fact: { rule: 'techdocs' },
    factCheck: {
      status: 'unknown',
      detail: 'TechDocs is not installed in this Backstage',
      checkedAt: '2026-03-01T09:00:00Z',
    },
  },
  {
    ...base,
    key: 'runbook',
    title: 'Runbook',
    status: 'done',
    attesterKind: 'user',
    attestedBy: 'user:default/dora',
    evidenceUrl: ['javascript', 'alert(1)'].join(':'),
  },
];

async function render() {
  const api = mockPmoApi({
    getTransition: jest
      .fn()
      .mockResolvedValue(transitionView({ state: 'in_progress', items })),
  });
  await renderPmo(
    <RunTransitionSection entityRef={REF} projectKeys={['INFRA-101']} />,
    { api },
  );
  await screen.findByRole('table', { name: 'Readiness checklist' });
}

describe('catalog evidence in the checklist', () => {
  it('shows the catalog as attester with an in-app evidence link, and no reset while the rule holds', async () => {
    await render();
    const row = screen.getByTestId('item-on-call');
    expect(
      within(row).getByTestId('catalog-attester-on-call'),
    ).toHaveTextContent('catalog');
    const link = within(row).getByRole('link', { name: 'Evidence' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/vm-provisioning',
    );
    expect(link).not.toHaveAttribute('target');
    expect(
      within(row).queryByRole('button', { name: 'Back to pending: On-call' }),
    ).not.toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: 'Waive: On-call' }),
    ).toBeInTheDocument();
  });

  it('says what is missing, or why the catalog cannot tell', async () => {
    await render();
    expect(screen.getByTestId('fact-dashboards')).toHaveTextContent(
      'Catalog: needs grafana/dashboard-selector',
    );
    expect(screen.getByTestId('fact-docs')).toHaveTextContent(
      'Catalog cannot tell: TechDocs is not installed in this Backstage',
    );
    expect(screen.queryByTestId('fact-on-call')).not.toBeInTheDocument();
  });

  it('keeps a person as attester and never links an unsafe URL', async () => {
    await render();
    const row = screen.getByTestId('item-runbook');
    expect(
      within(row).queryByTestId('catalog-attester-runbook'),
    ).not.toBeInTheDocument();
    expect(within(row).queryByRole('link', { name: 'Evidence' })).toBeNull();
    expect(
      within(row).getByRole('button', { name: 'Back to pending: Runbook' }),
    ).toBeInTheDocument();
  });
});
