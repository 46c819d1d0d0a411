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

import { InputError } from '@backstage/errors';
import {
  computeHealth,
  declaredHealthNeedsReason,
  toIsoDate,
  type Health,
  type HealthThresholds,
  type ProjectPhase,
} from '@infra-pmo/plugin-pmo-common';

/**
 * A declared health that differs from the computed one needs a reason
 * (POST / PATCH /projects and import rows).
 * @internal
 */
export function requireReasonIfDiffers(
  declared: { status: Health; reason?: string } | null | undefined,
  computed: Health,
) {
  if (
    declared &&
    !declared.reason &&
    declaredHealthNeedsReason(declared.status, computed)
  ) {
    throw new InputError(
      `Invalid request: body.declaredHealth.reason: is required when the declared health (${declared.status}) differs from the computed health (${computed})`,
    );
  }
}

/**
 * Computed health of a new project: no milestones, no RAID yet.
 * @internal
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
