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

import { ResponseError } from '@backstage/errors';
import { MAX_SUMMARY_BATCH } from '@infra-pmo/plugin-pmo-common';
import { PmoClient } from './PmoClient';

const baseUrl = 'http://localhost:7007/api/pmo';

function response(
  status: number,
  body?: unknown,
  contentType = 'application/json',
) {
  let text = '';
  if (typeof body === 'string') text = body;
  else if (body !== undefined) text = JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    url: baseUrl,
    headers: {
      get: (h: string) =>
        h.toLowerCase() === 'content-type' ? contentType : null,
    },
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response;
}

function setup(...responses: Response[]) {
  const fetch = jest.fn();
  for (const r of responses) fetch.mockResolvedValueOnce(r);
  const discoveryApi = { getBaseUrl: jest.fn().mockResolvedValue(baseUrl) };
  const client = new PmoClient({ discoveryApi, fetchApi: { fetch } });
  const call = (i = 0) => {
    const [url, init] = fetch.mock.calls[i];
    const isJson = init.headers['Content-Type'] === 'application/json';
    return {
      url: new URL(url),
      method: init.method,
      body: init.body && isJson ? JSON.parse(init.body) : init.body,
      headers: init.headers,
    };
  };
  return { client, fetch, discoveryApi, call };
}

const page = { items: [], totalItems: 0, pageInfo: {} };

describe('PmoClient', () => {
  it('lists projects with comma-joined filters and drops empty ones', async () => {
    const { client, call, discoveryApi } = setup(response(200, page));
    await client.listProjects({
      phase: ['planning', 'execution'],
      health: [],
      owner: ['group:default/wintel'],
      q: 'vsphere',
      orderBy: '-targetDate',
      limit: 20,
      cursor: 'abc',
    });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('pmo');
    const { url, method } = call();
    expect(method).toBe('GET');
    expect(url.pathname).toBe('/api/pmo/projects');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      phase: 'planning,execution',
      owner: 'group:default/wintel',
      q: 'vsphere',
      orderBy: '-targetDate',
      limit: '20',
      cursor: 'abc',
    });
  });

  it('creates, patches and deletes projects with the right methods and bodies', async () => {
    const { client, call } = setup(
      response(201, { key: 'INFRA-1' }),
      response(200, { key: 'INFRA-1' }),
      response(204),
    );
    await client.createProject({
      key: 'INFRA-1',
      title: 'T',
      owner: 'group:default/a',
    });
    await client.updateProject('INFRA-1', { version: 4, title: 'New' });
    await client.deleteProject('INFRA-1');
    expect(call(0)).toMatchObject({
      method: 'POST',
      body: { key: 'INFRA-1', title: 'T', owner: 'group:default/a' },
    });
    expect(call(0).url.pathname).toBe('/api/pmo/projects');
    expect(call(1)).toMatchObject({
      method: 'PATCH',
      body: { version: 4, title: 'New' },
    });
    expect(call(1).url.pathname).toBe('/api/pmo/projects/INFRA-1');
    expect(call(2).method).toBe('DELETE');
    expect(call(2).url.pathname).toBe('/api/pmo/projects/INFRA-1');
  });

  it('reads milestone and RAID lists whether wrapped in items or not', async () => {
    const { client, call } = setup(
      response(200, { items: [{ id: 'm1' }] }),
      response(200, [{ id: 'r1' }]),
    );
    await expect(client.listMilestones('INFRA-1')).resolves.toEqual([
      { id: 'm1' },
    ]);
    await expect(
      client.listRaidItems('INFRA-1', {
        type: ['risk'],
        status: ['open', 'mitigating'],
      }),
    ).resolves.toEqual([{ id: 'r1' }]);
    expect(call(0).url.pathname).toBe('/api/pmo/projects/INFRA-1/milestones');
    expect(call(1).url.pathname).toBe('/api/pmo/projects/INFRA-1/raid');
    expect(call(1).url.searchParams.get('type')).toBe('risk');
    expect(call(1).url.searchParams.get('status')).toBe('open,mitigating');
  });

  it('patches and deletes milestones and RAID items by id', async () => {
    const { client, call } = setup(
      response(200, {}),
      response(204),
      response(201, {}),
      response(200, {}),
      response(204),
    );
    await client.updateMilestone('m 1', { version: 2, forecastDate: null });
    await client.deleteMilestone('m1');
    await client.createRaidItem('INFRA-1', {
      type: 'risk',
      title: 'x',
      probability: 2,
      impact: 3,
    });
    await client.updateRaidItem('r1', { version: 5, status: 'closed' });
    await client.deleteRaidItem('r1');
    expect(call(0).url.pathname).toBe('/api/pmo/milestones/m%201');
    expect(call(0).body).toEqual({ version: 2, forecastDate: null });
    expect(call(1)).toMatchObject({ method: 'DELETE' });
    expect(call(2)).toMatchObject({
      method: 'POST',
      body: { type: 'risk', title: 'x', probability: 2, impact: 3 },
    });
    expect(call(2).url.pathname).toBe('/api/pmo/projects/INFRA-1/raid');
    expect(call(3)).toMatchObject({
      method: 'PATCH',
      body: { version: 5, status: 'closed' },
    });
    expect(call(3).url.pathname).toBe('/api/pmo/raid/r1');
    expect(call(4).url.pathname).toBe('/api/pmo/raid/r1');
  });

  it('links and unlinks entities by kind/namespace/name', async () => {
    const { client, call } = setup(response(201, {}), response(204));
    await client.linkEntity('INFRA-1', 'Component:default/VM-Provisioning');
    await client.unlinkEntity('INFRA-1', 'resource:ops/san-01');
    expect(call(0).method).toBe('PUT');
    expect(call(0).url.pathname).toBe(
      '/api/pmo/projects/INFRA-1/entities/component/default/vm-provisioning',
    );
    expect(call(1).method).toBe('DELETE');
    expect(call(1).url.pathname).toBe(
      '/api/pmo/projects/INFRA-1/entities/resource/ops/san-01',
    );
  });

  it('gets one entity summary and batches many', async () => {
    const refs = Array.from(
      { length: MAX_SUMMARY_BATCH + 3 },
      (_, i) => `component:default/c${i}`,
    );
    const { client, call, fetch } = setup(
      response(200, { entityRef: 'component:default/a', projects: [] }),
      response(200, {
        items: refs.slice(0, MAX_SUMMARY_BATCH).map(() => null),
      }),
      response(200, {
        items: [null, { entityRef: refs[MAX_SUMMARY_BATCH + 1] }, null],
      }),
    );
    await client.getEntitySummary('component:a');
    expect(call(0).url.pathname).toBe(
      '/api/pmo/entities/component/default/a/summary',
    );

    const result = await client.getEntitySummaries(refs);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(call(1)).toMatchObject({ method: 'POST' });
    expect(call(1).url.pathname).toBe('/api/pmo/entities/summaries');
    expect(call(1).body.entityRefs).toHaveLength(MAX_SUMMARY_BATCH);
    expect(call(2).body.entityRefs).toEqual(refs.slice(MAX_SUMMARY_BATCH));
    expect(result).toHaveLength(refs.length);
    expect(result[MAX_SUMMARY_BATCH + 1]).toEqual({
      entityRef: refs[MAX_SUMMARY_BATCH + 1],
    });
  });

  it('reads portfolio, history and CSV exports', async () => {
    const { client, call } = setup(
      response(200, {}),
      response(200, page),
      response(200, 'key,title\nINFRA-1,T\n', 'text/csv'),
    );
    await client.getPortfolio({
      owner: ['group:default/a', 'group:default/b'],
      system: 'system:default/vdi',
    });
    await client.getHistory('INFRA-1', { limit: 10, cursor: 'c2' });
    await expect(client.exportCsv('raid')).resolves.toBe(
      'key,title\nINFRA-1,T\n',
    );
    expect(Object.fromEntries(call(0).url.searchParams)).toEqual({
      owner: 'group:default/a,group:default/b',
      system: 'system:default/vdi',
    });
    expect(call(1).url.pathname).toBe('/api/pmo/projects/INFRA-1/history');
    expect(Object.fromEntries(call(1).url.searchParams)).toEqual({
      limit: '10',
      cursor: 'c2',
    });
    expect(call(2).url.pathname).toBe('/api/pmo/export/raid.csv');
  });

  it('imports CSV as text/csv with kind and dryRun in the query, JSON as a body', async () => {
    const result = { dryRun: true, applied: false, counts: {}, errors: [] };
    const { client, call } = setup(
      response(200, result),
      response(200, result),
    );
    await client.importData({
      format: 'csv',
      kind: 'milestones',
      csv: 'a,b\n1,2',
      dryRun: true,
    });
    await client.importData({
      format: 'json',
      batch: {
        projects: [{ key: 'INFRA-1', title: 'T', owner: 'group:default/a' }],
      },
      dryRun: false,
    });
    expect(call(0)).toMatchObject({ method: 'POST', body: 'a,b\n1,2' });
    expect(call(0).headers['Content-Type']).toBe('text/csv');
    expect(Object.fromEntries(call(0).url.searchParams)).toEqual({
      kind: 'milestones',
      dryRun: 'true',
    });
    expect(call(1).body).toEqual({
      projects: [{ key: 'INFRA-1', title: 'T', owner: 'group:default/a' }],
      dryRun: false,
    });
    expect(call(1).url.search).toBe('');
  });

  it('calls the cross-project RAID, milestones and project entities routes', async () => {
    const { client, call } = setup(
      response(200, page),
      response(200, page),
      response(200, {
        items: [{ entityRef: 'component:default/a', source: 'manual' }],
      }),
      response(200, page),
    );
    await client.searchRaid({
      type: ['risk'],
      status: ['open', 'mitigating'],
      probability: [4],
      impact: [5],
      owner: ['group:default/dba'],
    });
    expect(call(0).url.pathname).toBe('/api/pmo/raid');
    expect(Object.fromEntries(call(0).url.searchParams)).toEqual({
      type: 'risk',
      status: 'open,mitigating',
      probability: '4',
      impact: '5',
      owner: 'group:default/dba',
    });
    await client.searchMilestones({ from: '2026-01-01', to: '2026-12-31' });
    expect(call(1).url.pathname).toBe('/api/pmo/milestones');
    expect(call(1).url.search).toBe('?from=2026-01-01&to=2026-12-31');
    expect(await client.listProjectEntities('INFRA-101')).toEqual([
      { entityRef: 'component:default/a', source: 'manual' },
    ]);
    expect(call(2).url.pathname).toBe('/api/pmo/projects/INFRA-101/entities');
    await client.listProjects({ system: 'system:default/compute' });
    expect(call(3).url.searchParams.get('system')).toBe(
      'system:default/compute',
    );
  });

  it('calls the run transition routes with the right methods and bodies', async () => {
    const board = { items: [], countsByState: {}, pageInfo: {} };
    const { client, call } = setup(
      ...Array.from({ length: 6 }, () => response(200, {})),
      response(200, board),
    );
    const ref = 'Component:default/VM-Provisioning';
    const base =
      '/api/pmo/entities/component/default/vm-provisioning/transition';
    await client.getTransition(ref);
    expect(call(0)).toMatchObject({ method: 'GET' });
    expect(call(0).url.pathname).toBe(base);
    await client.putTransition(ref, { projectKey: 'INFRA-101' });
    expect(call(1)).toMatchObject({
      method: 'PUT',
      body: { projectKey: 'INFRA-101' },
    });
    await client.updateTransitionItem(ref, 'runbook', {
      status: 'done',
      evidenceUrl: 'https://x.example.com',
      version: 3,
    });
    expect(call(2).url.pathname).toBe(`${base}/items/runbook`);
    expect(call(2)).toMatchObject({ method: 'PATCH' });
    await client.signOffTransition(ref, 'run', 3);
    expect(call(3).url.pathname).toBe(`${base}/signoffs`);
    expect(call(3)).toMatchObject({
      method: 'POST',
      body: { role: 'run', version: 3 },
    });
    await client.revokeTransitionSignOff(ref, 'delivery', 4);
    expect(call(4).url.pathname).toBe(`${base}/signoffs/delivery`);
    expect(call(4).url.search).toBe('?version=4');
    expect(call(4)).toMatchObject({ method: 'DELETE' });
    await client.moveTransition(ref, { target: 'accepted', version: 3 });
    expect(call(5).url.pathname).toBe(`${base}/state`);
    expect(call(5)).toMatchObject({
      method: 'POST',
      body: { target: 'accepted', version: 3 },
    });
    expect(
      await client.listTransitions({ state: ['hypercare'], mismatch: true }),
    ).toEqual(board);
    expect(call(6).url.pathname).toBe('/api/pmo/transitions');
    expect(call(6).url.search).toBe('?state=hypercare&mismatch=true');
  });

  it('throws a ResponseError carrying the server error on failure', async () => {
    const { client } = setup(
      response(409, {
        error: {
          name: 'ConflictError',
          message: 'Project INFRA-1 was modified (version 5)',
        },
        response: { statusCode: 409 },
      }),
    );
    const error = await client
      .updateProject('INFRA-1', { version: 4, title: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error).toEqual({
      name: 'ConflictError',
      message: 'Project INFRA-1 was modified (version 5)',
    });
  });

  it('reads snapshots, trends and status reports with their filters', async () => {
    const snapshot = { id: 3, period: '2026-W49' };
    const { client, call } = setup(
      response(200, { items: [snapshot] }),
      response(201, snapshot),
      response(200, { snapshot, ...page, byHealth: {}, watermelons: 0 }),
      response(200, { points: [] }),
      response(200, '# Status report', 'text/markdown'),
      response(200, 'snapshotId,period\r\n', 'text/csv'),
    );
    await expect(client.listSnapshots()).resolves.toEqual([snapshot]);
    await expect(client.createSnapshot()).resolves.toEqual(snapshot);
    await client.listSnapshotProjects(3, {
      owner: ['group:default/storage'],
      phase: ['execution'],
      health: [],
      limit: 20,
      cursor: 'c1',
    });
    await client.getTrends({ weeks: 12, system: 'system:default/san' });
    await expect(
      client.getStatusReport('md', { snapshot: 'latest', project: 'INFRA-1' }),
    ).resolves.toBe('# Status report');
    await expect(
      client.getStatusReport('csv', {
        snapshot: 3,
        owner: ['group:default/a', 'group:default/b'],
        health: ['red', 'amber'],
      }),
    ).resolves.toBe('snapshotId,period\r\n');

    expect(call(0).url.pathname).toBe('/api/pmo/snapshots');
    expect(call(1)).toMatchObject({ method: 'POST', body: undefined });
    expect(call(1).url.pathname).toBe('/api/pmo/snapshots');
    expect(call(2).url.pathname).toBe('/api/pmo/snapshots/3/projects');
    expect(Object.fromEntries(call(2).url.searchParams)).toEqual({
      owner: 'group:default/storage',
      phase: 'execution',
      limit: '20',
      cursor: 'c1',
    });
    expect(call(3).url.pathname).toBe('/api/pmo/trends');
    expect(Object.fromEntries(call(3).url.searchParams)).toEqual({
      weeks: '12',
      system: 'system:default/san',
    });
    expect(call(4).url.pathname).toBe('/api/pmo/reports/status.md');
    expect(Object.fromEntries(call(4).url.searchParams)).toEqual({
      snapshot: 'latest',
      project: 'INFRA-1',
    });
    expect(call(5).url.pathname).toBe('/api/pmo/reports/status.csv');
    expect(Object.fromEntries(call(5).url.searchParams)).toEqual({
      snapshot: '3',
      owner: 'group:default/a,group:default/b',
      health: 'red,amber',
    });
  });

  it('reads the change calendar and acknowledges a collision by its encoded id', async () => {
    const { client, call } = setup(
      response(200, { items: [{ id: 'w1' }] }),
      response(200, { items: [] }),
      response(200, { id: 'overlap:w1:w2' }),
    );
    expect(
      await client.listWindows({ from: '2027-03-01', to: '2027-04-01' }),
    ).toEqual([{ id: 'w1' }]);
    expect(call(0).url.pathname).toBe('/api/pmo/windows');
    expect(call(0).url.searchParams.get('from')).toBe('2027-03-01');
    await client.listCollisions({
      from: '2027-03-01',
      to: '2027-04-01',
      entityRef: 'component:default/oracle-db-service',
    });
    expect(call(1).url.searchParams.get('entityRef')).toBe(
      'component:default/oracle-db-service',
    );
    await client.acknowledgeCollision('overlap:w1:w2', 'CAB: go');
    expect(call(2)).toMatchObject({
      method: 'POST',
      body: { reason: 'CAB: go' },
    });
    expect(call(2).url.pathname).toBe(
      '/api/pmo/collisions/overlap%3Aw1%3Aw2/acknowledgement',
    );
  });
});
