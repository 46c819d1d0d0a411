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

import { useMemo, useState } from 'react';
import type { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  RAID_STATUSES,
  RAID_TYPES,
  daysBetween,
  isRaidOpen,
  type RaidItem,
  type RaidStatus,
  type RaidType,
} from '@infra-pmo/plugin-pmo-common';
import {
  DenseTable,
  NARROW_CELL,
  longTextColumn,
  raidOwnerStatusColumns,
  scoreColumn,
  titleColumn,
} from '../common/DenseTable';
import { humanize, todayIso } from '../common/format';
import { EditDeleteButtons, type ItemActionProps } from '../common/permissions';
import { alertText } from '../common/styles';
import { useTheme } from '@material-ui/core/styles';
import { READABLE_LABEL } from '../common/styles';

type StatusFilter = 'active' | 'all' | RaidStatus;
type Row = RaidItem & { overdue: boolean };

function matchesStatus(r: RaidItem, status: StatusFilter): boolean {
  if (status === 'all') return true;
  if (status === 'active') return isRaidOpen(r);
  return r.status === status;
}

const labelled = (value: string) => [value, humanize(value)] as const;

/** One filter of the register: a small select of [value, label] options. */
function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <TextField
      InputLabelProps={READABLE_LABEL}
      select
      size="small"
      variant="outlined"
      label={props.label}
      id={`pmo-raid-filter-${props.label.toLocaleLowerCase('en-US')}`}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 180 }}
    >
      {props.options.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The RAID log of a project: sortable by every column, filterable by type
 * and status (open + mitigating by default, which is what a review walks).
 */
export function RaidRegister(
  props: ItemActionProps<RaidItem> & { items: RaidItem[]; title?: string },
) {
  const [type, setType] = useState<RaidType | 'all'>('all');
  const [status, setStatus] = useState<StatusFilter>('active');
  const today = todayIso();
  const overdueStyle = { fontWeight: 600, color: alertText(useTheme()).error };

  const rows: Row[] = useMemo(
    () =>
      props.items
        .filter(r => type === 'all' || r.type === type)
        .filter(r => matchesStatus(r, status))
        // material-table mutates its rows; give it copies.
        .map(r => ({
          ...r,
          overdue: Boolean(
            r.dueDate && isRaidOpen(r) && daysBetween(today, r.dueDate) < 0,
          ),
        })),
    [props.items, type, status, today],
  );

  const raid = raidOwnerStatusColumns<Row>({ cellStyle: { minWidth: 120 } });
  const columns: TableColumn<Row>[] = [
    {
      title: 'Type',
      field: 'type',
      render: r => humanize(r.type),
      width: '110px',
    },
    titleColumn(),
    { title: 'P', field: 'probability', type: 'numeric', width: '50px' },
    { title: 'I', field: 'impact', type: 'numeric', width: '50px' },
    scoreColumn({ defaultSort: 'desc' }),
    raid.owner,
    longTextColumn('Action / mitigation', r => r.action, 'action'),
    {
      ...raid.due,
      render: r =>
        r.dueDate ? (
          <Typography
            variant="body2"
            style={r.overdue ? overdueStyle : undefined}
          >
            {r.dueDate}
            {r.overdue ? ' (overdue)' : ''}
          </Typography>
        ) : (
          '—'
        ),
    },
    raid.status,
    {
      title: 'Actions',
      sorting: false,
      ...NARROW_CELL,
      render: r => (
        <Box display="flex">
          <EditDeleteButtons
            {...props}
            item={r}
            name={`${r.type} ${r.title}`}
            of="RAID items of this project"
            size="small"
          />
        </Box>
      ),
    },
  ];

  return (
    <Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        <FilterSelect
          label="Type"
          value={type}
          onChange={v => setType(v as RaidType | 'all')}
          options={[['all', 'All types'], ...RAID_TYPES.map(labelled)]}
        />
        <FilterSelect
          label="Status"
          value={status}
          onChange={v => setStatus(v as StatusFilter)}
          options={[
            ['active', 'Open and mitigating'],
            ['all', 'All statuses'],
            ...RAID_STATUSES.map(labelled),
          ]}
        />
      </Box>
      <DenseTable<Row>
        title={props.title ?? `RAID log (${rows.length})`}
        pageSize={20}
        search
        columns={columns}
        data={rows}
        empty="No RAID items match these filters."
      />
    </Box>
  );
}
