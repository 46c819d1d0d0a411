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
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';

/**
 * A demo project with its plan and RAID log.
 * @public
 */
export interface DemoProject extends CreateProjectRequest {
  milestones: CreateMilestoneRequest[];
  raid: CreateRaidItemRequest[];
  /** Entity refs linked manually, not by the `pmo/projects` annotation. */
  manualLinks?: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** ISO date (UTC) `days` after the UTC day of `today`. */
function dayOffset(today: Date, days: number): string {
  const base = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate(),
  );
  return new Date(base + days * DAY_MS).toISOString().slice(0, 10);
}

// Catalog entities of examples/*.yaml referenced by the demo data.
const G = {
  pmo: 'group:default/pmo',
  hosting: 'group:default/hosting-services',
  wintel: 'group:default/wintel-ops',
  unix: 'group:default/unix-ops',
  virt: 'group:default/virtualisation',
  storage: 'group:default/storage-team',
  backup: 'group:default/backup-team',
  dba: 'group:default/dba-team',
  middleware: 'group:default/middleware-team',
  euc: 'group:default/euc-team',
  network: 'group:default/network-team',
  cloud: 'group:default/cloud-platform',
};
const U = {
  helen: 'user:default/helen.carter',
  priya: 'user:default/priya.sharma',
  tom: 'user:default/tom.whitaker',
  anna: 'user:default/anna.kowalski',
  james: 'user:default/james.obrien',
  mark: 'user:default/mark.chen',
  david: 'user:default/david.okafor',
  chris: 'user:default/chris.doyle',
  sarah: 'user:default/sarah.lindqvist',
  ravi: 'user:default/ravi.patel',
  fatima: 'user:default/fatima.rahman',
  lukas: 'user:default/lukas.weber',
  grace: 'user:default/grace.mensah',
};
const E = {
  vsphere: 'component:default/vsphere-prod-cluster',
  hyperv: 'component:default/hyperv-prod-cluster',
  wintelPool: 'component:default/wintel-server-pool',
  unixPool: 'component:default/unix-server-pool',
  oracle: 'component:default/oracle-db-service',
  sqlserver: 'component:default/sqlserver-db-service',
  postgres: 'component:default/postgresql-db-service',
  mq: 'component:default/ibm-mq-service',
  appServer: 'component:default/app-server-platform',
  daas: 'component:default/citrix-daas',
  elm: 'component:default/citrix-elm-app-layering',
  dns: 'component:default/dns-dhcp',
  backupService: 'component:default/backup-service',
  azureLz: 'component:default/azure-landing-zone',
  sanPure: 'resource:default/san-pure-prod',
  sanVnx: 'resource:default/san-vnx-legacy',
  nas: 'resource:default/nas-netapp-prod',
  core: 'resource:default/dc-core-network',
  firewalls: 'resource:default/dc-firewalls',
  immutableRepo: 'resource:default/backup-immutable-repo',
  expressRoute: 'resource:default/expressroute-circuit',
  dc2: 'resource:default/dc2-colo-legacy',
};

/**
 * Demo portfolio of an infrastructure PMO: twelve projects with milestones
 * and RAID logs. All dates are relative to `today` (UTC) so the demo looks
 * the same whenever it is loaded: the same milestones slip, the same actions
 * are overdue and the computed health of every project stays stable.
 *
 * Linked catalog entities live in `examples/*.yaml`.
 *
 * @public
 */
export function demoPmoData(today: Date): { projects: DemoProject[] } {
  const d = (days: number) => dayOffset(today, days);

  /** An achieved milestone. */
  const done = (
    title: string,
    baseline: number,
    actual: number,
    extra: Partial<CreateMilestoneRequest> = {},
  ): CreateMilestoneRequest => ({
    title,
    baselineDate: d(baseline),
    forecastDate: d(actual),
    actualDate: d(actual),
    status: 'done',
    gate: false,
    ...extra,
  });

  /** An open milestone; the forecast defaults to the baseline. */
  const open = (
    title: string,
    baseline: number,
    forecast: number = baseline,
    extra: Partial<CreateMilestoneRequest> = {},
  ): CreateMilestoneRequest => ({
    title,
    baselineDate: d(baseline),
    forecastDate: d(forecast),
    status: 'planned',
    gate: false,
    ...extra,
  });

  const projects: DemoProject[] = [
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

    // -------------------------------------------------------------- INFRA-315
    // Honest red: vendor certification blocks the WebLogic estate.
    {
      key: 'INFRA-315',
      title: 'RHEL 7 to RHEL 9 migration',
      description:
        'Move ~420 remaining RHEL 7 servers to RHEL 9 (leapp upgrades for non-production, rebuilds for production).',
      phase: 'execution',
      methodology: 'agile',
      owner: G.unix,
      sponsor: U.helen,
      startDate: d(-200),
      targetDate: d(70),
      priority: 'high',
      budget: { planned: 260000, actual: 295000, currency: 'GBP' },
      declaredHealth: {
        status: 'red',
        reason:
          'WebLogic 12c not certified on RHEL 9; ELS cost exposure. Recovery plan going to steering committee.',
      },
      externalLinks: [
        { system: 'jira', key: 'RHEL-77' },
        { system: 'servicenow', key: 'CHG0031205' },
      ],
      milestones: [
        done('RHEL 9 build standard approved', -170, -168, {
          gate: true,
          entityRef: E.unixPool,
        }),
        done('Satellite 6.15 upgrade', -130, -122, { entityRef: E.unixPool }),
        done('Wave 1: infrastructure and tooling servers', -70, -61, {
          changeRecord: 'CHG0031205',
        }),
        open('Wave 2: PostgreSQL and MQ hosts', -20, 6, {
          status: 'in_progress',
          entityRef: E.postgres,
        }),
        open('Go/no-go: WebLogic application servers', -5, 30, {
          gate: true,
          entityRef: E.appServer,
        }),
        open('Last RHEL 7 server decommissioned', 45, 70),
      ],
      raid: [
        {
          type: 'issue',
          title: 'WebLogic 12.2.1.3 not certified on RHEL 9',
          description:
            'Oracle certifies WebLogic 14c only; ~60 application servers cannot move until the middleware upgrade (MW-091, not yet approved).',
          probability: 5,
          impact: 4,
          owner: U.ravi,
          action:
            'Steering decision: fund MW-091 now or keep the WebLogic servers on RHEL 8 as an interim.',
          dueDate: d(10),
          status: 'open',
          entityRef: E.appServer,
        },
        {
          type: 'risk',
          title:
            'RHEL 7 Extended Life-cycle Support needed beyond contract (~£85k)',
          probability: 4,
          impact: 4,
          owner: U.mark,
          action:
            'Quote requested from Red Hat; budget change request drafted.',
          dueDate: d(14),
          status: 'open',
          entityRef: E.unixPool,
        },
        {
          type: 'dependency',
          title: 'Middleware team capacity for regression testing',
          probability: 3,
          impact: 3,
          owner: G.middleware,
          action: 'Two contractors requested through the resourcing board.',
          dueDate: d(-4),
          status: 'mitigating',
        },
        {
          type: 'risk',
          title: 'Satellite content views drift between DC1 and DC3',
          probability: 2,
          impact: 3,
          owner: G.unix,
          dueDate: d(20),
          status: 'open',
        },
        {
          type: 'assumption',
          title:
            'Application teams accept in-place leapp upgrades for non-production',
          probability: 2,
          impact: 2,
          owner: U.mark,
          status: 'closed',
        },
      ],
    },

    // -------------------------------------------------------------- DB-118
    // Declared amber while the facts are green: a cautious PM.
    {
      key: 'DB-118',
      title: 'Oracle 19c consolidation',
      description:
        'Consolidate 64 Oracle 12c databases into 19c multitenant container databases on the RAC platform and retire the 12c estate.',
      phase: 'execution',
      methodology: 'waterfall',
      owner: G.dba,
      sponsor: 'Finance Director (ERP service owner)',
      startDate: d(-160),
      targetDate: d(90),
      priority: 'high',
      budget: { planned: 540000, actual: 310000, currency: 'EUR' },
      declaredHealth: {
        status: 'amber',
        reason:
          'Oracle licence audit outcome pending; it may change the platform sizing and the production dates.',
      },
      externalLinks: [
        { system: 'jira', key: 'DBA-530' },
        { system: 'servicenow', key: 'CHG0031420' },
      ],
      milestones: [
        done('Target architecture approved (19c multitenant)', -130, -130, {
          gate: true,
        }),
        done('Consolidation platform built', -90, -86, { entityRef: E.oracle }),
        done('Non-production PDB migrations complete', -30, -31, {
          entityRef: E.oracle,
        }),
        open('CAB approval for production migrations', 14, 14, {
          gate: true,
          changeRecord: 'CHG0031420',
        }),
        open('ERP and billing databases migrated', 40, 43, {
          entityRef: E.oracle,
        }),
        open('Oracle 12c instances decommissioned', 90, 90),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Licence audit may require additional processor licences',
          probability: 3,
          impact: 4,
          owner: U.sarah,
          action: 'Licence position reviewed with the SAM team and an advisor.',
          dueDate: d(21),
          status: 'open',
        },
        {
          type: 'issue',
          title: 'HR database needs character set conversion (WE8ISO8859P1)',
          probability: 3,
          impact: 3,
          owner: G.dba,
          action: 'DMU conversion rehearsed in test; production slot booked.',
          dueDate: d(10),
          status: 'mitigating',
          entityRef: E.oracle,
        },
        {
          type: 'dependency',
          title:
            'INFRA-204 wave 3: Oracle LUNs on Pure before production migrations',
          probability: 3,
          impact: 4,
          owner: G.storage,
          dueDate: d(29),
          status: 'open',
          entityRef: E.sanPure,
        },
        {
          type: 'assumption',
          title: 'ERP vendor supports 19c multitenant (confirmed in writing)',
          probability: 1,
          impact: 4,
          owner: U.sarah,
          status: 'closed',
        },
      ],
    },

    // -------------------------------------------------------------- DB-140
    // Intake: not yet approved, no declared health.
    {
      key: 'DB-140',
      title: 'SQL Server 2022 migration',
      description:
        'Upgrade ~380 SQL Server 2016/2019 databases to SQL Server 2022 on Windows Server 2022, consolidating instances where possible.',
      phase: 'intake',
      methodology: 'hybrid',
      owner: G.dba,
      sponsor: U.helen,
      startDate: d(30),
      targetDate: d(300),
      priority: 'medium',
      budget: { planned: 180000, currency: 'GBP' },
      externalLinks: [],
      milestones: [
        open('Business case approved by portfolio board', 14, 14, {
          gate: true,
        }),
        open('Licensing model agreed (per-core vs Azure Hybrid Benefit)', 30),
        open('Design authority approval', 60, 60, { gate: true }),
        open('Pilot: 20 non-production databases migrated', 120, 120, {
          entityRef: E.sqlserver,
        }),
      ],
      raid: [
        {
          type: 'assumption',
          title: 'Software Assurance covers SQL Server 2022 upgrade rights',
          probability: 2,
          impact: 4,
          owner: G.pmo,
          action: 'Confirm with the licensing partner.',
          dueDate: d(14),
          status: 'open',
        },
        {
          type: 'dependency',
          title: 'INFRA-310 wave 3: Windows Server 2022 hosts for SQL Server',
          probability: 3,
          impact: 3,
          owner: G.wintel,
          dueDate: d(60),
          status: 'open',
          entityRef: E.wintelPool,
        },
        {
          type: 'risk',
          title:
            'SQL Server 2016 extended support ends before migration completes',
          probability: 3,
          impact: 4,
          owner: U.sarah,
          action:
            'Prioritise internet-facing and tier-1 databases in the first waves.',
          dueDate: d(30),
          status: 'open',
          entityRef: E.sqlserver,
        },
      ],
    },

    // -------------------------------------------------------------- MW-077
    // Closed: everything delivered, PIR done.
    {
      key: 'MW-077',
      title: 'IBM MQ 9.1 to 9.3 LTS upgrade',
      description:
        'Upgrade all production and non-production queue managers to IBM MQ 9.3 LTS on RHEL 8 and enforce TLS 1.2 on every channel.',
      phase: 'closed',
      methodology: 'waterfall',
      owner: G.middleware,
      sponsor: U.helen,
      startDate: d(-300),
      targetDate: d(-60),
      priority: 'medium',
      budget: { planned: 95000, actual: 88500, currency: 'GBP' },
      declaredHealth: {
        status: 'green',
        reason: 'Closed under budget; PIR actions complete.',
      },
      externalLinks: [
        { system: 'jira', key: 'MQ-204' },
        { system: 'servicenow', key: 'CHG0029876' },
      ],
      milestones: [
        done('Design authority approval', -270, -270, { gate: true }),
        done('Non-production queue managers upgraded', -200, -196, {
          entityRef: E.mq,
        }),
        done('CAB approval for production upgrade', -130, -130, {
          gate: true,
          changeRecord: 'CHG0029876',
        }),
        done('Production queue managers upgraded', -120, -118, {
          entityRef: E.mq,
        }),
        done('Hypercare exit', -90, -88, { gate: true }),
        done('Post-implementation review', -65, -60),
      ],
      raid: [
        {
          type: 'risk',
          title: 'TLS cipher change breaks legacy payments clients',
          probability: 3,
          impact: 5,
          owner: U.ravi,
          action:
            'Client inventory and per-channel cipher exceptions for 30 days.',
          dueDate: d(-125),
          status: 'closed',
          entityRef: E.mq,
        },
        {
          type: 'issue',
          title: 'Two batch clients hard-coded to old channel names',
          probability: 3,
          impact: 3,
          owner: G.middleware,
          dueDate: d(-110),
          status: 'closed',
        },
        {
          type: 'assumption',
          title: 'Payments vendor certifies the MQ 9.3 client',
          probability: 2,
          impact: 4,
          owner: U.ravi,
          status: 'closed',
        },
        {
          type: 'dependency',
          title: 'RHEL 8 hosts for the new queue managers (Unix Ops)',
          probability: 2,
          impact: 3,
          owner: G.unix,
          dueDate: d(-180),
          status: 'closed',
          entityRef: E.unixPool,
        },
      ],
    },

    // -------------------------------------------------------------- EUC-042
    // Honest amber: app layering slipped, pilot go-live at risk.
    {
      key: 'EUC-042',
      title: 'Citrix DaaS rollout with ELM app layering',
      description:
        'Replace the on-premises CVAD 7.15 LTSR farm with Citrix DaaS (cloud control plane, VDAs on vSphere) for 6,500 users and move image management to ELM app layering.',
      phase: 'execution',
      methodology: 'safe',
      owner: G.euc,
      sponsor: U.helen,
      startDate: d(-120),
      targetDate: d(150),
      priority: 'high',
      budget: { planned: 720000, actual: 230000, currency: 'GBP' },
      declaredHealth: {
        status: 'amber',
        reason:
          'App layering for legacy finance apps is behind; pilot go-live moved one week.',
      },
      externalLinks: [
        { system: 'jira', key: 'VDI-318' },
        { system: 'servicenow', key: 'CHG0031480' },
      ],
      milestones: [
        done('PI planning: DaaS architecture approved', -100, -100, {
          gate: true,
        }),
        done('Cloud Connectors and VDAs deployed on vSphere', -60, -55, {
          entityRef: E.daas,
        }),
        open('ELM app layers for the top 40 applications', -15, 3, {
          status: 'in_progress',
          entityRef: E.elm,
        }),
        open('Pilot wave (250 users) go-live', 10, 18, {
          gate: true,
          changeRecord: 'CHG0031480',
          entityRef: E.daas,
        }),
        open('Wave 2 (2,500 users)', 70, 78, { entityRef: E.daas }),
        open('CVAD 7.15 farm decommissioned', 150, 150),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Legacy finance apps with kernel drivers fail to layer',
          probability: 3,
          impact: 5,
          owner: U.fatima,
          action:
            'Package as App-V or publish from a dedicated VDA; vendor engaged.',
          dueDate: d(7),
          status: 'open',
          entityRef: E.elm,
        },
        {
          type: 'dependency',
          title: 'INFRA-101: VDI host clusters on vSphere 8 before wave 2',
          probability: 3,
          impact: 4,
          owner: G.virt,
          dueDate: d(45),
          status: 'open',
          entityRef: E.vsphere,
        },
        {
          type: 'issue',
          title: 'FSLogix profile container latency on the pilot file share',
          probability: 3,
          impact: 3,
          owner: G.storage,
          action: 'Move profile containers to a dedicated SVM with QoS.',
          dueDate: d(5),
          status: 'mitigating',
          entityRef: E.nas,
        },
        {
          type: 'assumption',
          title: 'Users accept Citrix Workspace app auto-update',
          probability: 2,
          impact: 2,
          owner: U.fatima,
          dueDate: d(20),
          status: 'open',
        },
        {
          type: 'risk',
          title: 'Citrix licence true-up for concurrent-user peaks',
          probability: 2,
          impact: 3,
          owner: G.pmo,
          dueDate: d(40),
          status: 'open',
        },
      ],
    },

    // -------------------------------------------------------------- NET-055
    // Planning, green. Firewalls linked manually (no annotation on them).
    {
      key: 'NET-055',
      title: 'Data-centre core network refresh',
      description:
        'Replace the Nexus 7000/5000 core and distribution layers in DC1 and DC3 with a Nexus 9000 spine-leaf fabric (VXLAN EVPN).',
      phase: 'planning',
      methodology: 'waterfall',
      owner: G.network,
      sponsor: U.helen,
      startDate: d(-45),
      targetDate: d(270),
      priority: 'high',
      budget: { planned: 1200000, actual: 60000, currency: 'GBP' },
      declaredHealth: { status: 'green' },
      externalLinks: [{ system: 'jira', key: 'NETENG-55' }],
      manualLinks: [E.firewalls],
      milestones: [
        done('High-level design (spine-leaf) approved', -20, -18, {
          gate: true,
          entityRef: E.core,
        }),
        open('Vendor selection and purchase order', 10, 12),
        open('Low-level design and migration plan approved', 45, 45, {
          gate: true,
        }),
        open('DC1 fabric built and tested', 120, 120, { entityRef: E.core }),
        open('CAB approval for DC1 core cutover', 150, 150, {
          gate: true,
          entityRef: E.core,
        }),
        open('Nexus 7000 decommissioned', 270, 270, { entityRef: E.core }),
      ],
      raid: [
        {
          type: 'risk',
          title: 'Switch lead times above 16 weeks',
          probability: 3,
          impact: 4,
          owner: U.lukas,
          action: 'Order spines early under the existing framework agreement.',
          dueDate: d(10),
          status: 'open',
        },
        {
          type: 'issue',
          title: 'Nexus 7000 supervisor failures (two RMAs this quarter)',
          probability: 4,
          impact: 3,
          owner: G.network,
          action:
            'Spare supervisors on site; TAC case for proactive replacement.',
          dueDate: d(15),
          status: 'mitigating',
          entityRef: E.core,
        },
        {
          type: 'dependency',
          title: 'Firewall rule-base review with Security before cutover',
          probability: 3,
          impact: 3,
          owner: G.network,
          dueDate: d(90),
          status: 'open',
          entityRef: E.firewalls,
        },
        {
          type: 'assumption',
          title: 'Existing structured cabling reusable in DC1 rows A-F',
          probability: 2,
          impact: 3,
          owner: U.lukas,
          action: 'Cabling survey booked.',
          dueDate: d(30),
          status: 'open',
        },
      ],
    },

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
        open('Business case approved by portfolio board', 7, 21, {
          gate: true,
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

  return { projects };
}
