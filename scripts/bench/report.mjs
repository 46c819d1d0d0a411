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

// The bench's targets and its report: every PMO read against the catalog
// read of the same backend at the same time, and against the floor.

// Scenario names of the bench, by the short name a target uses.
const SCENARIOS = {
  summary: 'pmo entity summary',
  batch: 'pmo summaries batch (200)',
  portfolio: 'pmo portfolio',
  'catalog by-name': 'catalog by-name',
  'catalog by-refs': 'catalog by-refs (200)',
  'catalog facets': 'catalog facets kind',
  floor: 'floor (bare node http)',
};

const TARGETS = [
  'summary p95 / catalog by-name p95 <= 1.0',
  'batch p95 / catalog by-refs p95 <= 1.0',
  'portfolio p95 / catalog facets p95 <= 0.5',
  'summary p50 / floor p50 <= 3.0',
].map(line => {
  const [, num, numStat, den, denStat, max] =
    /^(.+) (p\d+) \/ (.+) (p\d+) <= ([\d.]+)$/.exec(line);
  return {
    label: line.replace(/ <= .*$/, ''),
    num: [SCENARIOS[num], numStat],
    den: [SCENARIOS[den], denStat],
    max: Number(max),
  };
});

/** The target ratios of one database's rows. */
export function ratios(rows) {
  const get = ([name, f]) => rows.find(r => r.name === name)?.[f];
  return TARGETS.map(t => {
    const value = get(t.num) / get(t.den);
    return {
      label: t.label,
      value,
      target: t.max,
      pass: Number.isFinite(value) && value <= t.max,
    };
  });
}

/** The markdown table of one database's rows and ratios. */
export function table(kind, rows) {
  const lines = [
    `| ${kind} | p50 ms | p95 ms | p99 ms | req/s | KiB/resp | non-2xx |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const bad = Object.entries(r.statuses)
      .filter(([s]) => Number(s) >= 300)
      .reduce((n, [, c]) => n + c, 0);
    lines.push(
      `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(
        2,
      )} | ${r.p99.toFixed(2)} | ${r.rps.toFixed(0)} | ${r.kib.toFixed(1)} | ${
        bad + r.errors
      } |`,
    );
  }
  lines.push('', '| ratio | value | target | result |', '|---|---:|---:|---|');
  for (const q of ratios(rows)) {
    lines.push(
      `| ${q.label} | ${q.value.toFixed(2)} | <= ${q.target.toFixed(1)} | ${
        q.pass ? 'PASS' : 'MISS'
      } |`,
    );
  }
  return lines.join('\n');
}
