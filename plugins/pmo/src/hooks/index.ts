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

/*
 * The data hooks of the PMO views: the only callers of the PMO API (and of
 * the catalog search of the entity picker). Components render what these
 * return; one hook per request or per view, writes as `use*Actions`.
 */

export { useAction, useCheckedAction } from './useAction';
export { useCellRisks, loadCellRisks, RISK_CELL_LIMIT } from './useCellRisks';
export type { RiskCell, RiskScope } from './useCellRisks';
export { useCursorPages } from './useCursorPages';
export { useEntityRefOptions } from './useEntityRefOptions';
export type { EntityRefOption } from './useEntityRefOptions';
export { useEntitySummary } from './useEntitySummary';
export type { EntitySummaryState } from './useEntitySummary';
export { useCsvExport, useImport, useXlsxExport } from './useImportExport';
export type { ImportFormat, ImportKindChoice } from './useImportExport';
export { useGroupOverview, useMyPmoItems } from './useMyPmoItems';
export { usePortfolio, useProjects } from './usePortfolio';
export { useProject } from './useProject';
export { useProjectKeyRule } from './useProjectKeyRule';
export type { ProjectDetails } from './useProject';
export {
  useMilestoneActions,
  useProjectActions,
  useRaidActions,
} from './useProjectActions';
export { useEntityLinkActions, useProjectEntities } from './useProjectEntities';
export { useProjectDecisions } from './useProjectDecisions';
export type { ProjectDecisions } from './useProjectDecisions';
export { useProjectHistory } from './useProjectHistory';
export { useSnapshotProjects, useSnapshots, useTrends } from './useSnapshots';
export { useStatusReport } from './useStatusReport';
export type { StatusReportScope } from './useStatusReport';
export { useSystemRollup } from './useSystemRollup';
export type { SystemProject, SystemRollup } from './useSystemRollup';
export {
  TIMELINE_MAX_MONTHS,
  addMonths,
  loadTimelineMilestones,
  useTimelineMilestones,
} from './useTimelineMilestones';
export { useTransition } from './useTransition';
export { useTransitionBoard } from './useTransitionBoard';
export { unlessNotFound } from './unlessNotFound';
export {
  useChangeCalendar,
  useEntityCollisions,
  monthRange,
} from './useChangeCalendar';
