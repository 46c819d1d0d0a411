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
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TransitionStore } from '../database/TransitionStore';
import {
  refreshAllEvidence,
  type ChecklistEvidence,
} from '../evidence/checklistEvidence';
import type { PmoReadCache } from '../service/readCache';

/**
 * Schedules the re-evaluation of checklist fact rules
 * (`pmo-checklist-evidence`), once across replicas: an entity that gained
 * an annotation gets its item marked done, one that lost it gets the item
 * reopened (and the sign-offs revoked).
 * @internal
 */
export async function scheduleChecklistEvidenceTask(options: {
  scheduler: SchedulerService;
  evidence: ChecklistEvidence;
  store: Pick<TransitionStore, 'listFactEntityRefs' | 'getTransition'>;
  catalog: CatalogService;
  auth: AuthService;
  readCache: PmoReadCache;
  logger: LoggerService;
  /** `pmo.transition.evidence.frequencyMinutes`, default 10. */
  frequencyMinutes?: number;
}): Promise<void> {
  const { scheduler, readCache, logger } = options;
  const minutes = options.frequencyMinutes ?? 10;
  await scheduler.scheduleTask({
    id: 'pmo-checklist-evidence',
    frequency: { minutes },
    // The catalog is still ingesting right after a fresh start.
    initialDelay: { seconds: 30 },
    timeout: { minutes: Math.max(5, minutes) },
    fn: async () => {
      const { entities, changedItems } = await refreshAllEvidence(options);
      if (changedItems > 0) await readCache.bump();
      logger.info(
        `Checked the checklist evidence of ${entities} entities; ${changedItems} items changed`,
      );
    },
  });
}
