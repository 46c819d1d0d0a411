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

import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import SearchIcon from '@material-ui/icons/Search';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import {
  HEALTH_VALUES,
  PROJECT_ORDER_BY,
  PROJECT_PHASES,
  pmoProjectCreatePermission,
  type Health,
  type ProjectOrderBy,
  type ProjectPhase,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import { humanize } from '../common/format';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { Guarded } from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { ProjectFormDialog } from '../forms/ProjectFormDialog';
import { AsOfSelector, AsOfView } from './AsOf';
import { ExportButtons, ImportButton } from './ImportExport';
import { PortfolioKpis } from './PortfolioKpis';
import { PAGE_SIZES, ProjectsTable } from './ProjectsTable';
import { CellRiskList, RiskHeatMap, type Cell } from './RiskHeatMap';
import { PortfolioTimeline } from './PortfolioTimeline';
import { StatusReportButton } from './StatusReport';
import { TransitionBoard, TransitionKpis } from './TransitionBoard';
import { TrendsCard } from './Trends';

function list<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T[] {
  return (value ?? '')
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/**
 * Filters live in the URL so that a filtered view can be shared in the
 * weekly review; the cursor stack is local (cursors are opaque and short-lived).
 */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    phase: list<ProjectPhase>(params.get('phase'), PROJECT_PHASES),
    health: list<Health>(params.get('health'), HEALTH_VALUES),
    owner: params.get('owner') || undefined,
    system: params.get('system') || undefined,
    view: params.get('view') === 'transitions' ? 'transitions' : 'portfolio',
    // A snapshot id: the table and KPIs show that snapshot ("as of").
    asOf: /^[1-9]\d{0,9}$/.test(params.get('asOf') ?? '')
      ? Number(params.get('asOf'))
      : undefined,
    q: params.get('q') ?? '',
    orderBy: (PROJECT_ORDER_BY as readonly string[]).includes(
      params.get('orderBy') ?? '',
    )
      ? (params.get('orderBy') as ProjectOrderBy)
      : ('key' as ProjectOrderBy),
    pageSize: PAGE_SIZES.includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : 20,
  };
  const update = (
    patch: Record<string, string | string[] | number | undefined>,
  ) => {
    setParams(
      prev => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          const s = Array.isArray(v) ? v.join(',') : String(v ?? '');
          if (s) next.set(k, s);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update };
}

function MultiSelect<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  value: T[];
  onChange: (value: T[]) => void;
}) {
  return (
    <TextField
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

/** The portfolio page: KPIs, filters, projects, heat map and timeline. */
export function PortfolioView() {
  const api = useApi(pmoApiRef);
  const navigate = useNavigate();
  const links = usePmoLinks();
  const { filters, update } = useFilters();
  const canCreate = usePermission({ permission: pmoProjectCreatePermission });
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(filters.q);
  const [cell, setCell] = useState<Cell>();
  useDebounce(() => search !== filters.q && update({ q: search }), 300, [
    search,
  ]);

  const owner = filters.owner ? [filters.owner] : undefined;
  const filterKey = JSON.stringify([
    filters.phase,
    filters.health,
    filters.owner,
    filters.system,
    filters.q,
    filters.orderBy,
    filters.pageSize,
  ]);

  // Cursor stack: cursors[i] opens page i; reset whenever the filters change.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  useEffect(() => setCursors([undefined]), [filterKey]);
  const cursor = cursors[cursors.length - 1];

  const portfolio = useAsyncRetry(
    () => api.getPortfolio({ owner, system: filters.system }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filters.owner, filters.system],
  );
  const projects = useAsync(
    () =>
      api.listProjects({
        phase: filters.phase,
        health: filters.health,
        owner,
        system: filters.system,
        q: filters.q || undefined,
        orderBy: filters.orderBy,
        limit: filters.pageSize,
        cursor,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, cursor],
  );
  const riskScope = useMemo(
    () => ({ owner, system: filters.system }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filters.owner, filters.system],
  );

  const tabs = (
    <Grid item xs={12}>
      <Tabs
        value={filters.view}
        onChange={(_e, v: string) =>
          update({ view: v === 'transitions' ? v : undefined })
        }
        indicatorColor="primary"
        aria-label="PMO views"
      >
        <Tab value="portfolio" label="Portfolio" />
        <Tab value="transitions" label="Transition board" />
      </Tabs>
    </Grid>
  );

  if (filters.view === 'transitions') {
    return (
      <Grid container spacing={3}>
        {tabs}
        {portfolio.value?.transitions && (
          <Grid item xs={12}>
            <TransitionKpis transitions={portfolio.value.transitions} />
          </Grid>
        )}
        <Grid item xs={12}>
          <InfoCard
            title="Transition board"
            subheader="Run transitions by state; services whose catalog lifecycle contradicts the state are flagged"
          >
            <TransitionBoard />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  if (portfolio.error) return <PmoErrorPanel error={portfolio.error} />;

  return (
    <Grid container spacing={3}>
      {tabs}
      <Grid item xs={12}>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          justifyContent="space-between"
          style={{ gap: 8 }}
        >
          <Guarded
            permission={canCreate}
            reason="You do not have permission to create projects"
          >
            <Button
              color="primary"
              variant="contained"
              startIcon={<AddIcon />}
              onClick={() => setCreating(true)}
            >
              New project
            </Button>
          </Guarded>
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <AsOfSelector
              value={filters.asOf}
              onChange={id => update({ asOf: id })}
            />
            <StatusReportButton
              scope={{
                snapshot: filters.asOf ?? 'latest',
                owner,
                phase: filters.phase.length ? filters.phase : undefined,
                health: filters.health.length ? filters.health : undefined,
                system: filters.system,
              }}
            />
            <ExportButtons />
            <ImportButton
              onImported={() => {
                portfolio.retry();
                setCursors([undefined]);
              }}
            />
          </Box>
        </Box>
      </Grid>

      {filters.asOf === undefined && (
        <Grid item xs={12}>
          {portfolio.loading && !portfolio.value ? (
            <Progress />
          ) : (
            portfolio.value && <PortfolioKpis portfolio={portfolio.value} />
          )}
        </Grid>
      )}
      {filters.asOf === undefined && portfolio.value?.transitions && (
        <Grid item xs={12}>
          <TransitionKpis transitions={portfolio.value.transitions} />
        </Grid>
      )}

      <Grid item xs={12}>
        <Grid container spacing={2} alignItems="center">
          <Grid item xs={12} md={3}>
            <TextField
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
          <Grid item xs={6} md={2}>
            <MultiSelect
              id="pmo-filter-phase"
              label="Phase"
              options={PROJECT_PHASES}
              value={filters.phase}
              onChange={v => update({ phase: v })}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <MultiSelect
              id="pmo-filter-health"
              label="Health"
              options={HEALTH_VALUES}
              value={filters.health}
              onChange={v => update({ health: v })}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={2}>
            <EntityRefPicker
              id="pmo-filter-owner"
              label="Owner group"
              kinds={['Group']}
              size="small"
              fullWidth
              value={filters.owner ?? null}
              onChange={ref => update({ owner: ref ?? undefined })}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={2}>
            <EntityRefPicker
              id="pmo-filter-system"
              label="System"
              kinds={['System']}
              size="small"
              fullWidth
              value={filters.system ?? null}
              onChange={ref => update({ system: ref ?? undefined })}
            />
          </Grid>
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
      </Grid>

      {filters.asOf !== undefined && (
        <Grid item xs={12}>
          <AsOfView
            snapshotId={filters.asOf}
            owner={filters.owner}
            phase={filters.phase}
            health={filters.health}
            system={filters.system}
            pageSize={filters.pageSize}
          />
        </Grid>
      )}
      {filters.asOf === undefined && (
        <Grid item xs={12}>
          {projects.error ? (
            <PmoErrorPanel error={projects.error} />
          ) : (
            <ProjectsTable
              page={projects.value}
              loading={projects.loading}
              orderBy={filters.orderBy}
              onOrderBy={o => update({ orderBy: o })}
              pageIndex={cursors.length - 1}
              pageSize={filters.pageSize}
              onPageSize={s => update({ pageSize: s })}
              onNext={() => {
                const next = projects.value?.pageInfo.nextCursor;
                if (next) setCursors(prev => [...prev, next]);
              }}
              onPrevious={() =>
                setCursors(prev => (prev.length > 1 ? prev.slice(0, -1) : prev))
              }
            />
          )}
        </Grid>
      )}

      <Grid item xs={12}>
        <TrendsCard owner={filters.owner} system={filters.system} />
      </Grid>

      {filters.asOf === undefined && (
        <>
          <Grid item xs={12} md={5} lg={4}>
            <InfoCard
              title="Risk heat map"
              subheader="Open risks by probability and impact"
            >
              {portfolio.value ? (
                <RiskHeatMap
                  heatMap={portfolio.value.heatMap}
                  selected={cell}
                  onSelect={setCell}
                />
              ) : (
                <Progress />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7} lg={8}>
            {cell ? (
              <CellRiskList cell={cell} scope={riskScope} />
            ) : (
              <InfoCard title="Risks">
                Select a cell of the heat map to list its open risks across
                projects.
              </InfoCard>
            )}
          </Grid>
        </>
      )}

      {filters.asOf === undefined && (
        <Grid item xs={12}>
          <InfoCard
            title="Milestone timeline"
            subheader="Projects on this page of the table, by month"
          >
            {projects.value ? (
              <PortfolioTimeline projects={projects.value.items} />
            ) : (
              <Progress />
            )}
          </InfoCard>
        </Grid>
      )}

      {creating && (
        <ProjectFormDialog
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={p => {
            setCreating(false);
            if (links.project) navigate(links.project(p.key));
            else portfolio.retry();
          }}
        />
      )}
    </Grid>
  );
}
