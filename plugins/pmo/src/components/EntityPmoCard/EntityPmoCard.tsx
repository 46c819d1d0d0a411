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

import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import FlagIcon from '@material-ui/icons/Flag';
import type {
  EntityProjectSummary,
  MilestoneBrief,
} from '@infra-pmo/plugin-pmo-common';
import type { SummaryTransition } from '../../api';
import { useEntitySummary } from '../../hooks';
import {
  TransitionMismatchFlag,
  ReadinessBar,
  TransitionStateChip,
} from '../RunTransition/TransitionChips';
import { daysToGoLabel, slipLabel } from '../common/format';
import { ScoreChip } from '../common/HealthChips';
import { ProjectListItem } from '../common/ProjectListItem';
import { usePmoLinks } from '../common/routing';
import {
  SummarySection,
  WorstHealthLine,
  useSummaryStyles as useStyles,
} from '../common/Summary';
import {
  AnnotationProblems,
  NoProjectsEmptyState,
  PmoErrorPanel,
} from '../common/states';
import {
  SystemPmoCardBody,
  isSystemEntity,
} from '../SystemRollup/SystemRollup';
import { FlexRow } from '../common/FlexRow';

/** State, readiness and lifecycle mismatch of the entity's run transition. */
function TransitionBriefLine(props: {
  transition?: SummaryTransition;
  lifecycle?: string;
}) {
  const t = props.transition;
  return (
    <SummarySection label="Run transition" aria-label="Run transition">
      {t ? (
        <>
          <FlexRow mt={0.5}>
            <TransitionStateChip state={t.state} />
            <Box flexGrow={1} minWidth={140}>
              <ReadinessBar percent={t.readinessPercent} />
            </Box>
          </FlexRow>
          <TransitionMismatchFlag
            mismatch={t.mismatch}
            lifecycle={props.lifecycle}
            state={t.state}
          />
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          Not started
        </Typography>
      )}
    </SummarySection>
  );
}

function sourceLabel(source: string) {
  return source === 'annotation' ? 'via annotation' : 'linked manually';
}

/** Tooltip of the worst-health chip: every computed reason, per project. */
function WorstHealthReasons(props: { projects: EntityProjectSummary[] }) {
  const withReasons = props.projects.filter(
    p => p.computedHealth.reasons.length > 0 || p.declaredHealth?.reason,
  );
  if (withReasons.length === 0)
    return <span>All linked projects are on track</span>;
  return (
    <Box>
      {withReasons.map(p => (
        <Box key={p.key} mb={0.5}>
          <Typography variant="body2" style={{ fontWeight: 600 }}>
            {p.key}
          </Typography>
          {p.declaredHealth?.reason && (
            <Typography variant="caption" component="div">
              Declared {p.declaredHealth.status}: {p.declaredHealth.reason}
            </Typography>
          )}
          {p.computedHealth.reasons.map((r, i) => (
            <Typography key={i} variant="caption" component="div">
              {r.severity === 'red' ? 'Red' : 'Amber'}: {r.message}
            </Typography>
          ))}
        </Box>
      ))}
    </Box>
  );
}

export function NextMilestone(props: { milestone?: MilestoneBrief }) {
  const classes = useStyles();
  const m = props.milestone;
  if (!m) {
    return (
      <Typography variant="body2" color="textSecondary">
        No upcoming milestone
      </Typography>
    );
  }
  return (
    <Box>
      <Typography variant="body2">
        {m.gate && (
          <FlagIcon
            fontSize="inherit"
            titleAccess="Stage gate"
            style={{ verticalAlign: 'middle' }}
          />
        )}{' '}
        <strong>{m.title}</strong> ({m.projectKey})
      </Typography>
      <Typography variant="body2">
        {m.date ?? 'No date'}
        {m.daysToGo !== undefined && (
          <>
            {' — '}
            <span className={m.daysToGo < 0 ? classes.overdue : undefined}>
              {daysToGoLabel(m.daysToGo)}
            </span>
          </>
        )}
        {m.slipDays !== undefined && m.slipDays !== 0 && (
          <>
            {' · '}
            <span
              className={m.slipDays > 0 ? classes.slip : undefined}
              title={`Baseline ${m.baselineDate ?? 'not set'}`}
            >
              {m.slipDays > 0
                ? `slipped ${slipLabel(m.slipDays)}`
                : slipLabel(m.slipDays)}
            </span>
          </>
        )}
      </Typography>
    </Box>
  );
}

/**
 * Overview card: the worst health of the entity's projects, the projects
 * themselves, the next milestone and the top risk. On a System page it rolls
 * up the projects of the System and of its components and resources.
 * @public
 */
export function EntityPmoCard() {
  const links = usePmoLinks();
  const { entity } = useEntity();
  const system = isSystemEntity(entity);
  return (
    <InfoCard
      title="PMO"
      subheader={
        system
          ? 'Projects changing this system, its components and resources'
          : 'Projects changing this entity'
      }
      deepLink={
        links.root
          ? { title: 'Open PMO portfolio', link: links.root() }
          : undefined
      }
    >
      {system ? <SystemPmoCardBody /> : <EntityPmoCardBody />}
    </InfoCard>
  );
}

function EntityPmoCardBody() {
  const classes = useStyles();
  const { entity } = useEntity();
  const lifecycle =
    typeof entity.spec?.lifecycle === 'string'
      ? entity.spec.lifecycle
      : undefined;
  const { value: summary, loading, error, invalidKeys } = useEntitySummary();

  let content: React.ReactNode;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <PmoErrorPanel error={error} />;
  } else if (!summary || summary.projects.length === 0) {
    content = (
      <>
        <AnnotationProblems
          unknownKeys={summary?.unknownProjectKeys ?? []}
          invalidKeys={invalidKeys}
        />
        {summary?.transition && (
          <TransitionBriefLine
            transition={summary.transition}
            lifecycle={lifecycle}
          />
        )}
        <NoProjectsEmptyState />
      </>
    );
  } else {
    const risks = summary.openRaid.risk ?? 0;
    const issues = summary.openRaid.issue ?? 0;
    content = (
      <>
        <AnnotationProblems
          unknownKeys={summary.unknownProjectKeys}
          invalidKeys={invalidKeys}
        />
        <WorstHealthLine
          health={summary.worstHealth}
          tooltip={<WorstHealthReasons projects={summary.projects} />}
        />

        <SummarySection label={`Projects (${summary.projects.length})`}>
          <List dense disablePadding>
            {summary.projects.map(p => (
              <ProjectListItem key={p.key} project={p}>
                {p.sources.map(s => (
                  <Chip key={s} size="small" label={sourceLabel(s)} />
                ))}
              </ProjectListItem>
            ))}
          </List>
        </SummarySection>

        {summary.transition && (
          <TransitionBriefLine
            transition={summary.transition}
            lifecycle={lifecycle}
          />
        )}

        <SummarySection label="Next milestone">
          <NextMilestone milestone={summary.nextMilestone} />
        </SummarySection>

        <Divider className={classes.section} />
        <SummarySection label="Open RAID">
          <Typography variant="body2">
            {risks} open risk{risks === 1 ? '' : 's'} · {issues} open issue
            {issues === 1 ? '' : 's'}
          </Typography>
          {summary.highestRisk ? (
            <FlexRow mt={0.5} flexWrap="nowrap">
              <ScoreChip score={summary.highestRisk.score} />
              <Typography variant="body2">
                Highest {summary.highestRisk.type}: {summary.highestRisk.title}{' '}
                ({summary.highestRisk.projectKey})
              </Typography>
            </FlexRow>
          ) : (
            <Typography variant="body2" color="textSecondary">
              No open risks or issues
            </Typography>
          )}
        </SummarySection>
      </>
    );
  }

  return <>{content}</>;
}
