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
 * Platforms: RHEL and the database services (INFRA-315, DB-118, DB-140).
 * @internal
 */
export function platformProjects({ d, done, open }: DemoDates): DemoProject[] {
  return [
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
  ];
}
