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
import { Link } from '@backstage/core-components';
import type {
  DeclaredHealth,
  ComputedHealth,
  ProjectPhase,
} from '@infra-pmo/plugin-pmo-common';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PhaseChip, ProjectHealthChips } from './HealthChips';
import { usePmoLinks } from './routing';
import { FlexRow } from './FlexRow';

const useStyles = makeStyles({
  item: { display: 'block', paddingLeft: 0, paddingRight: 0 },
});

/**
 * One project in a compact list (entity card, System roll-up): key linked to
 * its project page, title, phase and declared / computed health; extra chips
 * (e.g. the link source) go in `children`.
 */
export function ProjectListItem(props: {
  project: {
    key: string;
    title: string;
    phase: ProjectPhase;
    declaredHealth?: DeclaredHealth;
    computedHealth: ComputedHealth;
  };
  children?: ReactNode;
}) {
  const { project: p } = props;
  const classes = useStyles();
  const links = usePmoLinks();
  return (
    <ListItem className={classes.item} divider>
      <Typography variant="body2">
        {links.project ? (
          <Link to={links.project(p.key)} underline="always">
            {p.key}
          </Link>
        ) : (
          <strong>{p.key}</strong>
        )}{' '}
        {p.title}
      </Typography>
      <FlexRow gap={4} mt={0.5}>
        <PhaseChip phase={p.phase} />
        <ProjectHealthChips
          declared={p.declaredHealth}
          computed={p.computedHealth}
        />
        {props.children}
      </FlexRow>
    </ListItem>
  );
}
