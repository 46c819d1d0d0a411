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
import type {
  CreateMilestoneRequest,
  CreateProjectRequest,
  CreateRaidItemRequest,
} from '@infra-pmo/plugin-pmo-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { PmoSeedStores } from '@infra-pmo/plugin-pmo-backend/alpha';

/** The shape of `demoPmoData()` (see demoData.ts). @internal */
export interface DemoDataSet {
  projects: Array<
    CreateProjectRequest & {
      milestones: CreateMilestoneRequest[];
      raid: CreateRaidItemRequest[];
      manualLinks?: string[];
    }
  >;
}

/** Recorded as the author of the demo data in the history. @internal */
export const DEMO_SEED_ACTOR = { ref: 'plugin:pmo/demo-seed' };

/**
 * Loads demo projects with their milestones, RAID items and manual links.
 * Idempotent: a project whose key already exists is skipped entirely, so a
 * restart (or a second replica) never duplicates milestones or RAID items,
 * and edits made to demo projects survive restarts. A failing project is
 * logged and skipped; the others are still loaded.
 * @internal
 */
export async function seedDemoData(options: {
  store: PmoSeedStores['pmo'];
  logger: LoggerService;
  data: DemoDataSet;
}): Promise<{ created: string[]; skipped: string[]; failed: string[] }> {
  const { store, logger, data } = options;
  const created: string[] = [];
  const skipped: string[] = [];
  const failed: string[] = [];
  for (const demo of data.projects) {
    const { milestones, raid, manualLinks, ...project } = demo;
    const key = project.key.toUpperCase();
    try {
      if (await store.getProject(key)) {
        skipped.push(key);
        continue;
      }
      await store.createProject({ ...project, key }, DEMO_SEED_ACTOR);
      for (const milestone of milestones) {
        await store.createMilestone(key, milestone, DEMO_SEED_ACTOR);
      }
      for (const item of raid) {
        await store.createRaidItem(key, item, DEMO_SEED_ACTOR);
      }
      for (const ref of manualLinks ?? []) {
        await store.addManualLink(
          key,
          stringifyEntityRef(parseEntityRef(ref)),
          DEMO_SEED_ACTOR,
        );
      }
      created.push(key);
    } catch (error) {
      failed.push(key);
      logger.warn(`Could not seed demo project ${key}: ${error}`);
    }
  }
  const failures = failed.length ? `, ${failed.length} failed` : '';
  logger.info(
    `PMO demo data: ${created.length} projects created, ${skipped.length} already present${failures}`,
  );
  return { created, skipped, failed };
}
