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
  RAID_TYPES,
  worstHealth,
  type EntityProjectSummary,
  type EntitySummary,
  type Health,
  type LinkSource,
  type MilestoneBrief,
  type RaidCounts,
  type RaidType,
  type RiskBrief,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks, unique } from '../helpers';
import type { ProjectAccessFilter } from '../PmoStore';
import {
  parseJson,
  rowToComputedHealth,
  rowToMilestone,
  rowToProject,
  type RawDbAnnotationRow,
  type RawDbLinkRow,
  type RawDbProjectRow,
  type RawDbRaidRow,
} from '../rows';
import { applyAccess, OPEN_RAID_STATUSES } from '../sql';
import {
  compareBriefsByDate,
  compareStrings,
  milestoneBrief,
  nextMilestoneRows,
} from './milestoneBriefs';

type ProjectFacts = {
  nextMilestone?: MilestoneBrief;
  openRaid: RaidCounts;
  highestRisk?: RiskBrief;
};

type Annotation = { keys: string[]; invalid: string[] };

/** Zero of every RAID type. @internal */
export function emptyRaidCounts(): RaidCounts {
  return Object.fromEntries(RAID_TYPES.map(t => [t, 0])) as RaidCounts;
}

/**
 * Set-based summaries for many entities (a bounded number of queries, not
 * one per entity). The map has an entry only for entities with something
 * attached (a link or an annotation).
 * @internal
 */
export async function getEntitySummaries(
  db: Knex,
  today: string,
  entityRefs: string[],
  access?: ProjectAccessFilter,
): Promise<Map<string, EntitySummary>> {
  const result = new Map<string, EntitySummary>();
  const refs = unique(entityRefs);
  if (refs.length === 0) return result;

  const { links, annotations } = await readAttachments(db, refs);
  const candidateKeys = unique([
    ...links.map(l => l.project_key),
    ...[...annotations.values()].flatMap(a => a.keys),
  ]);
  const { existing, visible } = await readProjects(db, candidateKeys, access);
  const facts = await projectFacts(db, [...visible.keys()], today);

  const projectSummaries = new Map<
    string,
    Omit<EntityProjectSummary, 'sources'>
  >();
  for (const [key, row] of visible) {
    const project = rowToProject(row);
    const f = facts.get(key);
    projectSummaries.set(key, {
      key,
      title: project.title,
      phase: project.phase,
      owner: project.owner,
      ...(project.declaredHealth
        ? { declaredHealth: project.declaredHealth }
        : {}),
      computedHealth: rowToComputedHealth(row),
      health: row.health as Health,
      ...(f?.nextMilestone ? { nextMilestone: f.nextMilestone } : {}),
      openRaid: f?.openRaid ?? emptyRaidCounts(),
      ...(f?.highestRisk ? { highestRisk: f.highestRisk } : {}),
    });
  }

  const linksByRef = new Map<string, Map<string, LinkSource[]>>();
  for (const l of links) {
    const byKey = linksByRef.get(l.entity_ref) ?? new Map();
    linksByRef.set(l.entity_ref, byKey);
    const sources = byKey.get(l.project_key) ?? [];
    sources.push(l.source as LinkSource);
    byKey.set(l.project_key, sources);
  }

  for (const ref of refs) {
    const byKey = linksByRef.get(ref);
    const annotation = annotations.get(ref);
    const projects: EntityProjectSummary[] = [];
    for (const [key, sources] of [...(byKey ?? new Map()).entries()].sort(
      ([a], [b]) => compareStrings(a, b),
    )) {
      const summary = projectSummaries.get(key);
      if (summary) {
        projects.push({ ...summary, sources: [...sources].sort() });
      }
    }
    if (projects.length === 0 && !annotation) {
      continue;
    }
    const openRaid = emptyRaidCounts();
    for (const p of projects) {
      for (const t of RAID_TYPES) openRaid[t] += p.openRaid[t];
    }
    const nextMilestone = projects
      .map(p => p.nextMilestone)
      .filter((m): m is MilestoneBrief => Boolean(m))
      .sort(compareBriefsByDate)[0];
    const highestRisk = projects
      .map(p => p.highestRisk)
      .filter((r): r is RiskBrief => Boolean(r))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))[0];
    const worst = worstHealth(projects.map(p => p.health));
    const summary: EntitySummary = {
      entityRef: ref,
      projects,
      openRaid,
      unknownProjectKeys: (annotation?.keys ?? []).filter(
        k => !existing.has(k),
      ),
      invalidProjectKeys: annotation?.invalid ?? [],
    };
    if (worst) summary.worstHealth = worst;
    if (nextMilestone) summary.nextMilestone = nextMilestone;
    if (highestRisk) summary.highestRisk = highestRisk;
    result.set(ref, summary);
  }
  return result;
}

/** The links and raw annotations of the entities. */
async function readAttachments(
  db: Knex,
  refs: string[],
): Promise<{
  links: Array<Omit<RawDbLinkRow, 'created_at'>>;
  annotations: Map<string, Annotation>;
}> {
  const links: Array<Omit<RawDbLinkRow, 'created_at'>> = [];
  const annotations = new Map<string, Annotation>();
  for (const chunk of chunks(refs)) {
    links.push(
      ...(await db<RawDbLinkRow>('pmo_entity_links')
        .whereIn('entity_ref', chunk)
        .select('project_key', 'entity_ref', 'source')),
    );
    const rows = await db<RawDbAnnotationRow>('pmo_entity_annotations').whereIn(
      'entity_ref',
      chunk,
    );
    for (const row of rows) {
      annotations.set(row.entity_ref, {
        keys: parseJson<string[]>(row.raw_keys, []),
        invalid: parseJson<string[]>(row.invalid_tokens, []),
      });
    }
  }
  return { links, annotations };
}

/**
 * Which of the keys exist, and the rows of those the user can read.
 * Existence is checked without the access filter: a hidden project is not
 * "unknown", it is simply left out.
 */
async function readProjects(
  db: Knex,
  keys: string[],
  access?: ProjectAccessFilter,
): Promise<{ existing: Set<string>; visible: Map<string, RawDbProjectRow> }> {
  const existing = new Set<string>();
  const visible = new Map<string, RawDbProjectRow>();
  for (const chunk of chunks(keys)) {
    const query = db<RawDbProjectRow>('pmo_projects as p')
      .whereIn('p.key', chunk)
      .select('p.*');
    if (!access) {
      // Without a filter every existing project is visible: one query.
      for (const row of await query) {
        existing.add(row.key);
        visible.set(row.key, row);
      }
      continue;
    }
    for (const row of await db('pmo_projects')
      .whereIn('key', chunk)
      .select('key')) {
      existing.add(row.key);
    }
    applyAccess(query, access);
    for (const row of await query) visible.set(row.key, row);
  }
  return { existing, visible };
}

/**
 * Per project: the next open milestone, open RAID counts and the
 * highest-scored open risk or issue, in three set-based queries per chunk
 * of projects (window functions pick the first row of each project).
 */
async function projectFacts(
  db: Knex,
  keys: string[],
  today: string,
): Promise<Map<string, ProjectFacts>> {
  const facts = new Map<string, ProjectFacts>();
  const get = (key: string) => {
    let f = facts.get(key);
    if (!f) {
      f = { openRaid: emptyRaidCounts() };
      facts.set(key, f);
    }
    return f;
  };
  for (const chunk of chunks(keys)) {
    // The three reads are independent: run them together (PostgreSQL
    // answers them on separate pool connections).
    const [milestoneRows, counts, riskRows] = await Promise.all([
      nextMilestoneRows(db, chunk),
      db('pmo_raid_items')
        .select('project_key', 'type')
        .count({ count: '*' })
        .whereIn('project_key', chunk)
        .whereIn('status', OPEN_RAID_STATUSES)
        .groupBy('project_key', 'type') as Promise<
        Array<{ project_key: string; type: string; count: string | number }>
      >,
      db
        .select('*')
        .from(
          db('pmo_raid_items')
            .select(
              'id',
              'project_key',
              'type',
              'title',
              'score',
              db.raw(
                'ROW_NUMBER() OVER (PARTITION BY project_key ORDER BY score DESC, id) as rn',
              ),
            )
            .whereIn('project_key', chunk)
            .whereIn('status', OPEN_RAID_STATUSES)
            .whereIn('type', ['risk', 'issue'])
            .as('r'),
        )
        .where('rn', 1) as Promise<RawDbRaidRow[]>,
    ]);
    for (const row of milestoneRows) {
      get(row.project_key).nextMilestone = milestoneBrief(
        rowToMilestone(row),
        today,
      );
    }
    for (const row of counts) {
      const type = row.type as RaidType;
      if (RAID_TYPES.includes(type)) {
        get(row.project_key as string).openRaid[type] = Number(row.count);
      }
    }
    for (const row of riskRows) {
      get(row.project_key).highestRisk = {
        id: row.id,
        projectKey: row.project_key,
        type: row.type as RaidType,
        title: row.title,
        score: Number(row.score),
      };
    }
  }
  return facts;
}
