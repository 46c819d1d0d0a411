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

import type { Health, SnapshotProject } from '@infra-pmo/plugin-pmo-common';
import { isMilestoneClosed } from '@infra-pmo/plugin-pmo-common';
import { slip, type StatusReportInput } from './report';
import {
  HEALTH_LABEL,
  askText,
  computedText,
  declaredText,
  describeSnapshot,
  keyMilestone,
  md,
  riskRow,
  table,
} from './reportMarkdownParts';

/*
 * The status report as Markdown (see report.ts): the page of one project
 * or of a portfolio.
 */

/** Rows of each list in the portfolio report: it must fit on a page. */
const PORTFOLIO_ROWS = 25;
const LIST_ROWS = 10;

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

  /** A `##` section: its lines, or `empty` when it has no rows. */
  const section = (
    title: string,
    empty: string,
    body: string[],
    rows: number,
  ) => lines.push('', `## ${title}`, '', ...(rows === 0 ? [empty] : body));

  const slipped = projects
    .flatMap(p =>
      p.milestones
        .filter(m => !isMilestoneClosed(m) && (m.slipDays ?? 0) > 0)
        .map(m => ({ p, m })),
    )
    .sort((a, b) => (b.m.slipDays ?? 0) - (a.m.slipDays ?? 0))
    .slice(0, LIST_ROWS);
  section(
    'Most slipped milestones',
    'No open milestone has slipped.',
    table(
      ['Project', 'Milestone', 'Baseline', 'Forecast', 'Slip (days)'],
      slipped.map(({ p, m }) => [
        md(p.projectKey),
        `${md(m.title)}${m.gate ? ' (gate)' : ''}`,
        m.baselineDate ?? '–',
        m.forecastDate ?? '–',
        slip(m.slipDays),
      ]),
    ),
    slipped.length,
  );

  const risks = projects
    .flatMap(p => p.topRisks.map(r => ({ p, r })))
    .sort((a, b) => b.r.score - a.r.score)
    .slice(0, LIST_ROWS);
  section(
    'Top risks',
    'No open risks.',
    table(
      ['Project', 'Risk', 'P × I', 'Owner', 'Action', 'Due'],
      risks.map(({ p, r }) => [md(p.projectKey), ...riskRow(r)]),
    ),
    risks.length,
  );

  const asks = projects
    .flatMap(p => p.asks.map(a => ({ p, a })))
    .sort(
      (x, y) =>
        Number(y.a.overdue) - Number(x.a.overdue) || y.a.score - x.a.score,
    )
    .slice(0, LIST_ROWS);
  section(
    'Asks',
    'Nothing to escalate.',
    asks.map(({ p, a }) => `- ${md(p.projectKey)}: ${askText(a)}`),
    asks.length,
  );
  return `${lines.join('\n')}\n`;
}
