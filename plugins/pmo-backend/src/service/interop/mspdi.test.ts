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

import fs from 'node:fs';
import path from 'node:path';
import { MAX_MSPDI_TASKS, parseMspdi } from './mspdi';

const fixture = fs.readFileSync(
  path.join(__dirname, '__fixtures__', 'dc-migration.mspdi.xml'),
  'utf8',
);

describe('parseMspdi', () => {
  it('reads the project and the milestone tasks of an MS Project file', () => {
    expect(parseMspdi(fixture)).toEqual({
      project: {
        title: 'Data-centre migration wave 1',
        startDate: '2026-03-02',
        targetDate: '2026-09-30',
      },
      milestones: [
        {
          externalId: 'mspdi:3',
          title: 'Design approved (gate)',
          // Baseline number 0, not the later number 1.
          baselineDate: '2026-04-15',
          forecastDate: '2026-04-17',
          actualDate: '2026-04-20',
          status: 'done',
        },
        {
          externalId: 'mspdi:5',
          title: 'Pilot wave cut over',
          baselineDate: '2026-06-01',
          forecastDate: '2026-06-12',
          actualDate: undefined,
          status: 'planned',
        },
        {
          externalId: 'mspdi:6',
          title: 'Old data centre decommissioned',
          baselineDate: '2026-09-15',
          forecastDate: '2026-09-30',
          actualDate: undefined,
          status: 'planned',
        },
      ],
    });
  });

  it('takes the summary tasks of the chosen outline level too', () => {
    const { milestones } = parseMspdi(fixture, { summaryLevel: 1 });
    expect(milestones.map(m => [m.externalId, m.status])).toEqual([
      ['mspdi:1', 'done'],
      ['mspdi:3', 'done'],
      ['mspdi:4', 'in_progress'],
      ['mspdi:5', 'planned'],
      ['mspdi:6', 'planned'],
    ]);
    expect(milestones[2]).toMatchObject({
      title: 'Migration',
      baselineDate: '2026-09-15',
      forecastDate: '2026-09-30',
    });
  });

  it('refuses an entity bomb and an external entity at once, without expanding', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE Project [',
      '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(
            97 + i,
          )};`.repeat(10)}">`,
      ),
      ']>',
      '<Project><Title>&j;</Title></Project>',
    ].join('\n');
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project><Title>&x;</Title></Project>';
    for (const xml of [lol, xxe]) {
      const started = Date.now();
      expect(() => parseMspdi(xml)).toThrow(
        'Invalid request: body: XML with a DOCTYPE or entity declarations is refused',
      );
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('leaves character references unexpanded and refuses what is not a plan', () => {
    const refs = `<Project><Title>${'&#65;'.repeat(1000)}</Title></Project>`;
    expect(parseMspdi(refs).project.title).toBe('&#65;'.repeat(1000));
    expect(() => parseMspdi('<Project><Title>x</Project>')).toThrow(
      /Invalid request: body: not well-formed XML \(line 1/,
    );
    expect(() => parseMspdi('<Plan/>')).toThrow(
      'Invalid request: body: not an MS Project XML file (no Project element)',
    );
  });

  it('refuses more tasks than it reads from one file', () => {
    const task = '<Task><UID>1</UID><Milestone>1</Milestone></Task>';
    const xml = `<Project><Tasks>${task.repeat(
      MAX_MSPDI_TASKS + 1,
    )}</Tasks></Project>`;
    expect(() => parseMspdi(xml)).toThrow(
      `has ${MAX_MSPDI_TASKS + 1} tasks; at most ${MAX_MSPDI_TASKS}`,
    );
  });
});
