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

import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import useDebounce from 'react-use/esm/useDebounce';
import { HEALTH_VALUES, PROJECT_PHASES } from '@infra-pmo/plugin-pmo-common';
import { humanize } from '../common/format';
import { EntityRefPicker } from '../common/EntityRefPicker';
import type {
  PortfolioFilters,
  PortfolioFiltersUpdate,
} from './usePortfolioFilters';
import { READABLE_LABEL } from '../common/styles';

function MultiSelect<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  value: T[];
  onChange: (value: T[]) => void;
}) {
  return (
    <TextField
      InputLabelProps={READABLE_LABEL}
      select
      id={props.id}
      label={props.label}
      size="small"
      variant="outlined"
      fullWidth
      value={props.value}
      SelectProps={{
        multiple: true,
        renderValue: v => (v as T[]).map(humanize).join(', '),
      }}
      onChange={e => props.onChange(e.target.value as unknown as T[])}
    >
      {props.options.map(o => (
        <MenuItem key={o} value={o}>
          <Checkbox size="small" checked={props.value.includes(o)} />
          <ListItemText primary={humanize(o)} />
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The choice filters, then the entity ones (owner group and System). */
const SELECTS = [
  ['phase', 'Phase', PROJECT_PHASES],
  ['health', 'Health', HEALTH_VALUES],
] as const;
const PICKERS = [
  ['owner', 'Owner group', 'Group'] as const,
  ['system', 'System', 'System'] as const,
];

/**
 * The filter bar of the portfolio: search (debounced into the URL), phase,
 * health, owner group and System.
 * @internal
 */
export function PortfolioFilterBar(props: {
  filters: PortfolioFilters;
  update: PortfolioFiltersUpdate;
}) {
  const { filters, update } = props;
  const [search, setSearch] = useState(filters.q);
  useDebounce(() => search !== filters.q && update({ q: search }), 300, [
    search,
  ]);

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={3}>
        <TextField
          InputLabelProps={READABLE_LABEL}
          id="pmo-search"
          label="Search key, title, description"
          size="small"
          variant="outlined"
          fullWidth
          value={search}
          // Snapshots are filtered by owner, phase, health and System.
          disabled={filters.asOf !== undefined}
          onChange={e => setSearch(e.target.value)}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      {SELECTS.map(([key, label, options]) => (
        <Grid key={key} item xs={6} md={2}>
          <MultiSelect<string>
            id={`pmo-filter-${key}`}
            label={label}
            options={options}
            value={filters[key]}
            onChange={v => update({ [key]: v })}
          />
        </Grid>
      ))}
      {PICKERS.map(([key, label, kind]) => (
        <Grid key={key} item xs={12} sm={6} md={2}>
          <EntityRefPicker
            id={`pmo-filter-${key}`}
            label={label}
            kinds={[kind]}
            size="small"
            fullWidth
            value={filters[key] ?? null}
            onChange={ref => update({ [key]: ref ?? undefined })}
          />
        </Grid>
      ))}
      <Grid item xs={12} md={1}>
        <Button
          size="small"
          onClick={() => {
            setSearch('');
            update({
              phase: undefined,
              health: undefined,
              owner: undefined,
              system: undefined,
              q: undefined,
            });
          }}
        >
          Clear
        </Button>
      </Grid>
    </Grid>
  );
}
