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

import type {
  Health,
  HealthReason,
  Snapshot,
  SnapshotAsk,
  SnapshotMilestone,
  SnapshotProject,
  SnapshotRisk,
} from '@infra-pmo/plugin-pmo-common';
import { isMilestoneClosed } from '@infra-pmo/plugin-pmo-common';
import { stringify } from 'csv-stringify/sync';
import { exportCell } from '../service/csv';

/*
 * The one-page executive status report, rendered from a snapshot only
 * (never from live data): RAG with its reasons, milestones baseline vs
 * forecast, top risks and asks. Pure functions: the router loads the
 * snapshot rows and sends the text.
 */

/** Input of the status report renderers. @internal */
export interface StatusReportInput {
  snapshot: Snapshot;
  /** Matching projects, worst health first (the store's order). */
  projects: SnapshotProject[];
  /** Matching projects in total; more than `projects` when capped. */
  totalProjects: number;
  /** One line describing the filter, e.g. `Owner group:default/storage`. */
  scope: string;
  /** A single-project report (`?project=KEY`). */
  single?: boolean;
}

/** Rows of each list in the portfolio report: it must fit on a page. */
const PORTFOLIO_ROWS = 25;
const LIST_ROWS = 10;
const MAX_TEXT = 200;

/** U+2060 WORD JOINER: invisible, breaks autolink patterns. */
const WJ = '\u2060';

const HEALTH_LABEL: Record<Health, string> = {
  red: 'RED',
  amber: 'AMBER',
  green: 'GREEN',
};

/**
 * Makes user text inert inline Markdown: one line, no HTML, no links,
 * images, emphasis, code or table breaks. Control characters are dropped,
 * line breaks become spaces, `& < >` become entities and the characters
 * that open Markdown constructs are backslash-escaped.
 * @internal
 */
export function escapeMarkdown(value: unknown, max = MAX_TEXT): string {
  let text = String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n|[\r\n\t\u0085\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, m => `\\${m}`)
      // GFM links bare URLs, www. hosts and e-mail addresses by itself (after
      // decoding entities, so escapes do not help): an invisible WORD JOINER
      // breaks the pattern and keeps the text as it reads.
      .replace(/:\/\//g, `:/${WJ}/`)
      .replace(/\bwww\./gi, m => `${m.slice(0, 3)}${WJ}.`)
      .replace(/@/g, `${WJ}@`)
  );
}

const md = (value: unknown, max?: number) => escapeMarkdown(value, max);

function describeSnapshot(s: Snapshot): string {
  const at = `${s.takenAt.slice(0, 10)} ${s.takenAt.slice(11, 16)} UTC`;
  return `As of **${s.period}**: snapshot #${s.id} (${s.kind}), taken ${at}.`;
}

function slip(days: number | undefined): string {
  if (days === undefined) return '–';
  return days > 0 ? `+${days}` : String(days);
}

function reasonsText(reasons: HealthReason[]): string {
  return reasons.length ? reasons.map(r => r.message).join('; ') : '';
}

function declaredText(p: SnapshotProject): string {
  if (!p.declaredHealth) return 'not declared';
  const reason = p.declaredHealth.reason ? `: ${p.declaredHealth.reason}` : '';
  return `${p.declaredHealth.status.toUpperCase()}${reason}`;
}

function computedText(p: SnapshotProject): string {
  const reasons = reasonsText(p.computedHealth.reasons);
  return `${p.computedHealth.status.toUpperCase()}${
    reasons ? `: ${reasons}` : ''
  }`;
}

/** The open milestone that slipped most, else the next open one. */
function keyMilestone(p: SnapshotProject): SnapshotMilestone | undefined {
  const open = p.milestones.filter(m => !isMilestoneClosed(m));
  const slipped = open
    .filter(m => (m.slipDays ?? 0) > 0)
    .sort((a, b) => (b.slipDays ?? 0) - (a.slipDays ?? 0));
  return slipped[0] ?? open[0];
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ];
}

function riskRow(r: SnapshotRisk): string[] {
  return [
    md(r.title),
    `${r.probability} × ${r.impact} = ${r.score}`,
    md(r.owner ?? '–'),
    md(r.action ?? '–'),
    r.dueDate ?? '–',
  ];
}

function askText(a: SnapshotAsk): string {
  const why = [
    a.overdue ? `overdue since ${a.dueDate}` : undefined,
    a.score >= 15 ? `score ${a.score}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const owner = a.owner ? `, owner ${md(a.owner)}` : '';
  const action = a.action ? `: ${md(a.action)}` : '';
  return `**${a.type === 'issue' ? 'Issue' : 'Dependency'}** ${md(
    a.title,
  )} (${why}${owner})${action}`;
}

function projectSection(p: SnapshotProject): string[] {
  const lines: string[] = [];
  const facts = [
    `**Owner:** ${md(p.owner)}`,
    `**Phase:** ${md(p.phase)}`,
    `**Priority:** ${md(p.priority)}`,
  ];
  if (p.targetDate) facts.push(`**Target:** ${p.targetDate}`);
  lines.push(facts.join(' · '), '');
  lines.push(
    `### Health: ${HEALTH_LABEL[p.health]}${
      p.watermelon ? ', watermelon (declared better than the facts)' : ''
    }`,
    '',
    `- **Declared:** ${md(declaredText(p))}`,
    `- **Computed:** ${p.computedHealth.status.toUpperCase()}${
      p.computedHealth.reasons.length
        ? ''
        : ': no issue found in milestones, RAID or status age'
    }`,
    ...p.computedHealth.reasons.map(r => `  - ${md(r.message)}`),
    '',
    '### Milestones',
    '',
  );
  if (p.milestones.length === 0) lines.push('No milestones.');
  else
    lines.push(
      ...table(
        [
          'Milestone',
          'Baseline',
          'Forecast',
          'Actual',
          'Slip (days)',
          'Status',
        ],
        p.milestones
          .slice(0, LIST_ROWS)
          .map(m => [
            `${md(m.title)}${m.gate ? ' (gate)' : ''}`,
            m.baselineDate ?? '–',
            m.forecastDate ?? '–',
            m.actualDate ?? '–',
            slip(m.slipDays),
            md(m.status.replace(/_/g, ' ')),
          ]),
      ),
    );
  lines.push('', '### Top risks', '');
  if (p.topRisks.length === 0) lines.push('No open risks.');
  else
    lines.push(
      ...table(
        ['Risk', 'P × I', 'Owner', 'Action', 'Due'],
        p.topRisks.map(riskRow),
      ),
    );
  lines.push('', '### Asks', '');
  if (p.asks.length === 0) lines.push('Nothing to escalate.');
  else lines.push(...p.asks.map(a => `- ${askText(a)}`));
  return lines;
}

/**
 * The status report as Markdown: one project in detail, or a portfolio
 * page (health counts, the worst projects with their RAG and reasons, the
 * most slipped milestones, the top risks and the asks).
 * @internal
 */
export function statusReportMarkdown(input: StatusReportInput): string {
  const { snapshot, projects } = input;
  const lines: string[] = [];
  if (input.single && projects.length === 1) {
    const p = projects[0];
    lines.push(
      `# Status report: ${md(p.projectKey)} ${md(p.title)}`,
      '',
      `${describeSnapshot(
        snapshot,
      )} Generated from the snapshot, not from live data.`,
      '',
      ...projectSection(p),
    );
    return `${lines.join('\n')}\n`;
  }

  lines.push(
    `# Portfolio status report, ${snapshot.period}`,
    '',
    `${describeSnapshot(
      snapshot,
    )} Generated from the snapshot, not from live data.`,
    '',
    `**Scope:** ${md(input.scope)} · ${input.totalProjects} project${
      input.totalProjects === 1 ? '' : 's'
    }`,
    '',
  );
  if (projects.length === 0) {
    lines.push('No project matches this filter in the snapshot.');
    return `${lines.join('\n')}\n`;
  }
  const counts = { red: 0, amber: 0, green: 0 } as Record<Health, number>;
  let watermelons = 0;
  for (const p of projects) {
    counts[p.health] += 1;
    if (p.watermelon) watermelons += 1;
  }
  const partial = input.totalProjects > projects.length;
  lines.push(
    `**Health${partial ? ` of the ${projects.length} worst` : ''}:** ${
      HEALTH_LABEL.red
    } ${counts.red} · ${HEALTH_LABEL.amber} ${counts.amber} · ${
      HEALTH_LABEL.green
    } ${counts.green} · ${watermelons} watermelon${
      watermelons === 1 ? '' : 's'
    }`,
    '',
    '## Projects',
    '',
  );
  const shown = projects.slice(0, PORTFOLIO_ROWS);
  lines.push(
    ...table(
      ['Project', 'RAG', 'Declared', 'Computed', 'Key milestone'],
      shown.map(p => {
        const m = keyMilestone(p);
        return [
          `**${md(p.projectKey)}** ${md(p.title, 60)}`,
          `**${HEALTH_LABEL[p.health]}**${p.watermelon ? ' (watermelon)' : ''}`,
          md(declaredText(p), 120),
          md(computedText(p), 160),
          m
            ? `${md(m.title, 60)}: ${m.baselineDate ?? '–'} → ${
                m.forecastDate ?? '–'
              } (${slip(m.slipDays)} d)`
            : '–',
        ];
      }),
    ),
  );
  const hidden = input.totalProjects - shown.length;
  if (hidden > 0) {
    lines.push(
      '',
      `${hidden} more project${
        hidden === 1 ? '' : 's'
      } not shown on this page; narrow the filter or download the CSV.`,
    );
  }

  const slipped = projects
    .flatMap(p =>
      p.milestones
        .filter(m => !isMilestoneClosed(m) && (m.slipDays ?? 0) > 0)
        .map(m => ({ p, m })),
    )
    .sort((a, b) => (b.m.slipDays ?? 0) - (a.m.slipDays ?? 0))
    .slice(0, LIST_ROWS);
  lines.push('', '## Most slipped milestones', '');
  if (slipped.length === 0) lines.push('No open milestone has slipped.');
  else
    lines.push(
      ...table(
        ['Project', 'Milestone', 'Baseline', 'Forecast', 'Slip (days)'],
        slipped.map(({ p, m }) => [
          md(p.projectKey),
          `${md(m.title)}${m.gate ? ' (gate)' : ''}`,
          m.baselineDate ?? '–',
          m.forecastDate ?? '–',
          slip(m.slipDays),
        ]),
      ),
    );

  const risks = projects
    .flatMap(p => p.topRisks.map(r => ({ p, r })))
    .sort((a, b) => b.r.score - a.r.score)
    .slice(0, LIST_ROWS);
  lines.push('', '## Top risks', '');
  if (risks.length === 0) lines.push('No open risks.');
  else
    lines.push(
      ...table(
        ['Project', 'Risk', 'P × I', 'Owner', 'Action', 'Due'],
        risks.map(({ p, r }) => [md(p.projectKey), ...riskRow(r)]),
      ),
    );

  const asks = projects
    .flatMap(p => p.asks.map(a => ({ p, a })))
    .sort(
      (x, y) =>
        Number(y.a.overdue) - Number(x.a.overdue) || y.a.score - x.a.score,
    )
    .slice(0, LIST_ROWS);
  lines.push('', '## Asks', '');
  if (asks.length === 0) lines.push('Nothing to escalate.');
  else
    lines.push(
      ...asks.map(({ p, a }) => `- ${md(p.projectKey)}: ${askText(a)}`),
    );
  return `${lines.join('\n')}\n`;
}

/** Columns of the CSV status report, one row per project. @internal */
export const STATUS_REPORT_COLUMNS = [
  'snapshotId',
  'period',
  'takenAt',
  'projectKey',
  'title',
  'owner',
  'phase',
  'health',
  'watermelon',
  'declaredHealth',
  'declaredReason',
  'computedHealth',
  'computedReasons',
  'milestones',
  'maxOpenSlipDays',
  'openRisks',
  'highRisks',
  'topRisks',
  'asks',
] as const;

/**
 * The status report as CSV, one row per project, cells safe against
 * formula injection (see service/csv.ts).
 * @internal
 */
export function statusReportCsv(input: StatusReportInput): string {
  const { snapshot } = input;
  const rows = input.projects.map(p => {
    const openSlips = p.milestones
      .filter(m => !isMilestoneClosed(m) && m.slipDays !== undefined)
      .map(m => m.slipDays!);
    const values: Record<(typeof STATUS_REPORT_COLUMNS)[number], unknown> = {
      snapshotId: snapshot.id,
      period: snapshot.period,
      takenAt: snapshot.takenAt,
      projectKey: p.projectKey,
      title: p.title,
      owner: p.owner,
      phase: p.phase,
      health: p.health,
      watermelon: p.watermelon,
      declaredHealth: p.declaredHealth?.status ?? null,
      declaredReason: p.declaredHealth?.reason ?? null,
      computedHealth: p.computedHealth.status,
      computedReasons: reasonsText(p.computedHealth.reasons) || null,
      milestones:
        p.milestones
          .map(
            m =>
              `${m.title}: ${m.baselineDate ?? '-'} -> ${
                m.actualDate ?? m.forecastDate ?? '-'
              } (${slip(m.slipDays)} d, ${m.status})`,
          )
          .join('; ') || null,
      maxOpenSlipDays: openSlips.length ? Math.max(...openSlips) : null,
      openRisks: p.openRaid.risk,
      highRisks: p.highRisks,
      topRisks:
        p.topRisks
          .map(
            r =>
              `${r.title} (${r.probability}x${r.impact}=${r.score}${
                r.owner ? `, ${r.owner}` : ''
              })`,
          )
          .join('; ') || null,
      asks:
        p.asks
          .map(
            a =>
              `${a.type}: ${a.title}${
                a.overdue ? ` (overdue ${a.dueDate})` : ''
              }`,
          )
          .join('; ') || null,
    };
    return STATUS_REPORT_COLUMNS.map(c =>
      exportCell(values[c] as string | number | boolean | null),
    );
  });
  return stringify(rows, {
    header: true,
    columns: [...STATUS_REPORT_COLUMNS],
    record_delimiter: 'windows',
  });
}
