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
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import type {
  MyItemsList,
  MyPmoItems as MyPmoItemsResponse,
} from '@infra-pmo/plugin-pmo-common';
import { useMyPmoItems } from '../../hooks';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';
import {
  ActionRow,
  MilestoneRow,
  ProjectRow,
  GateRow,
  SignOffRow,
  useStyles,
} from './MyPmoItemsRows';

/** Items per section: the widget stays compact; the rest is one link away. */
const WIDGET_LIMIT = 3;

/**
 * Link to the run transition section of an entity's PMO tab, or undefined
 * when the catalog entity page is not mounted (the widget must still render
 * then).
 */
function useEntityPmoTabLink(): ((entityRef: string) => string) | undefined {
  let link: ((entityRef: string) => string) | undefined;
  try {
    const entityRoute = useRouteRef(entityRouteRef);
    link = (entityRef: string) => {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      return `${entityRoute({
        kind: kind.toLocaleLowerCase('en-US'),
        namespace,
        name,
      })}/pmo?section=transition`;
    };
  } catch {
    link = undefined;
  }
  return link;
}

/** One section: its first items, and how many more there are. */
function Section<T>(props: {
  title: string;
  list: MyItemsList<T>;
  moreLink?: string;
  row: (item: T) => ReactNode;
}) {
  const classes = useStyles();
  const { title, moreLink } = props;
  const total = props.list.totalItems;
  if (total === 0) return null;
  const more = total - props.list.items.length;
  return (
    <Box className={classes.section} component="section" aria-label={title}>
      <Typography className={classes.label} component="h3">
        {title} ({total})
      </Typography>
      <List dense disablePadding>
        {props.list.items.map(props.row)}
      </List>
      {more > 0 && (
        <Typography variant="caption" component="div" className={classes.more}>
          {moreLink ? (
            <Link to={moreLink}>and {more} more in the portfolio</Link>
          ) : (
            `and ${more} more`
          )}
        </Typography>
      )}
    </Box>
  );
}

/** What the sections are called for whom (the user, or a group). */
const FOR_USER = {
  empty:
    'Nothing needs you: no projects, open actions or sign-offs for you or your groups.',
  projects: 'My projects',
};

/** The four sections, or the "nothing needs you" state. */
export function MyPmoItemsView(props: {
  items: Pick<
    MyPmoItemsResponse,
    'projects' | 'actions' | 'milestones' | 'signOffs' | 'gates'
  >;
  labels?: typeof FOR_USER;
}) {
  const labels = props.labels ?? FOR_USER;
  const classes = useStyles();
  const links = usePmoLinks();
  const entityLink = useEntityPmoTabLink();
  const { projects, actions, milestones, signOffs } = props.items;
  // Older backends send no gates.
  const gates = props.items.gates ?? { items: [], totalItems: 0 };
  const root = links.root?.();
  if (
    projects.totalItems +
      actions.totalItems +
      milestones.totalItems +
      signOffs.totalItems +
      gates.totalItems ===
    0
  ) {
    return (
      <Box className={classes.empty}>
        <CheckCircleOutlineIcon className={classes.emptyIcon} />
        <Typography variant="body2">
          {labels.empty}
          {root && (
            <>
              {' '}
              <Link to={root}>Open the portfolio</Link>
            </>
          )}
        </Typography>
      </Box>
    );
  }
  return (
    <Box>
      <Section
        title="Pending sign-offs"
        list={signOffs}
        moreLink={links.transitions?.()}
        row={s => (
          <SignOffRow
            key={`${s.entityRef}:${s.role}`}
            signOff={s}
            entityLink={entityLink}
          />
        )}
      />
      <Section
        title="Gates awaiting your decision"
        list={gates}
        moreLink={root}
        row={g => <GateRow key={g.milestoneId} gate={g} />}
      />
      <Section
        title="Open actions"
        list={actions}
        moreLink={root}
        row={a => <ActionRow key={a.id} action={a} />}
      />
      <Section
        title="Milestones due in 14 days"
        list={milestones}
        moreLink={root}
        row={m => <MilestoneRow key={m.id} milestone={m} />}
      />
      <Section
        title={labels.projects}
        list={projects}
        moreLink={root}
        row={p => <ProjectRow key={p.key} project={p} />}
      />
    </Box>
  );
}

/**
 * Content of the "My PMO items" home page widget: loads `GET /me/items` and
 * renders it, with loading, error and forbidden states. The home page card
 * supplies the frame and title.
 * @public
 */
export function MyPmoItemsContent() {
  const { value, loading, error } = useMyPmoItems(WIDGET_LIMIT);

  if (error)
    return (
      <PmoErrorPanel error={error} title="Could not load your PMO items" />
    );
  if (loading || !value) return <Progress />;
  return <MyPmoItemsView items={value} />;
}

/**
 * "My PMO items" as a standalone card: the signed-in user's (and their
 * groups') projects, open actions, due milestones and pending sign-offs.
 * @public
 */
export function MyPmoItems(props: { title?: string }) {
  return (
    <InfoCard title={props.title ?? 'My PMO items'} noPadding={false}>
      <MyPmoItemsContent />
    </InfoCard>
  );
}
