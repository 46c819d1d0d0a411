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
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  MyAction,
  MyMilestone,
  MyPmoItems as MyPmoItemsResponse,
  MyProject,
  MySignOff,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef } from '../../api';
import { ReadinessBar } from '../RunTransition/TransitionChips';
import { daysToGoLabel, humanize } from '../common/format';
import { HealthChip, ScoreChip, WatermelonChip } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';

/** Items per section: the widget stays compact; the rest is one link away. */
const WIDGET_LIMIT = 3;

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(1.5),
    '&:first-child': { marginTop: 0 },
  },
  label: {
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    fontWeight: 600,
    letterSpacing: '0.04em',
    color: theme.palette.text.secondary,
  },
  item: {
    display: 'block',
    paddingLeft: 0,
    paddingRight: 0,
    paddingTop: theme.spacing(0.5),
    paddingBottom: theme.spacing(0.5),
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  // Title and chips: the title wraps, the chips stay on its right.
  head: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
    '& > :not(:first-child)': { flexShrink: 0 },
  },
  title: { flexGrow: 1, minWidth: 0 },
  meta: { color: theme.palette.text.secondary },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  overdueItem: {
    borderLeft: `3px solid ${theme.palette.error.main}`,
    paddingLeft: theme.spacing(1),
  },
  more: { marginTop: theme.spacing(0.5) },
  empty: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(2, 0),
  },
  emptyIcon: { color: theme.palette.success.main },
}));

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

function Section(props: {
  title: string;
  total: number;
  shown: number;
  moreLink?: string;
  children: ReactNode;
}) {
  const classes = useStyles();
  const { title, total, shown, moreLink } = props;
  if (total === 0) return null;
  const more = total - shown;
  return (
    <Box className={classes.section} component="section" aria-label={title}>
      <Typography className={classes.label} component="h3">
        {title} ({total})
      </Typography>
      <List dense disablePadding>
        {props.children}
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

function ProjectKey(props: { projectKey: string }) {
  const links = usePmoLinks();
  return links.project ? (
    <Link to={links.project(props.projectKey)}>{props.projectKey}</Link>
  ) : (
    <strong>{props.projectKey}</strong>
  );
}

function ProjectRow(props: { project: MyProject }) {
  const classes = useStyles();
  const { project: p } = props;
  const next = p.nextMilestone;
  return (
    <ListItem className={classes.item} divider>
      <Box className={classes.head}>
        <Typography variant="body2" className={classes.title}>
          <ProjectKey projectKey={p.key} /> {p.title}
        </Typography>
        {p.watermelon && p.declaredHealth && (
          <WatermelonChip
            declared={p.declaredHealth}
            computed={p.computedHealth}
          />
        )}
        <HealthChip
          health={p.health}
          tooltip={`Declared: ${p.declaredHealth ?? 'not set'}, computed: ${
            p.computedHealth
          }`}
        />
      </Box>
      <Typography variant="caption" component="div" className={classes.meta}>
        {humanize(p.phase)}
        {next?.date !== undefined && next.daysToGo !== undefined && (
          <>
            {' · Next: '}
            {next.title}{' '}
            <span className={next.daysToGo < 0 ? classes.overdue : undefined}>
              {daysToGoLabel(next.daysToGo)}
            </span>
          </>
        )}
      </Typography>
    </ListItem>
  );
}

function ActionRow(props: { action: MyAction }) {
  const classes = useStyles();
  const { action: a } = props;
  return (
    <ListItem
      className={`${classes.item} ${a.overdue ? classes.overdueItem : ''}`}
      divider
      data-overdue={a.overdue ? 'true' : undefined}
    >
      <Box className={classes.head}>
        <Typography variant="body2" className={classes.title}>
          {a.title}
        </Typography>
        <ScoreChip score={a.score} />
      </Box>
      <Typography variant="caption" component="div" className={classes.meta}>
        <ProjectKey projectKey={a.projectKey} /> · {humanize(a.type)}
        {a.dueDate && (
          <>
            {' · '}
            <span className={a.overdue ? classes.overdue : undefined}>
              {a.overdue ? `Overdue since ${a.dueDate}` : `Due ${a.dueDate}`}
            </span>
          </>
        )}
      </Typography>
    </ListItem>
  );
}

function MilestoneRow(props: { milestone: MyMilestone }) {
  const classes = useStyles();
  const { milestone: m } = props;
  return (
    <ListItem
      className={`${classes.item} ${m.overdue ? classes.overdueItem : ''}`}
      divider
      data-overdue={m.overdue ? 'true' : undefined}
    >
      <Box className={classes.head}>
        <Typography variant="body2" className={classes.title}>
          {m.title}
        </Typography>
        {m.gate && <Chip size="small" variant="outlined" label="Gate" />}
      </Box>
      <Typography variant="caption" component="div" className={classes.meta}>
        <ProjectKey projectKey={m.projectKey} /> · {m.date} ·{' '}
        <span className={m.overdue ? classes.overdue : undefined}>
          {daysToGoLabel(m.daysToGo)}
        </span>
      </Typography>
    </ListItem>
  );
}

function SignOffRow(props: {
  signOff: MySignOff;
  entityLink?: (entityRef: string) => string;
}) {
  const classes = useStyles();
  const { signOff: s, entityLink } = props;
  const name = parseEntityRef(s.entityRef).name;
  return (
    <ListItem className={classes.item} divider>
      <Box className={classes.head}>
        <Typography variant="body2" className={classes.title}>
          {entityLink ? (
            <Link to={entityLink(s.entityRef)}>{name}</Link>
          ) : (
            <strong>{name}</strong>
          )}
        </Typography>
        <Chip
          size="small"
          color="primary"
          label={`${humanize(s.role)} sign-off`}
        />
      </Box>
      <Box className={classes.row}>
        <Typography variant="caption" className={classes.meta}>
          {s.projectKey && (
            <>
              <ProjectKey projectKey={s.projectKey} />
              {' · '}
            </>
          )}
          as {parseEntityRef(s.owner).name}
          {s.targetDate ? ` · target ${s.targetDate}` : ''}
        </Typography>
        <Box flexGrow={1} maxWidth={160} ml="auto">
          <ReadinessBar percent={s.readinessPercent} dense />
        </Box>
      </Box>
    </ListItem>
  );
}

/** The four sections, or the "nothing needs you" state. */
export function MyPmoItemsView(props: { items: MyPmoItemsResponse }) {
  const classes = useStyles();
  const links = usePmoLinks();
  const entityLink = useEntityPmoTabLink();
  const { projects, actions, milestones, signOffs } = props.items;
  const root = links.root?.();
  if (
    projects.totalItems +
      actions.totalItems +
      milestones.totalItems +
      signOffs.totalItems ===
    0
  ) {
    return (
      <Box className={classes.empty}>
        <CheckCircleOutlineIcon className={classes.emptyIcon} />
        <Typography variant="body2">
          Nothing needs you: no projects, open actions or sign-offs for you or
          your groups.
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
        total={signOffs.totalItems}
        shown={signOffs.items.length}
        moreLink={root ? `${root}?view=transitions` : undefined}
      >
        {signOffs.items.map(s => (
          <SignOffRow
            key={`${s.entityRef}:${s.role}`}
            signOff={s}
            entityLink={entityLink}
          />
        ))}
      </Section>
      <Section
        title="Open actions"
        total={actions.totalItems}
        shown={actions.items.length}
        moreLink={root}
      >
        {actions.items.map(a => (
          <ActionRow key={a.id} action={a} />
        ))}
      </Section>
      <Section
        title="Milestones due in 14 days"
        total={milestones.totalItems}
        shown={milestones.items.length}
        moreLink={root}
      >
        {milestones.items.map(m => (
          <MilestoneRow key={m.id} milestone={m} />
        ))}
      </Section>
      <Section
        title="My projects"
        total={projects.totalItems}
        shown={projects.items.length}
        moreLink={root}
      >
        {projects.items.map(p => (
          <ProjectRow key={p.key} project={p} />
        ))}
      </Section>
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
  const api = useApi(pmoApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getMyItems({ limit: WIDGET_LIMIT }),
    [api],
  );

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
