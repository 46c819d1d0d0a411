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

import { useState, type ReactNode } from 'react';
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { Health } from '@infra-pmo/plugin-pmo-common';
import type { PortfolioWithTransitions } from '../../api';
import { useSystemRollup, type SystemRollup } from '../../hooks';
import { HealthChip } from '../common/HealthChips';
import { ProjectListItem } from '../common/ProjectListItem';
import { ProjectTabs } from '../common/ProjectTabs';
import {
  AnnotationProblems,
  NoProjectsEmptyState,
  PmoErrorPanel,
} from '../common/states';
import {
  SummarySection,
  WorstHealthLine,
  useSummaryStyles as useStyles,
} from '../common/Summary';
import { MismatchFlag } from '../RunTransition/TransitionChips';
import { ProjectView } from '../ProjectView/ProjectView';
import { FlexRow } from '../common/FlexRow';

/** True for System entities, whose PMO views roll up their members. */
export function isSystemEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'system';
}

const HEALTH_ORDER: Health[] = ['red', 'amber', 'green'];

/** "2 red · 3 amber · 0 green" as chips. */
function HealthCounts(props: { byHealth: Record<Health, number> }) {
  return (
    <FlexRow gap={4} aria-label="Projects by health">
      {HEALTH_ORDER.map(h => (
        <HealthChip key={h} health={h} count={props.byHealth[h]} size="small" />
      ))}
    </FlexRow>
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
      <SummarySection label="Milestones">
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
      </SummarySection>
      <SummarySection
        label={`Run-transition mismatches (${mismatches.length})`}
        aria-label="Lifecycle mismatches"
      >
        {mismatches.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No lifecycle mismatches
          </Typography>
        ) : (
          mismatches.map(m => (
            <FlexRow key={m.entityRef} mt={0.5}>
              <Typography variant="body2">
                <EntityRefLink entityRef={m.entityRef} />
              </Typography>
              <MismatchFlag lifecycle={m.lifecycle} reason={m.reason} />
            </FlexRow>
          ))
        )}
      </SummarySection>
    </>
  );
}

/**
 * The loading, error, annotation-problem and "no project" states of the
 * System views; `children` renders a roll-up with projects.
 */
function SystemRollupStates(props: {
  children: (rollup: SystemRollup) => ReactNode;
}) {
  const { value, loading, error, invalidKeys } = useSystemRollup();
  if (loading) return <Progress />;
  if (error) return <PmoErrorPanel error={error} />;
  return (
    <>
      <AnnotationProblems unknownKeys={[]} invalidKeys={invalidKeys} />
      {!value || value.projects.length === 0 ? (
        <NoProjectsEmptyState system />
      ) : (
        props.children(value)
      )}
    </>
  );
}

/** Body of the PMO card on a System page. */
export function SystemPmoCardBody() {
  return (
    <SystemRollupStates>
      {value => (
        <>
          <WorstHealthLine health={value.worstHealth} />
          <SummarySection label="Projects by health">
            <Box mt={0.5}>
              <HealthCounts byHealth={value.byHealth} />
            </Box>
          </SummarySection>
          <SummarySection
            label={`Projects of this system and its parts (${value.projects.length})`}
          >
            <List dense disablePadding>
              {value.projects.map(p => (
                <ProjectListItem key={p.key} project={p} />
              ))}
            </List>
          </SummarySection>
          <RollupFacts portfolio={value.portfolio} />
        </>
      )}
    </SystemRollupStates>
  );
}

/**
 * PMO tab of a System page: a roll-up header, then the projects of the
 * System and its members, worst health first, each with its full view.
 */
export function SystemPmoContent() {
  const [selected, setSelected] = useState(0);
  return (
    <SystemRollupStates>
      {value => (
        <SystemProjects
          rollup={value}
          selected={selected}
          onSelect={setSelected}
        />
      )}
    </SystemRollupStates>
  );
}

/** The roll-up header and the tab of each project of the System. */
function SystemProjects(props: {
  rollup: SystemRollup;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const classes = useStyles();
  const { rollup: value } = props;
  const { projects } = value;
  const index = Math.min(props.selected, projects.length - 1);
  const current = projects[index];
  return (
    <>
      <Paper variant="outlined" aria-label="System roll-up">
        <Box p={2}>
          <FlexRow>
            <Typography className={classes.label}>
              {plural(projects.length, 'project')} touch this system
            </Typography>
            <HealthChip
              size="small"
              label="Overall"
              health={value.worstHealth}
            />
            <HealthCounts byHealth={value.byHealth} />
          </FlexRow>
          <RollupFacts portfolio={value.portfolio} detailed />
        </Box>
      </Paper>
      <Box mt={2}>
        <ProjectTabs
          projects={projects}
          index={index}
          onChange={props.onSelect}
          aria-label="Projects of this system"
        />
      </Box>
      <Box mt={2}>
        <ProjectView key={current.key} projectKey={current.key} titleLink />
      </Box>
    </>
  );
}
