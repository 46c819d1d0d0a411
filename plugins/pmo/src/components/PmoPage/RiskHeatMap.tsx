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

import { Link, Progress, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  raidScore,
  type RaidItemWithProject,
} from '@infra-pmo/plugin-pmo-common';
import {
  RISK_CELL_LIMIT,
  useCellRisks,
  type RiskCell,
  type RiskScope,
} from '../../hooks';
import {
  DenseTable,
  longTextColumn,
  raidOwnerStatusColumns,
  scoreColumn,
  titleColumn,
} from '../common/DenseTable';
import { scoreBand } from '../common/format';
import { HEALTH_COLORS } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';

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

/** A cell of the heat map: probability and impact. */
export type Cell = RiskCell;

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

/** The open risks of one heat-map cell, across projects. */
export function CellRiskList(props: { cell: Cell; scope: RiskScope }) {
  const links = usePmoLinks();
  const { value, loading, error } = useCellRisks(props.cell, props.scope);

  if (loading) return <Progress />;
  if (error)
    return <PmoErrorPanel error={error} title="Could not load the risks" />;

  const { probability, impact } = props.cell;
  // Material table mutates its rows; give it copies.
  const rows: RiskRow[] = (value?.items ?? []).map(r => ({ ...r }));

  const raid = raidOwnerStatusColumns<RiskRow>();
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
    titleColumn('Risk'),
    scoreColumn(),
    raid.owner,
    longTextColumn('Mitigation', r => r.action, 'action'),
    raid.due,
    raid.status,
  ];

  return (
    <Box>
      {value?.truncated && (
        <Typography variant="caption" color="textSecondary">
          Only the first {RISK_CELL_LIMIT} risks are listed; narrow the filters.
        </Typography>
      )}
      <DenseTable<RiskRow>
        title={`Open risks with probability ${probability} and impact ${impact} (${rows.length})`}
        pageSize={10}
        columns={columns}
        data={rows}
        empty="No open risks in this cell."
      />
    </Box>
  );
}
