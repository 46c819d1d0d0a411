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

import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  HEALTH_VALUES,
  PROJECT_PHASES,
  type Portfolio,
} from '@infra-pmo/plugin-pmo-common';
import { humanize } from '../common/format';
import { HEALTH_COLORS } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { KPI_VALUE_STYLE, SWATCH_STYLE, labelStyle } from '../common/styles';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  value: KPI_VALUE_STYLE,
  label: labelStyle(theme),
  swatch: SWATCH_STYLE,
  bar: {
    display: 'flex',
    height: 10,
    borderRadius: 4,
    overflow: 'hidden',
    marginTop: 8,
  },
}));

/** The lines of a tooltip, or what it says when there are none. */
const listOr = (lines: string[], none: string) =>
  lines.length ? lines.join(' · ') : none;

function Kpi(props: {
  label: string;
  value: number | string;
  children?: React.ReactNode;
  tooltip?: React.ReactNode;
}) {
  const classes = useStyles();
  const body = (
    <Card className={classes.card} variant="outlined">
      <CardContent>
        <Typography className={classes.label}>{props.label}</Typography>
        <Typography
          className={classes.value}
          role="img"
          aria-label={`${props.label}: ${props.value}`}
        >
          {props.value}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
  return (
    <Grid item xs={6} sm={4} md={2}>
      {props.tooltip ? <Tooltip title={props.tooltip}>{body}</Tooltip> : body}
    </Grid>
  );
}

/** Headline numbers of the portfolio review. */
export function PortfolioKpis(props: { portfolio: Portfolio }) {
  const classes = useStyles();
  const links = usePmoLinks();
  const p = props.portfolio;
  const total = Math.max(p.totalProjects, 1);
  const projectRef = (key: string) =>
    links.project ? (
      <Link to={links.project(key)} underline="always">
        {key}
      </Link>
    ) : (
      key
    );

  return (
    <Grid container spacing={2}>
      <Kpi label="Projects" value={p.totalProjects}>
        <Box className={classes.bar} aria-hidden>
          {HEALTH_VALUES.map(h => (
            <Box
              key={h}
              style={{
                width: `${(100 * (p.byHealth[h] ?? 0)) / total}%`,
                background: HEALTH_COLORS[h].background,
              }}
            />
          ))}
        </Box>
      </Kpi>
      {HEALTH_VALUES.map(h => (
        <Kpi key={h} label={humanize(h)} value={p.byHealth[h] ?? 0}>
          <Typography variant="caption">
            <span
              className={classes.swatch}
              style={{ background: HEALTH_COLORS[h].background }}
            />
            worse of declared and computed
          </Typography>
        </Kpi>
      ))}
      <Kpi
        label="Watermelons"
        value={p.watermelons.length}
        tooltip={listOr(
          p.watermelons.map(
            w => `${w.key}: declared ${w.declared}, computed ${w.computed}`,
          ),
          'No project is declared better than its facts',
        )}
      >
        <Typography variant="caption">declared better than computed</Typography>
      </Kpi>
      <Kpi
        label="Stale status"
        value={p.staleProjects.length}
        tooltip={listOr(
          p.staleProjects.map(s => `${s.key}: ${s.daysSinceUpdate} days`),
          'Every status is fresh',
        )}
      >
        <Typography variant="caption">no status update recently</Typography>
      </Kpi>

      <Grid item xs={12} md={6}>
        <Card variant="outlined">
          <CardContent>
            <Typography className={classes.label}>By phase</Typography>
            <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mt={1}>
              {PROJECT_PHASES.map(ph => (
                <Box key={ph} textAlign="center">
                  <Typography variant="h6" component="div">
                    {p.byPhase[ph] ?? 0}
                  </Typography>
                  <Typography variant="caption">{humanize(ph)}</Typography>
                </Box>
              ))}
            </Box>
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={6}>
        <Card variant="outlined">
          <CardContent>
            <Typography className={classes.label}>
              Milestones: {p.overdueMilestones.length} overdue ·{' '}
              {p.slippingMilestones.length} slipping
            </Typography>
            {p.watermelons.length > 0 && (
              <Typography variant="body2">
                Watermelons:{' '}
                {p.watermelons.map((w, i) => (
                  <span key={w.key}>
                    {i > 0 && ', '}
                    {projectRef(w.key)} ({w.declared} vs {w.computed})
                  </span>
                ))}
              </Typography>
            )}
            {p.overdueMilestones.slice(0, 5).map(m => (
              <Typography key={m.id} variant="body2">
                {projectRef(m.projectKey)} {m.title}: due {m.date}
                {m.daysToGo !== undefined
                  ? ` (${-m.daysToGo} days overdue)`
                  : ''}
              </Typography>
            ))}
            {p.overdueMilestones.length > 5 && (
              <Typography variant="caption">
                and {p.overdueMilestones.length - 5} more overdue
              </Typography>
            )}
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}
