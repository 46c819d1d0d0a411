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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import LinearProgress from '@material-ui/core/LinearProgress';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { makeStyles } from '@material-ui/core/styles';
import type {
  Page,
  ProjectOrderBy,
  ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { humanize } from '../common/format';
import {
  PhaseChip,
  ProjectHealthChips,
  RebaselinedChip,
} from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { FlexRow } from '../common/FlexRow';

type SortField = 'key' | 'title' | 'targetDate' | 'updatedAt' | 'priority';

type ColumnId =
  | 'key'
  | 'title'
  | 'phase'
  | 'health'
  | 'owner'
  | 'priority'
  | 'target'
  | 'updated';

/**
 * `hideBelow`: the viewport width (px) under which a low-value column is
 * dropped, so that key and title keep readable widths on narrow screens
 * (the sidebar takes part of the viewport).
 */
const COLUMNS: Array<{
  id: ColumnId;
  label: string;
  sort?: SortField;
  hideBelow?: number;
}> = [
  { id: 'key', label: 'Key', sort: 'key' },
  { id: 'title', label: 'Title', sort: 'title' },
  { id: 'phase', label: 'Phase', hideBelow: 600 },
  { id: 'health', label: 'Health' },
  { id: 'owner', label: 'Owner', hideBelow: 960 },
  { id: 'priority', label: 'Priority', sort: 'priority', hideBelow: 960 },
  { id: 'target', label: 'Target', sort: 'targetDate', hideBelow: 600 },
  { id: 'updated', label: 'Updated', sort: 'updatedAt', hideBelow: 1440 },
];

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  key: { whiteSpace: 'nowrap', minWidth: 80 },
  // Words stay whole: the table scrolls before a title breaks mid-word.
  title: { minWidth: 160, wordBreak: 'normal', overflowWrap: 'normal' },
  owner: { minWidth: 140 },
});

/** The columns that fit the current viewport. */
function useVisibleColumns() {
  const w600 = useMediaQuery('(min-width:600px)', {
    noSsr: true,
    defaultMatches: true,
  });
  const w960 = useMediaQuery('(min-width:960px)', {
    noSsr: true,
    defaultMatches: true,
  });
  const w1440 = useMediaQuery('(min-width:1440px)', {
    noSsr: true,
    defaultMatches: true,
  });
  const fits = (min?: number) => {
    if (!min) return true;
    if (min <= 600) return w600;
    if (min <= 960) return w960;
    return w1440;
  };
  return COLUMNS.filter(c => fits(c.hideBelow));
}

export const PAGE_SIZES = [10, 20, 50];

/**
 * One server page of projects. Sorting and paging are done by the backend
 * (cursor based); the parent keeps the cursor stack for "Previous".
 */
export function ProjectsTable(props: {
  page?: Page<ProjectWithHealth>;
  loading: boolean;
  orderBy: ProjectOrderBy;
  onOrderBy: (orderBy: ProjectOrderBy) => void;
  pageIndex: number;
  pageSize: number;
  onPageSize: (size: number) => void;
  onNext: () => void;
  onPrevious: () => void;
}) {
  const links = usePmoLinks();
  const classes = useStyles();
  const columns = useVisibleColumns();
  const shown = new Set(columns.map(c => c.id));
  const { page, orderBy, pageIndex, pageSize } = props;
  const sortField = orderBy.replace(/^-/, '') as SortField;
  const direction = orderBy.startsWith('-') ? 'desc' : 'asc';
  const items = page?.items ?? [];
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + items.length;

  return (
    <Paper variant="outlined">
      {props.loading && <LinearProgress aria-label="Loading projects" />}
      <TableContainer>
        <Table size="small" aria-label="Projects">
          <TableHead>
            <TableRow>
              {columns.map(c => (
                <TableCell
                  key={c.id}
                  className={c.id === 'title' ? classes.title : classes.nowrap}
                  sortDirection={
                    c.sort && c.sort === sortField ? direction : false
                  }
                >
                  {c.sort ? (
                    <TableSortLabel
                      active={c.sort === sortField}
                      direction={c.sort === sortField ? direction : 'asc'}
                      onClick={() =>
                        props.onOrderBy(
                          (c.sort === sortField && direction === 'asc'
                            ? `-${c.sort}`
                            : c.sort) as ProjectOrderBy,
                        )
                      }
                    >
                      {c.label}
                    </TableSortLabel>
                  ) : (
                    c.label
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(p => (
              <TableRow key={p.key} hover>
                <TableCell className={classes.key}>
                  {links.project ? (
                    <Link to={links.project(p.key)}>{p.key}</Link>
                  ) : (
                    p.key
                  )}
                </TableCell>
                <TableCell className={classes.title}>
                  {p.title}{' '}
                  <RebaselinedChip baselineNumber={p.baselineNumber} />
                </TableCell>
                {shown.has('phase') && (
                  <TableCell>
                    <PhaseChip phase={p.phase} />
                  </TableCell>
                )}
                <TableCell>
                  <ProjectHealthChips
                    declared={p.declaredHealth}
                    computed={p.computedHealth}
                    watermelon={p.watermelon}
                  />
                </TableCell>
                {shown.has('owner') && (
                  <TableCell className={classes.owner}>
                    <EntityRefLink entityRef={p.owner} defaultKind="group" />
                  </TableCell>
                )}
                {shown.has('priority') && (
                  <TableCell>{humanize(p.priority)}</TableCell>
                )}
                {shown.has('target') && (
                  <TableCell className={classes.nowrap}>
                    {p.targetDate ?? '—'}
                  </TableCell>
                )}
                {shown.has('updated') && (
                  <TableCell className={classes.nowrap}>
                    {p.updatedAt.slice(0, 10)}
                  </TableCell>
                )}
              </TableRow>
            ))}
            {!props.loading && items.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    align="center"
                  >
                    No projects match these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <FlexRow gap={16} justifyContent="flex-end" p={1}>
        <TextField
          select
          size="small"
          label="Rows"
          id="pmo-page-size"
          value={pageSize}
          onChange={e => props.onPageSize(Number(e.target.value))}
        >
          {PAGE_SIZES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" aria-live="polite">
          {items.length > 0
            ? `${first}–${last} of ${page?.totalItems ?? last}`
            : `0 of ${page?.totalItems ?? 0}`}
        </Typography>
        <Button
          size="small"
          onClick={props.onPrevious}
          disabled={pageIndex === 0 || props.loading}
        >
          Previous
        </Button>
        <Button
          size="small"
          onClick={props.onNext}
          disabled={!page?.pageInfo.nextCursor || props.loading}
        >
          Next
        </Button>
      </FlexRow>
    </Paper>
  );
}
