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
import { useSearchParams } from 'react-router-dom';
import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { healthRank } from '@infra-pmo/plugin-pmo-common';
import { useEntitySummary, type EntitySummaryState } from '../../hooks';
import { ProjectTabs } from '../common/ProjectTabs';
import {
  AnnotationProblems,
  NoProjectsEmptyState,
  PmoErrorPanel,
} from '../common/states';
import { ProjectView } from '../ProjectView/ProjectView';
import { RunTransitionSection } from '../RunTransition';
import { EntityCollisions } from './EntityCollisions';
import { useEntity } from '@backstage/plugin-catalog-react';
import { SystemPmoContent, isSystemEntity } from '../SystemRollup/SystemRollup';

const SECTIONS = ['projects', 'transition', 'cutover'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Entity tab "PMO": the projects linked to the entity (worst health first,
 * each with its timeline, RAID log and history) and the entity's run
 * transition. `?section=transition` opens the transition directly,
 * `?section=cutover` the collisions of the coming change windows. On a
 * System page: a roll-up of the projects of the System and of its components
 * and resources, then each project.
 * @public
 */
export function EntityPmoContent() {
  const { entity } = useEntity();
  return isSystemEntity(entity) ? <SystemPmoContent /> : <MemberPmoContent />;
}

function MemberPmoContent() {
  const summaryState = useEntitySummary();
  const [params, setParams] = useSearchParams();
  const asked = params.get('section') as Section | null;
  const section: Section =
    asked && SECTIONS.includes(asked) ? asked : 'projects';
  const projectKeys = (summaryState.value?.projects ?? []).map(p => p.key);

  return (
    <Box>
      <Tabs
        value={section}
        onChange={(_e, v: Section) =>
          setParams(
            prev => {
              const next = new URLSearchParams(prev);
              if (v === 'projects') next.delete('section');
              else next.set('section', v);
              return next;
            },
            { replace: true },
          )
        }
        indicatorColor="primary"
        aria-label="PMO sections"
      >
        <Tab
          value="projects"
          label={
            summaryState.value
              ? `Projects (${summaryState.value.projects.length})`
              : 'Projects'
          }
        />
        <Tab value="transition" label="Run transition" />
        <Tab value="cutover" label="Cutover" />
      </Tabs>
      <Box mt={2}>
        {section === 'transition' && (
          <RunTransitionSection
            entityRef={summaryState.entityRef}
            projectKeys={projectKeys}
          />
        )}
        {section === 'cutover' && (
          <EntityCollisions entityRef={summaryState.entityRef} />
        )}
        {section === 'projects' && <EntityProjects state={summaryState} />}
      </Box>
    </Box>
  );
}

function EntityProjects(props: { state: EntitySummaryState }) {
  const { value: summary, loading, error, invalidKeys } = props.state;
  const [selected, setSelected] = useState(0);

  if (loading) return <Progress />;
  if (error) return <PmoErrorPanel error={error} />;

  const problems = (
    <AnnotationProblems
      unknownKeys={summary?.unknownProjectKeys ?? []}
      invalidKeys={invalidKeys}
    />
  );
  if (!summary || summary.projects.length === 0) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {problems}
          <NoProjectsEmptyState />
        </Grid>
      </Grid>
    );
  }

  // What needs attention first: worst health, then key.
  const projects = [...summary.projects].sort(
    (a, b) =>
      healthRank(b.health) - healthRank(a.health) || a.key.localeCompare(b.key),
  );
  const index = Math.min(selected, projects.length - 1);
  const current = projects[index];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {problems}
        {projects.length > 1 && (
          <ProjectTabs
            projects={projects}
            index={index}
            onChange={setSelected}
            aria-label="Projects linked to this entity"
          />
        )}
        <Box mt={2}>
          <ProjectView
            key={current.key}
            projectKey={current.key}
            linkSources={current.sources}
            titleLink
          />
        </Box>
      </Grid>
    </Grid>
  );
}
