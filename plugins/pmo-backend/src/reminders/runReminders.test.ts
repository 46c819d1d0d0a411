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
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  DEFAULT_REMINDER_THRESHOLDS,
  type ReminderThresholds,
} from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import {
  createTestContext,
  createTestDatabases,
} from '../__testUtils__/databases';
import type { PmoStore } from '../database/PmoStore';
import type { ReminderStore } from './ReminderStore';
import { runReminders, type RunRemindersOptions } from './runReminders';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const actor = { ref: 'user:default/pm' };
const STORAGE = 'group:default/storage';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'san-api',
      namespace: 'default',
      annotations: { 'pmo/run-owner': 'group:default/ops' },
    },
    spec: { type: 'service', owner: 'storage', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'vdi',
      namespace: 'default',
      annotations: { 'pmo/run-owner': 'euc-team' },
    },
    spec: { type: 'service', owner: 'vdi-team', lifecycle: 'production' },
  },
];

/** The users and groups of the catalog: only they are notified. */
const person = (kind: 'User' | 'Group', name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});
const people: Entity[] = [
  person('Group', 'storage'),
  person('Group', 'ops'),
  person('Group', 'euc-team'),
  person('Group', 'vdi-team'),
  person('Group', 'dba'),
  person('User', 'tom'),
];

interface Fixture {
  knex: Knex;
  pmo: PmoStore;
  store: ReminderStore;
  send: jest.Mock<Promise<void>, [NotificationSendOptions]>;
  setToday(date: string): void;
  run(extra?: Partial<RunRemindersOptions>): ReturnType<typeof runReminders>;
  ids: { slip: string; overdue: string; tom: string; jane: string };
  /** Notifications of the last run, by scope. */
  last(): Map<string, NotificationSendOptions>;
}

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  let now = new Date('2026-05-01T09:00:00.000Z');
  const clock = () => now;
  const { pmo, reminders: store } = await createTestContext(knex, { clock });

  await pmo.createProject(
    {
      key: 'INFRA-101',
      title: 'Storage refresh',
      owner: STORAGE,
      phase: 'execution',
      declaredHealth: { status: 'green' },
    },
    actor,
  );
  const slip = await pmo.createMilestone(
    'INFRA-101',
    {
      title: 'Cutover',
      baselineDate: '2026-07-01',
      forecastDate: '2026-07-10',
      gate: true,
    },
    actor,
  );
  const overdue = await pmo.createMilestone(
    'INFRA-101',
    { title: 'Design approved', baselineDate: '2026-06-01' },
    actor,
  );
  // Achieved, or slipping less than slipAmberDays: nothing.
  await pmo.createMilestone(
    'INFRA-101',
    {
      title: 'Kick-off',
      baselineDate: '2026-04-01',
      actualDate: '2026-04-20',
      status: 'done',
    },
    actor,
  );
  await pmo.createMilestone(
    'INFRA-101',
    { title: 'Pilot', baselineDate: '2026-08-01', forecastDate: '2026-08-03' },
    actor,
  );
  const tom = await pmo.createRaidItem(
    'INFRA-101',
    {
      type: 'issue',
      title: 'HBA firmware',
      owner: 'user:default/tom',
      dueDate: '2026-06-10',
    },
    actor,
  );
  const jane = await pmo.createRaidItem(
    'INFRA-101',
    {
      type: 'dependency',
      title: 'Network window',
      owner: 'Jane Doe',
      dueDate: '2026-06-01',
      status: 'mitigating',
    },
    actor,
  );
  await pmo.createRaidItem(
    'INFRA-101',
    { type: 'risk', title: 'Closed', dueDate: '2026-05-02', status: 'closed' },
    actor,
  );
  await pmo.createRaidItem(
    'INFRA-101',
    { type: 'risk', title: 'Later', dueDate: '2026-09-01' },
    actor,
  );
  // A closed project reminds nobody, whatever its dates.
  await pmo.createProject(
    { key: 'DC-7', title: 'Old DC exit', owner: 'user:default/anna' },
    actor,
  );
  await pmo.createMilestone(
    'DC-7',
    { title: 'Exit', baselineDate: '2026-05-10' },
    actor,
  );
  const dc7 = await pmo.getProject('DC-7');
  await pmo.updateProject(
    'DC-7',
    { phase: 'closed', version: dc7!.version },
    actor,
  );

  // Run transitions as stored rows: the state machine has its own tests.
  const ts = now.toISOString();
  const transition = (
    entityRef: string,
    state: string,
    extra: Record<string, unknown> = {},
  ) => ({
    entity_ref: entityRef,
    state,
    tier: 'tier-2',
    template_id: 'default-tier-2',
    template_version: 1,
    hypercare_days: 30,
    created_at: ts,
    updated_at: ts,
    ...extra,
  });
  await knex('pmo_transitions').insert([
    transition('component:default/san-api', 'in_progress', {
      project_key: 'INFRA-101',
    }),
    transition('component:default/vdi', 'hypercare', {
      hypercare_start: '2026-05-22',
      hypercare_end: '2026-06-20',
    }),
    transition('component:default/frozen', 'accepted', {
      project_key: 'INFRA-101',
    }),
  ]);
  const item = (
    entityRef: string,
    key: string,
    status: string,
    expiresAt: string | null,
  ) => ({
    entity_ref: entityRef,
    item_key: key,
    position: 0,
    title: key,
    required: true,
    evidence_required: true,
    status,
    expires_at: expiresAt,
    updated_at: ts,
  });
  await knex('pmo_transition_items').insert([
    item('component:default/san-api', 'runbook', 'done', '2026-06-20'),
    item('component:default/san-api', 'capacity', 'waived', '2026-06-25'),
    item('component:default/san-api', 'monitoring', 'done', '2026-08-01'),
    item('component:default/san-api', 'cmdb', 'pending', '2026-06-16'),
    // Frozen after acceptance: nobody could renew it.
    item('component:default/frozen', 'runbook', 'done', '2026-06-16'),
  ]);

  const send = jest.fn<Promise<void>, [NotificationSendOptions]>(
    async () => {},
  );
  const notifications: NotificationService = { send };
  const catalog = catalogServiceMock({ entities: [...entities, ...people] });
  let mark = 0;
  const fixture: Fixture = {
    knex,
    pmo,
    store,
    send,
    setToday(date) {
      now = new Date(`${date}T09:00:00.000Z`);
    },
    run(extra = {}) {
      mark = send.mock.calls.length;
      return runReminders({
        store,
        notifications,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        thresholds: DEFAULT_REMINDER_THRESHOLDS,
        now: clock,
        ...extra,
      });
    },
    ids: { slip: slip.id, overdue: overdue.id, tom: tom.id, jane: jane.id },
    last() {
      return new Map(
        send.mock.calls
          .slice(mark)
          .map(([o]) => [o.payload.scope!.replace('pmo-reminder:', ''), o]),
      );
    },
  };
  fixture.setToday('2026-06-15');
  return fixture;
}

function recipientsOf(o: NotificationSendOptions | undefined) {
  return o?.recipients.type === 'entity' ? o.recipients.entityRef : undefined;
}

describe.each(databases.eachSupportedId())('runReminders on %s', id => {
  it('notifies each finding once, to its owner, with a link', async () => {
    const f = await setUp(id);
    const result = await f.run();
    const sent = f.last();
    const { slip, overdue, tom, jane } = f.ids;
    expect([...sent.keys()].sort()).toEqual(
      [
        'evidence_expiring:component:default/san-api#runbook',
        'hypercare_ending:component:default/vdi',
        `milestone_overdue:${overdue}`,
        `milestone_slip:${slip}`,
        `raid_overdue:${jane}`,
        `raid_overdue:${tom}`,
        'status_stale:INFRA-101',
        'waiver_expiring:component:default/san-api#capacity',
      ].sort(),
    );
    expect(result).toMatchObject({
      findings: 8,
      sent: 8,
      failed: 0,
      unaddressed: 0,
    });

    expect(sent.get(`milestone_slip:${slip}`)).toEqual({
      recipients: { type: 'entity', entityRef: [STORAGE] },
      payload: {
        title: "INFRA-101: Stage gate 'Cutover' slipped 9 days",
        description: expect.stringContaining('2026-07-10'),
        link: '/pmo/projects/INFRA-101',
        severity: 'normal',
        topic: 'pmo',
        scope: `pmo-reminder:milestone_slip:${slip}`,
      },
    });
    // The RAID owner when it is an entity ref, else the project owner.
    expect(recipientsOf(sent.get(`raid_overdue:${tom}`))).toEqual([
      'user:default/tom',
    ]);
    expect(sent.get(`raid_overdue:${tom}`)?.payload.severity).toBe('high');
    expect(recipientsOf(sent.get(`raid_overdue:${jane}`))).toEqual([STORAGE]);
    // Evidence: the delivery owner (project); waiver: also the run owner.
    expect(
      recipientsOf(
        sent.get('evidence_expiring:component:default/san-api#runbook'),
      ),
    ).toEqual([STORAGE]);
    const waiver = sent.get(
      'waiver_expiring:component:default/san-api#capacity',
    );
    expect(recipientsOf(waiver)).toEqual(['group:default/ops', STORAGE]);
    expect(waiver?.payload.link).toBe(
      '/catalog/default/component/san-api/pmo?section=transition',
    );
    // No project: the entity owner delivers, pmo/run-owner runs.
    expect(
      recipientsOf(sent.get('hypercare_ending:component:default/vdi')),
    ).toEqual(['group:default/euc-team', 'group:default/vdi-team']);

    const rows = await f.knex('pmo_reminders_sent').orderBy('finding_id');
    expect(rows).toHaveLength(8);
    expect(
      rows.find(r => r.finding_id === `milestone_slip:${slip}`),
    ).toMatchObject({
      kind: 'milestone_slip',
      fingerprint: '2026-07-01>2026-07-10',
      recipient: STORAGE,
      first_sent_at: '2026-06-15T09:00:00.000Z',
      last_sent_at: '2026-06-15T09:00:00.000Z',
    });
  });

  it('sends nothing on the next runs, the next day included', async () => {
    const f = await setUp(id);
    await f.run();
    expect((await f.run()).sent).toBe(0);
    f.setToday('2026-06-16');
    const next = await f.run();
    expect(next).toMatchObject({ sent: 0, forgotten: 0, findings: 8 });
    expect(f.send).toHaveBeenCalledTimes(8);
  });

  it('notifies again when the facts that matter change, and only those', async () => {
    const f = await setUp(id);
    await f.run();
    const { slip, tom } = f.ids;
    const m = await f.pmo.getMilestone(slip);
    await f.pmo.updateMilestone(
      slip,
      { forecastDate: '2026-07-25', version: m!.version },
      actor,
    );
    const r = await f.pmo.getRaidItem(tom);
    await f.pmo.updateRaidItem(
      tom,
      { dueDate: '2026-06-12', title: 'HBA firmware v2', version: r!.version },
      actor,
    );
    // A title alone is no new fact.
    const overdue = await f.pmo.getMilestone(f.ids.overdue);
    await f.pmo.updateMilestone(
      f.ids.overdue,
      { title: 'Design approved (CAB)', version: overdue!.version },
      actor,
    );
    f.setToday('2026-06-16');
    await f.run();
    const sent = f.last();
    expect([...sent.keys()].sort()).toEqual(
      [`milestone_slip:${slip}`, `raid_overdue:${tom}`].sort(),
    );
    expect(sent.get(`milestone_slip:${slip}`)?.payload).toMatchObject({
      title: "INFRA-101: Stage gate 'Cutover' slipped 24 days",
      severity: 'high',
    });
    const row = await f
      .knex('pmo_reminders_sent')
      .where({ finding_id: `milestone_slip:${slip}` })
      .first();
    expect(row).toMatchObject({
      fingerprint: '2026-07-01>2026-07-25',
      first_sent_at: '2026-06-15T09:00:00.000Z',
      last_sent_at: '2026-06-16T09:00:00.000Z',
    });
  });

  it('notifies the new owner when the project changes hands', async () => {
    const f = await setUp(id);
    await f.run();
    const p = await f.pmo.getProject('INFRA-101');
    await f.pmo.updateProject(
      'INFRA-101',
      { owner: 'group:default/dba', version: p!.version },
      actor,
    );
    await f.run();
    const sent = f.last();
    // Everything the project owner was told, but not Tom's item.
    expect(sent.size).toBe(6);
    for (const o of sent.values()) {
      expect(recipientsOf(o)).toContain('group:default/dba');
    }
  });

  it('forgets a resolved finding, so that a recurrence notifies again', async () => {
    const f = await setUp(id);
    await f.run();
    const { overdue } = f.ids;
    let m = await f.pmo.getMilestone(overdue);
    await f.pmo.updateMilestone(
      overdue,
      { actualDate: '2026-06-14', status: 'done', version: m!.version },
      actor,
    );
    const resolved = await f.run();
    expect(resolved).toMatchObject({ sent: 0, forgotten: 1 });
    expect(
      await f
        .knex('pmo_reminders_sent')
        .where({ finding_id: `milestone_overdue:${overdue}` }),
    ).toEqual([]);

    // Reopened with the same date: a new occurrence, notified again.
    m = await f.pmo.getMilestone(overdue);
    await f.pmo.updateMilestone(
      overdue,
      { actualDate: null, status: 'planned', version: m!.version },
      actor,
    );
    await f.run();
    expect([...f.last().keys()]).toEqual([`milestone_overdue:${overdue}`]);
  });

  it('sends once when two runs race', async () => {
    const f = await setUp(id);
    const [a, b] = await Promise.all([f.run(), f.run()]);
    expect(a.sent + b.sent).toBe(8);
    expect(f.send).toHaveBeenCalledTimes(8);
    const scopes = f.send.mock.calls.map(([o]) => o.payload.scope);
    expect(new Set(scopes).size).toBe(8);
  });

  it('claims atomically: a stale read cannot claim twice', async () => {
    const f = await setUp(id);
    const claim = {
      findingId: 'raid_overdue:x',
      kind: 'raid_overdue' as const,
      fingerprint: '2026-06-01',
      recipient: STORAGE,
    };
    expect([...(await f.store.claim([claim]))]).toEqual(['raid_overdue:x']);
    expect([...(await f.store.claim([claim]))]).toEqual([]);
    const changed = {
      ...claim,
      fingerprint: '2026-06-05',
      previous: { fingerprint: '2026-06-01', recipient: STORAGE },
    };
    expect([...(await f.store.claim([changed]))]).toEqual(['raid_overdue:x']);
    // A second run that read the old row loses the compare-and-set.
    expect([...(await f.store.claim([changed]))]).toEqual([]);
  });

  it('sends at most maxPerRun per run, high severity first, the rest next runs', async () => {
    const f = await setUp(id);
    const first = await f.run({ maxPerRun: 3 });
    expect(first).toMatchObject({ sent: 3, postponed: 5 });
    // Tom's overdue issue is the only high one: it goes out first.
    expect(f.last().has(`raid_overdue:${f.ids.tom}`)).toBe(true);
    const second = await f.run({ maxPerRun: 3 });
    expect(second).toMatchObject({ sent: 3, postponed: 2 });
    const third = await f.run({ maxPerRun: 3 });
    expect(third).toMatchObject({ sent: 2, postponed: 0 });
    expect(f.send).toHaveBeenCalledTimes(8);
    expect(new Set(f.send.mock.calls.map(([o]) => o.payload.scope)).size).toBe(
      8,
    );
  });

  it('releases a claim whose notification failed and retries it next run', async () => {
    const f = await setUp(id);
    f.send.mockImplementation(async o => {
      if (o.payload.scope?.includes('status_stale')) {
        throw new Error('notifications backend unavailable');
      }
    });
    const first = await f.run();
    expect(first).toMatchObject({ sent: 7, failed: 1 });
    f.send.mockImplementation(async () => {});
    const second = await f.run();
    expect(second).toMatchObject({ sent: 1, failed: 0 });
    expect([...f.last().keys()]).toEqual(['status_stale:INFRA-101']);
  });

  it('uses the thresholds', async () => {
    const f = await setUp(id);
    const thresholds: ReminderThresholds = {
      ...DEFAULT_REMINDER_THRESHOLDS,
      slipDays: 10,
      evidenceExpiryDays: 5,
      hypercareEndingDays: 4,
      staleStatusDays: 60,
    };
    const result = await f.run({ thresholds });
    // The evidence expires in 5 days (in), the waiver in 10 and the
    // hypercare in 5 (out); the slip is below 10 days; not stale yet.
    expect([...f.last().keys()].sort()).toEqual(
      [
        'evidence_expiring:component:default/san-api#runbook',
        `milestone_overdue:${f.ids.overdue}`,
        `raid_overdue:${f.ids.jane}`,
        `raid_overdue:${f.ids.tom}`,
      ].sort(),
    );
    expect(result.unaddressed).toBe(0);
  });

  it('holds every finding while the catalog cannot confirm the recipients: nothing sent, nothing forgotten', async () => {
    const f = await setUp(id);
    const broken = catalogServiceMock.mock({
      getEntitiesByRefs: async () => {
        throw new Error('catalog down');
      },
    });
    const down = await f.run({ catalog: broken });
    expect(down).toMatchObject({ findings: 8, deferred: 8, sent: 0 });
    expect(f.send).not.toHaveBeenCalled();

    const up = await f.run();
    expect(up).toMatchObject({ deferred: 0, sent: 8 });

    const again = await f.run({ catalog: broken });
    expect(again).toMatchObject({ deferred: 8, sent: 0, forgotten: 0 });
    expect(await f.knex('pmo_reminders_sent')).toHaveLength(8);
  });

  it('notifies only users and groups of the catalog; other RAID owners fall back to the project owner', async () => {
    const f = await setUp(id);
    const raid = (title: string, owner: string) =>
      f.pmo.createRaidItem(
        'INFRA-101',
        { type: 'issue', title, owner, dueDate: '2026-06-02' },
        actor,
      );
    const ghost = await raid('Ghost', 'user:default/ghost');
    const everyone = await raid('Broadcast', 'group:default/everyone');
    const msp = await raid('Vendor', 'Acme MSP – J. Smith');
    // A project whose owner is not in the catalog reaches nobody.
    await f.pmo.createProject(
      { key: 'GONE-1', title: 'Orphan', owner: 'group:default/disbanded' },
      actor,
    );
    await f.pmo.createMilestone(
      'GONE-1',
      { title: 'Late', baselineDate: '2026-06-01' },
      actor,
    );
    // The run owner of san-api (group:default/ops) left the catalog.
    const real = catalogServiceMock({
      entities: [...entities, ...people.filter(p => p.metadata.name !== 'ops')],
    });
    const lookups = jest.fn<
      ReturnType<typeof real.getEntitiesByRefs>,
      Parameters<typeof real.getEntitiesByRefs>
    >((request, options) => real.getEntitiesByRefs(request, options));
    const catalog = catalogServiceMock.mock({ getEntitiesByRefs: lookups });

    const result = await f.run({ catalog });
    const sent = f.last();
    for (const item of [ghost, everyone, msp]) {
      expect(recipientsOf(sent.get(`raid_overdue:${item.id}`))).toEqual([
        STORAGE,
      ]);
    }
    expect(recipientsOf(sent.get(`raid_overdue:${f.ids.tom}`))).toEqual([
      'user:default/tom',
    ]);
    expect(
      recipientsOf(
        sent.get('waiver_expiring:component:default/san-api#capacity'),
      ),
    ).toEqual([STORAGE]);
    expect([...sent.keys()].some(k => k.includes('GONE-1'))).toBe(false);
    expect(result.unaddressed).toBe(1); // GONE-1's overdue milestone
    const everyRecipient = f.send.mock.calls.flatMap(
      ([o]) => recipientsOf(o) ?? [],
    );
    for (const absent of [
      'user:default/ghost',
      'group:default/everyone',
      'group:default/ops',
      'group:default/disbanded',
    ]) {
      expect(everyRecipient).not.toContain(absent);
    }
    // The transition entities, then every candidate recipient at once.
    expect(lookups).toHaveBeenCalledTimes(2);
    expect(lookups.mock.calls[1][0]).toMatchObject({
      entityRefs: expect.arrayContaining([
        STORAGE,
        'user:default/ghost',
        'group:default/disbanded',
      ]),
    });
  });

  it('leaves a finding without any known owner unsent', async () => {
    const f = await setUp(id);
    // The catalog answers but knows neither entity, only the people.
    const result = await f.run({
      catalog: catalogServiceMock({ entities: people }),
    });
    // vdi has no project and no owner; the waiver still reaches the
    // delivering project's owner.
    expect(result).toMatchObject({ findings: 8, unaddressed: 1, sent: 7 });
    expect(f.last().has('hypercare_ending:component:default/vdi')).toBe(false);
    expect(
      recipientsOf(
        f.last().get('waiver_expiring:component:default/san-api#capacity'),
      ),
    ).toEqual([STORAGE]);
  });
});
