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
  HealthReason,
  Snapshot,
  SnapshotProject,
} from '@infra-pmo/plugin-pmo-common';

/*
 * The one-page executive status report, rendered from a snapshot only
 * (never from live data): RAG with its reasons, milestones baseline vs
 * forecast, top risks and asks. Pure functions: the router loads the
 * snapshot rows and sends the text. This file holds what the Markdown
 * (reportMarkdown.ts) and CSV (reportCsv.ts) renderers share.
 */

/** Input of the status report renderers. @internal */
export interface StatusReportInput {
  snapshot: Snapshot;
  /** Matching projects, worst health first (the store's order). */
  projects: SnapshotProject[];
  /** Matching projects in total; more than `projects` when capped. */
  totalProjects: number;
  /** One line describing the filter, e.g. `Owner group:default/storage`. */
  scope: string;
  /** A single-project report (`?project=KEY`). */
  single?: boolean;
}

/** A slip in days as shown in both formats: `+3`, `-2`, `0` or `–`. @internal */
export function slip(days: number | undefined): string {
  if (days === undefined) return '–';
  return days > 0 ? `+${days}` : String(days);
}

/** The computed health reasons in one line. @internal */
export function reasonsText(reasons: HealthReason[]): string {
  return reasons.length ? reasons.map(r => r.message).join('; ') : '';
}
