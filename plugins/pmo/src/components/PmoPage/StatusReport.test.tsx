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
import userEvent from '@testing-library/user-event';
import { mockPmoApi, responseError } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';
import { StatusReportButton } from './StatusReport';

const REPORT = `# Status report: INFRA-101 SAN refresh

As of **2026-W49**: snapshot #4 (scheduled).

### Health: RED

| Milestone | Baseline | Forecast |
| --- | --- | --- |
| Cutover (gate) | 2026-12-01 | 2026-12-26 |

Injected &lt;img src=x&gt; \\[phish\\](https:/\u2060/evil.example) www\u2060.evil.example ops\u2060@evil.example
`;

describe('StatusReportButton', () => {
  const scope = { project: 'INFRA-101' };

  it('previews the report rendered as Markdown, without links or HTML', async () => {
    const api = mockPmoApi({
      getStatusReport: jest.fn().mockResolvedValue(REPORT),
    });
    await renderPmo(<StatusReportButton scope={scope} label="INFRA-101" />, {
      api,
      entity: null,
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Status report' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Preview' }));
    const preview = await screen.findByTestId('status-report-preview');
    // MarkdownContent loads its renderer on first render (core-components
    // 0.18.16): the Markdown appears a tick later.
    expect(
      await within(preview).findByRole('heading', {
        name: 'Status report: INFRA-101 SAN refresh',
      }),
    ).toBeInTheDocument();
    expect(within(preview).getByRole('table')).toBeInTheDocument();
    expect(within(preview).getByText('Cutover (gate)')).toBeInTheDocument();
    expect(preview.querySelector('img')).toBeNull();
    expect(within(preview).queryByRole('link')).toBeNull();
    expect(api.getStatusReport).toHaveBeenCalledWith('md', scope);
  });

  it('downloads Markdown and CSV as files', async () => {
    const api = mockPmoApi({
      getStatusReport: jest.fn().mockResolvedValue('a,b\r\n'),
    });
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicks: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicks.push(this.download);
      });
    await renderPmo(<StatusReportButton scope={scope} label="INFRA-101" />, {
      api,
      entity: null,
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Status report' }),
    );
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Download CSV' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Status report' }),
    );
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Download Markdown' }),
    );
    expect(api.getStatusReport).toHaveBeenNthCalledWith(1, 'csv', scope);
    expect(api.getStatusReport).toHaveBeenNthCalledWith(2, 'md', scope);
    expect(clicks).toEqual([
      expect.stringMatching(/^pmo-status-INFRA-101-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/^pmo-status-INFRA-101-\d{4}-\d{2}-\d{2}\.md$/),
    ]);
    click.mockRestore();
  });

  it('explains a missing snapshot and a forbidden report', async () => {
    const api = mockPmoApi({
      getStatusReport: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            404,
            'NotFoundError',
            'No snapshot has been taken yet',
          ),
        )
        .mockRejectedValueOnce(
          await responseError(403, 'NotAllowedError', 'Not allowed'),
        ),
    });
    await renderPmo(<StatusReportButton scope={{}} />, { api, entity: null });
    await userEvent.click(
      screen.getByRole('button', { name: 'Status report' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No snapshot has been taken yet. Reports are generated from snapshots: take one first.',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Status report' }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You do not have access to this report.',
    );
  });
});
