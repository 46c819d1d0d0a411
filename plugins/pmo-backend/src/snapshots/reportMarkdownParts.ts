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
  Snapshot,
  SnapshotAsk,
  SnapshotMilestone,
  SnapshotProject,
  SnapshotRisk,
} from '@infra-pmo/plugin-pmo-common';
import { isMilestoneClosed } from '@infra-pmo/plugin-pmo-common';
import { reasonsText } from './report';

/*
 * Building blocks of the Markdown status report: inert user text, tables
 * and the phrases both the project and the portfolio page use.
 */

const MAX_TEXT = 200;

/** U+2060 WORD JOINER: invisible, breaks autolink patterns. */
const WJ = '\u2060';

/** @internal */
export const HEALTH_LABEL: Record<Health, string> = {
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

/** Short alias of {@link escapeMarkdown}: the renderers call it often. @internal */
export const md = (value: unknown, max?: number) => escapeMarkdown(value, max);

/** @internal */
export function describeSnapshot(s: Snapshot): string {
  const at = `${s.takenAt.slice(0, 10)} ${s.takenAt.slice(11, 16)} UTC`;
  return `As of **${s.period}**: snapshot #${s.id} (${s.kind}), taken ${at}.`;
}

/** @internal */
export function declaredText(p: SnapshotProject): string {
  if (!p.declaredHealth) return 'not declared';
  const reason = p.declaredHealth.reason ? `: ${p.declaredHealth.reason}` : '';
  return `${p.declaredHealth.status.toUpperCase()}${reason}`;
}

/** @internal */
export function computedText(p: SnapshotProject): string {
  const reasons = reasonsText(p.computedHealth.reasons);
  return `${p.computedHealth.status.toUpperCase()}${
    reasons ? `: ${reasons}` : ''
  }`;
}

/** The open milestone that slipped most, else the next open one. @internal */
export function keyMilestone(
  p: SnapshotProject,
): SnapshotMilestone | undefined {
  const open = p.milestones.filter(m => !isMilestoneClosed(m));
  const slipped = open
    .filter(m => (m.slipDays ?? 0) > 0)
    .sort((a, b) => (b.slipDays ?? 0) - (a.slipDays ?? 0));
  return slipped[0] ?? open[0];
}

/** @internal */
export function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ];
}

/** @internal */
export function riskRow(r: SnapshotRisk): string[] {
  return [
    md(r.title),
    `${r.probability} × ${r.impact} = ${r.score}`,
    md(r.owner ?? '–'),
    md(r.action ?? '–'),
    r.dueDate ?? '–',
  ];
}

/** @internal */
export function askText(a: SnapshotAsk): string {
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
