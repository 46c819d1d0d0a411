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

import type {
  TransitionBoardRow,
  TransitionItem,
  TransitionView,
} from '@infra-pmo/plugin-pmo-common';

/*
 * Run transition fixtures of the PMO tests (re-exported by fixtures.ts).
 */

/** A run transition view with a few checklist items in various states. */
export function transitionView(
  overrides: Partial<TransitionView> = {},
): TransitionView {
  const item = (
    key: string,
    title: string,
    extra: Partial<TransitionItem> = {},
  ): TransitionItem => ({
    key,
    title,
    description: `${title} description`,
    required: true,
    evidenceRequired: true,
    status: 'pending',
    ...extra,
  });
  return {
    entityRef: 'component:default/vm-provisioning',
    projectKey: 'INFRA-101',
    state: 'in_progress',
    tier: 'tier-2',
    templateId: 'default-tier-2',
    templateVersion: 1,
    items: [
      item('runbook', 'Runbook and operating procedures', {
        status: 'done',
        evidenceUrl: 'https://wiki.example.com/runbook',
        attestedBy: 'user:default/jdoe',
        attestedAt: '2026-03-01T10:00:00Z',
      }),
      item('monitoring', 'Monitoring and alerting', {
        status: 'done',
        // eslint-disable-next-line no-script-url -- must never become an href
        evidenceUrl: 'javascript:alert(1)',
        expiresAt: '2020-01-31',
        attestedBy: 'user:default/jdoe',
      }),
      item('backup-restore', 'Backup and a tested restore'),
      item('pir', 'Post-implementation review scheduled', {
        required: false,
        evidenceRequired: false,
      }),
    ],
    signOffs: [],
    version: 4,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    readinessPercent: 25,
    blocking: [
      {
        key: 'backup-restore',
        title: 'Backup and a tested restore',
        problem: 'is pending',
      },
    ],
    deliveryOwner: 'group:default/wintel',
    runOwner: 'group:default/wintel-ops',
    lifecycle: 'production',
    lifecycleMismatch: true,
    ...overrides,
  };
}

/** A row of the transitions board. */
export function boardRow(
  overrides: Partial<TransitionBoardRow> = {},
): TransitionBoardRow {
  return {
    entityRef: 'component:default/vm-provisioning',
    projectKey: 'INFRA-101',
    state: 'in_progress',
    tier: 'tier-1',
    readinessPercent: 40,
    lifecycle: 'production',
    lifecycleMismatch: true,
    signOffs: [
      {
        role: 'delivery',
        signedBy: 'user:default/pm',
        signedAt: '2026-03-01T10:00:00Z',
      },
    ],
    updatedAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}
