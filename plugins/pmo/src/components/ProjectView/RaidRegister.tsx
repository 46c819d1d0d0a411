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
import EditIcon from '@material-ui/icons/Edit';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  RAID_STATUSES,
  RAID_TYPES,
  daysBetween,
  isRaidOpen,
  type RaidItem,
  type RaidStatus,
  type RaidType,
} from '@infra-pmo/plugin-pmo-common';
import { DenseTable, scoreColumn } from '../common/DenseTable';
import { humanize, todayIso } from '../common/format';
import { GuardedIconButton, type Allowed } from '../common/permissions';

type StatusFilter = 'active' | 'all' | RaidStatus;
type Row = RaidItem & { overdue: boolean };

function matchesStatus(r: RaidItem, status: StatusFilter): boolean {
  if (status === 'all') return true;
  if (status === 'active') return isRaidOpen(r);
  return r.status === status;
}

/**
 * The RAID log of a project: sortable by every column, filterable by type
 * and status (open + mitigating by default, which is what a review walks).
 */
export function RaidRegister(props: {
  items: RaidItem[];
  canUpdate: Allowed;
  canDelete: Allowed;
  onEdit: (item: RaidItem) => void;
  onDelete: (item: RaidItem) => void;
  title?: string;
}) {
  const [type, setType] = useState<RaidType | 'all'>('all');
  const [status, setStatus] = useState<StatusFilter>('active');
  const today = todayIso();

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

  const columns: TableColumn<Row>[] = [
    {
      title: 'Type',
      field: 'type',
      render: r => humanize(r.type),
      width: '110px',
    },
    { title: 'Title', field: 'title', highlight: true },
    { title: 'P', field: 'probability', type: 'numeric', width: '50px' },
    { title: 'I', field: 'impact', type: 'numeric', width: '50px' },
    scoreColumn({ defaultSort: 'desc' }),
    { title: 'Owner', field: 'owner', emptyValue: '—' },
    { title: 'Action / mitigation', field: 'action', emptyValue: '—' },
    {
      title: 'Due',
      field: 'dueDate',
      emptyValue: '—',
      render: r =>
        r.dueDate ? (
          <Typography
            variant="body2"
            color={r.overdue ? 'error' : 'initial'}
            style={r.overdue ? { fontWeight: 600 } : undefined}
          >
            {r.dueDate}
            {r.overdue ? ' (overdue)' : ''}
          </Typography>
        ) : (
          '—'
        ),
    },
    { title: 'Status', field: 'status', render: r => humanize(r.status) },
    {
      title: 'Actions',
      sorting: false,
      width: '100px',
      render: r => (
        <Box display="flex">
          <GuardedIconButton
            permission={props.canUpdate}
            reason="You may not edit the RAID log of this project"
            size="small"
            label={`Edit ${r.type} ${r.title}`}
            onClick={() => props.onEdit(r)}
          >
            <EditIcon fontSize="small" />
          </GuardedIconButton>
          <GuardedIconButton
            permission={props.canDelete}
            reason="You may not delete RAID items of this project"
            size="small"
            label={`Delete ${r.type} ${r.title}`}
            onClick={() => props.onDelete(r)}
          >
            <DeleteIcon fontSize="small" />
          </GuardedIconButton>
        </Box>
      ),
    },
  ];

  return (
    <Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        <TextField
          select
          size="small"
          variant="outlined"
          label="Type"
          id="pmo-raid-filter-type"
          value={type}
          onChange={e => setType(e.target.value as RaidType | 'all')}
          style={{ minWidth: 160 }}
        >
          <MenuItem value="all">All types</MenuItem>
          {RAID_TYPES.map(t => (
            <MenuItem key={t} value={t}>
              {humanize(t)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          variant="outlined"
          label="Status"
          id="pmo-raid-filter-status"
          value={status}
          onChange={e => setStatus(e.target.value as StatusFilter)}
          style={{ minWidth: 180 }}
        >
          <MenuItem value="active">Open and mitigating</MenuItem>
          <MenuItem value="all">All statuses</MenuItem>
          {RAID_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {humanize(s)}
            </MenuItem>
          ))}
        </TextField>
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
