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
 * Estate: cloud landing zone, backup and the DC exit (CLOUD-012, BKP-020, DC-003).
 * @internal
 */
export function estateProjects({ d, done, open }: DemoDates): DemoProject[] {
  return [
    // -------------------------------------------------------------- CLOUD-012
    // Execution, green. ExpressRoute linked manually (no annotation on it).
    {
      key: 'CLOUD-012',
      title: 'Azure landing zone',
      description:
        'Build the enterprise-scale Azure landing zone (management groups, policy, identity, hub-spoke networking, ExpressRoute) and land the first 12 applications.',
      phase: 'execution',
      methodology: 'safe',
      owner: G.cloud,
      sponsor: U.helen,
      startDate: d(-90),
      targetDate: d(120),
      priority: 'high',
      budget: { planned: 380000, actual: 150000, currency: 'EUR' },
      declaredHealth: { status: 'green' },
      externalLinks: [
        { system: 'azure-devops', key: '4711' },
        { system: 'azure-devops', key: '4790' },
      ],
      manualLinks: [E.expressRoute],
      milestones: [
        done('Cloud adoption strategy approved', -80, -80, { gate: true }),
        done('Management groups, policy and identity baseline', -40, -37, {
          entityRef: E.azureLz,
        }),
        done('Hub networking and ExpressRoute live', -5, -3, {
          changeRecord: 'CHG0031390',
          entityRef: E.expressRoute,
        }),
        open('Security and compliance sign-off (CIS benchmark)', 20, 23, {
          gate: true,
          status: 'in_progress',
          entityRef: E.azureLz,
        }),
        open('First migration wave landed (12 applications)', 60, 60),
        open('Operational readiness review (ORR) for Run', 110, 110, {
          gate: true,
          entityRef: E.azureLz,
        }),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Azure Policy deny rules block application team deployments',
          probability: 3,
          impact: 3,
          owner: U.grace,
          action: 'Policy exemptions process and audit-mode first.',
          dueDate: d(14),
          status: 'open',
          entityRef: E.azureLz,
        },
        {
          type: 'dependency',
          title: 'IP address plan for Azure spokes agreed with Network',
          probability: 2,
          impact: 3,
          owner: G.network,
          dueDate: d(10),
          status: 'open',
          entityRef: E.dns,
        },
        {
          type: 'assumption',
          title: 'Enterprise Agreement commit covers first-year consumption',
          probability: 2,
          impact: 4,
          owner: G.pmo,
          dueDate: d(30),
          status: 'open',
        },
        {
          type: 'issue',
          title: 'Second ExpressRoute circuit delayed by the carrier',
          probability: 3,
          impact: 3,
          owner: G.cloud,
          dueDate: d(-8),
          status: 'closed',
          entityRef: E.expressRoute,
        },
      ],
    },

    // -------------------------------------------------------------- BKP-020
    // Initiation, honest amber: renewal deadline versus business case.
    {
      key: 'BKP-020',
      title: 'Backup platform replacement',
      description:
        'Replace Commvault with Veeam Data Platform and hardened immutable repositories for VMs, databases and file services.',
      phase: 'initiation',
      methodology: 'hybrid',
      owner: G.backup,
      sponsor: U.helen,
      startDate: d(-30),
      targetDate: d(330),
      priority: 'critical',
      budget: { planned: 950000, actual: 25000, currency: 'GBP' },
      declaredHealth: {
        status: 'amber',
        reason:
          'Commvault renewal deadline forces a decision before the business case is approved.',
      },
      externalLinks: [{ system: 'jira', key: 'BKP-EPIC-20' }],
      milestones: [
        done('Options paper (Veeam, Rubrik, Commvault renewal)', -14, -10),
        // Awaits the PMO's decision: the demo user (guest) is a member.
        open('Business case approved by portfolio board', 7, 21, {
          gate: true,
          gateApprovers: [G.pmo],
        }),
        open('Design authority approval', 45, 59, { gate: true }),
        open('Immutable repository build', 120, 120, {
          entityRef: E.immutableRepo,
        }),
        open('Last Commvault backup job and licence end', 330, 330, {
          entityRef: E.backupService,
        }),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Commvault renewal falls due before the new platform is live',
          probability: 4,
          impact: 4,
          owner: U.chris,
          action: 'Negotiate a 6-month bridging renewal.',
          dueDate: d(20),
          status: 'open',
          entityRef: E.backupService,
        },
        {
          type: 'issue',
          title: 'Quarterly ERP restore test failed (catalogue corruption)',
          probability: 3,
          impact: 4,
          owner: G.backup,
          action: 'Rebuild the media agent index; re-run the restore test.',
          dueDate: d(7),
          status: 'mitigating',
          entityRef: E.backupService,
        },
        {
          type: 'assumption',
          title: 'NetApp NDMP backups can be re-pointed without re-seeding',
          probability: 3,
          impact: 3,
          owner: U.chris,
          dueDate: d(60),
          status: 'open',
          entityRef: E.nas,
        },
        {
          type: 'dependency',
          title: 'Storage team capacity for repository build (after INFRA-204)',
          probability: 3,
          impact: 3,
          owner: G.storage,
          dueDate: d(90),
          status: 'open',
          entityRef: E.immutableRepo,
        },
      ],
    },

    // -------------------------------------------------------------- DC-003
    // Closing: workloads moved, decommissioning evidence outstanding.
    {
      key: 'DC-003',
      title: 'DC2 colocation exit',
      description:
        'Vacate the DC2 colocation site before the contract ends: migrate all workloads and file services to DC1/DC3, decommission and dispose of the equipment.',
      phase: 'closing',
      methodology: 'waterfall',
      owner: G.pmo,
      sponsor: U.helen,
      startDate: d(-420),
      targetDate: d(20),
      priority: 'high',
      budget: { planned: 2400000, actual: 2520000, currency: 'GBP' },
      declaredHealth: {
        status: 'amber',
        reason:
          'All workloads moved; certificates of destruction and the colo exit inspection are outstanding.',
      },
      externalLinks: [
        { system: 'servicenow', key: 'CHG0031011' },
        { system: 'jira', key: 'DCX-3' },
      ],
      milestones: [
        done('Exit plan approved', -400, -400, { gate: true }),
        done('Move groups 1-4 migrated', -200, -190),
        done('File shares migrated to NetApp', -150, -146, {
          entityRef: E.nas,
        }),
        done('Final move group (Hyper-V) migrated', -60, -52, {
          gate: true,
          changeRecord: 'CHG0031011',
          entityRef: E.hyperv,
        }),
        done('Hypercare exit', -20, -18, { gate: true }),
        open('Equipment decommissioned and media destroyed', 5, 12, {
          status: 'in_progress',
          entityRef: E.dc2,
        }),
        open('Colocation contract exit', 20, 20, {
          gate: true,
          entityRef: E.dc2,
        }),
      ],
      raid: [
        {
          type: 'issue',
          title: 'Certificates of destruction outstanding for 38 disks',
          probability: 3,
          impact: 3,
          owner: U.tom,
          action: 'Chase the disposal vendor; escalate to procurement.',
          dueDate: d(-4),
          status: 'open',
          entityRef: E.dc2,
        },
        {
          type: 'risk',
          title: 'Late exit triggers another month of colo charges (£42k)',
          probability: 2,
          impact: 4,
          owner: U.priya,
          dueDate: d(15),
          status: 'open',
        },
        {
          type: 'dependency',
          title: 'Network team to cease the DC2 WAN circuits',
          probability: 2,
          impact: 3,
          owner: G.network,
          dueDate: d(10),
          status: 'open',
          entityRef: E.core,
        },
        {
          type: 'assumption',
          title:
            'No residual workloads remain in DC2 after the final move group',
          probability: 1,
          impact: 5,
          owner: G.hosting,
          status: 'closed',
          entityRef: E.dc2,
        },
      ],
    },
  ];
}
