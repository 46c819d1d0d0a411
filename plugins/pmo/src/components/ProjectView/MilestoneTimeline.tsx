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
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import FlagIcon from '@material-ui/icons/Flag';
import {
  daysBetween,
  milestoneCurrentDate,
  type Milestone,
} from '@infra-pmo/plugin-pmo-common';
import { humanize, slipLabel, todayIso } from '../common/format';
import { alertText, todayLineStyle } from '../common/styles';
import { EditDeleteButtons, type ItemActionProps } from '../common/permissions';
import { HEALTH_COLORS } from '../common/HealthChips';
import { milestoneState, slipSeverity } from '../common/timeline';

const useStyles = makeStyles(theme => ({
  row: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 0),
  },
  track: {
    position: 'relative',
    height: 28,
    margin: theme.spacing(0, 1),
  },
  axis: {
    position: 'absolute',
    top: 13,
    left: 0,
    right: 0,
    height: 2,
    background: theme.palette.divider,
  },
  today: { ...todayLineStyle(theme), opacity: 0.6 },
  slipLine: {
    position: 'absolute',
    top: 12,
    height: 4,
    borderRadius: 2,
  },
  marker: {
    position: 'absolute',
    top: 7,
    width: 14,
    height: 14,
    marginLeft: -7,
    transform: 'rotate(45deg)',
    boxSizing: 'border-box',
  },
  baseline: {
    border: `2px solid ${theme.palette.text.secondary}`,
    background: theme.palette.background.paper,
  },
  forecast: { background: theme.palette.info.main },
  overdueMarker: { background: theme.palette.error.main },
  actual: {
    background: theme.palette.success.main,
    borderRadius: '50%',
    transform: 'none',
  },
  slipAmber: { color: alertText(theme).warning, fontWeight: 600 },
  slipRed: { color: alertText(theme).error, fontWeight: 700 },
  overdue: { color: alertText(theme).error, fontWeight: 600 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: 6 },
  legendMarker: { position: 'static', marginLeft: 0, display: 'inline-block' },
  axisLabels: { display: 'flex', justifyContent: 'space-between' },
  // The drawn track needs width; on phones the dates in text are enough.
  hideXs: { [theme.breakpoints.down('xs')]: { display: 'none' } },
}));

function datesOf(m: Milestone): string[] {
  return [m.baselineDate, m.forecastDate, m.actualDate].filter(
    (d): d is string => Boolean(d),
  );
}

/** Slip severity with the same thresholds as the computed health. */
export function slipClass(
  slip: number | undefined,
  classes: { slipAmber: string; slipRed: string },
): string | undefined {
  const severity = slipSeverity(slip);
  if (severity === 'red') return classes.slipRed;
  return severity === 'amber' ? classes.slipAmber : undefined;
}

/** Colour of the baseline-to-forecast line: none unless late. */
function slipLineColor(slip: number | undefined): string | undefined {
  if (slip === undefined || slip <= 0) return undefined;
  return slipSeverity(slip) === 'red'
    ? HEALTH_COLORS.red.background
    : HEALTH_COLORS.amber.background;
}

/**
 * Milestones of one project on a shared time axis: baseline (hollow),
 * forecast (filled) and actual (round) per milestone, the slip between
 * baseline and forecast drawn and highlighted, stage gates flagged.
 */
export function MilestoneTimeline(
  props: ItemActionProps<Milestone> & { milestones: Milestone[] },
) {
  const classes = useStyles();
  const today = todayIso();
  const milestones = [...props.milestones].sort((a, b) =>
    (milestoneCurrentDate(a) ?? '9999').localeCompare(
      milestoneCurrentDate(b) ?? '9999',
    ),
  );

  if (milestones.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No milestones yet.
      </Typography>
    );
  }

  const all = [today, ...milestones.flatMap(datesOf)].sort();
  const start = all[0];
  const end = all[all.length - 1];
  const span = Math.max(daysBetween(start, end), 1);
  // 2% padding keeps markers at the edges fully visible.
  const pos = (d: string) => `${2 + (96 * daysBetween(start, d)) / span}%`;

  return (
    <Box>
      <Box className={classes.hideXs}>
        <Grid container>
          <Grid item sm={5} />
          <Grid item sm={6}>
            <Box className={classes.axisLabels} mx={1}>
              <Typography variant="caption">{start}</Typography>
              <Typography variant="caption">{end}</Typography>
            </Box>
          </Grid>
        </Grid>
      </Box>
      {milestones.map(m => {
        const { slip, overdue } = milestoneState(m, today);
        const current = m.actualDate ?? m.forecastDate;
        const slipColor = slipLineColor(slip);
        return (
          <Grid
            container
            key={m.id}
            className={classes.row}
            alignItems="center"
            data-testid={`milestone-${m.id}`}
          >
            <Grid item xs={10} sm={5}>
              <Typography variant="body2">
                {m.gate && (
                  <Tooltip title="Stage gate (go/no-go decision)">
                    <FlagIcon
                      fontSize="small"
                      role="img"
                      aria-hidden={false}
                      aria-label="Stage gate"
                      style={{ verticalAlign: 'middle', marginRight: 4 }}
                    />
                  </Tooltip>
                )}
                <strong>{m.title}</strong>{' '}
                <Chip size="small" label={humanize(m.status)} />
                {m.changeRecord && (
                  <Chip
                    size="small"
                    variant="outlined"
                    label={`Change ${m.changeRecord}`}
                    style={{ marginLeft: 4 }}
                  />
                )}
              </Typography>
              <Typography variant="caption" component="div">
                Baseline {m.baselineDate ?? '—'} · Forecast{' '}
                {m.forecastDate ?? '—'} · Actual {m.actualDate ?? '—'}
                {slip !== undefined && (
                  <>
                    {' · '}
                    <span className={slipClass(slip, classes)}>
                      Slip {slipLabel(slip)}
                    </span>
                  </>
                )}
                {overdue && (
                  <>
                    {' · '}
                    <span className={classes.overdue}>Overdue</span>
                  </>
                )}
              </Typography>
            </Grid>
            <Grid item sm={6} className={classes.hideXs}>
              <Box className={classes.track} aria-hidden>
                <Box className={classes.axis} />
                <Box
                  className={classes.today}
                  style={{ left: pos(today) }}
                  title={`Today ${today}`}
                />
                {m.baselineDate && current && slipColor && (
                  <Box
                    className={classes.slipLine}
                    style={{
                      left: pos(m.baselineDate),
                      width: `calc(${pos(current)} - ${pos(m.baselineDate)})`,
                      background: slipColor,
                    }}
                  />
                )}
                {m.baselineDate && (
                  <Box
                    className={`${classes.marker} ${classes.baseline}`}
                    style={{ left: pos(m.baselineDate) }}
                    title={`Baseline ${m.baselineDate}`}
                  />
                )}
                {m.forecastDate && !m.actualDate && (
                  <Box
                    className={`${classes.marker} ${
                      overdue ? classes.overdueMarker : classes.forecast
                    }`}
                    style={{ left: pos(m.forecastDate) }}
                    title={`Forecast ${m.forecastDate}`}
                  />
                )}
                {m.actualDate && (
                  <Box
                    className={`${classes.marker} ${classes.actual}`}
                    style={{ left: pos(m.actualDate) }}
                    title={`Actual ${m.actualDate}`}
                  />
                )}
              </Box>
            </Grid>
            <Grid item xs={2} sm={1} style={{ textAlign: 'right' }}>
              <EditDeleteButtons
                {...props}
                item={m}
                name={`milestone ${m.title}`}
                of="milestones of this project"
                size="small"
              />
            </Grid>
          </Grid>
        );
      })}
      <Box className={`${classes.legend} ${classes.hideXs}`}>
        {(
          [
            [`${classes.marker} ${classes.baseline}`, 'Baseline'],
            [`${classes.marker} ${classes.forecast}`, 'Forecast'],
            [`${classes.marker} ${classes.overdueMarker}`, 'Overdue forecast'],
            [`${classes.marker} ${classes.actual}`, 'Actual'],
            [classes.today, 'Today'],
          ] as const
        ).map(([className, label]) => (
          <span key={label} className={classes.legendItem}>
            <span
              className={`${className} ${classes.legendMarker}`}
              style={label === 'Today' ? { height: 14 } : undefined}
            />
            <Typography variant="caption">{label}</Typography>
          </span>
        ))}
      </Box>
    </Box>
  );
}
