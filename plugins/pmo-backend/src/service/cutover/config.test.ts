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

import { ConfigReader } from '@backstage/config';
import { readCutoverConfig } from './config';

const read = (cutover: object) =>
  readCutoverConfig(new ConfigReader({ pmo: { cutover } }));

describe('readCutoverConfig', () => {
  it('defaults to depth 3 and no freezes', () => {
    expect(readCutoverConfig(new ConfigReader({}))).toEqual({
      maxDepth: 3,
      freezes: [],
    });
  });

  it('reads freezes as written and as UTC instants, read-only', () => {
    const { freezes } = read({
      freezes: [
        {
          id: 'q1',
          title: 'Quarter end',
          scope: { kind: 'system', ref: 'system:default/Data-Platform' },
          start: '2027-03-25T00:00',
          end: '2027-04-06T00:00',
          timeZone: 'Europe/Berlin',
        },
        { title: 'Open', start: '2027-12-01T00:00' },
      ],
    });
    expect(freezes[0]).toEqual({
      id: 'config:q1',
      title: 'Quarter end',
      scope: { kind: 'system', ref: 'system:default/data-platform' },
      start: '2027-03-25T00:00',
      end: '2027-04-06T00:00',
      timeZone: 'Europe/Berlin',
      // CET before the 28 March DST change, CEST after it.
      startAt: '2027-03-24T23:00:00.000Z',
      endAt: '2027-04-05T22:00:00.000Z',
      source: 'config',
      version: 1,
    });
    expect(freezes[1]).toMatchObject({
      id: 'config:1',
      scope: { kind: 'all' },
      timeZone: 'UTC',
    });
    expect(freezes[1].endAt).toBeUndefined();
  });

  it('fails the start on a bad freeze or depth, naming the field', () => {
    expect(() =>
      read({
        freezes: [
          { title: 'x', start: '2027-01-02T00:00', end: '2027-01-01T00:00' },
        ],
      }),
    ).toThrow('pmo.cutover.freezes[0].end: must be after start');
    expect(() =>
      read({
        freezes: [
          { title: 'x', start: '2027-01-02T00:00', scope: { kind: 'team' } },
        ],
      }),
    ).toThrow('pmo.cutover.freezes[0].scope.kind');
    expect(() => read({ maxDepth: 50 })).toThrow('pmo.cutover.maxDepth');
  });
});
