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

import type { ReactNode } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  LinkSource,
  ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { Fact } from '../common/Fact';
import { formatMoney, humanize } from '../common/format';
import {
  PhaseChip,
  ProjectHealthChips,
  RebaselinedChip,
} from '../common/HealthChips';
import { ExternalLinks } from '../common/links';
import { FlexRow } from '../common/FlexRow';
import { OwnerRef } from '../common/EntityRefs';

/** Title, RAG chips, key facts and external links of a project. @internal */
export function ProjectHeader(props: {
  project: ProjectWithHealth;
  linkSources?: LinkSource[];
  titleLink?: string;
  actions?: ReactNode;
}) {
  const { project: p } = props;
  return (
    <InfoCard
      title={
        <FlexRow>
          <span>
            {props.titleLink ? (
              <Link to={props.titleLink} underline="always">
                {p.key}
              </Link>
            ) : (
              p.key
            )}{' '}
            — {p.title}
          </span>
          <PhaseChip phase={p.phase} />
          <ProjectHealthChips
            declared={p.declaredHealth}
            computed={p.computedHealth}
            watermelon={p.watermelon}
          />
          <RebaselinedChip baselineNumber={p.baselineNumber} />
          {props.linkSources?.map(s => (
            <Chip
              key={s}
              size="small"
              label={s === 'annotation' ? 'via annotation' : 'linked manually'}
            />
          ))}
        </FlexRow>
      }
      action={props.actions}
    >
      {p.description && (
        <Typography
          variant="body2"
          paragraph
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {p.description}
        </Typography>
      )}
      <Grid container spacing={2}>
        <Fact label="Owner">
          <EntityRefLink entityRef={p.owner} defaultKind="group" />
        </Fact>
        <Fact label="Sponsor">
          <OwnerRef value={p.sponsor} />
        </Fact>
        <Fact label="Priority">{humanize(p.priority)}</Fact>
        <Fact label="Methodology">
          {p.methodology === 'safe' ? 'SAFe' : humanize(p.methodology)}
        </Fact>
        <Fact label="Start">{p.startDate ?? '—'}</Fact>
        <Fact label="Target">{p.targetDate ?? '—'}</Fact>
        {p.budget && (
          <Fact label="Budget (actual / planned)">
            {formatMoney(p.budget.actual, p.budget.currency)} /{' '}
            {formatMoney(p.budget.planned, p.budget.currency)}
          </Fact>
        )}
        <Fact label="Last updated">{p.updatedAt.slice(0, 10)}</Fact>
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary" component="div">
            External links
          </Typography>
          <ExternalLinks links={p.externalLinks} />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
