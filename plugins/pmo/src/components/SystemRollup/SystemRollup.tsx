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
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import {
  PMO_PROJECTS_ANNOTATION,
  healthRank,
  parseProjectsAnnotation,
  worstHealth,
  type Health,
  type ProjectWithHealth,
  effectiveHealth,
} from '@infra-pmo/plugin-pmo-common';
import {
  pmoApiRef,
  type PmoApi,
  type PortfolioWithTransitions,
} from '../../api';
import { HealthChip } from '../common/HealthChips';
import { ProjectListItem } from '../common/ProjectListItem';
import {
  AnnotationProblems,
  NoProjectsEmptyState,
  PmoErrorPanel,
} from '../common/states';
import { MismatchFlag } from '../RunTransition/TransitionChips';
import { ProjectView } from '../ProjectView/ProjectView';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  label: {
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    fontWeight: 600,
    color: theme.palette.text.secondary,
  },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  slip: { color: theme.palette.warning.dark, fontWeight: 600 },
}));

/** True for System entities, whose PMO views roll up their members. */
export function isSystemEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'system';
}

/** A project of the System roll-up with its effective health. */
export type SystemProject = ProjectWithHealth & {
  /** Worse of declared and computed. */
  health: Health;
};

export interface SystemRollup {
  /** Worst health first, then key. */
  projects: SystemProject[];
  worstHealth?: Health;
  byHealth: Record<Health, number>;
  portfolio: PortfolioWithTransitions;
}

/** The backend's maximum page size of `GET /projects`. */
const PAGE_LIMIT = 200;

/** Every project of the System, following the cursor (rarely needed). */
async function listSystemProjects(
  api: PmoApi,
  system: string,
): Promise<ProjectWithHealth[]> {
  const items: ProjectWithHealth[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listProjects({ system, limit: PAGE_LIMIT, cursor });
    items.push(...page.items);
    cursor = page.pageInfo?.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Loads the projects linked to the System or to any of its components and
 * resources, and the portfolio roll-up filtered by the System.
 */
export function useSystemRollup() {
  const { entity } = useEntity();
  const api = useApi(pmoApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsync(async (): Promise<SystemRollup> => {
    const [items, portfolio] = await Promise.all([
      listSystemProjects(api, entityRef),
      api.getPortfolio({ system: entityRef }),
    ]);
    const projects = items
      .map(p => ({
        ...p,
        health: effectiveHealth(
          p.declaredHealth?.status,
          p.computedHealth.status,
        ),
      }))
      .sort(
        (a, b) =>
          healthRank(b.health) - healthRank(a.health) ||
          a.key.localeCompare(b.key),
      );
    const byHealth: Record<Health, number> = { green: 0, amber: 0, red: 0 };
    for (const p of projects) byHealth[p.health] += 1;
    return {
      projects,
      worstHealth: worstHealth(projects.map(p => p.health)),
      byHealth,
      portfolio,
    };
  }, [api, entityRef]);
  const invalidKeys = parseProjectsAnnotation(
    entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION],
  ).invalid;
  return { ...state, entityRef, invalidKeys };
}

const HEALTH_ORDER: Health[] = ['red', 'amber', 'green'];

/** "2 red · 3 amber · 0 green" as chips. */
function HealthCounts(props: { byHealth: Record<Health, number> }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 4 }}
      aria-label="Projects by health"
    >
      {HEALTH_ORDER.map(h => (
        <HealthChip key={h} health={h} count={props.byHealth[h]} size="small" />
      ))}
    </Box>
  );
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Overdue/slipping milestones and lifecycle mismatches of the System. */
function RollupFacts(props: {
  portfolio: PortfolioWithTransitions;
  detailed?: boolean;
}) {
  const classes = useStyles();
  const { portfolio, detailed } = props;
  const overdue = portfolio.overdueMilestones.length;
  const slipping = portfolio.slippingMilestones.length;
  const mismatches = portfolio.transitions?.mismatches ?? [];
  return (
    <>
      <Box className={classes.section}>
        <Typography className={classes.label}>Milestones</Typography>
        <Typography variant="body2">
          <span className={overdue > 0 ? classes.overdue : undefined}>
            {plural(overdue, 'overdue milestone')}
          </span>
          {detailed && (
            <>
              {' · '}
              <span className={slipping > 0 ? classes.slip : undefined}>
                {plural(slipping, 'slipping milestone')}
              </span>
            </>
          )}
        </Typography>
        {detailed &&
          portfolio.overdueMilestones.map(m => (
            <Typography key={m.id} variant="body2" color="textSecondary">
              {m.projectKey}: {m.title} ({m.date ?? 'no date'})
            </Typography>
          ))}
      </Box>
      <Box className={classes.section} aria-label="Lifecycle mismatches">
        <Typography className={classes.label}>
          Run-transition mismatches ({mismatches.length})
        </Typography>
        {mismatches.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No lifecycle mismatches
          </Typography>
        ) : (
          mismatches.map(m => (
            <Box
              key={m.entityRef}
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              mt={0.5}
              style={{ gap: 8 }}
            >
              <Typography variant="body2">
                <EntityRefLink entityRef={m.entityRef} />
              </Typography>
              <MismatchFlag lifecycle={m.lifecycle} reason={m.reason} />
            </Box>
          ))
        )}
      </Box>
    </>
  );
}

/** Body of the PMO card on a System page. */
export function SystemPmoCardBody() {
  const classes = useStyles();
  const { value, loading, error, invalidKeys } = useSystemRollup();

  if (loading) return <Progress />;
  if (error) return <PmoErrorPanel error={error} />;
  const problems = (
    <AnnotationProblems unknownKeys={[]} invalidKeys={invalidKeys} />
  );
  if (!value || value.projects.length === 0) {
    return (
      <>
        {problems}
        <NoProjectsEmptyState system />
      </>
    );
  }
  return (
    <>
      {problems}
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography className={classes.label}>Worst health</Typography>
        <HealthChip size="medium" label="Overall" health={value.worstHealth} />
      </Box>
      <Box className={classes.section}>
        <Typography className={classes.label}>Projects by health</Typography>
        <Box mt={0.5}>
          <HealthCounts byHealth={value.byHealth} />
        </Box>
      </Box>
      <Box className={classes.section}>
        <Typography className={classes.label}>
          Projects of this system and its parts ({value.projects.length})
        </Typography>
        <List dense disablePadding>
          {value.projects.map(p => (
            <ProjectListItem key={p.key} project={p} />
          ))}
        </List>
      </Box>
      <RollupFacts portfolio={value.portfolio} />
    </>
  );
}

/**
 * PMO tab of a System page: a roll-up header, then the projects of the
 * System and its members, worst health first, each with its full view.
 */
export function SystemPmoContent() {
  const classes = useStyles();
  const { value, loading, error, invalidKeys } = useSystemRollup();
  const [selected, setSelected] = useState(0);

  if (loading) return <Progress />;
  if (error) return <PmoErrorPanel error={error} />;
  const problems = (
    <AnnotationProblems unknownKeys={[]} invalidKeys={invalidKeys} />
  );
  if (!value || value.projects.length === 0) {
    return (
      <Box>
        {problems}
        <NoProjectsEmptyState system />
      </Box>
    );
  }
  const { projects } = value;
  const index = Math.min(selected, projects.length - 1);
  const current = projects[index];
  return (
    <Box>
      {problems}
      <Paper variant="outlined" aria-label="System roll-up">
        <Box p={2}>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <Typography className={classes.label}>
              {plural(projects.length, 'project')} touch this system
            </Typography>
            <HealthChip
              size="small"
              label="Overall"
              health={value.worstHealth}
            />
            <HealthCounts byHealth={value.byHealth} />
          </Box>
          <RollupFacts portfolio={value.portfolio} detailed />
        </Box>
      </Paper>
      <Box mt={2}>
        <Tabs
          value={index}
          onChange={(_e, v) => setSelected(v)}
          variant="scrollable"
          scrollButtons="auto"
          aria-label="Projects of this system"
        >
          {projects.map(p => (
            <Tab
              key={p.key}
              label={`${p.key} (${p.health})`}
              id={`pmo-tab-${p.key}`}
            />
          ))}
        </Tabs>
      </Box>
      <Box mt={2}>
        <ProjectView key={current.key} projectKey={current.key} titleLink />
      </Box>
    </Box>
  );
}
