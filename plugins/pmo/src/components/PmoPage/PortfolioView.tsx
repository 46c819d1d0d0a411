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
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { InfoCard, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import AddIcon from '@material-ui/icons/Add';
import { pmoProjectCreatePermission } from '@infra-pmo/plugin-pmo-common';
import { useCursorPages, usePortfolio, useProjects } from '../../hooks';
import { GuardedButton } from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import { ProjectFormDialog } from '../forms/ProjectFormDialog';
import { AsOfSelector, AsOfView } from './AsOf';
import { ExportButtons, ImportButton } from './ImportExport';
import { PortfolioFilterBar } from './PortfolioFilters';
import { usePortfolioFilters } from './usePortfolioFilters';
import { PortfolioKpis } from './PortfolioKpis';
import { ProjectsTable } from './ProjectsTable';
import { CellRiskList, RiskHeatMap, type Cell } from './RiskHeatMap';
import { PortfolioTimeline } from './PortfolioTimeline';
import { StatusReportButton } from './StatusReport';
import { TransitionKpis } from './TransitionBoard';
import { FlexRow } from '../common/FlexRow';

/** The portfolio page: KPIs, filters, projects, heat map and timeline. */
export function PortfolioView() {
  const navigate = useNavigate();
  const location = useLocation();
  const legacyView = new URLSearchParams(location.search).get('view');
  const links = usePmoLinks();
  const { filters, update } = usePortfolioFilters();
  const [creating, setCreating] = useState(false);
  const [cell, setCell] = useState<Cell>();

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

  // Cursor stack, reset whenever the filters change.
  const pages = useCursorPages(filterKey);
  const portfolio = usePortfolio({ owner, system: filters.system });
  const projects = useProjects({
    phase: filters.phase,
    health: filters.health,
    owner,
    system: filters.system,
    q: filters.q || undefined,
    orderBy: filters.orderBy,
    limit: filters.pageSize,
    cursor: pages.cursor,
  });
  const riskScope = useMemo(
    () => ({ owner, system: filters.system }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filters.owner, filters.system],
  );

  // Links from before the board had its own URL (`?view=transitions`).
  if (legacyView === 'transitions') {
    const search = new URLSearchParams(location.search);
    search.delete('view');
    return (
      <Navigate
        replace
        to={{ pathname: 'transitions', search: search.toString() }}
      />
    );
  }

  if (portfolio.error) return <PmoErrorPanel error={portfolio.error} />;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FlexRow justifyContent="space-between">
          <GuardedButton
            permission={pmoProjectCreatePermission}
            reason="You do not have permission to create projects"
            color="primary"
            variant="contained"
            size="medium"
            startIcon={<AddIcon />}
            onClick={() => setCreating(true)}
          >
            New project
          </GuardedButton>
          <FlexRow>
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
                pages.first();
              }}
            />
          </FlexRow>
        </FlexRow>
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
        <PortfolioFilterBar filters={filters} update={update} />
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
              pageIndex={pages.pageIndex}
              pageSize={filters.pageSize}
              onPageSize={s => update({ pageSize: s })}
              onNext={() => pages.next(projects.value?.pageInfo.nextCursor)}
              onPrevious={pages.previous}
            />
          )}
        </Grid>
      )}

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
