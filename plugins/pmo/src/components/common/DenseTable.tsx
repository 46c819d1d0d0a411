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

import { Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { OwnerRef } from './EntityRefs';
import { humanize } from './format';
import { ScoreChip } from './HealthChips';
import { TruncatedText } from './TruncatedText';

/**
 * A dense table of the PMO views: paged once it has more than `pageSize`
 * rows, with a sentence instead of an empty grid.
 * @internal
 */
export function DenseTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  data: T[];
  pageSize: number;
  search?: boolean;
  /** Shown when there are no rows. */
  empty: string;
}) {
  const { data, pageSize } = props;
  return (
    <Table<T>
      title={props.title}
      options={{
        paging: data.length > pageSize,
        pageSize,
        search: props.search ?? false,
        padding: 'dense',
      }}
      columns={props.columns}
      data={data}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2" color="textSecondary">
            {props.empty}
          </Typography>
        </Box>
      }
    />
  );
}

/** The score column of a RAID table: the chip, with probability and impact. @internal */
export function scoreColumn<
  T extends { score: number; probability: number; impact: number },
>(options: Partial<TableColumn<T>> = {}): TableColumn<T> {
  return {
    title: 'Score',
    field: 'score',
    type: 'numeric',
    ...options,
    render: r => (
      <ScoreChip
        score={r.score}
        probability={r.probability}
        impact={r.impact}
      />
    ),
  };
}

/**
 * The title column of a table: never narrower than a word (no letter-by-
 * letter breaks when a table is squeezed); the table scrolls instead.
 * @internal
 */
export function titleColumn<T extends { title: string }>(
  title = 'Title',
): TableColumn<T> {
  return {
    title,
    field: 'title',
    highlight: true,
    cellStyle: { minWidth: 180, wordBreak: 'normal', overflowWrap: 'normal' },
    headerStyle: { minWidth: 180 },
  };
}

/**
 * A column of long free text (mitigation, action): clamped to two lines
 * with the full text on hover and focus, so it cannot take the table's
 * width from the title.
 * @internal
 */
export function longTextColumn<T extends object>(
  title: string,
  text: (row: T) => string | undefined,
  field?: keyof T & string,
): TableColumn<T> {
  return {
    title,
    field,
    cellStyle: { minWidth: 160, maxWidth: 320 },
    render: r => <TruncatedText text={text(r)} />,
  };
}

/**
 * A column that never wraps and takes only its content's width (dates,
 * row actions).
 * @internal
 */
export const NARROW_CELL = {
  cellStyle: { whiteSpace: 'nowrap', width: '1%' },
  headerStyle: { whiteSpace: 'nowrap', width: '1%' },
} as const;

/**
 * The owner, status and due-date columns of a RAID list: the owner by
 * name (a catalog ref linked, free text such as a vendor as text), the
 * status in words.
 */
export function raidOwnerStatusColumns<
  T extends { owner?: string; status: string },
>(ownerOptions: Partial<TableColumn<T>> = {}) {
  return {
    owner: {
      title: 'Owner',
      field: 'owner',
      ...ownerOptions,
      render: (r: T) => <OwnerRef value={r.owner} />,
    } as TableColumn<T>,
    status: {
      title: 'Status',
      field: 'status',
      render: (r: T) => humanize(r.status),
    } as TableColumn<T>,
    due: {
      title: 'Due',
      field: 'dueDate',
      emptyValue: '—',
      ...NARROW_CELL,
    } as TableColumn<T>,
  };
}
