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
 * Services: messaging, virtual desktops and the network (MW-077, EUC-042, NET-055).
 * @internal
 */
export function serviceProjects({ d, done, open }: DemoDates): DemoProject[] {
  return [
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
  ];
}
