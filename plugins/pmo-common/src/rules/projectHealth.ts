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

import type { Health, Project, ProjectPhase } from '../types';
import { toIsoDate } from './dates';
import {
  computeHealth,
  type HealthInput,
  type HealthThresholds,
} from './health';

/*
 * The computed health a project will have once a write is applied, which
 * is what a declared health is compared with (a declared health that
 * differs needs a reason). Used by the project routes and the import.
 */

/**
 * Computed health of a new project: no milestones, no RAID yet, and its
 * status age starts now.
 * @public
 */
export function computedHealthOfNewProject(
  phase: string | undefined,
  thresholds: HealthThresholds,
  now: Date,
): Health {
  const at = now.toISOString();
  return computeHealth({
    project: {
      phase: (phase ?? 'intake') as ProjectPhase,
      createdAt: at,
      updatedAt: at,
    },
    milestones: [],
    raid: [],
    today: toIsoDate(now),
    thresholds,
  }).status;
}

/**
 * Computed health of an existing project once a patch that declares its
 * health is applied: its milestones and RAID as they are, the phase of the
 * patch, and a status declared now (which resets the status age, so a
 * stale status never counts against the declaration that refreshes it).
 * @public
 */
export function computedHealthAfterPatch(input: {
  project: Pick<Project, 'phase' | 'createdAt'>;
  /** The phase the patch sets, if any. */
  phase?: ProjectPhase;
  milestones: HealthInput['milestones'];
  raid: HealthInput['raid'];
  thresholds: HealthThresholds;
  now: Date;
}): Health {
  const at = input.now.toISOString();
  return computeHealth({
    project: {
      phase: input.phase ?? input.project.phase,
      createdAt: input.project.createdAt,
      updatedAt: at,
      declaredHealth: { status: 'green', setAt: at },
    },
    milestones: input.milestones,
    raid: input.raid,
    today: toIsoDate(input.now),
    thresholds: input.thresholds,
  }).status;
}
