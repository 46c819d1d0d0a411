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

import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  MyAction,
  MyGate,
  MyMilestone,
  MyProject,
  MySignOff,
} from '@infra-pmo/plugin-pmo-common';
import { ReadinessBar } from '../RunTransition/TransitionChips';
import { daysToGoLabel, humanize } from '../common/format';
import { HealthChip, ScoreChip, WatermelonChip } from '../common/HealthChips';
import { usePmoLinks } from '../common/routing';
import { alertText } from '../common/styles';
import { EntityName } from '../common/EntityRefs';

/*
 * The rows of the "My PMO items" sections: one per project, open action,
 * due milestone and pending sign-off.
 */

/** Styles of the widget, shared by its sections and rows. @internal */
export const useStyles = makeStyles(theme => ({
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
  overdue: { color: alertText(theme).error, fontWeight: 600 },
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

function ProjectKey(props: { projectKey: string }) {
  const links = usePmoLinks();
  return links.project ? (
    <Link to={links.project(props.projectKey)} underline="always">
      {props.projectKey}
    </Link>
  ) : (
    <strong>{props.projectKey}</strong>
  );
}

/** A project of the user: health, phase and next milestone. @internal */
export function ProjectRow(props: { project: MyProject }) {
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

/**
 * A row with a due date: overdue ones are marked at the left edge and in
 * the caption, after the row's other facts (`children`).
 */
function DueRow(props: {
  item: { title: string; overdue: boolean };
  badge: React.ReactNode;
  due?: string;
  children: React.ReactNode;
}) {
  const classes = useStyles();
  const { overdue, title } = props.item;
  return (
    <ListItem
      className={`${classes.item} ${overdue ? classes.overdueItem : ''}`}
      divider
      data-overdue={overdue ? 'true' : undefined}
    >
      <Box className={classes.head}>
        <Typography variant="body2" className={classes.title}>
          {title}
        </Typography>
        {props.badge}
      </Box>
      <Typography variant="caption" component="div" className={classes.meta}>
        {props.children}
        {props.due && (
          <>
            {' · '}
            <span className={overdue ? classes.overdue : undefined}>
              {props.due}
            </span>
          </>
        )}
      </Typography>
    </ListItem>
  );
}

/** An open action (RAID item) with its score and due date. @internal */
export function ActionRow(props: { action: MyAction }) {
  const { action: a } = props;
  const due = a.overdue ? `Overdue since ${a.dueDate}` : `Due ${a.dueDate}`;
  return (
    <DueRow
      item={a}
      badge={<ScoreChip score={a.score} />}
      due={a.dueDate && due}
    >
      <ProjectKey projectKey={a.projectKey} /> · {humanize(a.type)}
    </DueRow>
  );
}

/** A milestone due soon, overdue ones marked. @internal */
export function MilestoneRow(props: { milestone: MyMilestone }) {
  const { milestone: m } = props;
  const gate = m.gate && <Chip size="small" variant="outlined" label="Gate" />;
  return (
    <DueRow item={m} badge={gate} due={daysToGoLabel(m.daysToGo)}>
      <ProjectKey projectKey={m.projectKey} /> · {m.date}
    </DueRow>
  );
}

/** A pending sign-off with the readiness of its transition. @internal */
export function SignOffRow(props: {
  signOff: MySignOff;
  entityLink?: (entityRef: string) => string;
}) {
  const classes = useStyles();
  const { signOff: s, entityLink } = props;
  return (
    <ListItem className={classes.item} divider>
      <Box className={classes.head}>
        <Typography variant="body2" className={classes.title}>
          {entityLink ? (
            <Link to={entityLink(s.entityRef)} underline="always">
              <EntityName entityRef={s.entityRef} plain />
            </Link>
          ) : (
            <strong>
              <EntityName entityRef={s.entityRef} plain />
            </strong>
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
          as <EntityName entityRef={s.owner} defaultKind="group" />
          {s.targetDate ? ` · target ${s.targetDate}` : ''}
        </Typography>
        <Box flexGrow={1} maxWidth={160} ml="auto">
          <ReadinessBar percent={s.readinessPercent} dense />
        </Box>
      </Box>
    </ListItem>
  );
}

/** A gate waiting for the user's (or their group's) decision. @internal */
export function GateRow(props: { gate: MyGate }) {
  const g = props.gate;
  return (
    <DueRow
      item={{ title: g.title, overdue: false }}
      badge={<Chip size="small" color="primary" label="Gate decision" />}
      due={g.dueDate}
    >
      <ProjectKey projectKey={g.projectKey} /> · {g.projectTitle}
    </DueRow>
  );
}
