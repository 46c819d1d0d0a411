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

import type { Snapshot, SnapshotProject } from '@infra-pmo/plugin-pmo-common';
import { parse } from 'csv-parse/sync';
import { STATUS_REPORT_COLUMNS, statusReportCsv } from './reportCsv';
import { statusReportMarkdown } from './reportMarkdown';
import { escapeMarkdown } from './reportMarkdownParts';

const snapshot: Snapshot = {
  id: 12,
  takenAt: '2026-12-07T06:00:00.000Z',
  period: '2026-W50',
  kind: 'scheduled',
  takenBy: 'plugin:pmo/weekly-snapshot',
  projectCount: 3,
};

function project(overrides: Partial<SnapshotProject> = {}): SnapshotProject {
  return {
    snapshotId: 12,
    projectKey: 'INFRA-101',
    title: 'SAN refresh',
    phase: 'execution',
    owner: 'group:default/storage',
    priority: 'high',
    targetDate: '2027-03-31',
    declaredHealth: { status: 'green', reason: 'Vendor is confident' },
    computedHealth: {
      status: 'red',
      reasons: [
        {
          code: 'milestone_slip',
          severity: 'red',
          message: "'Data migrated' forecast 25 days after baseline",
        },
        {
          code: 'high_risk',
          severity: 'amber',
          message: "Open risk 'Array delivery late' scores 16",
        },
      ],
    },
    health: 'red',
    watermelon: true,
    milestones: [
      {
        title: 'Design approved',
        baselineDate: '2026-02-01',
        actualDate: '2026-02-03',
        status: 'done',
        gate: false,
        slipDays: 2,
      },
      {
        title: 'Data migrated',
        baselineDate: '2027-01-10',
        forecastDate: '2027-02-04',
        status: 'in_progress',
        gate: true,
        slipDays: 25,
      },
    ],
    openRaid: { risk: 1, assumption: 0, issue: 1, dependency: 0 },
    highRisks: 1,
    topRisks: [
      {
        title: 'Array delivery late',
        probability: 4,
        impact: 4,
        score: 16,
        owner: 'jane',
        action: 'Weekly vendor call',
        dueDate: '2027-01-05',
      },
    ],
    asks: [
      {
        type: 'issue',
        title: 'Firmware bug',
        score: 6,
        owner: 'bob',
        action: 'Escalate to vendor support',
        dueDate: '2026-12-01',
        overdue: true,
      },
    ],
    openSlipDays: 25,
    openDatedMilestones: 1,
    ...overrides,
  };
}

const green = project({
  projectKey: 'NET-3',
  title: 'Core network',
  owner: 'group:default/network',
  declaredHealth: { status: 'green' },
  computedHealth: { status: 'green', reasons: [] },
  health: 'green',
  watermelon: false,
  milestones: [],
  topRisks: [],
  asks: [],
  openSlipDays: 0,
  openDatedMilestones: 0,
});

describe('escapeMarkdown', () => {
  it('neutralizes links, HTML, tables, emphasis and line breaks', () => {
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('line1\nline2\r\n# Heading')).toBe(
      'line1 line2 # Heading',
    );
    expect(escapeMarkdown('[click](https://evil.example)')).toBe(
      '\\[click\\](https:/\u2060/evil.example)',
    );
    expect(escapeMarkdown('![img](x)')).toBe('!\\[img\\](x)');
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(escapeMarkdown('<https://evil.example>')).toBe(
      '&lt;https:/\u2060/evil.example&gt;',
    );
    expect(escapeMarkdown('*bold* _it_ `code` ~~x~~ \\')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~ \\\\',
    );
    expect(escapeMarkdown('a\u0000b\u2028c')).toBe('ab c');
    expect(escapeMarkdown('see www.evil.example or ops@evil.example')).toBe(
      'see www\u2060.evil.example or ops\u2060@evil.example',
    );
    expect(escapeMarkdown('x'.repeat(300))).toHaveLength(200);
  });
});

describe('statusReportMarkdown', () => {
  it('renders one project: RAG with reasons, milestones, risks, asks', () => {
    const text = statusReportMarkdown({
      snapshot,
      projects: [project()],
      totalProjects: 1,
      scope: 'project INFRA-101',
      single: true,
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# Status report: INFRA-101 SAN refresh');
    expect(text).toContain(
      'As of **2026-W50**: snapshot #12 (scheduled), taken 2026-12-07 06:00 UTC.',
    );
    expect(text).toContain('not from live data');
    expect(text).toContain(
      '### Health: RED, watermelon (declared better than the facts)',
    );
    expect(lines).toContain('- **Declared:** GREEN: Vendor is confident');
    const computed = lines.indexOf('- **Computed:** RED');
    expect(lines.slice(computed + 1, computed + 3)).toEqual([
      "  - 'Data migrated' forecast 25 days after baseline",
      "  - Open risk 'Array delivery late' scores 16",
    ]);
    expect(lines).toContain(
      '| Data migrated (gate) | 2027-01-10 | 2027-02-04 | – | +25 | in progress |',
    );
    expect(lines).toContain(
      '| Array delivery late | 4 × 4 = 16 | jane | Weekly vendor call | 2027-01-05 |',
    );
    expect(lines).toContain(
      '- **Issue** Firmware bug (overdue since 2026-12-01, owner bob): Escalate to vendor support',
    );
  });

  it('renders the portfolio page worst first with counts and lists', () => {
    const text = statusReportMarkdown({
      snapshot,
      projects: [project(), green],
      totalProjects: 2,
      scope: 'owner group:default/storage, group:default/network',
    });
    expect(text).toMatch(/^# Portfolio status report, 2026-W50\n/);
    expect(text).toContain(
      '**Health:** RED 1 · AMBER 0 · GREEN 1 · 1 watermelon',
    );
    const rows = text.split('\n').filter(l => l.startsWith('| **'));
    expect(rows).toEqual([
      "| **INFRA-101** SAN refresh | **RED** (watermelon) | GREEN: Vendor is confident | RED: 'Data migrated' forecast 25 days after baseline; Open risk 'Array delivery late' scores 16 | Data migrated: 2027-01-10 → 2027-02-04 (+25 d) |",
      '| **NET-3** Core network | **GREEN** | GREEN | GREEN | – |',
    ]);
    expect(text).toContain(
      '| INFRA-101 | Data migrated (gate) | 2027-01-10 | 2027-02-04 | +25 |',
    );
    expect(text).toContain('- INFRA-101: **Issue** Firmware bug');
  });

  it('says how many projects are not shown and handles no match', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      project({ projectKey: `BULK-${i + 1}` }),
    );
    const text = statusReportMarkdown({
      snapshot,
      projects: many,
      totalProjects: 40,
      scope: 'all projects',
    });
    expect(text.split('\n').filter(l => l.startsWith('| **'))).toHaveLength(25);
    expect(text).toContain('15 more projects not shown on this page');
    expect(
      statusReportMarkdown({
        snapshot,
        projects: [],
        totalProjects: 0,
        scope: 'health red',
      }),
    ).toContain('No project matches this filter in the snapshot.');
  });

  it('escapes user text everywhere it appears', () => {
    const evil = project({
      title:
        'Evil | [phish](https://evil.example)\n<img src=x onerror=alert(1)>',
      declaredHealth: { status: 'green', reason: '**all good** `rm -rf`' },
      topRisks: [
        {
          title: 'Risk | with pipe',
          probability: 5,
          impact: 5,
          score: 25,
          owner: '<b>owner</b>',
          action: '[x](javascript:alert(1))',
        },
      ],
    });
    const text = statusReportMarkdown({
      snapshot,
      projects: [evil],
      totalProjects: 1,
      scope: 'project INFRA-101',
      single: true,
    });
    // No raw HTML, and no `](` that is not escaped (a link).
    expect(text).not.toMatch(/<img|<b>|(?<!\\)\]\(/);
    expect(text).toContain(
      '# Status report: INFRA-101 Evil \\| \\[phish\\](https:/\u2060/evil.example) &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(text).toContain('GREEN: \\*\\*all good\\*\\* \\`rm -rf\\`');
    expect(text).toContain(
      '| Risk \\| with pipe | 5 × 5 = 25 | &lt;b&gt;owner&lt;/b&gt; | \\[x\\](javascript:alert(1)) | – |',
    );
    // Every table row keeps its column count: no pipe leaked.
    for (const row of text.split('\n').filter(l => l.startsWith('| Risk'))) {
      expect(row.split(/(?<!\\)\|/).length).toBe(7);
    }
  });
});

describe('statusReportCsv', () => {
  it('writes one row per project with the report columns', () => {
    const csv = statusReportCsv({
      snapshot,
      projects: [project(), green],
      totalProjects: 2,
      scope: 'all projects',
    });
    const [header, ...rows] = parse(csv) as string[][];
    expect(header).toEqual([...STATUS_REPORT_COLUMNS]);
    const record = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(record).toEqual({
      snapshotId: '12',
      period: '2026-W50',
      takenAt: '2026-12-07T06:00:00.000Z',
      projectKey: 'INFRA-101',
      title: 'SAN refresh',
      owner: 'group:default/storage',
      phase: 'execution',
      health: 'red',
      watermelon: 'true',
      declaredHealth: 'green',
      declaredReason: 'Vendor is confident',
      computedHealth: 'red',
      computedReasons:
        "'Data migrated' forecast 25 days after baseline; Open risk 'Array delivery late' scores 16",
      milestones:
        'Design approved: 2026-02-01 -> 2026-02-03 (+2 d, done); Data migrated: 2027-01-10 -> 2027-02-04 (+25 d, in_progress)',
      maxOpenSlipDays: '25',
      openRisks: '1',
      highRisks: '1',
      topRisks: 'Array delivery late (4x4=16, jane)',
      asks: 'issue: Firmware bug (overdue 2026-12-01)',
    });
    expect(rows[1][header.indexOf('maxOpenSlipDays')]).toBe('');
  });

  it('defuses spreadsheet formulas in every text cell', () => {
    const csv = statusReportCsv({
      snapshot,
      projects: [
        project({
          title: '=HYPERLINK("https://evil.example","x")',
          declaredHealth: { status: 'green', reason: '+1 from the CIO' },
          owner: '@SUM(A1)',
          topRisks: [{ title: '-2+3', probability: 1, impact: 1, score: 1 }],
          asks: [],
          milestones: [],
        }),
      ],
      totalProjects: 1,
      scope: 'all projects',
    });
    const [header, row] = parse(csv) as string[][];
    const get = (c: string) => row[header.indexOf(c)];
    expect(get('title')).toBe('\'=HYPERLINK("https://evil.example","x")');
    expect(get('declaredReason')).toBe("'+1 from the CIO");
    expect(get('owner')).toBe("'@SUM(A1)");
    expect(get('topRisks')).toBe("'-2+3 (1x1=1)");
  });
});
