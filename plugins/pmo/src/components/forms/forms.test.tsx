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

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  Milestone,
  ProjectWithHealth,
  RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoApi } from '../../api';
import { MilestoneFormDialog } from './MilestoneFormDialog';
import { RaidFormDialog } from './RaidFormDialog';
import { ProjectFormDialog } from './ProjectFormDialog';
import {
  milestone,
  mockPmoApi,
  project,
  raidItem,
  responseError,
} from '../../__testUtils__/fixtures';
import {
  fieldOf,
  renderPmo,
  type RenderOptions,
} from '../../__testUtils__/render';

/** The milestone dialog of INFRA-101, creating or editing `current`. */
function renderMilestoneDialog(
  api: PmoApi,
  current?: Milestone,
  onSaved: (saved: Milestone) => void = jest.fn(),
) {
  return renderPmo(
    <MilestoneFormDialog
      open
      projectKey="INFRA-101"
      item={current}
      onClose={jest.fn()}
      onSaved={onSaved}
    />,
    { api, entity: null },
  );
}

/** The RAID dialog of INFRA-101, creating an item. */
function renderRaidDialog(
  api: PmoApi,
  onSaved: (saved: RaidItem) => void = jest.fn(),
) {
  return renderPmo(
    <RaidFormDialog
      open
      projectKey="INFRA-101"
      onClose={jest.fn()}
      onSaved={onSaved}
    />,
    { api, entity: null },
  );
}

/** The project dialog, creating a project or editing `current`. */
function renderProjectDialog(
  api: PmoApi,
  current?: ProjectWithHealth,
  config?: RenderOptions['config'],
) {
  return renderPmo(
    <ProjectFormDialog
      open
      project={current}
      onClose={jest.fn()}
      onSaved={jest.fn()}
    />,
    { api, entity: null, config },
  );
}

describe('RaidFormDialog', () => {
  it('creates an item with the score preview and the chosen values', async () => {
    const api = mockPmoApi({
      createRaidItem: jest.fn().mockResolvedValue(raidItem()),
    });
    const onSaved = jest.fn();
    await renderRaidDialog(api, onSaved);
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
    await renderRaidDialog(api, onSaved);
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

  it('requires a title before calling the server, in the words of the server', async () => {
    const api = mockPmoApi();
    await renderRaidDialog(api);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await within(fieldOf(/Title/)).findByText('must not be empty'),
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
    await renderProjectDialog(api, project());
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
    await renderProjectDialog(
      api,
      project({ budget: { planned: 100, currency: 'EUR' } }),
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
    await renderProjectDialog(api, project({ declaredHealth: undefined }));
    await userEvent.click(screen.getByLabelText('Declared health'));
    await userEvent.click(await screen.findByRole('option', { name: 'Green' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await within(fieldOf('Reason')).findByText(
        'is required when the declared health (green) differs from the computed health (red)',
      ),
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
    await renderProjectDialog(api);
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

  it("checks a new key against the installation's pmo.projectKeys.pattern", async () => {
    const api = mockPmoApi();
    await renderProjectDialog(api, undefined, {
      pmo: { projectKeys: { pattern: 'PRJ[0-9]{7}' } },
    });
    expect(
      within(fieldOf(/Key/)).getByText('Must match PRJ[0-9]{7}'),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Key/), 'infra-1');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await within(fieldOf(/Key/)).findByText(
        'must match the project key pattern of this PMO (PRJ[0-9]{7})',
      ),
    ).toBeInTheDocument();
    expect(api.createProject).not.toHaveBeenCalled();
  });

  it('rejects non-http(s) link URLs before saving', async () => {
    const api = mockPmoApi();
    await renderProjectDialog(api, project({ externalLinks: [] }));
    await userEvent.click(screen.getByRole('button', { name: 'Add link' }));
    await userEvent.type(screen.getByLabelText(/^Key$/), 'X-1');
    // A script URL, assembled so that the linter does not flag the test input.
    const unsafeUrl = ['javascript', 'alert(1)'].join(':');
    await userEvent.type(screen.getByLabelText('URL (optional)'), unsafeUrl);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await within(fieldOf('URL (optional)')).findByText(
        'must be an http(s) URL',
      ),
    ).toBeInTheDocument();
    expect(api.updateProject).not.toHaveBeenCalled();
  });
});

describe('MilestoneFormDialog', () => {
  it('leaves blank inputs out of a create', async () => {
    const api = mockPmoApi({
      createMilestone: jest.fn().mockResolvedValue(milestone()),
    });
    const onSaved = jest.fn();
    await renderMilestoneDialog(api, undefined, onSaved);
    await userEvent.type(screen.getByLabelText(/Title/), ' Cutover ');
    fireEvent.change(screen.getByLabelText('Baseline'), {
      target: { value: '2027-03-01' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createMilestone).toHaveBeenCalledWith('INFRA-101', {
      title: 'Cutover',
      baselineDate: '2027-03-01',
      forecastDate: undefined,
      actualDate: undefined,
      status: 'planned',
      gate: false,
      changeRecord: undefined,
      entityRef: undefined,
    });
  });

  it('clears emptied inputs of an update with null and sends the version', async () => {
    const api = mockPmoApi({
      updateMilestone: jest.fn().mockResolvedValue(milestone()),
    });
    const current = milestone({ changeRecord: 'CHG1', version: 7 });
    await renderMilestoneDialog(api, current);
    await userEvent.clear(screen.getByLabelText('Change record'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateMilestone).toHaveBeenCalledWith(
        current.id,
        expect.objectContaining({ version: 7, changeRecord: null }),
      ),
    );
  });

  it('names the approvers of a gate and checks each ref', async () => {
    const api = mockPmoApi({
      updateMilestone: jest.fn().mockResolvedValue(milestone()),
    });
    const current = milestone({ gate: true, version: 3 });
    await renderMilestoneDialog(api, current);
    const approvers = screen.getByLabelText('Gate approvers');
    await userEvent.type(approvers, 'arch, not a ref!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        "must be an entity ref like 'group:default/name'",
      ),
    ).toBeInTheDocument();
    expect(api.updateMilestone).not.toHaveBeenCalled();
    await userEvent.clear(approvers);
    await userEvent.type(approvers, 'group:default/arch, user:default/jane');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateMilestone).toHaveBeenCalledWith(
        current.id,
        expect.objectContaining({
          version: 3,
          gateApprovers: ['group:default/arch', 'user:default/jane'],
        }),
      ),
    );
  });

  it('checks the entity ref with the rule and words of the server', async () => {
    const api = mockPmoApi();
    await renderMilestoneDialog(api);
    await userEvent.type(screen.getByLabelText(/Title/), 'Cutover');
    await userEvent.type(
      screen.getByLabelText(/Entity this milestone changes/),
      'not a ref!{enter}',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText(
        "must be an entity ref like 'component:default/name'",
      ),
    ).toBeInTheDocument();
    expect(api.createMilestone).not.toHaveBeenCalled();
  });

  it('offers to reload the latest version after a 409', async () => {
    const api = mockPmoApi({
      updateMilestone: jest
        .fn()
        .mockRejectedValue(await responseError(409, 'ConflictError', 'stale')),
      listMilestones: jest
        .fn()
        .mockResolvedValue([
          milestone({ title: 'Cutover (moved)', version: 8 }),
        ]),
    });
    await renderMilestoneDialog(api, milestone());
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reload' }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText(/Title/)).toHaveValue('Cutover (moved)'),
    );
  });
});

describe('ProjectFormDialog links', () => {
  it("shows the server's message on the input of the link it names", async () => {
    const api = mockPmoApi({
      updateProject: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            'InputError',
            'Invalid request: body.externalLinks[1].url: must be an http(s) URL',
          ),
        ),
    });
    await renderProjectDialog(
      api,
      project({
        externalLinks: [
          { system: 'servicenow', key: 'CHG1' },
          { system: 'jira', key: 'INFRA-1', url: 'https://jira.example.com' },
        ],
      }),
    );
    await userEvent.type(screen.getAllByLabelText('URL (optional)')[1], '/x');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const second = screen
      .getAllByLabelText('URL (optional)')[1]
      .closest('.MuiFormControl-root') as HTMLElement;
    expect(
      await within(second).findByText('must be an http(s) URL'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('requires the key of every link the user added', async () => {
    const api = mockPmoApi();
    await renderProjectDialog(api, project({ externalLinks: [] }));
    await userEvent.click(screen.getByRole('button', { name: 'Add link' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await within(fieldOf(/^Key$/)).findByText('must not be empty'),
    ).toBeInTheDocument();
    expect(api.updateProject).not.toHaveBeenCalled();
  });
});
