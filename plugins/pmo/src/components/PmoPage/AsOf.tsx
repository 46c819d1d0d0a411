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

import { EmptyState, Link, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isMilestoneClosed,
  type Health,
  type ProjectPhase,
  type Snapshot,
  type SnapshotProject,
} from '@infra-pmo/plugin-pmo-common';
import { useCursorPages, useSnapshotProjects, useSnapshots } from '../../hooks';
import { humanize, slipLabel } from '../common/format';
import { HEALTH_COLORS, HealthChip, PhaseChip } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { KPI_VALUE_STYLE, labelStyle } from '../common/styles';
import { EntityName } from '../common/EntityRefs';
import { READABLE_LABEL } from '../common/styles';

const useStyles = makeStyles(theme => ({
  value: KPI_VALUE_STYLE,
  label: labelStyle(theme),
  reasons: { margin: 0, paddingLeft: theme.spacing(2) },
  watermelon: {
    fontWeight: 600,
    color: HEALTH_COLORS.red.background,
    whiteSpace: 'nowrap',
  },
}));

const KIND_LABEL: Record<Snapshot['kind'], string> = {
  scheduled: 'weekly',
  manual: 'manual',
  demo: 'demo history',
};

/** "2026-W49 · 2026-12-07 (weekly)" */
export function snapshotLabel(s: Snapshot): string {
  return `${s.period} · ${s.takenAt.slice(0, 10)} (${KIND_LABEL[s.kind]})`;
}

/**
 * "As of" selector: live data, or one of the immutable snapshots. The
 * value is a snapshot id or undefined for live.
 */
export function AsOfSelector(props: {
  value?: number;
  onChange: (snapshotId: number | undefined) => void;
}) {
  const snapshots = useSnapshots();
  const items = snapshots.value ?? [];
  const known =
    props.value === undefined || items.some(s => s.id === props.value);
  return (
    <TextField
      InputLabelProps={READABLE_LABEL}
      select
      id="pmo-as-of"
      label="As of"
      size="small"
      variant="outlined"
      style={{ minWidth: 240 }}
      value={props.value === undefined || !known ? 'live' : String(props.value)}
      disabled={snapshots.loading}
      error={Boolean(snapshots.error)}
      helperText={snapshots.error ? 'Snapshots could not be loaded' : undefined}
      onChange={e =>
        props.onChange(
          e.target.value === 'live' ? undefined : Number(e.target.value),
        )
      }
    >
      <MenuItem value="live">Live (now)</MenuItem>
      {items.map(s => (
        <MenuItem key={s.id} value={String(s.id)}>
          {snapshotLabel(s)}
        </MenuItem>
      ))}
      {!snapshots.loading && items.length === 0 && (
        <MenuItem value="none" disabled>
          No snapshot yet
        </MenuItem>
      )}
    </TextField>
  );
}

function Kpi(props: { label: string; value: number; color?: string }) {
  const classes = useStyles();
  return (
    <Card variant="outlined" style={{ height: '100%' }}>
      <CardContent>
        <Typography className={classes.label}>{props.label}</Typography>
        <Typography
          className={classes.value}
          style={props.color ? { color: props.color } : undefined}
          aria-label={`As of ${props.label}: ${props.value}`}
        >
          {props.value}
        </Typography>
      </CardContent>
    </Card>
  );
}

function keyMilestone(p: SnapshotProject) {
  const open = p.milestones.filter(m => !isMilestoneClosed(m));
  return (
    [...open].sort((a, b) => (b.slipDays ?? 0) - (a.slipDays ?? 0))[0] ??
    undefined
  );
}

function AsOfRow(props: { project: SnapshotProject }) {
  const classes = useStyles();
  const links = usePmoLinks();
  const p = props.project;
  const m = keyMilestone(p);
  return (
    <TableRow data-testid={`as-of-${p.projectKey}`}>
      <TableCell>
        {links.project ? (
          <Link to={links.project(p.projectKey)}>{p.projectKey}</Link>
        ) : (
          p.projectKey
        )}
        <Typography variant="body2">{p.title}</Typography>
      </TableCell>
      <TableCell>
        <PhaseChip phase={p.phase} />
        <Typography
          variant="caption"
          display="block"
          style={{ wordBreak: 'break-word' }}
        >
          <EntityName entityRef={p.owner} defaultKind="group" />
        </Typography>
      </TableCell>
      <TableCell>
        <HealthChip health={p.health} />
        {p.watermelon && (
          <Typography
            variant="caption"
            display="block"
            className={classes.watermelon}
          >
            Watermelon
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {p.declaredHealth ? (
          <>
            <strong>{humanize(p.declaredHealth.status)}</strong>
            {p.declaredHealth.reason ? `: ${p.declaredHealth.reason}` : ''}
          </>
        ) : (
          'Not declared'
        )}
      </TableCell>
      <TableCell>
        <strong>{humanize(p.computedHealth.status)}</strong>
        {p.computedHealth.reasons.length > 0 && (
          <ul className={classes.reasons}>
            {p.computedHealth.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`}>{r.message}</li>
            ))}
          </ul>
        )}
      </TableCell>
      <TableCell>
        {m ? (
          <>
            {m.title}
            <Typography variant="caption" display="block">
              {m.baselineDate ?? '–'} → {m.forecastDate ?? '–'}
              {m.slipDays !== undefined && m.slipDays !== 0
                ? ` (${slipLabel(m.slipDays)})`
                : ''}
            </Typography>
          </>
        ) : (
          '–'
        )}
      </TableCell>
      <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
        {p.openRaid.risk}
        {p.highRisks > 0 ? ` (${p.highRisks} high)` : ''}
      </TableCell>
    </TableRow>
  );
}

/**
 * The portfolio as it was in a snapshot: KPIs and projects of the
 * snapshot for the page's filters (owner, phase, health, System), paged
 * with the backend's cursors.
 */
export function AsOfView(props: {
  snapshotId: number;
  owner?: string;
  phase: ProjectPhase[];
  health: Health[];
  system?: string;
  pageSize: number;
}) {
  const filterKey = JSON.stringify([
    props.snapshotId,
    props.owner,
    props.phase,
    props.health,
    props.system,
    props.pageSize,
  ]);
  const pages = useCursorPages(filterKey);
  const page = useSnapshotProjects(props.snapshotId, {
    owner: props.owner ? [props.owner] : undefined,
    phase: props.phase.length ? props.phase : undefined,
    health: props.health.length ? props.health : undefined,
    system: props.system,
    limit: props.pageSize,
    cursor: pages.cursor,
  });

  if (page.loading && !page.value) return <Progress />;
  if (page.error) return <PmoErrorPanel error={page.error} />;
  const value = page.value;
  if (!value) return null;
  const { snapshot } = value;
  const first = pages.pageIndex * props.pageSize + 1;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          Showing the snapshot of {snapshot.period}, taken{' '}
          {snapshot.takenAt.slice(0, 16).replace('T', ' ')} UTC (
          {KIND_LABEL[snapshot.kind]}, by {snapshot.takenBy}). Snapshots are
          immutable; the heat map, timeline and run transitions are hidden as
          they show live data.
        </Typography>
      </Grid>
      <Grid item xs={6} sm={4} md={2}>
        <Kpi label="Projects" value={value.totalItems} />
      </Grid>
      {(['red', 'amber', 'green'] as Health[]).map(h => (
        <Grid item xs={6} sm={4} md={2} key={h}>
          <Kpi
            label={humanize(h)}
            value={value.byHealth[h]}
            color={HEALTH_COLORS[h].background}
          />
        </Grid>
      ))}
      <Grid item xs={6} sm={4} md={2}>
        <Kpi label="Watermelons" value={value.watermelons} />
      </Grid>
      <Grid item xs={12}>
        {value.items.length === 0 ? (
          <EmptyState
            missing="data"
            title="No project in this snapshot matches the filters"
            description="Change the filters, or pick another date."
          />
        ) : (
          <TableContainer component={Paper} variant="outlined">
            <Table
              size="small"
              aria-label={`Projects as of ${snapshot.period}`}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Project</TableCell>
                  <TableCell>Phase / owner</TableCell>
                  <TableCell>Health</TableCell>
                  <TableCell>Declared</TableCell>
                  <TableCell>Computed</TableCell>
                  <TableCell>Key milestone</TableCell>
                  <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                    Open risks
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.items.map(p => (
                  <AsOfRow key={p.projectKey} project={p} />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          mt={1}
          style={{ gap: 8 }}
        >
          <Typography variant="body2">
            {value.items.length
              ? `${first}–${first + value.items.length - 1} of ${
                  value.totalItems
                }`
              : `0 of ${value.totalItems}`}
          </Typography>
          <Button
            size="small"
            disabled={pages.pageIndex === 0 || page.loading}
            onClick={pages.previous}
          >
            Previous
          </Button>
          <Button
            size="small"
            disabled={!value.pageInfo.nextCursor || page.loading}
            onClick={() => pages.next(value.pageInfo.nextCursor)}
          >
            Next
          </Button>
        </Box>
      </Grid>
    </Grid>
  );
}
