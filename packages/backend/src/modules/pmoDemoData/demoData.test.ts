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

import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  HEALTH_VALUES,
  METHODOLOGIES,
  PRIORITIES,
  PROJECT_KEY_PATTERN,
  PROJECT_PHASES,
  RAID_STATUSES,
  RAID_TYPES,
  computeHealth,
  isIsoDate,
  isWatermelon,
  parseProjectsAnnotation,
  raidScore,
  toIsoDate,
} from '@infra-pmo/plugin-pmo-common';
import { DemoProject, demoPmoData } from './demoData';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../../../examples');
/** The one key the demo catalog references on purpose without a project. */
const DELIBERATE_UNKNOWN_KEY = 'MW-091';
const TODAY = new Date('2026-03-16T09:30:00Z');

interface CatalogEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
}

function loadCatalog(): CatalogEntity[] {
  const entities: CatalogEntity[] = [];
  for (const file of fs.readdirSync(EXAMPLES_DIR)) {
    if (!file.endsWith('.yaml')) continue;
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      expect(doc.errors).toEqual([]);
      const entity = doc.toJS();
      if (entity) entities.push(entity);
    }
  }
  return entities;
}

const refOf = (e: CatalogEntity) =>
  `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`;

const ENTITY_REF = /^[a-z]+:[a-z0-9-]+\/[a-z0-9._-]+$/i;

function healthOf(p: DemoProject, today: Date) {
  const at = toIsoDate(today);
  return computeHealth({
    project: {
      phase: p.phase ?? 'intake',
      createdAt: today.toISOString(),
      updatedAt: today.toISOString(),
      declaredHealth: p.declaredHealth && {
        ...p.declaredHealth,
        setAt: today.toISOString(),
      },
    },
    milestones: p.milestones.map(m => ({
      ...m,
      status: m.status ?? 'planned',
      gate: m.gate ?? false,
    })),
    raid: p.raid.map(r => ({
      ...r,
      status: r.status ?? 'open',
      score: raidScore(r.probability ?? 1, r.impact ?? 1),
    })),
    today: at,
  });
}

describe('demoPmoData', () => {
  const { projects } = demoPmoData(TODAY);
  const catalog = loadCatalog();
  const catalogRefs = new Set(catalog.map(refOf));

  it('has 10-14 projects with unique, valid keys and valid enums', () => {
    expect(projects.length).toBeGreaterThanOrEqual(10);
    expect(projects.length).toBeLessThanOrEqual(14);
    // Keys as PMOs write them (ServiceNow numbers, multi-segment keys).
    expect(projects.map(p => p.key)).toEqual(
      expect.arrayContaining(['PRJ0012345', 'DC-MIG-01']),
    );
    const keys = projects.map(p => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of projects) {
      expect(p.key).toMatch(PROJECT_KEY_PATTERN);
      expect(PROJECT_PHASES).toContain(p.phase);
      expect(METHODOLOGIES).toContain(p.methodology);
      expect(PRIORITIES).toContain(p.priority);
      expect([undefined, ...HEALTH_VALUES]).toContain(p.declaredHealth?.status);
      expect(p.milestones.length).toBeGreaterThanOrEqual(4);
      expect(p.milestones.length).toBeLessThanOrEqual(8);
      expect(p.raid.length).toBeGreaterThanOrEqual(3);
      expect(p.raid.length).toBeLessThanOrEqual(8);
    }
  });

  it('uses valid ISO dates in a coherent order', () => {
    for (const p of projects) {
      const dates = [p.startDate, p.targetDate];
      for (const m of p.milestones) {
        dates.push(m.baselineDate, m.forecastDate, m.actualDate);
        // achieved milestones, and only those, carry an actual date
        expect(m.status === 'done').toBe(m.actualDate !== undefined);
      }
      for (const r of p.raid) dates.push(r.dueDate);
      for (const date of dates.filter((x): x is string => x !== undefined)) {
        expect(isIsoDate(date)).toBe(true);
      }
      expect(p.startDate! < p.targetDate!).toBe(true);
    }
  });

  it('is relative to today', () => {
    const later = demoPmoData(new Date('2031-07-01T23:59:59Z')).projects;
    expect(later[0].startDate).not.toBe(projects[0].startDate);
    expect(later.map(p => p.key)).toEqual(projects.map(p => p.key));
  });

  it('has RAID items of every type with probability and impact in 1..5', () => {
    const types = new Set(projects.flatMap(p => p.raid.map(r => r.type)));
    expect([...types].sort()).toEqual([...RAID_TYPES].sort());
    for (const r of projects.flatMap(p => p.raid)) {
      expect(RAID_STATUSES).toContain(r.status);
      for (const v of [r.probability, r.impact]) {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(1);
        expect(v).toBeLessThanOrEqual(5);
      }
    }
    const high = projects
      .flatMap(p => p.raid)
      .filter(r => raidScore(r.probability!, r.impact!) >= 15);
    expect(high.length).toBeGreaterThanOrEqual(3);
  });

  it('only references entities of the demo catalog', () => {
    const refs: string[] = [];
    for (const p of projects) {
      refs.push(p.owner, ...(p.manualLinks ?? []));
      if (p.sponsor && ENTITY_REF.test(p.sponsor)) refs.push(p.sponsor);
      for (const m of p.milestones) if (m.entityRef) refs.push(m.entityRef);
      for (const r of p.raid) {
        if (r.entityRef) refs.push(r.entityRef);
        if (r.owner) refs.push(r.owner);
      }
    }
    const missing = refs.filter(r => !catalogRefs.has(r));
    expect(missing).toEqual([]);
  });

  it('links manually only entities without the annotation', () => {
    const manual = projects.filter(p => p.manualLinks?.length);
    expect(manual.length).toBeGreaterThanOrEqual(2);
    for (const ref of manual.flatMap(p => p.manualLinks!)) {
      const entity = catalog.find(e => refOf(e) === ref)!;
      expect(entity.metadata.annotations?.['pmo/projects']).toBeUndefined();
    }
  });

  it('matches the pmo/projects annotations of the catalog', () => {
    const keys = new Set(projects.map(p => p.key));
    const annotated = new Set<string>();
    for (const e of catalog) {
      const parsed = parseProjectsAnnotation(
        e.metadata.annotations?.['pmo/projects'],
      );
      expect(parsed.invalid).toEqual([]);
      parsed.keys.forEach(k => annotated.add(k));
    }
    const unknown = [...annotated].filter(k => !keys.has(k));
    expect(unknown).toEqual([DELIBERATE_UNKNOWN_KEY]);
  });

  it.each([TODAY, new Date('2029-12-31T00:00:00Z')])(
    'computes red, amber, green and a watermelon (today %s)',
    today => {
      const data = demoPmoData(today).projects;
      const computed = data.map(p => ({
        p,
        health: healthOf(p, today).status,
      }));
      for (const h of HEALTH_VALUES) {
        expect(computed.some(c => c.health === h)).toBe(true);
      }
      const watermelons = computed.filter(c =>
        isWatermelon(c.p.declaredHealth?.status, c.health),
      );
      expect(watermelons.map(c => c.p.key)).toContain('INFRA-101');
      expect(
        computed.find(c => c.p.key === 'INFRA-101')!.p.declaredHealth!.status,
      ).toBe('green');
      // An honest red: declared and computed red.
      expect(
        computed.some(
          c => c.health === 'red' && c.p.declaredHealth?.status === 'red',
        ),
      ).toBe(true);
      // A declared health that differs from the computed one carries a reason.
      const unexplained = computed.filter(
        c =>
          c.p.declaredHealth &&
          c.p.declaredHealth.status !== c.health &&
          !c.p.declaredHealth.reason,
      );
      expect(unexplained.map(c => c.p.key)).toEqual([]);
    },
  );
});
