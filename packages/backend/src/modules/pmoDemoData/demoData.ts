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

import { demoDates, type DemoProject } from './demoRefs';
import { estateProjects } from './estateProjects';
import { interopProjects } from './interopProjects';
import { hostingProjects } from './hostingProjects';
import { platformProjects } from './platformProjects';
import { serviceProjects } from './serviceProjects';

export type { DemoProject } from './demoRefs';

/**
 * Demo portfolio of an infrastructure PMO: fourteen projects with milestones
 * and RAID logs. All dates are relative to `today` (UTC) so the demo looks
 * the same whenever it is loaded: the same milestones slip, the same actions
 * are overdue and the computed health of every project stays stable.
 *
 * Linked catalog entities live in `examples/*.yaml`.
 *
 * @internal
 */
export function demoPmoData(today: Date): { projects: DemoProject[] } {
  const dates = demoDates(today);
  return {
    projects: [
      ...hostingProjects(dates),
      ...platformProjects(dates),
      ...serviceProjects(dates),
      ...estateProjects(dates),
      ...interopProjects(dates),
    ],
  };
}
