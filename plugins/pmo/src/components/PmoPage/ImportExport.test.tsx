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

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportDialog } from './ImportExport';
import { mockPmoApi } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

const counts = {
  projects: { created: 2, updated: 1 },
  milestones: { created: 0, updated: 0 },
  raid: { created: 0, updated: 0 },
};

describe('ImportDialog', () => {
  it('previews a dry run with per-row errors and keeps Apply disabled', async () => {
    const api = mockPmoApi({
      importData: jest.fn().mockResolvedValue({
        dryRun: true,
        applied: false,
        counts,
        errors: [
          {
            kind: 'projects',
            row: 3,
            field: 'owner',
            message: 'must be an entity ref',
          },
        ],
      }),
    });
    await renderPmo(
      <ImportDialog open onClose={jest.fn()} onImported={jest.fn()} />,
      { api, entity: null },
    );
    await userEvent.type(
      screen.getByLabelText('Content'),
      'key,title,owner{enter}INFRA-9,T,bad',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );

    // The kind is read from the header unless chosen.
    expect(api.importData).toHaveBeenCalledWith({
      format: 'csv',
      csv: 'key,title,owner\nINFRA-9,T,bad',
      dryRun: true,
    });
    expect(
      await screen.findByText(/Dry run found 1 problem/),
    ).toBeInTheDocument();
    const errors = screen.getByRole('table', { name: 'Import errors' });
    expect(errors).toHaveTextContent('must be an entity ref');
    expect(errors).toHaveTextContent('owner');
    expect(screen.getByRole('button', { name: 'Apply import' })).toBeDisabled();
  });

  it('applies only after a clean dry run, and a new edit needs a new preview', async () => {
    const onImported = jest.fn();
    const api = mockPmoApi({
      importData: jest
        .fn()
        .mockResolvedValueOnce({
          dryRun: true,
          applied: false,
          counts,
          errors: [],
        })
        .mockResolvedValueOnce({
          dryRun: true,
          applied: false,
          counts,
          errors: [],
        })
        .mockResolvedValueOnce({
          dryRun: false,
          applied: true,
          counts,
          errors: [],
        }),
    });
    await renderPmo(
      <ImportDialog open onClose={jest.fn()} onImported={onImported} />,
      { api, entity: null },
    );
    const content = screen.getByLabelText('Content');
    await userEvent.type(content, 'key,title');
    const apply = screen.getByRole('button', { name: 'Apply import' });
    expect(apply).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );
    expect(await screen.findByText(/Dry run passed/)).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Import counts' }),
    ).toHaveTextContent('Projects21');
    expect(apply).toBeEnabled();

    await userEvent.type(content, ',owner');
    expect(apply).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );
    await waitFor(() => expect(apply).toBeEnabled());

    await userEvent.click(apply);
    expect(await screen.findByText('Import applied.')).toBeInTheDocument();
    expect(api.importData).toHaveBeenLastCalledWith(
      expect.objectContaining({ dryRun: false }),
    );
    expect(onImported).toHaveBeenCalled();
  });

  it('shows which rows a rejected import refused', async () => {
    const rejected = Object.assign(new Error('Forbidden'), {
      statusCode: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'Import rejected, nothing was applied: projects[1]: not allowed: pmo.project.update on project APP-1',
        },
      },
    });
    const api = mockPmoApi({
      importData: jest
        .fn()
        .mockResolvedValueOnce({
          dryRun: true,
          applied: false,
          counts,
          errors: [],
        })
        .mockRejectedValueOnce(rejected),
    });
    await renderPmo(
      <ImportDialog open onClose={jest.fn()} onImported={jest.fn()} />,
      { api, entity: null },
    );
    await userEvent.type(screen.getByLabelText('Content'), 'key,title');
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );
    const apply = screen.getByRole('button', { name: 'Apply import' });
    await waitFor(() => expect(apply).toBeEnabled());
    await userEvent.click(apply);
    expect(
      await screen.findByText(
        'Import rejected, nothing was applied: projects[1]: not allowed: pmo.project.update on project APP-1',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('You do not have permission to import.'),
    ).not.toBeInTheDocument();
  });

  it('validates JSON input before sending', async () => {
    const api = mockPmoApi();
    await renderPmo(
      <ImportDialog open onClose={jest.fn()} onImported={jest.fn()} />,
      { api, entity: null },
    );
    await userEvent.click(screen.getByLabelText('Format'));
    await userEvent.click(await screen.findByRole('option', { name: 'JSON' }));
    await userEvent.type(screen.getByLabelText('Content'), 'not json');
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );
    expect(
      await screen.findByText(/The JSON must be an object/),
    ).toBeInTheDocument();
    expect(api.importData).not.toHaveBeenCalled();
  });

  it('imports an MS Project plan into a project, showing the column mapping before applying', async () => {
    const api = mockPmoApi({
      importData: jest.fn().mockResolvedValue({
        dryRun: true,
        applied: false,
        counts: { ...counts, milestones: { created: 3, updated: 0 } },
        errors: [],
        mapping: [
          {
            source: 'MS Project',
            kind: 'milestones',
            columns: [
              { header: 'Finish', field: 'forecastDate' },
              { header: 'Start, Duration, PredecessorLink' },
            ],
          },
        ],
      }),
    });
    await renderPmo(
      <ImportDialog open onClose={jest.fn()} onImported={jest.fn()} />,
      { api, entity: null },
    );
    const plan = new File(['<Project></Project>'], 'wave1.xml', {
      type: 'application/xml',
    });
    // jsdom's File has no text().
    Object.defineProperty(plan, 'text', {
      value: async () => '<Project></Project>',
    });
    await userEvent.upload(screen.getByLabelText('Import file'), plan);
    const preview = screen.getByRole('button', { name: 'Preview (dry run)' });
    await waitFor(() => expect(preview).toBeEnabled());
    await userEvent.click(preview);
    expect(
      await screen.findByText(
        'An MS Project plan needs the key of its project.',
      ),
    ).toBeInTheDocument();
    expect(api.importData).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Project key'), 'DC-MIG-01');
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );
    expect(api.importData).toHaveBeenCalledWith({
      format: 'xml',
      xml: '<Project></Project>',
      projectKey: 'DC-MIG-01',
      dryRun: true,
    });
    const mapping = await screen.findByRole('table', {
      name: 'Columns of MS Project',
    });
    expect(mapping).toHaveTextContent('FinishforecastDate');
    expect(mapping).toHaveTextContent(
      'Start, Duration, PredecessorLinkignored',
    );
    expect(screen.getByRole('button', { name: 'Apply import' })).toBeEnabled();
  });

  it('sends an XLSX workbook as it is', async () => {
    const api = mockPmoApi({
      importData: jest.fn().mockResolvedValue({
        dryRun: true,
        applied: false,
        counts,
        errors: [],
      }),
    });
    await renderPmo(
      <ImportDialog open onClose={jest.fn()} onImported={jest.fn()} />,
      { api, entity: null },
    );
    const workbook = new File([new Uint8Array([80, 75, 3, 4])], 'plan.xlsx');
    await userEvent.upload(screen.getByLabelText('Import file'), workbook);
    expect(screen.getByText('Workbook: plan.xlsx')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview (dry run)' }),
    );
    expect(api.importData).toHaveBeenCalledWith({
      format: 'xlsx',
      workbook,
      projectKey: undefined,
      dryRun: true,
    });
  });
});
