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

import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  pmoProjectReadPermission,
  pmoProjectUpdatePermission,
  pmoRaidCreatePermission,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import type { Request } from 'express';
import {
  AUDIT_STRING_LIMIT,
  auditMeta,
  createRequestContextFactory,
} from './context';

const project = (key: string, owner: string) =>
  ({ key, owner, phase: 'execution' } as ProjectWithHealth);

const A1 = project('A-1', 'group:default/a-team');
const B1 = project('B-1', 'group:default/b-team');

const ownerOf = (claims: string[]): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'pmo',
  resourceType: 'pmo-project',
  conditions: {
    rule: 'IS_PROJECT_OWNER',
    resourceType: 'pmo-project',
    params: { claims },
  },
});

describe('the request context', () => {
  const permissions = mockServices.permissions.mock();
  const auditor = mockServices.auditor.mock();
  const getProjects = jest.fn(async (keys: readonly string[]) =>
    [A1, B1].filter(p => keys.includes(p.key)),
  );
  const contextOf = createRequestContextFactory({
    httpAuth: mockServices.httpAuth(),
    auth: mockServices.auth(),
    userInfo: mockServices.userInfo(),
    permissions,
    auditor,
    projects: { getProjects },
  });
  const req = { headers: {} } as Request;

  beforeEach(() => {
    jest.clearAllMocks();
    // Read everything; write only what a-team owns.
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(r =>
        r.permission.name === pmoProjectReadPermission.name
          ? { result: AuthorizeResult.ALLOW }
          : ownerOf(['group:default/a-team']),
      ),
    );
  });

  it('decides once per permission and applies the conditions to each project', async () => {
    const ctx = await contextOf(req);
    expect(await ctx.decide(pmoProjectUpdatePermission, [A1, B1])).toEqual([
      true,
      false,
    ]);
    await ctx.decide(pmoProjectUpdatePermission, [B1]);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
  });

  it('checks a project as it would be after a write', async () => {
    const ctx = await contextOf(req);
    // Giving A-1 away to b-team: the new state is not a-team's.
    await expect(
      ctx.authorizeProjects(pmoProjectUpdatePermission, [
        A1,
        { ...A1, owner: 'group:default/b-team' },
      ]),
    ).rejects.toThrow('Not allowed: pmo.project.update on project A-1');
  });

  it('names the project in a 403 and hides unreadable ones behind a 404', async () => {
    const ctx = await contextOf(req);
    await expect(
      ctx.authorizeProject(pmoRaidCreatePermission, 'B-1'),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed: pmo.raid.create on project B-1',
    });
    await expect(
      ctx.authorizeProject(pmoRaidCreatePermission, 'A-1'),
    ).resolves.toBe(A1);

    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ownerOf(['group:default/a-team'])),
    );
    const reader = await contextOf(req);
    await expect(
      reader.authorizeProject(pmoRaidCreatePermission, 'B-1'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'Project B-1 not found',
    });
    expect(await reader.readableKeys(['A-1', 'B-1', 'NOPE-1'])).toEqual(
      new Set(['A-1']),
    );
  });

  it('bounds what reaches the audit log', () => {
    const meta = auditMeta({
      key: 'x'.repeat(1_000_000),
      rows: Array.from({ length: 500 }, (_, i) => i),
    });
    expect((meta.key as string).length).toBeLessThan(AUDIT_STRING_LIMIT + 30);
    expect((meta.rows as unknown[]).length).toBe(21);
  });
});
