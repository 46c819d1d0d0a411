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

import type { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestContext,
  createTestDatabases,
} from '../../__testUtils__/databases';
import type { PersistenceContext } from '../../database/persistenceContext';
import { routesApp } from '../__testUtils__/routesApp';
import { createRequestContextFactory } from '../context';
import { CatalogRadiusReader } from '../cutover/catalogRadius';
import { readCutoverConfig } from '../cutover/config';
import { ConfigReader } from '@backstage/config';
import { registerCalendarRoutes } from './calendar';
import { registerCollisionRoutes } from './collisions';
import { registerCutoverRoutes } from './cutover';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const NAS = 'resource:default/nas-netapp-prod';
const ORACLE = 'component:default/oracle-db-service';
const ERP = 'component:default/erp-app';

function entity(
  ref: string,
  relations: Array<[string, string]>,
  annotations: Record<string, string> = {},
): Entity {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'resource' ? 'Resource' : 'Component',
    metadata: { name, namespace, annotations },
    spec: {},
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/**
 * The SAN carries the database, the database carries the ERP, and the ERP
 * (wrongly, but catalogs contain such things) is declared a dependency of
 * the database too: a cycle.
 */
const catalogEntities = [
  entity(
    NAS,
    [
      ['dependencyOf', ORACLE],
      ['ownedBy', 'group:default/storage'],
      ['partOf', 'system:default/storage-platform'],
    ],
    { 'pmo/service-tier': 'tier-1' },
  ),
  entity(ORACLE, [
    ['dependsOn', NAS],
    ['dependencyOf', ERP],
    ['ownedBy', 'group:default/dba'],
  ]),
  entity(ERP, [
    ['dependsOn', ORACLE],
    ['dependencyOf', ORACLE],
    ['ownedBy', 'group:default/erp'],
  ]),
];

const users: Record<string, string[]> = {
  'user:default/alice': ['group:default/storage'],
  'user:default/dave': ['group:default/dba'],
  'user:default/carol': ['group:default/other'],
  'user:default/admin': ['group:default/storage', 'group:default/dba'],
};
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(`user:default/${user}`),
});

const ownerOf = (claims: string[]): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'pmo',
  resourceType: 'pmo-project',
  conditions: {
    rule: 'IS_PROJECT_OWNER',
    resourceType: 'pmo-project',
    params: { claims },
  },
});

describe.each(databases.eachSupportedId())(
  'cutover routes (%s)',
  databaseId => {
    let knex: Knex;
    let app: express.Express;
    let stores: PersistenceContext;
    let getEntitiesByRefs: jest.SpyInstance;
    let sanMilestone: string;
    let dbMilestone: string;
    const auditor = mockServices.auditor.mock();

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      stores = await createTestContext(knex, {
        clock: () => new Date('2027-01-04T09:00:00.000Z'),
      });
      const alice = { ref: 'user:default/alice' };
      await stores.projects.createProject(
        { key: 'SAN-1', title: 'SAN refresh', owner: 'group:default/storage' },
        alice,
      );
      await stores.projects.createProject(
        { key: 'DB-2', title: 'Oracle migration', owner: 'group:default/dba' },
        alice,
      );
      await stores.links.addManualLink('SAN-1', NAS, alice);
      sanMilestone = (
        await stores.milestones.createMilestone(
          'SAN-1',
          { title: 'SAN cutover' },
          alice,
        )
      ).id;
      dbMilestone = (
        await stores.milestones.createMilestone(
          'DB-2',
          { title: 'DB migration', entityRef: ORACLE },
          alice,
        )
      ).id;

      const permissions = mockServices.permissions.mock();
      permissions.authorizeConditional.mockImplementation(
        async (queries, { credentials }) =>
          queries.map(() =>
            ownerOf(users[(credentials.principal as any).userEntityRef] ?? []),
          ),
      );
      permissions.authorize.mockImplementation(
        async (queries, { credentials }) =>
          queries.map(() => ({
            result:
              (credentials.principal as any).userEntityRef ===
              'user:default/admin'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      );
      const catalog = catalogServiceMock({ entities: catalogEntities });
      getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const contextOf = createRequestContextFactory({
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth({ pluginId: 'pmo' }),
        userInfo: mockServices.userInfo(),
        permissions,
        auditor,
        projects: stores.projects,
      });
      const config = readCutoverConfig(
        new ConfigReader({
          pmo: {
            cutover: {
              freezes: [
                {
                  id: 'dba-freeze',
                  title: 'DBA year-end freeze',
                  scope: { kind: 'group', ref: 'group:default/dba' },
                  start: '2027-01-09T00:00',
                  end: '2027-01-11T00:00',
                  timeZone: 'Europe/Berlin',
                },
              ],
            },
          },
        }),
      );
      const cutover = {
        windows: stores.windows,
        freezes: stores.freezes,
        acks: stores.collisionAcks,
        links: stores.links,
        radius: new CatalogRadiusReader({ catalog, maxDepth: config.maxDepth }),
        configFreezes: config.freezes,
        hypercare: stores.transitions,
      };
      app = routesApp(router => {
        registerCutoverRoutes(router, {
          contextOf,
          cutover,
          milestones: stores.milestones,
        });
        registerCollisionRoutes(router, {
          contextOf,
          cutover,
          now: () => new Date('2027-01-05T10:00:00.000Z'),
        });
        registerCalendarRoutes(router, {
          contextOf,
          cutover,
          now: () => new Date('2027-01-05T10:00:00.000Z'),
        });
      });
    });

    afterEach(async () => {
      await knex.destroy();
    });

    /** The two windows of the same weekend. */
    async function weekend() {
      const san = await request(app)
        .post(`/milestones/${sanMilestone}/windows`)
        .set(as('alice'))
        .send({
          type: 'cutover',
          start: '2027-01-09T22:00',
          end: '2027-01-10T06:00',
          timeZone: 'Europe/Berlin',
          changeRecord: 'CHG0001',
          changeApproved: true,
        });
      expect(san.status).toBe(201);
      const db = await request(app)
        .post(`/milestones/${dbMilestone}/windows`)
        .set(as('dave'))
        .send({
          type: 'cutover',
          start: '2027-01-10T01:00',
          end: '2027-01-10T04:00',
          timeZone: 'UTC',
        });
      expect(db.status).toBe(201);
      return { san: san.body, db: db.body };
    }

    const windowRows = () =>
      knex('pmo_change_windows')
        .orderBy('id')
        .select('id', 'version', 'end_at');

    it('creates, lists, updates (409 on stale) and deletes windows, validating times by field', async () => {
      const { san } = await weekend();
      expect(san).toMatchObject({
        projectKey: 'SAN-1',
        startAt: '2027-01-09T21:00:00.000Z',
        endAt: '2027-01-10T05:00:00.000Z',
      });
      const listed = await request(app)
        .get('/projects/san-1/windows')
        .set(as('alice'));
      expect(listed.body.items.map((w: any) => w.id)).toEqual([san.id]);

      const backwards = await request(app)
        .post(`/milestones/${sanMilestone}/windows`)
        .set(as('alice'))
        .send({
          type: 'cutover',
          start: '2027-01-10T06:00',
          end: '2027-01-10T05:00',
          timeZone: 'Europe/Berlin',
        });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toContain(
        'body.end: must be after start',
      );
      const badZone = await request(app)
        .patch(`/windows/${san.id}`)
        .set(as('alice'))
        .send({ timeZone: 'Mars/Olympus', version: 1 });
      expect(badZone.status).toBe(400);
      expect(badZone.body.error.message).toContain('body.timeZone:');

      const moved = await request(app)
        .patch(`/windows/${san.id}`)
        .set(as('alice'))
        .send({ end: '2027-01-10T08:00', version: 1 });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        endAt: '2027-01-10T07:00:00.000Z',
        version: 2,
      });
      const stale = await request(app)
        .patch(`/windows/${san.id}`)
        .set(as('alice'))
        .send({ type: 'rollback', version: 1 });
      expect(stale.status).toBe(409);

      expect(
        (await request(app).delete(`/windows/${san.id}`).set(as('alice')))
          .status,
      ).toBe(204);
      expect((await windowRows()).map(r => r.id)).not.toContain(san.id);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'window-delete' }),
      );
    });

    it('finds the overlap of the SAN cutover and the database migration and the freeze breach, end to end', async () => {
      const { san, db } = await weekend();
      const res = await request(app)
        .get('/projects/SAN-1/collisions')
        .set(as('admin'));
      expect(res.status).toBe(200);
      const [first, second] = [san.id, db.id].sort();
      const overlapId = `overlap:${first}:${second}`;
      const byId = new Map(res.body.items.map((c: any) => [c.id, c]));
      expect(byId.get(overlapId)).toMatchObject({
        kind: 'overlap',
        // Medium: they meet on the database and the ERP, neither changed by
        // both windows nor tier 1 (the tier-1 SAN is only in one radius).
        severity: 'medium',
        entityRefs: [ERP, ORACLE],
      });
      // The SAN window reaches the DBA's database: inside the DBA freeze.
      expect(byId.get(`freeze:${san.id}:config:dba-freeze`)).toMatchObject({
        kind: 'freeze',
        entityRefs: [ORACLE],
      });
      // The database migration is on a tier-1 radius but changes a non tier-1
      // entity, the SAN change (tier 1) is approved: no unapproved finding.
      expect(
        [...byId.keys()].some(id => String(id).startsWith('unapproved')),
      ).toBe(false);

      // The catalog is read a level at a time, never per entity: 3 levels
      // (NAS, ORACLE, ERP) plus the last level's facts at most.
      expect(getEntitiesByRefs.mock.calls.length).toBeLessThanOrEqual(4);

      // Filters of the calendar.
      const filtered = await request(app)
        .get('/collisions?system=storage-platform')
        .set(as('admin'));
      expect(filtered.status).toBe(200);
      expect(filtered.body.items).toEqual([]);
      const byGroup = await request(app)
        .get(`/collisions?group=dba&from=2027-01-01T00:00:00Z`)
        .set(as('admin'));
      expect(byGroup.body.items.map((c: any) => c.id)).toContain(overlapId);

      // Alice cannot read DB-2: the overlap is not hers to see or decide.
      const mine = await request(app).get('/collisions').set(as('alice'));
      expect(mine.body.items.map((c: any) => c.id)).not.toContain(overlapId);
      const denied = await request(app)
        .post(`/collisions/${overlapId}/acknowledgement`)
        .set(as('alice'))
        .send({ reason: 'fine' });
      expect(denied.status).toBe(404);

      const noReason = await request(app)
        .post(`/collisions/${overlapId}/acknowledgement`)
        .set(as('admin'))
        .send({ reason: '  ' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('body.reason');

      const ack = await request(app)
        .post(`/collisions/${overlapId}/acknowledgement`)
        .set(as('admin'))
        .send({ reason: 'CAB 2027-01-05: DB after SAN, rollback plan agreed' });
      expect(ack.status).toBe(200);
      expect(ack.body.acknowledgement).toEqual({
        reason: 'CAB 2027-01-05: DB after SAN, rollback plan agreed',
        by: 'user:default/admin',
        at: '2027-01-05T10:00:00.000Z',
      });
      const after = await request(app)
        .get('/projects/DB-2/collisions')
        .set(as('admin'));
      const acked = after.body.items.find((c: any) => c.id === overlapId);
      expect(acked.acknowledgement.by).toBe('user:default/admin');

      // Moving either side re-opens the finding.
      await request(app)
        .patch(`/windows/${db.id}`)
        .set(as('dave'))
        .send({ start: '2027-01-10T02:00', version: 1 })
        .expect(200);
      const reopened = await request(app)
        .get('/projects/DB-2/collisions')
        .set(as('admin'));
      const open = reopened.body.items.find((c: any) => c.id === overlapId);
      expect(open).toBeDefined();
      expect(open.acknowledgement).toBeUndefined();
    });

    it('walks the blast radius through dependencyOf with the cycle ended and facts attached', async () => {
      const res = await request(app)
        .get('/projects/SAN-1/blast-radius')
        .set(as('alice'));
      expect(res.status).toBe(200);
      expect(res.body.maxDepth).toBe(3);
      expect(res.body.entities).toEqual([
        {
          ref: NAS,
          depth: 0,
          groups: ['group:default/storage'],
          system: 'system:default/storage-platform',
          tier: 'tier-1',
        },
        {
          ref: ORACLE,
          depth: 1,
          via: NAS,
          groups: ['group:default/dba'],
        },
        { ref: ERP, depth: 2, via: ORACLE, groups: ['group:default/erp'] },
      ]);
    });

    it('manages freezes with pmo.freeze.manage only; config freezes are read-only', async () => {
      const created = await request(app)
        .post('/freezes')
        .set(as('admin'))
        .send({
          title: 'Quarter end',
          scope: { kind: 'tier', tier: 'tier-1' },
          start: '2027-03-25T00:00',
          end: '2027-04-02T00:00',
          timeZone: 'Europe/Berlin',
        });
      expect(created.status).toBe(201);
      const list = await request(app).get('/freezes').set(as('alice'));
      expect(list.body.items.map((f: any) => [f.id, f.source])).toEqual([
        ['config:dba-freeze', 'config'],
        [created.body.id, 'api'],
      ]);
      const bad = await request(app)
        .patch(`/freezes/${created.body.id}`)
        .set(as('admin'))
        .send({ end: '2027-03-01T00:00', version: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('body.end: must be after start');
      const readOnly = await request(app)
        .delete('/freezes/config:dba-freeze')
        .set(as('admin'));
      expect(readOnly.status).toBe(404);
      expect(readOnly.body.error.message).toContain('read-only');
      const updated = await request(app)
        .patch(`/freezes/${created.body.id}`)
        .set(as('admin'))
        .send({ end: null, version: 1 });
      expect(updated.body).toMatchObject({ version: 2 });
      expect(updated.body.end).toBeUndefined();
      await request(app)
        .delete(`/freezes/${created.body.id}`)
        .set(as('admin'))
        .expect(204);
    });

    it("refuses every route to another group's user and changes nothing", async () => {
      const { san, db } = await weekend();
      const freeze = (
        await request(app)
          .post('/freezes')
          .set(as('admin'))
          .send({
            title: 'Peak',
            scope: { kind: 'all' },
            start: '2027-11-20T00:00',
            timeZone: 'UTC',
          })
      ).body;
      const before = await windowRows();
      const freezesBefore = await knex('pmo_freezes').select();
      const [first, second] = [san.id, db.id].sort();
      const carol = as('carol');

      const attempts: Array<[string, request.Test, number[]]> = [
        ['list windows', request(app).get('/projects/SAN-1/windows'), [404]],
        [
          'create window',
          request(app).post(`/milestones/${sanMilestone}/windows`).send({
            type: 'cutover',
            start: '2027-01-16T22:00',
            end: '2027-01-17T06:00',
            timeZone: 'UTC',
          }),
          [404],
        ],
        [
          'update window',
          request(app)
            .patch(`/windows/${san.id}`)
            .send({ type: 'rollback', version: 1 }),
          [404],
        ],
        ['delete window', request(app).delete(`/windows/${db.id}`), [404]],
        [
          'create freeze',
          request(app)
            .post('/freezes')
            .send({
              title: 'Mine',
              scope: { kind: 'all' },
              start: '2027-01-01T00:00',
              timeZone: 'UTC',
            }),
          [403],
        ],
        [
          'update freeze',
          request(app)
            .patch(`/freezes/${freeze.id}`)
            .send({ title: 'x', version: 1 }),
          [403],
        ],
        ['delete freeze', request(app).delete(`/freezes/${freeze.id}`), [403]],
        [
          'project collisions',
          request(app).get('/projects/DB-2/collisions'),
          [404],
        ],
        [
          'acknowledge',
          request(app)
            .post(`/collisions/overlap:${first}:${second}/acknowledgement`)
            .send({ reason: 'mine now' }),
          [404],
        ],
        [
          'blast radius',
          request(app).get('/projects/SAN-1/blast-radius'),
          [404],
        ],
      ];
      for (const [name, attempt, statuses] of attempts) {
        const res = await attempt.set(carol);
        // The route's name in the failure message, not just a status.
        expect({ name, status: res.status }).toEqual({
          name,
          status: statuses.includes(res.status) ? res.status : statuses[0],
        });
      }
      // Reads of every project: only what carol may read, i.e. nothing.
      const carolWindows = await request(app)
        .get('/windows?from=2027-01-01T00:00:00Z')
        .set(carol);
      expect(carolWindows.body.items).toEqual([]);
      const adminWindows = await request(app)
        .get('/windows?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z')
        .set(as('admin'));
      expect(adminWindows.body.items.map((w: any) => w.id).sort()).toEqual(
        [san.id, db.id].sort(),
      );
      const all = await request(app).get('/collisions').set(carol);
      expect(all.status).toBe(200);
      expect(all.body.items).toEqual([]);

      expect(await windowRows()).toEqual(before);
      expect(await knex('pmo_freezes').select()).toEqual(freezesBefore);
      expect(await knex('pmo_collision_acks').select()).toEqual([]);
    });

    /**
     * A minimal RFC 5545 reader (no iCalendar library is installed, and the
     * plugin takes no dependency): unfolds lines, checks CRLF endings, line
     * lengths and BEGIN/END nesting, and returns the VEVENTs.
     */
    function parseIcs(text: string): Array<Record<string, string>> {
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      }
      const lines = text
        .replace(/\r\n[ \t]/g, '')
        .split('\r\n')
        .slice(0, -1);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
      expect(lines).toContain('VERSION:2.0');
      const events: Array<Record<string, string>> = [];
      let current: Record<string, string> | undefined;
      for (const line of lines) {
        if (line === 'BEGIN:VEVENT') {
          expect(current).toBeUndefined();
          current = {};
        } else if (line === 'END:VEVENT') {
          events.push(current!);
          current = undefined;
        } else if (current) {
          const colon = line.indexOf(':');
          current[line.slice(0, colon)] = line.slice(colon + 1);
        }
      }
      expect(current).toBeUndefined();
      return events;
    }

    it('serves the windows and freezes as an iCalendar feed in UTC, filtered and authorized like the API', async () => {
      const { san, db } = await weekend();
      const res = await request(app).get('/calendar.ics').set(as('admin'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const events = parseIcs(res.text);
      const byUid = new Map(events.map(e => [e.UID, e]));
      expect(byUid.get(san.id)).toMatchObject({
        DTSTART: '20270109T210000Z',
        DTEND: '20270110T050000Z',
        SUMMARY: 'SAN-1 cutover: SAN cutover',
        CATEGORIES: 'cutover',
      });
      expect(byUid.get(san.id)!.DESCRIPTION).toContain(
        'Change CHG0001 (approved)',
      );
      expect(byUid.get(db.id)).toMatchObject({ DTSTART: '20270110T010000Z' });
      expect(byUid.get('freeze-config:dba-freeze')).toMatchObject({
        DTSTART: '20270108T230000Z',
        DTEND: '20270110T230000Z',
      });
      for (const e of events) {
        expect(Object.keys(e)).toEqual(
          expect.arrayContaining(['UID', 'DTSTAMP', 'DTSTART', 'DTEND']),
        );
      }

      // Only the SAN window's radius reaches the SAN.
      const sanOnly = parseIcs(
        (
          await request(app)
            .get(`/calendar.ics?entityRef=${NAS}`)
            .set(as('admin'))
        ).text,
      );
      expect(
        sanOnly.map(e => e.UID).filter(uid => !uid.startsWith('freeze')),
      ).toEqual([san.id]);

      // Another group's user: no project's window, only the freezes.
      const carol = parseIcs(
        (await request(app).get('/calendar.ics').set(as('carol'))).text,
      );
      expect(carol.map(e => e.UID)).toEqual(['freeze-config:dba-freeze']);
      const bad = await request(app)
        .get('/calendar.ics?from=yesterday')
        .set(as('admin'));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('query.from');
    });

    it("flags a window on a service in hypercare after another project's transition", async () => {
      const { db } = await weekend();
      await knex('pmo_transitions').insert({
        entity_ref: ORACLE,
        project_key: 'OPS-9',
        state: 'hypercare',
        tier: 'tier-1',
        template_id: 'tier-1',
        template_version: 1,
        hypercare_days: 30,
        hypercare_start: '2027-01-01',
        hypercare_end: '2027-01-10',
        version: 1,
        created_at: '2027-01-01T00:00:00.000Z',
        updated_at: '2027-01-01T00:00:00.000Z',
      });
      const res = await request(app)
        .get('/projects/DB-2/collisions')
        .set(as('dave'));
      expect(res.status).toBe(200);
      // The end date is included: the Sunday 01:00 UTC window is inside.
      expect(
        res.body.items.find((c: any) => c.kind === 'hypercare'),
      ).toMatchObject({
        id: `hypercare:${db.id}:${ORACLE}`,
        severity: 'medium',
        b: { kind: 'hypercare', entityRef: ORACLE },
      });
      // The transition's own project may change its service.
      await knex('pmo_transitions')
        .where({ entity_ref: ORACLE })
        .update({ project_key: 'DB-2' });
      const own = await request(app)
        .get('/projects/DB-2/collisions')
        .set(as('dave'));
      expect(own.body.items.some((c: any) => c.kind === 'hypercare')).toBe(
        false,
      );
    });
  },
);
