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

// Deterministic synthetic estate for the benchmark. The same tier always
// yields the same keys, refs and annotations (seeded PRNG), so that a
// database seeded by an earlier run can be reused and the catalog YAML and
// the PMO rows always agree. Skewed like real portfolios: a few programme
// projects carry 1,000 milestones, and shared platforms (clusters, SANs,
// landing zones) are annotated with many projects.

import { randomUUID } from 'node:crypto';

/** @type {Record<string, {projects:number, milestones:number, raid:number, entities:number}>} */
export const TIERS = {
  S: { projects: 500, milestones: 5_000, raid: 2_500, entities: 2_000 },
  M: { projects: 5_000, milestones: 50_000, raid: 25_000, entities: 20_000 },
  L: {
    projects: 30_000,
    milestones: 300_000,
    raid: 150_000,
    entities: 100_000,
  },
};

/** Milestones of each "programme" project. */
export const HEAVY_MILESTONES = 1_000;
/** Projects on each shared-platform entity. */
export const HOT_ENTITY_PROJECTS = 150;
/** Number of refs of the batched-summaries scenario (like a catalog table). */
export const BATCH_SIZE = 200;

const PREFIXES = ['INFRA', 'DC', 'CLOUD', 'NET', 'VDI', 'STOR', 'DB', 'OPS'];
const PHASES = [
  ['intake', 5],
  ['initiation', 10],
  ['planning', 20],
  ['execution', 45],
  ['closing', 10],
  ['closed', 10],
];
const WORDS = [
  'vSphere',
  'Hyper-V',
  'SAN',
  'NAS',
  'Oracle',
  'SQL Server',
  'PostgreSQL',
  'Citrix',
  'backup',
  'landing zone',
  'MQ',
  'firewall',
  'DNS',
  'load balancer',
  'Wintel',
  'Unix',
];
const VERBS = [
  'Upgrade',
  'Migrate',
  'Refresh',
  'Consolidate',
  'Decommission',
  'Roll out',
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand, pairs) {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  let x = rand() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

const DAY = 86_400_000;
const isoDate = ms => new Date(ms).toISOString().slice(0, 10);

/**
 * Keys and entity refs of a tier, with the annotation of each entity. Cheap:
 * used by the seeder, the YAML writer and the load generator.
 */
export function estateShape(tierName) {
  const tier = TIERS[tierName];
  if (!tier) throw new Error(`unknown tier ${tierName} (S, M or L)`);
  const rand = mulberry32(0xbe7c4 + tierName.charCodeAt(0));
  const keys = Array.from(
    { length: tier.projects },
    (_, i) => `${PREFIXES[i % PREFIXES.length]}-${i + 1}`,
  );
  const heavy = Math.max(1, Math.round(tier.projects / 1000));
  // 1% shared platforms on HOT_ENTITY_PROJECTS projects each (always
  // including the programme projects), 79% on 1-3 projects, 20% without
  // annotation. (No unknown keys: the catalog processor of the PMO rejects
  // such entities, they would never reach the catalog.)
  const hot = Math.max(2, Math.round(tier.entities / 100));
  const entities = [];
  for (let i = 0; i < tier.entities; i++) {
    const component = i % 20 < 13;
    const name = component
      ? `svc-${String(i).padStart(6, '0')}`
      : `res-${String(i).padStart(6, '0')}`;
    const kind = component ? 'component' : 'resource';
    let projects = [];
    if (i < hot) {
      const set = new Set(keys.slice(0, heavy));
      while (set.size < Math.min(HOT_ENTITY_PROJECTS, keys.length)) {
        set.add(keys[Math.floor(rand() * keys.length)]);
      }
      projects = [...set];
    } else if (rand() < 0.8) {
      const n = 1 + Math.floor(rand() * 3);
      const set = new Set();
      while (set.size < n) set.add(keys[Math.floor(rand() * keys.length)]);
      projects = [...set];
    }
    entities.push({
      kind,
      name,
      ref: `${kind}:default/${name}`,
      owner: `group:default/team-${i % 50}`,
      lifecycle: rand() < 0.9 ? 'production' : 'experimental',
      projects,
    });
  }
  // The batch (and the rotation of single summaries and by-name lookups),
  // like a catalog page: entities spread evenly over the estate, so shared
  // platforms appear in their real proportion (the first ref is one).
  const step = Math.max(1, Math.floor(entities.length / BATCH_SIZE));
  const batch = [];
  for (let i = 0; batch.length < BATCH_SIZE && i < entities.length; i += step) {
    batch.push(entities[i].ref);
  }
  return { tier, keys, heavy, hot, entities, batch };
}

/** Catalog YAML of the estate (one document per entity). */
export function catalogYaml(shape) {
  const docs = shape.entities.map(e => {
    const annotation = e.projects.length
      ? `\n  annotations:\n    pmo/projects: "${e.projects.join(', ')}"`
      : '';
    const spec =
      e.kind === 'component'
        ? `  type: service\n  lifecycle: ${e.lifecycle}\n  owner: ${e.owner}`
        : `  type: database\n  owner: ${e.owner}`;
    return `apiVersion: backstage.io/v1alpha1\nkind: ${
      e.kind === 'component' ? 'Component' : 'Resource'
    }\nmetadata:\n  name: ${e.name}${annotation}\nspec:\n${spec}\n`;
  });
  return docs.join('---\n');
}

/**
 * Rows of the PMO tables, generated chunk by chunk through `emit(table,
 * rows)` so that tier L never holds 300,000 milestones in memory.
 */
export async function generateRows(shape, today, emit) {
  const { tier, keys, heavy, entities } = shape;
  const rand = mulberry32(0x5eed + keys.length);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const nowIso = new Date().toISOString();
  const pick = list => list[Math.floor(rand() * list.length)];
  const refs = entities.map(e => e.ref);

  const projects = [];
  const spans = new Map();
  for (const [i, key] of keys.entries()) {
    const start = todayMs + Math.floor((rand() * 460 - 400) * DAY);
    const target = start + Math.floor((60 + rand() * 440) * DAY);
    spans.set(key, [start, target]);
    const declared = rand() < 0.7;
    const setAt = todayMs - Math.floor(rand() * 40 * DAY);
    const created = Math.min(start, todayMs) - 30 * DAY;
    projects.push({
      key,
      title: `${pick(VERBS)} ${pick(WORDS)} ${
        i < heavy ? 'programme' : 'estate'
      } ${i + 1}`,
      description: rand() < 0.5 ? `Synthetic benchmark project ${key}` : null,
      phase: weighted(rand, PHASES),
      methodology: pick(['waterfall', 'agile', 'hybrid', 'safe']),
      owner: `group:default/team-${i % 50}`,
      sponsor: rand() < 0.5 ? `Sponsor ${i % 17}` : null,
      start_date: isoDate(start),
      target_date: rand() < 0.95 ? isoDate(target) : null,
      budget_planned: rand() < 0.6 ? Math.round(rand() * 2_000_000) : null,
      budget_actual: null,
      budget_currency: 'EUR',
      priority: weighted(rand, [
        ['critical', 5],
        ['high', 25],
        ['medium', 50],
        ['low', 20],
      ]),
      declared_health: declared
        ? weighted(rand, [
            ['green', 70],
            ['amber', 20],
            ['red', 10],
          ])
        : null,
      declared_reason: declared ? 'Weekly status' : null,
      declared_set_at: declared ? new Date(setAt).toISOString() : null,
      declared_set_by: declared ? 'user:default/guest' : null,
      external_links: '[]',
      version: 1,
      created_at: new Date(created).toISOString(),
      updated_at: nowIso,
      // The backend's hourly task (first run at start) computes these.
      computed_health: 'green',
      computed_reasons: '[]',
      health: 'green',
      computed_at: null,
    });
  }
  await emit('pmo_projects', projects);

  // Milestones: HEAVY_MILESTONES per programme, the rest spread at random.
  const perProject = new Map(keys.map(k => [k, 0]));
  for (const k of keys.slice(0, heavy)) perProject.set(k, HEAVY_MILESTONES);
  let rest = Math.max(0, tier.milestones - heavy * HEAVY_MILESTONES);
  const light = keys.slice(heavy);
  while (rest-- > 0) {
    const k = pick(light);
    perProject.set(k, perProject.get(k) + 1);
  }
  // Rows go to the database in batches of 5,000 per table.
  const batched = table => {
    let rows = [];
    return {
      async push(row) {
        rows.push(row);
        if (rows.length >= 5000) await this.flush();
      },
      async flush() {
        if (rows.length) await emit(table, rows);
        rows = [];
      },
    };
  };
  const milestones = batched('pmo_milestones');
  for (const key of keys) {
    const [start, target] = spans.get(key);
    const n = perProject.get(key);
    for (let j = 0; j < n; j++) {
      const baseline =
        start + Math.floor(((target - start) * (j + 1)) / (n + 1));
      const slip = weighted(rand, [
        [0, 60],
        [1 + Math.floor(rand() * 10), 25],
        [11 + Math.floor(rand() * 30), 15],
      ]);
      const past = baseline < todayMs - 7 * DAY;
      const status = past
        ? weighted(rand, [
            ['done', 75],
            ['missed', 5],
            ['in_progress', 10],
            ['planned', 7],
            ['cancelled', 3],
          ])
        : weighted(rand, [
            ['planned', 80],
            ['in_progress', 20],
          ]);
      await milestones.push({
        id: randomUUID(),
        project_key: key,
        title: `${j % 7 === 0 ? 'Gate' : 'Milestone'} ${j + 1}`,
        baseline_date: isoDate(baseline),
        forecast_date: isoDate(baseline + slip * DAY),
        actual_date: status === 'done' ? isoDate(baseline + slip * DAY) : null,
        status,
        gate: j % 7 === 0,
        change_record: rand() < 0.1 ? `CHG${String(j).padStart(7, '0')}` : null,
        entity_ref: rand() < 0.3 ? pick(refs) : null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
      });
    }
  }
  await milestones.flush();

  // RAID: a tenth on the programme projects, the rest at random.
  const raid = batched('pmo_raid_items');
  for (let i = 0; i < tier.raid; i++) {
    const key =
      rand() < 0.1 ? keys[i % heavy] : pick(light.length ? light : keys);
    const type = weighted(rand, [
      ['risk', 45],
      ['issue', 25],
      ['assumption', 15],
      ['dependency', 15],
    ]);
    const probability = 1 + Math.floor(rand() * 5);
    const impact = 1 + Math.floor(rand() * 5);
    await raid.push({
      id: randomUUID(),
      project_key: key,
      type,
      title: `${type} ${i + 1}`,
      description: null,
      probability,
      impact,
      score: probability * impact,
      owner: `user:default/owner-${i % 40}`,
      action: rand() < 0.6 ? 'Mitigation in progress' : null,
      due_date:
        rand() < 0.8
          ? isoDate(todayMs + Math.floor((rand() * 120 - 60) * DAY))
          : null,
      status: weighted(rand, [
        ['open', 50],
        ['mitigating', 20],
        ['closed', 25],
        ['accepted', 5],
      ]),
      entity_ref: rand() < 0.2 ? pick(refs) : null,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
    });
  }
  await raid.flush();
}
