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

// The shape of the demo data, the catalog entities it references and its
// date helpers (every date is relative to the day it is loaded).

import type {
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';

/**
 * A demo project with its plan and RAID log.
 * @internal
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

/** Groups. @internal */
export const G = {
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
/** Users. @internal */
export const U = {
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
/** Components and resources. @internal */
export const E = {
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
  fileServices: 'component:default/file-services',
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
 * Date helpers of the demo data, relative to `today`: `d(days)` is an ISO
 * date, `done` an achieved milestone, `open` an open one.
 * @internal
 */
export interface DemoDates {
  d(days: number): string;
  done(
    title: string,
    baseline: number,
    actual: number,
    extra?: Partial<CreateMilestoneRequest>,
  ): CreateMilestoneRequest;
  open(
    title: string,
    baseline: number,
    forecast?: number,
    extra?: Partial<CreateMilestoneRequest>,
  ): CreateMilestoneRequest;
}

/** The {@link DemoDates} of `today`. @internal */
export function demoDates(today: Date): DemoDates {
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

  return { d, done, open };
}
