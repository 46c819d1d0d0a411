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

import { ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntitySummary,
  Milestone,
  Portfolio,
  ProjectWithHealth,
  RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoApi } from '../api';

/** A PmoApi whose every method is a jest mock. */
export function mockPmoApi(
  overrides: Partial<jest.Mocked<PmoApi>> = {},
): jest.Mocked<PmoApi> {
  return {
    listProjects: jest.fn(),
    getProject: jest.fn(),
    createProject: jest.fn(),
    updateProject: jest.fn(),
    deleteProject: jest.fn(),
    listMilestones: jest.fn().mockResolvedValue([]),
    createMilestone: jest.fn(),
    updateMilestone: jest.fn(),
    deleteMilestone: jest.fn(),
    listRaidItems: jest.fn().mockResolvedValue([]),
    createRaidItem: jest.fn(),
    updateRaidItem: jest.fn(),
    deleteRaidItem: jest.fn(),
    linkEntity: jest.fn(),
    unlinkEntity: jest.fn(),
    getEntitySummary: jest.fn(),
    getEntitySummaries: jest.fn(),
    getPortfolio: jest.fn(),
    getMyItems: jest.fn(),
    getGroupOverview: jest.fn(),
    getHistory: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
    searchMilestones: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
    searchRaid: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0, pageInfo: {} }),
    listProjectEntities: jest.fn().mockResolvedValue([]),
    getTransition: jest.fn(),
    putTransition: jest.fn(),
    updateTransitionItem: jest.fn(),
    signOffTransition: jest.fn(),
    revokeTransitionSignOff: jest.fn(),
    moveTransition: jest.fn(),
    listTransitions: jest.fn(),
    exportCsv: jest.fn(),
    exportXlsx: jest.fn(),
    listSnapshots: jest.fn().mockResolvedValue([]),
    createSnapshot: jest.fn(),
    listSnapshotProjects: jest.fn(),
    getTrends: jest.fn().mockResolvedValue({ points: [] }),
    getStatusReport: jest.fn(),
    importData: jest.fn(),
    listWindows: jest.fn().mockResolvedValue([]),
    listFreezes: jest.fn().mockResolvedValue([]),
    listCollisions: jest.fn().mockResolvedValue([]),
    acknowledgeCollision: jest.fn(),
    ...overrides,
  };
}

/** A ResponseError as the client throws it for a Backstage error body. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'GET', url: '/api/pmo' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    status,
    statusText: String(status),
    ok: false,
    url: 'http://localhost/api/pmo',
    headers: {
      get: (h: string) =>
        h.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
    text: async () => body,
  } as unknown as Response);
}

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'vm-provisioning',
    namespace: 'default',
    annotations: { 'pmo/projects': 'INFRA-101, bad/key' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/wintel',
  },
};

export const systemEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'compute-platform', namespace: 'default' },
  spec: { owner: 'group:default/wintel' },
};

/** A System roll-up: projects page and portfolio of `?system=`. */
export function systemApi(
  overrides: Partial<jest.Mocked<PmoApi>> = {},
): jest.Mocked<PmoApi> {
  const items = [
    project(),
    project({
      key: 'INFRA-204',
      title: 'SAN migration',
      phase: 'planning',
      declaredHealth: undefined,
      computedHealth: { status: 'amber', reasons: [] },
      watermelon: false,
    }),
    project({
      key: 'DC-003',
      title: 'Datacenter exit',
      phase: 'closing',
      declaredHealth: undefined,
      computedHealth: { status: 'green', reasons: [] },
      watermelon: false,
    }),
  ];
  return mockPmoApi({
    listProjects: jest
      .fn()
      .mockResolvedValue({ items, totalItems: items.length, pageInfo: {} }),
    getPortfolio: jest.fn().mockResolvedValue(
      portfolio({
        totalProjects: 3,
        byHealth: { green: 1, amber: 1, red: 1 },
        overdueMilestones: [
          {
            id: 'm9',
            projectKey: 'INFRA-101',
            title: 'CAB approval',
            gate: true,
            status: 'in_progress',
            date: '2026-11-14',
            daysToGo: -7,
          },
        ],
        slippingMilestones: [],
        transitions: {
          byState: {
            not_started: 0,
            in_progress: 1,
            ready_for_review: 0,
            accepted: 0,
            hypercare: 0,
            run: 0,
          },
          mismatches: [
            {
              entityRef: 'component:default/esxi-hosts',
              state: 'in_progress',
              lifecycle: 'production',
              reason:
                'Lifecycle is production but the run transition is in progress: not yet accepted into Run',
            },
          ],
        },
      }),
    ),
    getProject: jest.fn().mockResolvedValue(project()),
    ...overrides,
  });
}

export function project(
  overrides: Partial<ProjectWithHealth> = {},
): ProjectWithHealth {
  return {
    key: 'INFRA-101',
    title: 'vSphere 8 upgrade',
    description: 'Upgrade all clusters',
    phase: 'execution',
    methodology: 'waterfall',
    owner: 'group:default/wintel',
    sponsor: 'CIO',
    startDate: '2026-01-05',
    targetDate: '2026-09-30',
    priority: 'high',
    declaredHealth: {
      status: 'green',
      reason: 'Vendor confirmed dates',
      setAt: '2026-03-01T10:00:00Z',
      setBy: 'user:default/pm',
    },
    externalLinks: [
      {
        system: 'servicenow',
        key: 'CHG0031337',
        url: 'https://sn.example.com/CHG0031337',
      },
      // eslint-disable-next-line no-script-url -- must never become an href
      { system: 'jira', key: 'EVIL-1', url: 'javascript:alert(1)' },
    ],
    version: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    computedHealth: {
      status: 'red',
      reasons: [
        {
          code: 'milestone_slip',
          severity: 'red',
          message: "'Cutover' forecast 25 days after baseline",
        },
      ],
    },
    watermelon: true,
    ...overrides,
  };
}

export function milestone(overrides: Partial<Milestone> = {}): Milestone {
  return {
    id: 'm1',
    projectKey: 'INFRA-101',
    title: 'Cutover',
    baselineDate: '2026-05-01',
    forecastDate: '2026-05-26',
    status: 'planned',
    gate: true,
    changeRecord: 'CHG0031337',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function raidItem(overrides: Partial<RaidItem> = {}): RaidItem {
  return {
    id: 'r1',
    projectKey: 'INFRA-101',
    type: 'risk',
    title: 'Vendor firmware late',
    probability: 4,
    impact: 5,
    score: 20,
    owner: 'user:default/pm',
    action: 'Escalate to vendor',
    dueDate: '2099-01-01',
    status: 'open',
    version: 2,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function summary(overrides: Partial<EntitySummary> = {}): EntitySummary {
  const p = project();
  return {
    entityRef: 'component:default/vm-provisioning',
    projects: [
      {
        key: p.key,
        title: p.title,
        phase: p.phase,
        owner: p.owner,
        declaredHealth: p.declaredHealth,
        computedHealth: p.computedHealth,
        health: 'red',
        sources: ['annotation', 'manual'],
        nextMilestone: undefined,
        openRaid: { risk: 2, assumption: 0, issue: 1, dependency: 0 },
      },
    ],
    worstHealth: 'red',
    nextMilestone: {
      id: 'm1',
      projectKey: 'INFRA-101',
      title: 'Cutover',
      date: '2026-05-26',
      baselineDate: '2026-05-01',
      daysToGo: 12,
      slipDays: 25,
      gate: true,
      status: 'planned',
    },
    openRaid: { risk: 2, assumption: 0, issue: 1, dependency: 0 },
    highestRisk: {
      id: 'r1',
      projectKey: 'INFRA-101',
      type: 'risk',
      title: 'Vendor firmware late',
      score: 20,
    },
    unknownProjectKeys: [],
    invalidProjectKeys: [],
    ...overrides,
  };
}

export function portfolio(overrides: Partial<Portfolio> = {}): Portfolio {
  const heatMap = [0, 1, 2, 3, 4].map(() => [0, 0, 0, 0, 0]);
  heatMap[3][4] = 2; // P4 x I5
  return {
    transitions: {
      byState: {
        not_started: 0,
        in_progress: 0,
        ready_for_review: 0,
        accepted: 0,
        hypercare: 0,
        run: 0,
      },
      mismatches: [],
    },
    totalProjects: 7,
    byHealth: { green: 3, amber: 2, red: 2 },
    byPhase: {
      intake: 1,
      initiation: 0,
      planning: 2,
      execution: 3,
      closing: 1,
      closed: 0,
    },
    heatMap,
    overdueMilestones: [],
    slippingMilestones: [],
    staleProjects: [
      {
        key: 'NET-7',
        title: 'Core switch refresh',
        owner: 'group:default/network',
        statusUpdatedAt: '2026-01-01',
        daysSinceUpdate: 40,
      },
    ],
    watermelons: [
      {
        key: 'INFRA-101',
        title: 'vSphere 8 upgrade',
        declared: 'green',
        computed: 'red',
      },
    ],
    ...overrides,
  };
}

export { boardRow, transitionView } from './transitionFixtures';
