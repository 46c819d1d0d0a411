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

import { Link, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  daysBetween,
  type Milestone,
  type ProjectWithHealth,
  effectiveHealth,
} from '@infra-pmo/plugin-pmo-common';
import {
  TIMELINE_MAX_MONTHS as MAX_MONTHS,
  addMonths,
  useTimelineMilestones,
} from '../../hooks';
import { slipLabel, todayIso } from '../common/format';
import { todayLineStyle } from '../common/styles';
import { HEALTH_COLORS } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { milestoneState, slipSeverity } from '../common/timeline';
import { PmoErrorPanel } from '../common/states';

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto' },
  chart: { minWidth: 720 },
  row: {
    display: 'grid',
    gridTemplateColumns: '140px 1fr',
    alignItems: 'center',
    borderBottom: `1px solid ${theme.palette.divider}`,
    minHeight: 32,
  },
  track: { position: 'relative', height: 28 },
  month: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `1px dashed ${theme.palette.divider}`,
    fontSize: '0.7rem',
    paddingLeft: 2,
    color: theme.palette.text.secondary,
  },
  bar: {
    position: 'absolute',
    top: 10,
    height: 8,
    borderRadius: 4,
    opacity: 0.45,
  },
  today: todayLineStyle(theme),
  diamond: {
    position: 'absolute',
    top: 7,
    width: 12,
    height: 12,
    marginLeft: -6,
    transform: 'rotate(45deg)',
    border: `1px solid ${theme.palette.background.paper}`,
  },
  slipTrail: { position: 'absolute', top: 12, height: 2 },
}));

interface Month {
  iso: string;
  label: string;
}

/** First day of each month from `start` to `end`, ISO. */
export function monthsBetween(start: string, end: string): Month[] {
  const out: Month[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const endKey = end.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({
      iso: `${key}-01`,
      label: `${MONTHS[m - 1]} ${String(y).slice(2)}`,
    });
    if (key >= endKey) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

type Marker = { m: Milestone; date: string; overdue: boolean; slip?: number };

function markerStatus(overdue: boolean, slipping: boolean) {
  if (overdue) return 'overdue';
  return slipping ? 'slipping' : 'ok';
}

function markerColor(mk: Marker): string {
  if (mk.overdue) return HEALTH_COLORS.red.background;
  if (slipSeverity(mk.slip)) return HEALTH_COLORS.amber.background;
  if (mk.m.actualDate || mk.m.status === 'done')
    return HEALTH_COLORS.green.background;
  return '#1565c0';
}

/**
 * Gantt-style view by month of the projects on the current table page:
 * a bar from start to target date coloured by health, milestones as
 * diamonds (red overdue, amber slipping, with a trail back to baseline).
 */
export function PortfolioTimeline(props: { projects: ProjectWithHealth[] }) {
  const classes = useStyles();
  const links = usePmoLinks();
  const today = todayIso();
  const { value, loading, error } = useTimelineMilestones(
    props.projects,
    today,
  );

  if (props.projects.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No projects to show.
      </Typography>
    );
  }
  if (loading) return <Progress />;
  if (error)
    return (
      <PmoErrorPanel error={error} title="Could not load the milestones" />
    );

  const rows = props.projects.map(p => {
    const milestones = value?.get(p.key) ?? [];
    const markers: Marker[] = milestones.flatMap(m => {
      const { date, ...state } = milestoneState(m, today);
      return date ? [{ m, date, ...state }] : [];
    });
    return { p, markers };
  });

  const dates = [today];
  for (const { p, markers } of rows) {
    if (p.startDate) dates.push(p.startDate);
    if (p.targetDate) dates.push(p.targetDate);
    for (const mk of markers) {
      dates.push(mk.date);
      if (mk.m.baselineDate) dates.push(mk.m.baselineDate);
    }
  }
  dates.sort();
  let start = `${dates[0].slice(0, 7)}-01`;
  let end = dates[dates.length - 1];
  if (monthsBetween(start, end).length > MAX_MONTHS) {
    start = addMonths(today, -6);
    end = addMonths(today, MAX_MONTHS - 7);
  }
  const months = monthsBetween(start, end);
  const axisEnd = addMonths(months[months.length - 1].iso, 1);
  const labelStep = Math.max(1, Math.ceil(months.length / 12));
  const span = daysBetween(start, axisEnd);
  const pct = (d: string) =>
    Math.min(100, Math.max(0, (100 * daysBetween(start, d)) / span));

  return (
    <Box className={classes.scroller}>
      <Box
        className={classes.chart}
        role="figure"
        aria-label="Milestone timeline of the listed projects"
      >
        <Box className={classes.row}>
          <Typography variant="caption">Project</Typography>
          <Box className={classes.track}>
            {months.map((mo, i) => (
              <Box
                key={mo.iso}
                className={classes.month}
                style={{ left: `${pct(mo.iso)}%` }}
              >
                {/* Long windows label every other (or third) month. */}
                {i % labelStep === 0 ? mo.label : ''}
              </Box>
            ))}
          </Box>
        </Box>
        {rows.map(({ p, markers }) => {
          const health = effectiveHealth(
            p.declaredHealth?.status,
            p.computedHealth.status,
          );
          const barStart = p.startDate ?? markers[0]?.date;
          const barEnd = p.targetDate ?? markers[markers.length - 1]?.date;
          return (
            <Box
              key={p.key}
              className={classes.row}
              data-testid={`timeline-${p.key}`}
            >
              <Typography variant="body2" noWrap title={p.title}>
                {links.project ? (
                  <Link to={links.project(p.key)}>{p.key}</Link>
                ) : (
                  p.key
                )}
              </Typography>
              <Box className={classes.track}>
                {months.map(mo => (
                  <Box
                    key={mo.iso}
                    className={classes.month}
                    style={{ left: `${pct(mo.iso)}%` }}
                  />
                ))}
                {barStart && barEnd && (
                  <Box
                    className={classes.bar}
                    style={{
                      left: `${pct(barStart)}%`,
                      width: `${Math.max(pct(barEnd) - pct(barStart), 0.5)}%`,
                      background: HEALTH_COLORS[health].background,
                    }}
                    title={`${p.key}: ${p.startDate ?? '?'} → ${
                      p.targetDate ?? '?'
                    } (${health})`}
                  />
                )}
                <Box
                  className={classes.today}
                  style={{ left: `${pct(today)}%` }}
                  title={`Today ${today}`}
                />
                {markers.map(mk => {
                  const slipping = Boolean(slipSeverity(mk.slip));
                  const label = `${mk.m.title}: ${mk.date}${
                    mk.overdue ? ' — overdue' : ''
                  }${
                    mk.slip
                      ? ` — slip ${slipLabel(mk.slip)} vs baseline ${
                          mk.m.baselineDate
                        }`
                      : ''
                  }${mk.m.gate ? ' — stage gate' : ''}`;
                  return (
                    <Box key={mk.m.id}>
                      {slipping && mk.m.baselineDate && (
                        <Box
                          className={classes.slipTrail}
                          style={{
                            left: `${pct(mk.m.baselineDate)}%`,
                            width: `${pct(mk.date) - pct(mk.m.baselineDate)}%`,
                            background: markerColor(mk),
                          }}
                        />
                      )}
                      <Tooltip title={label}>
                        <Box
                          className={classes.diamond}
                          tabIndex={0}
                          role="img"
                          aria-label={label}
                          data-status={markerStatus(mk.overdue, slipping)}
                          style={{
                            left: `${pct(mk.date)}%`,
                            background: markerColor(mk),
                          }}
                        />
                      </Tooltip>
                    </Box>
                  );
                })}
              </Box>
            </Box>
          );
        })}
      </Box>
      <Typography variant="caption" color="textSecondary">
        Bars: start to target date, coloured by health. Diamonds: milestones at
        their forecast (or actual) date; red overdue, amber slipping (trail from
        baseline), green done.
      </Typography>
    </Box>
  );
}
