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

// Issue #12, "every write authorized on the project it touches", under a
// real owner policy (src/reliability/policy.ts, mode owner-writes): every
// write route of one project (from the OpenAPI document), every import row
// (JSON and CSV), sign-offs, relinking a run transition, waivers and the
// history of a reused key. "Changes nothing" is read from the database.

import type { Server } from 'node:http';
import type { Knex } from 'knex';
import {
  GROUP_A,
  GROUP_B,
  type Seeded,
  type SpecOperation,
  isWrite,
  loadOperations,
  pathParamNames,
  recordFigures,
  reliabilityDatabases,
  seed,
  validBody,
  validParams,
} from './harness';
import { ADMIN, ALICE, BOB, CAROL, startPolicyBackend } from './policy';
import {
  call,
  csvOf,
  dayOffset,
  describeResponse,
  ok,
  unchangedBy,
} from './trustApi';

jest.setTimeout(600_000);

const operations = loadOperations();

/** A change window as written: wall clock in a time zone. */
const WINDOW = {
  type: 'cutover',
  start: '2027-03-13T20:00',
  end: '2027-03-14T06:00',
  timeZone: 'Europe/Berlin',
};
/**
 * Writes on one project or one of its objects: `{key}` or `{id}` in the
 * path. Freezes are not a project's (they hold every project's changes;
 * basic permission pmo.freeze.manage) and a collision's id names a finding
 * that only exists with a catalog graph around two windows: their
 * other-group tests are in src/service/routes/cutover.test.ts.
 */
const projectWrites = operations.filter(
  op =>
    isWrite(op) &&
    /\{(key|id)\}/.test(op.path) &&
    !op.path.startsWith('/freezes/') &&
    !op.path.startsWith('/collisions/'),
);

/** What a write route is aimed at. */
interface Target {
  key: string;
  milestone: string;
  raid: string;
  /** A change window on the milestone. */
  window: string;
  /** A pending re-baseline request of the milestone. */
  rebaseline: string;
  /** An entity linked to the project (DELETE link). */
  linked: string;
  /** An entity not linked to it (PUT link). */
  unlinked: string;
}

/** Path values aimed at the target; undefined when a name is unknown. */
function paramsFor(
  op: SpecOperation,
  t: Target,
  seeded: Seeded,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const fallback = validParams(op, seeded, 'a');
  for (const name of pathParamNames(op.path)) {
    switch (name) {
      case 'key':
        out.key = t.key;
        break;
      case 'id':
        if (op.path.startsWith('/milestones/')) out.id = t.milestone;
        else if (op.path.startsWith('/raid/')) out.id = t.raid;
        else if (op.path.startsWith('/windows/')) out.id = t.window;
        else if (op.path.startsWith('/rebaselines/')) out.id = t.rebaseline;
        else return undefined;
        break;
      case 'kind':
        out.kind = 'component';
        break;
      case 'namespace':
        out.namespace = 'default';
        break;
      case 'name':
        out.name = op.method === 'put' ? t.unlinked : t.linked;
        break;
      default:
        if (!(name in fallback)) return undefined;
        out[name] = fallback[name];
    }
  }
  return out;
}

describe.each(reliabilityDatabases('trust'))('trust on %s', db => {
  let knex: Knex;
  let server: Server;
  let seeded: Seeded;
  let stop: () => Promise<void>;
  const figures = {
    database: db.id,
    projectWriteRoutes: projectWrites.length,
    deniedWrites: 0,
    ownerWrites: 0,
    deniedImportRequests: 0,
    transitionChecks: 0,
    /** Sign-offs still there when the relink after sign-off was tried. */
    signOffsBeforeRelink: 0,
  };

  const as = (user: string) => ({ user });

  /** Versions of the target's project, milestone and RAID item. */
  async function versions(t: Target) {
    const project = ok(
      await call(server, 'get', `/projects/${t.key}`, as(ADMIN)),
      'project',
    );
    const milestone = ok(
      await call(server, 'get', `/milestones/${t.milestone}`, as(ADMIN)),
      'milestone',
    );
    const raid = ok(
      await call(server, 'get', `/projects/${t.key}/raid`, as(ADMIN)),
      'raid',
    ).items.find((r: { id: string }) => r.id === t.raid);
    return {
      project: project.version as number,
      title: project.title as string,
      milestone: milestone.version as number,
      raid: raid.version as number,
    };
  }

  /** A request body for the route (attacker's or owner's), current versions. */
  function bodyFor(
    op: SpecOperation,
    t: Target,
    v: Awaited<ReturnType<typeof versions>>,
    attacker: boolean,
  ): unknown {
    const who = attacker ? 'B was here' : 'Renamed by its owner';
    switch (op.operationId) {
      case 'DecideGate':
        return { decision: 'go', rationale: who };
      case 'RequestRebaseline':
        return {
          reason: who,
          changes: [{ milestoneId: t.milestone, baselineDate: dayOffset(50) }],
        };
      case 'DecideRebaseline':
        return { decision: 'approve', reason: who };
      case 'CreateChangeWindow':
        return WINDOW;
      case 'UpdateChangeWindow':
        return { version: 1, changeRecord: 'CHG0000001' };
      case 'UpdateProject':
        return attacker
          ? { version: v.project, title: who, owner: GROUP_B }
          : { version: v.project, title: who };
      case 'CreateMilestone':
        return { title: who };
      case 'UpdateMilestone':
        return { version: v.milestone, title: who };
      case 'CreateRaidItem':
        return { type: 'assumption', title: who };
      case 'UpdateRaidItem':
        return { version: v.raid, title: who };
      default: {
        const body = validBody(op, seeded);
        return body && typeof body === 'object' && 'version' in body
          ? { ...body, version: v.project }
          : body;
      }
    }
  }

  /** A new project of `owner` with a milestone, a risk and a link, made by `user`. */
  async function newProject(
    key: string,
    user: string,
    owner: string,
  ): Promise<Target> {
    ok(
      await call(server, 'post', '/projects', as(user), {
        key,
        title: `Project ${key}`,
        owner,
        sponsor: user,
        phase: 'execution',
      }),
      `create ${key}`,
    );
    const m = ok(
      await call(server, 'post', `/projects/${key}/milestones`, as(user), {
        title: 'Cutover',
        baselineDate: dayOffset(30),
        gate: true,
        gateApprovers: [owner],
      }),
      `milestone of ${key}`,
    );
    const w = ok(
      await call(
        server,
        'post',
        `/milestones/${m.id}/windows`,
        as(user),
        WINDOW,
      ),
      `window of ${key}`,
    );
    const rb = ok(
      await call(server, 'post', `/projects/${key}/rebaselines`, as(user), {
        reason: 'Vendor slip',
        changes: [{ milestoneId: m.id, baselineDate: dayOffset(40) }],
      }),
      `re-baseline of ${key}`,
    );
    const r = ok(
      await call(server, 'post', `/projects/${key}/raid`, as(user), {
        type: 'risk',
        title: 'Vendor late',
        probability: 2,
        impact: 3,
      }),
      `risk of ${key}`,
    );
    ok(
      await call(
        server,
        'put',
        `/projects/${key}/entities/component/default/alpha-svc`,
        as(user),
      ),
      `link of ${key}`,
    );
    return {
      key,
      milestone: m.id,
      raid: r.id,
      window: w.id,
      rebaseline: rb.id,
      linked: 'alpha-svc',
      unlinked: 'beta-svc',
    };
  }

  beforeAll(async () => {
    knex = await db.create();
    ({ server, stop } = await startPolicyBackend({
      knex,
      mode: 'owner-writes',
    }));
    seeded = await seed(server);
  });

  afterAll(async () => {
    await stop?.();
    await db.destroy();
    recordFigures('trust', figures);
  });

  const aTarget = (): Target => ({
    key: seeded.a.keys[0],
    milestone: seeded.a.milestones[0],
    raid: seeded.a.raid[0],
    // the import checks aim at rows, not at windows or re-baselines
    window: '',
    rebaseline: '',
    linked: 'alpha-svc',
    unlinked: 'beta-svc',
  });

  it('derives the write routes of one project from the OpenAPI document', () => {
    const ids = projectWrites.map(op => op.operationId);
    // the routes known today: a route removed from the spec is a finding too
    expect(ids).toEqual(
      expect.arrayContaining([
        'UpdateProject',
        'DeleteProject',
        'CreateMilestone',
        'UpdateMilestone',
        'DeleteMilestone',
        'CreateRaidItem',
        'UpdateRaidItem',
        'DeleteRaidItem',
        'AddManualLink',
        'RemoveManualLink',
      ]),
    );
  });

  it('answers 403 to a B member on every write route of an A project and changes nothing', async () => {
    const wrong: string[] = [];
    const srv = server;
    // an A project with every object a write route may aim at
    const t = await newProject('VICTIM-1', ALICE, GROUP_A);
    for (const op of projectWrites) {
      const params = paramsFor(op, t, seeded);
      const what = `B: ${op.method.toUpperCase()} ${op.path}`;
      if (!params) {
        wrong.push(
          `${what}: path parameters ${pathParamNames(op.path).join(
            ', ',
          )} unknown to the trust suite (teach paramsFor the new route)`,
        );
        continue;
      }
      const v = await versions(t);
      const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) =>
        encodeURIComponent(params[n]),
      );
      wrong.push(
        ...(await unchangedBy(knex, what, async () => {
          const res = await call(
            srv,
            op.method,
            path,
            as(BOB),
            bodyFor(op, t, v, true),
          );
          figures.deniedWrites++;
          if (res.status !== 403) wrong.push(describeResponse(what, res));
        })),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('lets the owner (A member) make the same writes on an A project', async () => {
    // Positive control: the 403s above come from the owner rule, not from a
    // policy that denies everything.
    const wrong: string[] = [];
    for (const [i, op] of projectWrites.entries()) {
      const t = await newProject(`OWN-${i + 1}`, ALICE, GROUP_A);
      const params = paramsFor(op, t, seeded);
      if (!params) continue; // reported by the test above
      const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) =>
        encodeURIComponent(params[n]),
      );
      const res = await call(
        server,
        op.method,
        path,
        as(ALICE),
        bodyFor(op, t, await versions(t), false),
      );
      figures.ownerWrites++;
      if (res.status < 200 || res.status >= 300) {
        wrong.push(
          describeResponse(`A: ${op.method.toUpperCase()} ${op.path}`, res),
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  // ---------------------------------------------------------------- import

  type ImportKind = 'projects' | 'milestones' | 'raid';

  async function importRow(
    user: string,
    kind: ImportKind,
    row: Record<string, unknown>,
    form: 'json' | 'csv',
    dryRun: boolean,
  ) {
    return form === 'json'
      ? call(server, 'post', '/import', as(user), { [kind]: [row], dryRun })
      : call(
          server,
          'post',
          `/import?kind=${kind}&dryRun=${dryRun}`,
          as(user),
          csvOf([row]),
          'text/csv',
        );
  }

  it('refuses every import row of a B member aimed at an A project (JSON and CSV, dry runs, takeover) and changes nothing', async () => {
    const wrong: string[] = [];
    const t = aTarget();
    const bKey = seeded.b.keys[0];
    // rows built from the current versions: an earlier row that wrongly
    // succeeded must not turn the next one into a version conflict
    type Row = (
      v: Awaited<ReturnType<typeof versions>>,
    ) => Record<string, unknown>;
    const direct: Array<[string, ImportKind, Row]> = [
      [
        'project update',
        'projects',
        v => ({
          key: t.key,
          title: 'B was here',
          owner: GROUP_A,
          version: v.project,
        }),
      ],
      [
        'project takeover (owner -> B)',
        'projects',
        v => ({
          key: t.key,
          title: v.title,
          owner: GROUP_B,
          version: v.project,
        }),
      ],
      [
        'milestone create',
        'milestones',
        () => ({ projectKey: t.key, title: 'B milestone' }),
      ],
      [
        'milestone update',
        'milestones',
        () => ({ projectKey: t.key, id: t.milestone, title: 'B was here' }),
      ],
      [
        'RAID create',
        'raid',
        () => ({
          projectKey: t.key,
          type: 'assumption',
          title: 'B assumption',
        }),
      ],
      [
        'RAID update',
        'raid',
        () => ({
          projectKey: t.key,
          id: t.raid,
          type: 'risk',
          title: 'B was here',
          probability: 1,
          impact: 1,
        }),
      ],
    ];
    // An A object named by id under a B project: must not touch the A row.
    const cross: Array<[string, ImportKind, Row]> = [
      [
        'A milestone under a B project key',
        'milestones',
        () => ({ projectKey: bKey, id: t.milestone, title: 'B was here' }),
      ],
      [
        'A RAID item under a B project key',
        'raid',
        () => ({
          projectKey: bKey,
          id: t.raid,
          type: 'risk',
          title: 'B was here',
          probability: 1,
          impact: 1,
        }),
      ],
    ];
    for (const [rows, strict] of [
      [direct, true],
      [cross, false],
    ] as const) {
      for (const [name, kind, rowOf] of rows) {
        for (const form of ['json', 'csv'] as const) {
          for (const dryRun of [false, true]) {
            const row = rowOf(await versions(t));
            const what = `B import ${name} (${form}${
              dryRun ? ', dry run' : ''
            })`;
            wrong.push(
              ...(await unchangedBy(knex, what, async () => {
                const res = await importRow(BOB, kind, row, form, dryRun);
                figures.deniedImportRequests++;
                const refusedInResult =
                  dryRun &&
                  res.status === 200 &&
                  res.body?.applied === false &&
                  res.body?.errors?.length > 0;
                const refused = strict
                  ? res.status === 403
                  : [400, 403, 404, 409].includes(res.status);
                if (!refused && !refusedInResult) {
                  wrong.push(describeResponse(what, res));
                }
              })),
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('requires the version on import update rows (400, nothing applied)', async () => {
    const wrong: string[] = [];
    const key = seeded.a.keys[1];
    for (const form of ['json', 'csv'] as const) {
      const what = `A import update of ${key} without version (${form})`;
      wrong.push(
        ...(await unchangedBy(knex, what, async () => {
          const res = await importRow(
            ALICE,
            'projects',
            { key, title: 'No version', owner: GROUP_A },
            form,
            false,
          );
          if (res.status !== 400) wrong.push(describeResponse(what, res));
        })),
      );
    }
    expect(wrong).toEqual([]);
  });

  it('imports the rows an owner may write, and refuses giving a project away to B', async () => {
    const wrong: string[] = [];
    const [, second, third] = seeded.a.keys;
    for (const [form, key] of [
      ['json', second],
      ['csv', third],
    ] as const) {
      const current = ok(
        await call(server, 'get', `/projects/${key}`, as(ALICE)),
        key,
      );
      const res = await importRow(
        ALICE,
        'projects',
        { key, title: current.title, owner: GROUP_A, version: current.version },
        form,
        false,
      );
      if (res.status !== 200 || res.body.applied !== true) {
        wrong.push(
          describeResponse(`A import update of ${key} (${form})`, res),
        );
      }
    }
    const bNew = await importRow(
      BOB,
      'projects',
      { key: 'BNEW-1', title: 'B creates', owner: GROUP_B },
      'json',
      false,
    );
    if (bNew.status !== 200) {
      wrong.push(describeResponse('B import create of BNEW-1', bNew));
    }
    // update on the new state too: A may not hand its project to B
    const current = ok(
      await call(server, 'get', `/projects/${third}`, as(ALICE)),
      third,
    );
    const what = `A import giving ${third} to B`;
    wrong.push(
      ...(await unchangedBy(knex, what, async () => {
        const res = await importRow(
          ALICE,
          'projects',
          {
            key: third,
            title: current.title,
            owner: GROUP_B,
            version: current.version,
          },
          'json',
          false,
        );
        if (res.status !== 403) wrong.push(describeResponse(what, res));
      })),
    );
    expect(wrong).toEqual([]);
  });

  // ------------------------------------------------------------ transitions

  const tPath = (name: string) =>
    `/entities/component/default/${name}/transition`;

  async function transition(name: string) {
    return ok(await call(server, 'get', tPath(name), as(ADMIN)), name);
  }

  async function move(name: string, target: string) {
    const { version } = await transition(name);
    return ok(
      await call(server, 'post', `${tPath(name)}/state`, as(ADMIN), {
        target,
        version,
      }),
      `${name} -> ${target}`,
    );
  }

  async function signOff(name: string, role: string, user: string) {
    const { version } = await transition(name);
    return call(server, 'post', `${tPath(name)}/signoffs`, as(user), {
      role,
      version,
    });
  }

  async function signOffRows(name: string): Promise<number> {
    const [{ n }] = await knex('pmo_transition_signoffs')
      .where({ entity_ref: `component:default/${name}` })
      .count({ n: '*' });
    return Number(n);
  }

  /** `user` PUTs the projectKey and must be refused with one of `statuses`. */
  async function refusedRelink(
    name: string,
    user: string,
    projectKey: string | null,
    statuses: number[],
    what: string,
  ): Promise<string[]> {
    const wrong: string[] = [];
    const { version } = await transition(name);
    wrong.push(
      ...(await unchangedBy(knex, what, async () => {
        const res = await call(server, 'put', tPath(name), as(user), {
          projectKey,
          version,
        });
        figures.transitionChecks++;
        if (!statuses.includes(res.status)) {
          wrong.push(describeResponse(what, res));
        }
      })),
    );
    return wrong;
  }

  it('refuses a sign-off by a user outside the owning group, and without a version', async () => {
    const wrong: string[] = [];
    const name = 'signoff-svc';
    ok(await call(server, 'put', tPath(name), as(ADMIN), {}), 'start');
    await move(name, 'in_progress');
    await move(name, 'ready_for_review');
    for (const [user, role] of [
      [BOB, 'run'],
      [BOB, 'delivery'],
      [CAROL, 'run'],
    ]) {
      const what = `${user} signs ${role} of ${name} (owner a-team)`;
      wrong.push(
        ...(await unchangedBy(knex, what, async () => {
          const res = await signOff(name, role, user);
          figures.transitionChecks++;
          if (res.status !== 403) wrong.push(describeResponse(what, res));
        })),
      );
    }
    const signed = await signOff(name, 'run', ALICE);
    if (signed.status !== 201) {
      wrong.push(describeResponse(`${ALICE} signs run of ${name}`, signed));
    }
    const noVersion = `${ALICE} signs delivery of ${name} without version`;
    wrong.push(
      ...(await unchangedBy(knex, noVersion, async () => {
        const res = await call(
          server,
          'post',
          `${tPath(name)}/signoffs`,
          as(ALICE),
          { role: 'delivery' },
        );
        if (res.status !== 400) wrong.push(describeResponse(noVersion, res));
      })),
    );
    const moveNoVersion = `state move of ${name} without version`;
    wrong.push(
      ...(await unchangedBy(knex, moveNoVersion, async () => {
        const res = await call(
          server,
          'post',
          `${tPath(name)}/state`,
          as(ADMIN),
          { target: 'in_progress' },
        );
        if (res.status !== 400) {
          wrong.push(describeResponse(moveNoVersion, res));
        }
      })),
    );
    expect(wrong).toEqual([]);
  });

  it('relinks a transition only with update on both projects, before ready_for_review, revoking the sign-offs', async () => {
    const wrong: string[] = [];
    const name = 'relink-svc';
    const [a1, a2] = seeded.a.keys;
    const b1 = seeded.b.keys[0];
    ok(
      await call(server, 'put', tPath(name), as(ADMIN), { projectKey: a1 }),
      'start',
    );
    wrong.push(
      ...(await refusedRelink(
        name,
        BOB,
        b1,
        [403],
        `B relinks ${name} (on ${a1}) to ${b1}`,
      )),
      ...(await refusedRelink(
        name,
        ALICE,
        b1,
        [403],
        `A relinks ${name} (on ${a1}) to ${b1}`,
      )),
      ...(await refusedRelink(
        name,
        BOB,
        null,
        [403],
        `B unlinks ${name} from ${a1}`,
      )),
    );
    await move(name, 'in_progress');
    await move(name, 'ready_for_review');
    for (const role of ['delivery', 'run']) {
      const res = await signOff(name, role, ALICE);
      if (res.status !== 201) {
        wrong.push(describeResponse(`${ALICE} signs ${role} of ${name}`, res));
      }
    }
    wrong.push(
      ...(await refusedRelink(
        name,
        ADMIN,
        a2,
        [400, 409],
        `relink of ${name} in ready_for_review`,
      )),
    );
    await move(name, 'in_progress');
    const kept = await signOffRows(name);
    figures.signOffsBeforeRelink = kept;
    wrong.push(
      ...(await refusedRelink(
        name,
        BOB,
        b1,
        [403],
        `B relinks signed-off ${name} to ${b1}`,
      )),
    );
    const { version } = await transition(name);
    const relinked = await call(server, 'put', tPath(name), as(ALICE), {
      projectKey: a2,
      version,
    });
    figures.transitionChecks++;
    if (relinked.status !== 200) {
      wrong.push(describeResponse(`A relinks ${name} to ${a2}`, relinked));
    } else {
      const left = await signOffRows(name);
      if (left !== 0 || relinked.body.signOffs?.length !== 0) {
        wrong.push(
          `A relinks ${name} to ${a2} after ${kept} sign-offs: ${left} sign-off rows stay (response shows ${relinked.body.signOffs?.length})`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses to relink an accepted transition', async () => {
    const wrong: string[] = [];
    const name = 'accept-svc';
    const [a1, a2] = seeded.a.keys;
    ok(
      await call(server, 'put', tPath(name), as(ADMIN), { projectKey: a1 }),
      'start',
    );
    await move(name, 'in_progress');
    for (const item of (await transition(name)).items) {
      const { version } = await transition(name);
      ok(
        await call(
          server,
          'patch',
          `${tPath(name)}/items/${item.key}`,
          as(ADMIN),
          {
            version,
            status: 'done',
            evidenceUrl: 'https://ci.example.com/evidence/1',
          },
        ),
        `item ${item.key}`,
      );
    }
    await move(name, 'ready_for_review');
    for (const role of ['delivery', 'run']) {
      ok(await signOff(name, role, ALICE), `${role} sign-off`);
    }
    await move(name, 'accepted');
    wrong.push(
      ...(await refusedRelink(
        name,
        ADMIN,
        a2,
        [400, 409],
        `relink of accepted ${name}`,
      )),
      ...(await refusedRelink(
        name,
        ADMIN,
        null,
        [400, 409],
        `unlink of accepted ${name}`,
      )),
    );
    expect(wrong).toEqual([]);
  });

  it('refuses to link a new transition to a project the caller may not update', async () => {
    const wrong: string[] = [];
    const what = `B starts the transition of fresh-svc linked to ${seeded.a.keys[0]}`;
    wrong.push(
      ...(await unchangedBy(knex, what, async () => {
        const res = await call(server, 'put', tPath('fresh-svc'), as(BOB), {
          projectKey: seeded.a.keys[0],
        });
        figures.transitionChecks++;
        if (res.status !== 403) wrong.push(describeResponse(what, res));
      })),
    );
    expect(wrong).toEqual([]);
  });

  it('refuses a waiver (a RAID risk on the linked project) without pmo.raid.create there', async () => {
    const wrong: string[] = [];
    const name = 'waiver-svc';
    const a1 = seeded.a.keys[0];
    ok(
      await call(server, 'put', tPath(name), as(ADMIN), { projectKey: a1 }),
      'start',
    );
    await move(name, 'in_progress');
    const item = (await transition(name)).items[0].key;
    const waive = async (user: string) =>
      call(server, 'patch', `${tPath(name)}/items/${item}`, as(user), {
        version: (await transition(name)).version,
        status: 'waived',
        waiverReason: 'Accepted by the service owner',
        expiresAt: dayOffset(30),
      });
    const what = `B waives ${item} of ${name} (linked to ${a1})`;
    wrong.push(
      ...(await unchangedBy(knex, what, async () => {
        const res = await waive(BOB);
        figures.transitionChecks++;
        if (res.status !== 403) wrong.push(describeResponse(what, res));
      })),
    );
    const mine = await waive(ALICE);
    if (mine.status !== 200) {
      wrong.push(describeResponse(`A waives ${item} of ${name}`, mine));
    }
    expect(wrong).toEqual([]);
  });

  // -------------------------------------------------------------- key reuse

  it('starts the history of a re-created key empty of the deleted incarnation', async () => {
    const key = 'SECH-1';
    const first = await newProject(key, ALICE, GROUP_A);
    const { version } = ok(
      await call(server, 'get', `/projects/${key}`, as(ALICE)),
      key,
    );
    ok(
      await call(server, 'patch', `/projects/${key}`, as(ALICE), {
        version,
        title: 'First incarnation',
      }),
      'rename',
    );
    ok(await call(server, 'delete', `/projects/${key}`, as(ALICE)), 'delete');
    ok(
      await call(server, 'post', '/projects', as(ALICE), {
        key,
        title: 'Second incarnation',
        owner: GROUP_A,
      }),
      'recreate',
    );
    // what a brand-new project's history holds
    ok(
      await call(server, 'post', '/projects', as(ALICE), {
        key: 'SECH-2',
        title: 'Never deleted',
        owner: GROUP_A,
      }),
      'reference',
    );
    const history = ok(
      await call(
        server,
        'get',
        `/projects/${key}/history?limit=200`,
        as(ALICE),
      ),
      'history',
    );
    const reference = ok(
      await call(
        server,
        'get',
        `/projects/SECH-2/history?limit=200`,
        as(ALICE),
      ),
      'reference history',
    );
    const text = JSON.stringify(history.items);
    const old = [
      first.milestone,
      first.raid,
      'First incarnation',
      'alpha-svc',
    ].filter(marker => text.includes(marker));
    expect({
      totalItems: history.totalItems,
      deletedIncarnationEntries: old,
    }).toEqual({
      totalItems: reference.totalItems,
      deletedIncarnationEntries: [],
    });
  });
});
