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
  dateOfImportedValue,
  type ImportColumnMapping,
} from '@infra-pmo/plugin-pmo-common';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { statusOfProgress } from '../csv';

/*
 * MS Project XML (MSPDI, the "Save as XML" of MS Project; schema
 * mspdi_pj12.xsd): `Project` with `Name`/`Title`, `StartDate`, `FinishDate`
 * and `Tasks/Task` with `UID`, `Name`, `OutlineLevel`, `Summary`,
 * `Milestone`, `Start`, `Finish`, `ActualFinish`, `PercentComplete` and
 * repeated `Baseline { Number, Start, Finish }`.
 *
 * Hostile files: a DOCTYPE (and with it every entity declaration, internal
 * or external) is refused before parsing, entities are not processed, the
 * body is capped by the body parser (10 MB) and the task count here.
 */

/** Most tasks read from one file (MS Project for the web: 1,000). @internal */
export const MAX_MSPDI_TASKS = 20_000;

/** How MSPDI task elements become milestone fields (the preview). @internal */
export const MSPDI_MAPPING: ImportColumnMapping = {
  source: 'MS Project',
  kind: 'milestones',
  columns: [
    { header: 'UID', field: 'externalId' },
    { header: 'Name', field: 'title' },
    { header: 'Baseline (Number 0) Finish', field: 'baselineDate' },
    { header: 'Finish', field: 'forecastDate' },
    { header: 'ActualFinish', field: 'actualDate' },
    { header: 'PercentComplete', field: 'status (from % complete)' },
    { header: 'Start, Duration, PredecessorLink' },
  ],
};

/** A milestone read from a plan. @internal */
export interface PlanMilestone {
  /** `mspdi:<task UID>`. */
  externalId: string;
  title: string;
  baselineDate?: string;
  forecastDate?: string;
  actualDate?: string;
  status: 'planned' | 'in_progress' | 'done';
}

/** What an MSPDI file says about its project and its milestones. @internal */
export interface MspdiPlan {
  project: { title?: string; startDate?: string; targetDate?: string };
  milestones: PlanMilestone[];
}

type XmlNode = Record<string, unknown>;

const text = (node: XmlNode | undefined, name: string): string | undefined => {
  const value = node?.[name];
  if (typeof value === 'string' || typeof value === 'number') {
    const s = String(value).trim();
    return s === '' ? undefined : s;
  }
  return undefined;
};

const flag = (node: XmlNode, name: string) =>
  text(node, name) === '1' || text(node, name)?.toLowerCase() === 'true';

const dateOf = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const date = dateOfImportedValue(value);
  return date === value && value.length !== 10 ? undefined : date;
};

const invalid = (message: string) =>
  new InputError(`Invalid request: body: ${message}`);

/**
 * Reads an MSPDI file. Tasks flagged `Milestone`, and summary tasks whose
 * `OutlineLevel` is `summaryLevel` (when given), become milestones:
 * baseline from `Baseline` number 0, forecast from `Finish` (or `Start`),
 * actual from `ActualFinish`; done when finished, in progress when started.
 * @internal
 */
export function parseMspdi(
  xml: string,
  options: { summaryLevel?: number } = {},
): MspdiPlan {
  // Refused outright: entity declarations live in the DOCTYPE, and a plan
  // exported by MS Project has none.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw invalid(
      'XML with a DOCTYPE or entity declarations is refused (MS Project exports have none)',
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw invalid(
      `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    removeNSPrefix: true,
    isArray: name => name === 'Task' || name === 'Baseline',
  });
  const doc = parser.parse(xml) as XmlNode;
  const project = doc.Project as XmlNode | undefined;
  if (!project || typeof project !== 'object') {
    throw invalid('not an MS Project XML file (no Project element)');
  }
  const tasks = ((project.Tasks as XmlNode | undefined)?.Task ??
    []) as XmlNode[];
  if (tasks.length > MAX_MSPDI_TASKS) {
    throw invalid(
      `has ${tasks.length} tasks; at most ${MAX_MSPDI_TASKS} are read from one file`,
    );
  }
  const milestones: PlanMilestone[] = [];
  for (const task of tasks) {
    const uid = text(task, 'UID');
    const level = Number(text(task, 'OutlineLevel') ?? NaN);
    // UID 0 is the project summary task.
    if (!uid || uid === '0') continue;
    const isSummaryMilestone =
      options.summaryLevel !== undefined &&
      flag(task, 'Summary') &&
      level === options.summaryLevel;
    if (!flag(task, 'Milestone') && !isSummaryMilestone) continue;
    const baseline = ((task.Baseline ?? []) as XmlNode[]).find(
      b => text(b, 'Number') === '0',
    );
    const actualDate = dateOf(text(task, 'ActualFinish'));
    const percent = Number(text(task, 'PercentComplete') ?? 0);
    milestones.push({
      externalId: `mspdi:${uid}`,
      title: text(task, 'Name') ?? `Task ${uid}`,
      baselineDate: dateOf(text(baseline, 'Finish') ?? text(baseline, 'Start')),
      forecastDate: dateOf(text(task, 'Finish') ?? text(task, 'Start')),
      actualDate,
      status: statusOfProgress(
        actualDate ? 1 : percent / 100,
        Boolean(text(task, 'ActualStart')),
      ),
    });
  }
  return {
    project: {
      title: text(project, 'Title') ?? text(project, 'Name'),
      startDate: dateOf(text(project, 'StartDate')),
      targetDate: dateOf(text(project, 'FinishDate')),
    },
    milestones,
  };
}
