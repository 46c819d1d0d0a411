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
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import NextIcon from '@material-ui/icons/ChevronRight';
import PrevIcon from '@material-ui/icons/ChevronLeft';
import type { ChangeWindow, Collision } from '@infra-pmo/plugin-pmo-common';
import { useChangeCalendar } from '../../hooks';
import { usePmoLinks } from '../common/routing';
import { PmoErrorPanel } from '../common/states';

/** `YYYY-MM` of a date (UTC). */
const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** The month `delta` months after `month`. */
function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  return monthOf(new Date(Date.UTC(year, m - 1 + delta, 1)));
}

/** The collisions a window is a side of. */
function collisionsOf(window: ChangeWindow, collisions: Collision[]) {
  return collisions.filter(
    c =>
      c.a.id === window.id || (c.b.kind === 'window' && c.b.id === window.id),
  );
}

function CollisionChip(props: { collision: Collision }) {
  const { collision } = props;
  const acknowledged = Boolean(collision.acknowledgement);
  return (
    <Tooltip
      title={
        acknowledged
          ? `${collision.message} (acknowledged: ${
              collision.acknowledgement!.reason
            })`
          : collision.message
      }
    >
      <Chip
        size="small"
        variant={acknowledged ? 'outlined' : 'default'}
        color={collision.severity === 'high' ? 'secondary' : 'default'}
        label={`${collision.kind}${acknowledged ? ' (acknowledged)' : ''}`}
      />
    </Tooltip>
  );
}

/**
 * The "Change calendar" tab of the PMO page: a month of change windows of
 * every project the user can read, in start order, with the freezes of
 * the month and each window's collisions marked (hover for the finding).
 */
export function ChangeCalendarView(props: { initialMonth?: string }) {
  const [month, setMonth] = useState(props.initialMonth ?? monthOf(new Date()));
  const calendar = useChangeCalendar(month);
  const links = usePmoLinks();

  let body: React.ReactNode;
  if (calendar.loading) body = <Progress />;
  else if (calendar.error) body = <PmoErrorPanel error={calendar.error} />;
  else if (
    !calendar.value ||
    (calendar.value.windows.length === 0 && calendar.value.freezes.length === 0)
  ) {
    body = (
      <EmptyState
        missing="data"
        title={`No change windows or freezes in ${month}`}
        description="Change windows are added to milestones of projects; freezes come from pmo.cutover.freezes and the API."
      />
    );
  } else {
    const { windows, freezes, collisions } = calendar.value;
    body = (
      <>
        {freezes.length > 0 && (
          <Box mb={2}>
            <Typography variant="h6">Freezes</Typography>
            <List dense>
              {freezes.map(f => (
                <ListItem key={f.id}>
                  <ListItemText
                    primary={f.title}
                    secondary={`${f.start} – ${f.end ?? 'open'} ${
                      f.timeZone
                    } · scope ${f.scope.kind}`}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        )}
        <Typography variant="h6">Change windows</Typography>
        {windows.length === 0 ? (
          <Typography variant="body2">No change windows this month.</Typography>
        ) : (
          <List dense aria-label="Change windows">
            {windows.map(w => {
              const found = collisionsOf(w, collisions);
              return (
                <ListItem key={w.id} divider>
                  <ListItemText
                    primary={
                      <>
                        {links.project ? (
                          <Link to={links.project(w.projectKey)}>
                            {w.projectKey}
                          </Link>
                        ) : (
                          w.projectKey
                        )}{' '}
                        {w.type} · {w.start} – {w.end} {w.timeZone}
                      </>
                    }
                    secondary={
                      w.changeRecord
                        ? `${w.changeRecord}${
                            w.changeApproved ? ' (approved)' : ' (not approved)'
                          }`
                        : 'No change record'
                    }
                  />
                  <Box display="flex" style={{ gap: 4 }}>
                    {found.map(c => (
                      <CollisionChip key={c.id} collision={c} />
                    ))}
                  </Box>
                </ListItem>
              );
            })}
          </List>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Change calendar"
      subheader={month}
      action={
        <Box>
          <IconButton
            aria-label="Previous month"
            onClick={() => setMonth(addMonths(month, -1))}
          >
            <PrevIcon />
          </IconButton>
          <IconButton
            aria-label="Next month"
            onClick={() => setMonth(addMonths(month, 1))}
          >
            <NextIcon />
          </IconButton>
        </Box>
      }
    >
      {body}
    </InfoCard>
  );
}
