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

import Box from '@material-ui/core/Box';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { Health, TrendPoint } from '@infra-pmo/plugin-pmo-common';
import { HEALTH_COLORS } from '../common/HealthChips';
import { SWATCH_STYLE } from '../common/styles';

/** Stacked bottom-up: red first, so that the red trend has a fixed base. */
const STACK: Health[] = ['red', 'amber', 'green'];
const SLIP_COLOR = '#1565c0';

const W = 760;
const H = 260;
const M = { top: 16, right: 56, bottom: 44, left: 44 };

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: { fill: theme.palette.text.secondary, fontSize: 11 },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
    fontSize: '0.8rem',
    color: theme.palette.text.secondary,
  },
  swatch: { ...SWATCH_STYLE, verticalAlign: 'middle' },
}));

const TICKS = 4;

/**
 * An axis maximum of four "nice" steps (1, 2, 2.5, 3, 4, 5, 6, 8 x 10^n) at or
 * above `value`; whole steps for counts.
 * @internal
 */
export function niceMax(value: number, integer = false): number {
  const raw = Math.max(value, integer ? TICKS : 0.4) / TICKS;
  const exp = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const step = m * exp;
    if (raw <= step && (!integer || Number.isInteger(step))) {
      return step * TICKS;
    }
  }
  return 10 * exp * TICKS;
}

const tick = (v: number) =>
  Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');

function weekLabel(point: TrendPoint): string {
  return point.period.slice(5); // W49
}

function describe(point: TrendPoint): string {
  return `${point.period}: ${point.byHealth.red} red, ${
    point.byHealth.amber
  } amber, ${point.byHealth.green} green, ${point.watermelons} watermelon${
    point.watermelons === 1 ? '' : 's'
  }, average slip ${point.averageSlipDays} days (total ${
    point.slipDaysTotal
  }), ${point.openHighRisks} open high risk${
    point.openHighRisks === 1 ? '' : 's'
  }${point.kind === 'demo' ? ' (demo history)' : ''}`;
}

/**
 * Health by week as stacked bars (red, amber, green from the bottom) with
 * the average slip of open milestones as a line on the right axis. Each
 * week is one immutable snapshot.
 * @internal
 */
export function TrendsChart(props: { points: TrendPoint[] }) {
  const classes = useStyles();
  const theme = useTheme();
  const { points } = props;
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const maxCount = niceMax(
    Math.max(...points.map(p => p.totalProjects), 1),
    true,
  );
  const maxSlip = niceMax(Math.max(...points.map(p => p.averageSlipDays), 1));
  const slot = innerW / points.length;
  const barW = Math.max(4, Math.min(40, slot * 0.6));
  const x = (i: number) => M.left + slot * i + slot / 2;
  const yCount = (n: number) => M.top + innerH - (n / maxCount) * innerH;
  const ySlip = (d: number) => M.top + innerH - (d / maxSlip) * innerH;
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => i / TICKS);
  // Label every week when they fit, else every n-th.
  const labelEvery = Math.max(1, Math.ceil(points.length / 13));
  const slipPath = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${ySlip(p.averageSlipDays)}`)
    .join(' ');
  const latest = points[points.length - 1];

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Health by week over ${points.length} week${
          points.length === 1 ? '' : 's'
        }; latest ${describe(latest)}`}
        data-testid="pmo-trends-chart"
      >
        {ticks.map(t => (
          <g key={t}>
            <line
              className={classes.grid}
              x1={M.left}
              x2={W - M.right}
              y1={M.top + innerH * (1 - t)}
              y2={M.top + innerH * (1 - t)}
            />
            <text
              className={classes.axis}
              x={M.left - 6}
              y={M.top + innerH * (1 - t) + 4}
              textAnchor="end"
            >
              {tick(maxCount * t)}
            </text>
            <text
              className={classes.axis}
              x={W - M.right + 6}
              y={M.top + innerH * (1 - t) + 4}
              style={{ fill: SLIP_COLOR }}
            >
              {tick(maxSlip * t)} d
            </text>
          </g>
        ))}
        <text
          className={classes.axis}
          transform={`translate(12, ${M.top + innerH / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          Projects
        </text>
        <text
          className={classes.axis}
          transform={`translate(${W - 10}, ${M.top + innerH / 2}) rotate(90)`}
          textAnchor="middle"
          style={{ fill: SLIP_COLOR }}
        >
          Average slip (days)
        </text>

        {points.map((p, i) => {
          let base = 0;
          return (
            <g
              key={p.snapshotId}
              data-testid={`trend-week-${p.period}`}
              aria-label={describe(p)}
            >
              <title>{describe(p)}</title>
              {STACK.map(h => {
                const n = p.byHealth[h];
                const y0 = yCount(base);
                base += n;
                const y1 = yCount(base);
                return n > 0 ? (
                  <rect
                    key={h}
                    data-health={h}
                    x={x(i) - barW / 2}
                    y={y1}
                    width={barW}
                    height={Math.max(0, y0 - y1)}
                    fill={HEALTH_COLORS[h].background}
                    opacity={p.kind === 'demo' ? 0.75 : 1}
                  />
                ) : null;
              })}
              {p.watermelons > 0 && (
                <g data-testid={`trend-watermelons-${p.period}`}>
                  <circle
                    cx={x(i) - 6}
                    cy={yCount(base) - 8}
                    r={4}
                    fill={HEALTH_COLORS.green.background}
                  />
                  <circle
                    cx={x(i) - 6}
                    cy={yCount(base) - 8}
                    r={2}
                    fill={HEALTH_COLORS.red.background}
                  />
                  <text
                    x={x(i)}
                    y={yCount(base) - 4}
                    fontSize={10}
                    fill={theme.palette.text.secondary}
                  >
                    {p.watermelons}
                  </text>
                </g>
              )}
              {i % labelEvery === 0 && (
                <text
                  className={classes.axis}
                  x={x(i)}
                  y={H - M.bottom + 16}
                  textAnchor="middle"
                >
                  {weekLabel(p)}
                  {/* The date under the week, smaller. */}
                  <tspan x={x(i)} dy={14} fontSize={9}>
                    {p.takenAt.slice(5, 10)}
                  </tspan>
                </text>
              )}
            </g>
          );
        })}
        <path
          d={slipPath}
          fill="none"
          stroke={SLIP_COLOR}
          strokeWidth={2}
          data-testid="pmo-trends-slip-line"
        />
        {points.map((p, i) => (
          <circle
            key={p.snapshotId}
            cx={x(i)}
            cy={ySlip(p.averageSlipDays)}
            r={3}
            fill={SLIP_COLOR}
          />
        ))}
      </svg>
      <Box className={classes.legend}>
        {STACK.map(h => (
          <span key={h}>
            <span
              className={classes.swatch}
              style={{ background: HEALTH_COLORS[h].background }}
            />
            {h[0].toUpperCase() + h.slice(1)} (effective health)
          </span>
        ))}
        <span>
          <span
            className={classes.swatch}
            style={{ background: SLIP_COLOR, height: 3 }}
          />
          Average slip of open milestones
        </span>
        <span>
          <svg width={12} height={12} style={{ verticalAlign: 'middle' }}>
            <circle cx={6} cy={6} r={5} fill={HEALTH_COLORS.green.background} />
            <circle cx={6} cy={6} r={2.5} fill={HEALTH_COLORS.red.background} />
          </svg>{' '}
          Watermelons (declared better than computed)
        </span>
        {points.some(p => p.kind === 'demo') && (
          <span>Faded bars: demo history derived from the demo data</span>
        )}
      </Box>
    </Box>
  );
}
