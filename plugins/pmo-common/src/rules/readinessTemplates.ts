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

import {
  DEFAULT_HYPERCARE_DAYS,
  DEFAULT_SERVICE_TIER,
  type ReadinessTemplate,
  type ReadinessTemplateItem,
  type ServiceTier,
} from './transitionModel';

/*
 * The built-in readiness templates of a run transition and the service tier
 * that picks one; kept apart from the state machine because operators
 * replace the templates through config while the rules stay fixed.
 */

function templateItem(
  key: string,
  title: string,
  description: string,
  required: boolean,
  evidenceRequired: boolean,
): ReadinessTemplateItem {
  return { key, title, description, required, evidenceRequired };
}

/**
 * The built-in checklist. Tier 1 requires everything; tier 2 makes the DR
 * test and the PIR optional; tier 3 (non-critical) only keeps the basics
 * required: runbook, monitoring, backup, support model and CMDB.
 */
const BASE_ITEMS: Array<[ReadinessTemplateItem, ServiceTier[]]> = [
  [
    templateItem(
      'runbook',
      'Runbook and operating procedures',
      'Start/stop, health checks, common faults and their fixes, escalation paths.',
      true,
      true,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'monitoring',
      'Monitoring and alerting',
      'Service and infrastructure monitors in place, alerts routed to the run team.',
      true,
      true,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'backup-restore',
      'Backup and a tested restore',
      'Backups scheduled to policy and a restore tested end to end.',
      true,
      true,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'dr-test',
      'Disaster recovery test',
      'Failover to the secondary site exercised and RTO/RPO met.',
      true,
      true,
    ),
    ['tier-1'],
  ],
  [
    templateItem(
      'capacity',
      'Capacity and performance sign-off',
      'Load tested or sized against the forecast, with headroom and growth plan.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'security',
      'Security review and vulnerability scan',
      'Hardening baseline applied, scan clean or findings accepted.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'sla-ola',
      'SLA / OLA agreed',
      'Service levels agreed with the business and operational levels with support teams.',
      true,
      false,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'support-model',
      'Support model and on-call',
      'Resolver groups, on-call rota and vendor support contracts in place.',
      true,
      false,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'as-built',
      'As-built configuration documented',
      'Final configuration, diagrams and dependencies documented.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'cmdb',
      'CMDB / catalog updated',
      'Configuration items and catalog entity (owner, lifecycle, relations) up to date.',
      true,
      false,
    ),
    ['tier-1', 'tier-2', 'tier-3'],
  ],
  [
    templateItem(
      'change-record',
      'Change record approved (CAB)',
      'The go-live change approved by the change advisory board.',
      true,
      true,
    ),
    ['tier-1', 'tier-2'],
  ],
  [
    templateItem(
      'pir',
      'Post-implementation review scheduled',
      'PIR booked with the project, run team and stakeholders.',
      true,
      false,
    ),
    ['tier-1'],
  ],
];

function defaultTemplate(
  tier: ServiceTier,
  hypercareDays: number,
): ReadinessTemplate {
  return {
    id: `default-${tier}`,
    version: 1,
    tier,
    hypercareDays,
    items: BASE_ITEMS.map(([i, requiredFor]) => ({
      ...i,
      required: requiredFor.includes(tier),
    })),
  };
}

/**
 * Built-in readiness templates per tier. Operators override them under
 * `pmo.transition.templates.<tier>` in app-config.
 * @public
 */
export const DEFAULT_READINESS_TEMPLATES: Readonly<
  Record<ServiceTier, ReadinessTemplate>
> = {
  'tier-1': defaultTemplate('tier-1', 45),
  'tier-2': defaultTemplate('tier-2', DEFAULT_HYPERCARE_DAYS),
  'tier-3': defaultTemplate('tier-3', 14),
};

/**
 * The tier of a `pmo/service-tier` annotation value. Accepts `tier-1`,
 * `Tier 1`, `1` and the like; anything else is the default tier.
 * @public
 */
export function parseServiceTier(value: string | undefined): ServiceTier {
  const m = /^\s*(?:tier[-_\s]?)?([123])\s*$/i.exec(value ?? '');
  return m ? (`tier-${m[1]}` as ServiceTier) : DEFAULT_SERVICE_TIER;
}
