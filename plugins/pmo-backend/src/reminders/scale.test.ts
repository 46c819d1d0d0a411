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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_REMINDER_THRESHOLDS,
  EDITABLE_TRANSITION_STATES,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  createTestContext,
  createTestDatabases,
} from '../__testUtils__/databases';
import type { ReminderFacts } from './ReminderStore';
import { findReminders } from './findReminders';
import { runReminders } from './runReminders';

/*
 * Set-based at scale: the facts of any portfolio are read in a constant
 * number of queries, the SQL pre-filters lose no finding the rules would
 * make from the full tables, and a steady-state run writes nothing.
 * PMO_REMINDERS_SCALE=30000 runs the same with 30,000 projects, 300,000
 * milestones and 150,000 RAID items and prints the timings.
 */

const PROJECTS = Number(process.env.PMO_REMINDERS_SCALE ?? 1_000);
const TODAY = '2026-06-15';
/** Owners of the seeded projects (groups of the mock catalog). */
const OWNER_GROUPS = Array.from({ length: 50 }, (_, i) => `g${i}`);
const NOW = new Date(`${TODAY}T09:00:00.000Z`);

jest.setTimeout(Math.max(60_000, PROJECTS * 60));

const databases = createTestDatabases();

function prng(start: number) {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (offset: number) =>
  new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

async function insertAll(
  knex: Knex,
  table: string,
  rows: Record<string, unknown>[],
) {
  if (rows.length === 0) return;
  // SQLite compiles a multi-row insert to a compound SELECT (at most 500).
  const per = Math.min(500, Math.floor(20_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per) {
    await knex(table).insert(rows.slice(i, i + per));
  }
}

/** 10 milestones and 5 RAID items per project, 1 transition per 10. */
async function seed(knex: Knex, projects: number) {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const between = (lo: number, hi: number) =>
    lo + Math.floor(rand() * (hi - lo + 1));
  const maybe = <T>(p: number, v: () => T) => (rand() < p ? v() : null);
  const ts = `${day(-400)}T08:00:00.000Z`;
  const owners = OWNER_GROUPS.map(g => `group:default/${g}`);
  const projectRows = [];
  const milestones = [];
  const raid = [];
  const transitions = [];
  const items = [];
  for (let i = 0; i < projects; i++) {
    const key = `P-${i + 1}`;
    projectRows.push({
      key,
      title: `Project ${i}`,
      phase: pick(['planning', 'execution', 'execution', 'closing', 'closed']),
      methodology: 'waterfall',
      owner: pick(owners),
      priority: 'medium',
      declared_health: 'green',
      declared_set_at: maybe(0.8, () => `${day(-between(0, 60))}T10:00:00Z`),
      created_at: ts,
      updated_at: ts,
    });
    // Like a real plan: most past milestones achieved, most forecasts on
    // their baseline, some slipping and a few overdue.
    for (let m = 0; m < 10; m++) {
      const baseline = maybe(0.9, () => between(-200, 200));
      const date = baseline ?? between(-200, 200);
      const done = date < 0 && rand() < 0.9;
      const slip = rand() < 0.2 ? between(1, 40) : 0;
      milestones.push({
        id: randomUUID(),
        project_key: key,
        title: `M${m}`,
        baseline_date: baseline === null ? null : day(baseline),
        forecast_date: maybe(0.7, () => day(date + slip)),
        actual_date: done ? day(date + slip) : null,
        status: done ? 'done' : pick(['planned', 'in_progress', 'missed']),
        gate: rand() < 0.2,
        created_at: ts,
        updated_at: ts,
      });
    }
    for (let r = 0; r < 5; r++) {
      const due = maybe(0.8, () => between(-100, 100));
      raid.push({
        id: randomUUID(),
        project_key: key,
        type: pick(['risk', 'assumption', 'issue', 'dependency']),
        title: `R${r}`,
        probability: 3,
        impact: 3,
        score: 9,
        owner: pick([null, 'Jane Doe', 'user:default/tom', pick(owners)]),
        due_date: due === null ? null : day(due),
        // Most actions due in the past are closed.
        status:
          due !== null && due < 0 && rand() < 0.85
            ? pick(['closed', 'accepted'])
            : pick(['open', 'mitigating']),
        created_at: ts,
        updated_at: ts,
      });
    }
    if (i % 10 === 0) {
      const entityRef = `component:default/svc-${i}`;
      const state = pick([...EDITABLE_TRANSITION_STATES, 'hypercare', 'run']);
      transitions.push({
        entity_ref: entityRef,
        project_key: maybe(0.8, () => key),
        state,
        tier: 'tier-2',
        template_id: 'default-tier-2',
        template_version: 1,
        hypercare_days: 30,
        hypercare_start: state === 'hypercare' ? day(between(-40, 0)) : null,
        hypercare_end: state === 'hypercare' ? day(between(-10, 30)) : null,
        created_at: ts,
        updated_at: ts,
      });
      for (const [position, itemKey] of ['runbook', 'backup', 'dr'].entries()) {
        items.push({
          entity_ref: entityRef,
          item_key: itemKey,
          position,
          title: itemKey,
          required: true,
          evidence_required: true,
          status: pick(['pending', 'done', 'waived', 'not_applicable']),
          expires_at: maybe(0.6, () => day(between(-20, 60))),
          updated_at: ts,
        });
      }
    }
  }
  await insertAll(knex, 'pmo_projects', projectRows);
  await insertAll(knex, 'pmo_milestones', milestones);
  await insertAll(knex, 'pmo_raid_items', raid);
  await insertAll(knex, 'pmo_transitions', transitions);
  await insertAll(knex, 'pmo_transition_items', items);
}

/** Every row, unfiltered: what the rules would see without the SQL. */
async function allFacts(knex: Knex): Promise<ReminderFacts> {
  const projects = await knex('pmo_projects');
  const owners = new Map(projects.map(p => [p.key, p.owner]));
  const opt = (v: unknown) => (v === null ? undefined : v);
  return {
    projects: projects.map(p => ({
      key: p.key,
      title: p.title,
      phase: p.phase,
      owner: p.owner,
      createdAt: p.created_at,
      declaredHealth: p.declared_set_at
        ? { setAt: p.declared_set_at }
        : undefined,
    })),
    milestones: (await knex('pmo_milestones')).map(m => ({
      id: m.id,
      projectKey: m.project_key,
      title: m.title,
      baselineDate: opt(m.baseline_date) as string | undefined,
      forecastDate: opt(m.forecast_date) as string | undefined,
      actualDate: opt(m.actual_date) as string | undefined,
      status: m.status,
      gate: Boolean(m.gate),
    })),
    raid: (await knex('pmo_raid_items')).map(r => ({
      id: r.id,
      projectKey: r.project_key,
      type: r.type,
      title: r.title,
      status: r.status,
      dueDate: opt(r.due_date) as string | undefined,
      owner: opt(r.owner) as string | undefined,
    })),
    transitions: (await knex('pmo_transitions')).map(t => ({
      entityRef: t.entity_ref,
      state: t.state,
      projectKey: opt(t.project_key) as string | undefined,
      hypercareEnd: opt(t.hypercare_end) as string | undefined,
      projectOwner: owners.get(t.project_key),
    })),
    items: (await knex('pmo_transition_items')).map(i => ({
      entityRef: i.entity_ref,
      key: i.item_key,
      title: i.title,
      status: i.status,
      expiresAt: opt(i.expires_at) as string | undefined,
    })),
  };
}

function countQueries(knex: Knex) {
  let n = 0;
  const listener = () => {
    n++;
  };
  knex.on('query', listener);
  return () => {
    knex.removeListener('query', listener);
    return n;
  };
}

describe.each(databases.eachSupportedId())(
  `reminders over ${PROJECTS} projects on %s`,
  databaseId => {
    it('reads in five queries, loses no finding, and writes nothing when steady', async () => {
      const knex = await databases.init(databaseId);
      const store = (await createTestContext(knex, { clock: () => NOW }))
        .reminders;
      let t = Date.now();
      await seed(knex, PROJECTS);
      const seeded = Date.now() - t;

      const thresholds = DEFAULT_REMINDER_THRESHOLDS;
      const stop = countQueries(knex);
      t = Date.now();
      const facts = await store.loadFacts(TODAY, thresholds);
      const found = findReminders(facts, TODAY, thresholds);
      const checkMs = Date.now() - t;
      expect(stop()).toBe(5);

      const expected = findReminders(await allFacts(knex), TODAY, thresholds);
      expect(found.map(f => `${f.id}=${f.fingerprint}`).sort()).toEqual(
        expected.map(f => `${f.id}=${f.fingerprint}`).sort(),
      );
      const kinds = new Set(found.map(f => f.kind));
      expect(kinds.size).toBe(7);

      const send = jest.fn(async () => {});
      const options = {
        store,
        notifications: { send },
        // The seeded owners: groups g0..g49 and Tom.
        catalog: catalogServiceMock({
          entities: ['User:tom', ...OWNER_GROUPS.map(g => `Group:${g}`)].map(
            ref => {
              const [kind, name] = ref.split(':');
              return {
                apiVersion: 'backstage.io/v1alpha1',
                kind,
                metadata: { name, namespace: 'default' },
                spec: {},
              };
            },
          ),
        }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        thresholds,
        now: () => NOW,
      };
      t = Date.now();
      const first = await runReminders(options);
      const firstMs = Date.now() - t;
      expect(first.sent + first.unaddressed).toBe(found.length);
      expect(first.sent).toBeGreaterThan(found.length / 2);
      expect(send).toHaveBeenCalledTimes(first.sent);

      const stopSteady = countQueries(knex);
      t = Date.now();
      const steady = await runReminders(options);
      const steadyMs = Date.now() - t;
      // Five reads and the dedupe table; no write.
      expect(stopSteady()).toBe(6);
      expect(steady).toMatchObject({ sent: 0, forgotten: 0 });

      if (process.env.PMO_REMINDERS_SCALE) {
        // eslint-disable-next-line no-console
        console.log(
          `${databaseId}: ${PROJECTS} projects, ${PROJECTS * 10} milestones, ${
            PROJECTS * 5
          } RAID items (seeded in ${seeded} ms): ${
            found.length
          } findings; facts + rules ${checkMs} ms; first run (claims + ${
            first.sent
          } sends to a no-op service) ${firstMs} ms; steady run ${steadyMs} ms`,
        );
      }
    });
  },
);
