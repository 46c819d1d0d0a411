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

import {
  checklistItemReminder,
  hypercareReminder,
  milestoneReminders,
  raidReminder,
  staleStatusReminder,
  type ReminderFinding,
  type ReminderThresholds,
} from '@infra-pmo/plugin-pmo-common';
import type { ReminderFacts } from './ReminderStore';

/**
 * Every current finding of the facts, by the pure rules of pmo-common.
 * @internal
 */
export function findReminders(
  facts: ReminderFacts,
  today: string,
  thresholds: ReminderThresholds,
): ReminderFinding[] {
  const findings: ReminderFinding[] = [];
  const projects = new Map(facts.projects.map(p => [p.key, p]));
  for (const p of facts.projects) {
    const f = staleStatusReminder(p, today, thresholds);
    if (f) findings.push(f);
  }
  for (const m of facts.milestones) {
    const p = projects.get(m.projectKey);
    if (p) findings.push(...milestoneReminders(p, m, today, thresholds));
  }
  for (const r of facts.raid) {
    const p = projects.get(r.projectKey);
    const f = p && raidReminder(p, r, today);
    if (f) findings.push(f);
  }
  const transitions = new Map(facts.transitions.map(t => [t.entityRef, t]));
  for (const item of facts.items) {
    const t = transitions.get(item.entityRef);
    const f = t && checklistItemReminder(t, item, today, thresholds);
    if (f) findings.push(f);
  }
  for (const t of facts.transitions) {
    const f = hypercareReminder(t, today, thresholds);
    if (f) findings.push(f);
  }
  return findings;
}
