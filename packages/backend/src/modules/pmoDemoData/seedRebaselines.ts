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

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PmoSeedStores } from '@infra-pmo/plugin-pmo-backend/alpha';
import { DEMO_SEED_ACTOR } from './seed';
import { U } from './demoRefs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `date` moved by `days` (ISO dates). */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** The demo's re-baselined project and the milestones it moved. */
export const DEMO_REBASELINE = {
  projectKey: 'INFRA-204',
  reason:
    'HBA firmware remediation on 14 ESXi hosts added a change freeze; waves 3 and decommissioning move by 5 days (steering committee).',
  moves: {
    'Migration wave 3 - Oracle and Hyper-V LUNs': 5,
    'VNX arrays decommissioned': 5,
  } as Record<string, number>,
};

/**
 * Re-baselines the SAN refresh once, approved by its sponsor, so that the
 * project page shows slip against the current and the original baseline
 * and the portfolio flags it. Skipped when the project already has a
 * re-baseline request (restarts, replicas) or is missing.
 * @internal
 */
export async function seedDemoRebaselines(options: {
  stores: Pick<PmoSeedStores, 'pmo' | 'rebaselines'>;
  logger: LoggerService;
}): Promise<boolean> {
  const { stores, logger } = options;
  const { projectKey, reason, moves } = DEMO_REBASELINE;
  if (!stores.rebaselines || !(await stores.pmo.getProject(projectKey))) {
    return false;
  }
  if ((await stores.rebaselines.listRebaselines(projectKey)).length) {
    return false;
  }
  const changes = (await stores.pmo.listMilestones(projectKey))
    .filter(m => m.baselineDate && moves[m.title] !== undefined)
    .map(m => ({
      milestoneId: m.id,
      baselineDate: plusDays(m.baselineDate!, moves[m.title]),
    }));
  if (!changes.length) return false;
  const request = await stores.rebaselines.requestRebaseline(
    projectKey,
    { reason, changes },
    DEMO_SEED_ACTOR,
  );
  await stores.rebaselines.decideRebaseline(
    request.id,
    { approve: true, reason: 'Approved at the steering committee' },
    { ref: U.helen },
  );
  logger.info(`PMO demo data: ${projectKey} re-baselined (baseline 1)`);
  return true;
}
