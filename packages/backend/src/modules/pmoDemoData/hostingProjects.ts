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
 * Hosting: vSphere, SAN and Windows server estate (INFRA-101, INFRA-204, INFRA-310).
 * @internal
 */
export function hostingProjects({ d, done, open }: DemoDates): DemoProject[] {
  return [
    // -------------------------------------------------------------- INFRA-101
    // Watermelon: declared green, but a cutover gate is overdue and the
    // production waves have slipped four weeks.
    {
      key: 'INFRA-101',
      title: 'vSphere 7 to 8 upgrade',
      description:
        'Upgrade vCenter and all 48 production ESXi hosts (DC1/DC3) from vSphere 7.0 U3 to 8.0 U3 ahead of vSphere 7 end of general support, including the VDI host clusters.',
      phase: 'execution',
      methodology: 'hybrid',
      owner: G.virt,
      sponsor: U.helen,
      startDate: d(-180),
      targetDate: d(80),
      priority: 'critical',
      budget: { planned: 420000, actual: 265000, currency: 'GBP' },
      declaredHealth: {
        status: 'green',
        reason:
          'vCenter and non-production complete; Broadcom expects to close the NIC driver case this week, production waves on track.',
      },
      externalLinks: [
        { system: 'jira', key: 'VSPH-412' },
        { system: 'servicenow', key: 'CHG0031337' },
      ],
      milestones: [
        done('Design authority approval', -150, -147, { gate: true }),
        done('vCenter 8 upgrade (DC1/DC3)', -95, -88, {
          changeRecord: 'CHG0030988',
          entityRef: E.vsphere,
        }),
        done('Non-production clusters upgraded', -60, -52, {
          entityRef: E.vsphere,
        }),
        open('CAB approval for production ESXi cutover', -21, -7, {
          gate: true,
          status: 'in_progress',
          changeRecord: 'CHG0031337',
          entityRef: E.vsphere,
        }),
        open('Production ESXi hosts upgraded (waves 1-3)', 10, 38, {
          entityRef: E.vsphere,
        }),
        open('VDI host clusters upgraded', 30, 45, { entityRef: E.daas }),
        open('Hypercare exit', 75, 80, { gate: true }),
      ],
      raid: [
        {
          type: 'risk',
          title: 'HPE Gen10 host NIC firmware not on the vSphere 8 HCL',
          description:
            'Twelve DL380 Gen10 hosts run a NIC firmware that is not listed for ESXi 8.0 U3; upgrading them unsupported would void the Broadcom support contract.',
          probability: 4,
          impact: 4,
          owner: U.anna,
          action:
            'Broadcom/HPE support case open; validate firmware 2.x on the non-production hosts and update the HCL evidence pack.',
          dueDate: d(-3),
          status: 'open',
          entityRef: E.vsphere,
        },
        {
          type: 'issue',
          title: 'PSOD on two DR hosts after ESXi 8.0 U2 patching',
          description:
            'Purple-screen crashes on two DR hosts traced to a storage driver; hosts rolled back.',
          probability: 3,
          impact: 4,
          owner: G.virt,
          action: 'Apply the vendor hotfix in the lab and re-test for 14 days.',
          dueDate: d(-5),
          status: 'mitigating',
          entityRef: E.vsphere,
        },
        {
          type: 'dependency',
          title:
            'INFRA-204: production VMFS datastores must be on Pure before wave 1',
          probability: 3,
          impact: 4,
          owner: G.storage,
          action: 'Track SAN migration wave 2 in the weekly portfolio review.',
          dueDate: d(5),
          status: 'open',
          entityRef: E.sanPure,
        },
        {
          type: 'assumption',
          title:
            'Quarter-end change freeze does not extend beyond five working days',
          probability: 2,
          impact: 3,
          owner: U.tom,
          action: 'Confirm freeze dates with the Change Manager.',
          dueDate: d(10),
          status: 'open',
        },
        {
          type: 'risk',
          title: 'Commvault VSA agent not certified for vSphere 8',
          probability: 3,
          impact: 3,
          owner: G.backup,
          action: 'Upgrade Commvault to 11.36 (certified) before wave 1.',
          dueDate: d(-40),
          status: 'closed',
          entityRef: E.backupService,
        },
      ],
    },

    // -------------------------------------------------------------- INFRA-204
    // Honest amber: a migration wave slipped and a high risk is open.
    {
      key: 'INFRA-204',
      title: 'SAN refresh - Pure Storage FlashArray',
      description:
        'Replace the end-of-support Dell EMC VNX arrays with an active-active Pure FlashArray//X70 pair and migrate all vSphere, Hyper-V and Oracle block storage.',
      phase: 'execution',
      methodology: 'waterfall',
      owner: G.storage,
      sponsor: U.helen,
      startDate: d(-240),
      targetDate: d(60),
      priority: 'critical',
      budget: { planned: 1850000, actual: 1420000, currency: 'GBP' },
      declaredHealth: {
        status: 'amber',
        reason:
          'Wave 2 slipped 12 days (HBA firmware remediation); Oracle cutover window not yet agreed with ERP owners.',
      },
      externalLinks: [
        { system: 'jira', key: 'STOR-88' },
        { system: 'servicenow', key: 'CHG0030877' },
      ],
      milestones: [
        done('Design authority approval', -210, -210, { gate: true }),
        done(
          'FlashArray//X70 pair installed and commissioned (DC1/DC3)',
          -150,
          -141,
          {
            entityRef: E.sanPure,
          },
        ),
        done('Migration wave 1 - non-production datastores', -90, -84),
        done('CAB approval for production migration waves', -40, -38, {
          gate: true,
          changeRecord: 'CHG0030877',
        }),
        open('Migration wave 2 - vSphere production datastores', -10, 2, {
          status: 'in_progress',
          entityRef: E.vsphere,
        }),
        open('Migration wave 3 - Oracle and Hyper-V LUNs', 20, 29, {
          entityRef: E.oracle,
        }),
        open('VNX arrays decommissioned', 55, 60, { entityRef: E.sanVnx }),
      ],
      raid: [
        {
          type: 'risk',
          title:
            'Oracle RAC LUN migration needs an outage beyond the 4-hour window',
          probability: 3,
          impact: 5,
          owner: U.sarah,
          action:
            'Rehearse ASM online rebalance in pre-production; agree an 8-hour window with the ERP service owner.',
          dueDate: d(12),
          status: 'open',
          entityRef: E.oracle,
        },
        {
          type: 'issue',
          title: 'HBA firmware below Pure minimum on 14 ESXi hosts',
          probability: 3,
          impact: 3,
          owner: G.virt,
          action: 'Rolling firmware update, 4 hosts per night.',
          dueDate: d(4),
          status: 'mitigating',
          entityRef: E.vsphere,
        },
        {
          type: 'risk',
          title:
            'ActiveCluster mediator unreachable during DC core network changes',
          probability: 2,
          impact: 4,
          owner: U.david,
          action:
            'Move the mediator to Pure1 cloud mediator; align with NET-055.',
          dueDate: d(30),
          status: 'open',
          entityRef: E.sanPure,
        },
        {
          type: 'assumption',
          title: 'Dell VNX support extension covers until decommissioning',
          probability: 2,
          impact: 4,
          owner: U.david,
          action: 'Extension PO raised to month +3.',
          status: 'accepted',
          entityRef: E.sanVnx,
        },
        {
          type: 'dependency',
          title: 'DC3 rack power upgrade for the second array',
          probability: 2,
          impact: 4,
          owner: G.hosting,
          dueDate: d(-160),
          status: 'closed',
        },
      ],
    },

    // -------------------------------------------------------------- INFRA-310
    // Watermelon: declared green, but two RAID actions are overdue.
    {
      key: 'INFRA-310',
      title: 'Windows Server 2016 to 2022 uplift',
      description:
        'Rebuild or in-place upgrade ~600 Windows Server 2016 servers to Windows Server 2022 before end of extended support.',
      phase: 'execution',
      methodology: 'agile',
      owner: G.wintel,
      sponsor: U.helen,
      startDate: d(-150),
      targetDate: d(120),
      priority: 'high',
      budget: { planned: 310000, actual: 140000, currency: 'GBP' },
      declaredHealth: {
        status: 'green',
        reason: 'Wave 1 delivered early; wave 2 velocity on plan.',
      },
      externalLinks: [{ system: 'jira', key: 'WIN-231' }],
      milestones: [
        done('In-place upgrade vs rebuild decision', -120, -118, {
          gate: true,
        }),
        done('Windows Server 2022 gold image approved by Security', -80, -76, {
          gate: true,
          entityRef: E.wintelPool,
        }),
        done('Wave 1: 180 infrastructure servers', -30, -33, {
          changeRecord: 'CHG0031102',
          entityRef: E.wintelPool,
        }),
        open('Wave 2: 420 application servers', 20, 23, {
          status: 'in_progress',
          entityRef: E.wintelPool,
        }),
        open('Wave 3: SQL Server hosts', 60, 60, { entityRef: E.sqlserver }),
        open('Windows Server 2016 estate retired', 120, 120, { gate: true }),
      ],
      raid: [
        {
          type: 'issue',
          title:
            'Application owners not returning wave 2 test sign-offs (37 of 112 outstanding)',
          probability: 4,
          impact: 3,
          owner: U.james,
          action:
            'Escalate through the weekly portfolio review; default sign-off after 10 working days.',
          dueDate: d(-6),
          status: 'open',
          entityRef: E.wintelPool,
        },
        {
          type: 'risk',
          title:
            'Legacy applications only vendor-supported on Windows Server 2016',
          probability: 3,
          impact: 4,
          owner: U.tom,
          action:
            'Obtain vendor statements or raise risk acceptances for 14 apps.',
          dueDate: d(-2),
          status: 'open',
        },
        {
          type: 'dependency',
          title: 'DB-140: SQL Server 2022 builds needed before wave 3',
          probability: 3,
          impact: 3,
          owner: G.dba,
          dueDate: d(45),
          status: 'open',
          entityRef: E.sqlserver,
        },
        {
          type: 'assumption',
          title:
            'Extended Security Updates not required if wave 3 completes on time',
          probability: 2,
          impact: 4,
          owner: G.pmo,
          dueDate: d(90),
          status: 'open',
        },
      ],
    },
  ];
}
