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

import { E, G, U, type DemoDates, type DemoProject } from './demoRefs';

/**
 * Projects keyed the way PMOs key them outside Jira: a ServiceNow project
 * number (PRJ0012345) and a multi-segment migration key (DC-MIG-01, whose
 * plan comes from MS Project). Both touch the file services.
 * @internal
 */
export function interopProjects({ d, done, open }: DemoDates): DemoProject[] {
  return [
    // ------------------------------------------------------------ PRJ0012345
    {
      key: 'PRJ0012345',
      title: 'Backup vault hardening for file services',
      description:
        'Immutable, air-gapped copies of the corporate file shares; tracked in ServiceNow SPM as PRJ0012345.',
      phase: 'execution',
      methodology: 'waterfall',
      owner: G.backup,
      sponsor: U.helen,
      startDate: d(-45),
      targetDate: d(75),
      priority: 'high',
      declaredHealth: { status: 'green' },
      externalLinks: [{ system: 'servicenow', key: 'PRJ0012345' }],
      milestones: [
        done('Vault design approved', -30, -28, { gate: true }),
        done('Immutable repository for file shares', -5, -4, {
          entityRef: E.fileServices,
        }),
        open('First restore test of every share', 20, 20, {
          entityRef: E.fileServices,
        }),
        open('Handover to backup operations', 70, 70, { gate: true }),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Restore tests overrun the weekend change window',
          probability: 2,
          impact: 3,
          owner: G.backup,
          action: 'Split the restore tests by business unit.',
          dueDate: d(14),
          status: 'open',
          entityRef: E.fileServices,
        },
        {
          type: 'assumption',
          title: 'Share owners confirm retention per share',
          probability: 2,
          impact: 2,
          owner: G.storage,
          dueDate: d(10),
          status: 'open',
        },
        {
          type: 'dependency',
          title: 'Vault network segment from the network team',
          probability: 1,
          impact: 3,
          owner: G.network,
          dueDate: d(-10),
          status: 'closed',
        },
      ],
    },

    // -------------------------------------------------------------- DC-MIG-01
    {
      key: 'DC-MIG-01',
      title: 'Data-centre migration wave 1',
      description:
        'First wave of the DC1 consolidation: file services and their storage; planned in MS Project and imported as MSPDI.',
      phase: 'execution',
      methodology: 'waterfall',
      owner: G.storage,
      sponsor: U.helen,
      startDate: d(-60),
      targetDate: d(150),
      priority: 'medium',
      declaredHealth: {
        status: 'amber',
        reason: 'Pilot wave slips a week: share owners not reachable.',
      },
      externalLinks: [],
      milestones: [
        done('Design approved', -20, -17, { gate: true }),
        open('Pilot wave cut over', 30, 37, { entityRef: E.fileServices }),
        open('File services moved to DC1', 90, 90, {
          entityRef: E.fileServices,
        }),
        open('Old data centre decommissioned', 150, 150),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Replication bandwidth between the sites too low',
          probability: 3,
          impact: 3,
          owner: G.network,
          action: 'Order the second 10G link now.',
          dueDate: d(21),
          status: 'open',
        },
        {
          type: 'issue',
          title: 'Pilot share owners not reachable for sign-off',
          probability: 3,
          impact: 2,
          owner: G.pmo,
          dueDate: d(7),
          status: 'open',
          entityRef: E.fileServices,
        },
        {
          type: 'dependency',
          title: 'Change window approved by the CAB',
          probability: 2,
          impact: 3,
          owner: G.storage,
          dueDate: d(25),
          status: 'open',
        },
      ],
    },
  ];
}
