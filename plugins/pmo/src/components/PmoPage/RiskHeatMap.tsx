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

import {
  Link,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import {
  raidScore,
  type RaidItemWithProject,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type PmoApi } from '../../api';
import { isNotFound } from '../common/errors';
import { humanize, scoreBand } from '../common/format';
import { HEALTH_COLORS, ScoreChip } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { mapLimited } from '../common/async';

const SCALE = [1, 2, 3, 4, 5];

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'auto repeat(5, minmax(36px, 1fr))',
    gap: 4,
    maxWidth: 420,
  },
  cell: {
    height: 44,
    borderRadius: 4,
    fontWeight: 700,
    fontSize: '1rem',
    width: '100%',
    '&:focus-visible': { outline: `3px solid ${theme.palette.primary.main}` },
  },
  selected: { outline: `3px solid ${theme.palette.text.primary}` },
  empty: { opacity: 0.35 },
  axis: {
    fontSize: '0.75rem',
    color: theme.palette.text.secondary,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
  },
}));

export interface Cell {
  probability: number;
  impact: number;
}

/**
 * 5x5 heat map of open risks: probability rows (5 at the top) by impact
 * columns. Cells are buttons that select the risks they count.
 */
export function RiskHeatMap(props: {
  heatMap: number[][];
  selected?: Cell;
  onSelect: (cell: Cell | undefined) => void;
}) {
  const classes = useStyles();
  const count = (p: number, i: number) => props.heatMap?.[p - 1]?.[i - 1] ?? 0;
  return (
    <Box>
      <Box
        className={classes.grid}
        role="grid"
        aria-label="Risk heat map: probability by impact"
      >
        {[...SCALE].reverse().map(p => (
          <Box key={p} role="row" style={{ display: 'contents' }}>
            <Box className={classes.axis} role="rowheader">
              P{p}
            </Box>
            {SCALE.map(i => {
              const n = count(p, i);
              const colors = HEALTH_COLORS[scoreBand(raidScore(p, i))];
              const isSelected =
                props.selected?.probability === p &&
                props.selected?.impact === i;
              return (
                <Box key={i} role="gridcell">
                  <ButtonBase
                    className={`${classes.cell} ${
                      n === 0 ? classes.empty : ''
                    } ${isSelected ? classes.selected : ''}`}
                    style={{
                      background: colors.background,
                      color: colors.color,
                    }}
                    aria-pressed={isSelected}
                    aria-label={`Probability ${p}, impact ${i}: ${n} open risk${
                      n === 1 ? '' : 's'
                    }`}
                    onClick={() =>
                      props.onSelect(
                        isSelected ? undefined : { probability: p, impact: i },
                      )
                    }
                  >
                    {n}
                  </ButtonBase>
                </Box>
              );
            })}
          </Box>
        ))}
        <Box />
        {SCALE.map(i => (
          <Box key={i} className={classes.axis}>
            I{i}
          </Box>
        ))}
      </Box>
      <Typography variant="caption" color="textSecondary">
        Rows: probability (1-5), columns: impact (1-5). Select a cell to list
        its risks.
      </Typography>
    </Box>
  );
}

type RiskRow = RaidItemWithProject;

/** Maximum risks listed for one cell. */
export const RISK_CELL_LIMIT = 100;

/** Scope of the portfolio filters that applies to the risk list. */
export interface RiskScope {
  owner?: string[];
  system?: string;
}

/**
 * Open risks of one heat-map cell across projects, in one request to the
 * cross-project `GET /raid` (highest score first). With a System filter the
 * projects of the System are listed once and the risks narrowed to them.
 * Against an older backend without `GET /raid` (404) it falls back to
 * reading the RAID log of each project in scope, with bounded concurrency.
 */
export async function loadCellRisks(
  api: PmoApi,
  cell: Cell,
  scope: RiskScope,
): Promise<{ items: RiskRow[]; truncated: boolean }> {
  const systemKeys = scope.system
    ? new Set(
        (
          await api.listProjects({
            system: scope.system,
            owner: scope.owner,
            limit: RISK_CELL_LIMIT,
          })
        ).items.map(p => p.key),
      )
    : undefined;
  try {
    const page = await api.searchRaid({
      type: ['risk'],
      status: ['open', 'mitigating'],
      probability: [cell.probability],
      impact: [cell.impact],
      owner: scope.owner,
      limit: RISK_CELL_LIMIT,
    });
    const items = systemKeys
      ? page.items.filter(r => systemKeys.has(r.projectKey))
      : page.items;
    return { items, truncated: Boolean(page.pageInfo.nextCursor) };
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const page = await api.listProjects({
    owner: scope.owner,
    system: scope.system,
    limit: RISK_CELL_LIMIT,
    orderBy: 'key',
  });
  const lists = await mapLimited(page.items, 4, p =>
    api.listRaidItems(p.key, {
      type: ['risk'],
      status: ['open', 'mitigating'],
    }),
  );
  return {
    items: lists
      .flatMap((items, i) =>
        items.map(r => ({ ...r, projectTitle: page.items[i].title })),
      )
      .filter(
        r => r.probability === cell.probability && r.impact === cell.impact,
      ),
    truncated: page.totalItems > page.items.length,
  };
}

/** The open risks of one heat-map cell, across projects. */
export function CellRiskList(props: { cell: Cell; scope: RiskScope }) {
  const api = useApi(pmoApiRef);
  const links = usePmoLinks();
  const scopeKey = JSON.stringify([props.scope, props.cell]);
  const { value, loading, error } = useAsync(
    () => loadCellRisks(api, props.cell, props.scope),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, scopeKey],
  );

  if (loading) return <Progress />;
  if (error)
    return <PmoErrorPanel error={error} title="Could not load the risks" />;

  const { probability, impact } = props.cell;
  // Material table mutates its rows; give it copies.
  const rows: RiskRow[] = (value?.items ?? []).map(r => ({ ...r }));

  const columns: TableColumn<RiskRow>[] = [
    {
      title: 'Project',
      field: 'projectKey',
      render: r =>
        links.project ? (
          <Link to={links.project(r.projectKey)} title={r.projectTitle}>
            {r.projectKey}
          </Link>
        ) : (
          r.projectKey
        ),
    },
    { title: 'Risk', field: 'title' },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      render: r => (
        <ScoreChip
          score={r.score}
          probability={r.probability}
          impact={r.impact}
        />
      ),
    },
    { title: 'Owner', field: 'owner', emptyValue: '—' },
    { title: 'Mitigation', field: 'action', emptyValue: '—' },
    { title: 'Due', field: 'dueDate', emptyValue: '—' },
    { title: 'Status', field: 'status', render: r => humanize(r.status) },
  ];

  return (
    <Box>
      {value?.truncated && (
        <Typography variant="caption" color="textSecondary">
          Only the first {RISK_CELL_LIMIT} risks are listed; narrow the filters.
        </Typography>
      )}
      <Table<RiskRow>
        title={`Open risks with probability ${probability} and impact ${impact} (${rows.length})`}
        options={{
          paging: rows.length > 10,
          pageSize: 10,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={rows}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              No open risks in this cell.
            </Typography>
          </Box>
        }
      />
    </Box>
  );
}
