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
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import type {
  GroupPmoOverview,
  GroupService,
} from '@infra-pmo/plugin-pmo-common';
import { useGroupOverview } from '../../hooks';
import { EntityName } from '../common/EntityRefs';
import { PmoErrorPanel } from '../common/states';
import { MyPmoItemsView } from '../MyPmoItems/MyPmoItems';
import {
  ReadinessBar,
  TransitionStateChip,
} from '../RunTransition/TransitionChips';

/** The sections' names for a group (the widget's are for "me"). */
const FOR_GROUP = {
  empty:
    'Nothing is waiting for this group: no projects, open actions or sign-offs.',
  projects: 'Projects owned',
};

/** Items per section on the card and on the tab. */
const CARD_LIMIT = 3;
const TAB_LIMIT = 20;

/** One service the group owns, with its run transition if started. */
function ServiceRow(props: { service: GroupService }) {
  const { entityRef, transition } = props.service;
  return (
    <ListItem divider disableGutters>
      <Box display="flex" alignItems="center" flexWrap="wrap" width="100%">
        <Box flexGrow={1} minWidth={140} mr={1}>
          <EntityName entityRef={entityRef} />
        </Box>
        {transition ? (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <TransitionStateChip state={transition.state} size="small" />
            <Box width={110}>
              <ReadinessBar percent={transition.readinessPercent} dense />
            </Box>
          </Box>
        ) : (
          <Typography variant="caption" color="textSecondary">
            No run transition
          </Typography>
        )}
      </Box>
    </ListItem>
  );
}

/**
 * The services the group and its child groups own, with their run
 * transitions.
 * @internal
 */
export function GroupServices(props: {
  services: GroupPmoOverview['services'];
}) {
  const { items, totalItems } = props.services;
  if (totalItems === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The group owns no component or resource.
      </Typography>
    );
  }
  return (
    <Box component="section" aria-label="Services and run transitions">
      <List dense disablePadding>
        {items.map(s => (
          <ServiceRow key={s.entityRef} service={s} />
        ))}
      </List>
      {totalItems > items.length && (
        <Typography variant="caption" color="textSecondary">
          and {totalItems - items.length} more
        </Typography>
      )}
    </Box>
  );
}

/** Who the lists cover: the group, and how many child groups with it. */
function scopeOf(overview: GroupPmoOverview): string {
  const children = overview.groupRefs.length - 1;
  if (children <= 0) return 'This group';
  return `This group and ${children} child group${children > 1 ? 's' : ''}`;
}

/** The overview of the page's Group entity, `limit` items per section. */
function useOverview(limit: number) {
  const { entity } = useEntity();
  return useGroupOverview(stringifyEntityRef(entity), limit);
}

/**
 * Group page card: the projects the group (and its child groups) owns,
 * open actions, due milestones, pending sign-offs and services.
 * @public
 */
export function EntityGroupPmoCard() {
  const { value, loading, error } = useOverview(CARD_LIMIT);
  let body: React.ReactNode;
  if (error) body = <PmoErrorPanel error={error} />;
  else if (loading || !value) body = <Progress />;
  else {
    body = (
      <>
        <MyPmoItemsView items={value} labels={FOR_GROUP} />
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Services ({value.services.totalItems})
          </Typography>
          <GroupServices services={value.services} />
        </Box>
      </>
    );
  }
  return (
    <InfoCard title="PMO" subheader={value ? scopeOf(value) : undefined}>
      {body}
    </InfoCard>
  );
}

/**
 * Group page tab: the group's PMO work rolled up through its child groups,
 * and the services it runs with their transitions.
 * @public
 */
export function EntityGroupPmoContent() {
  const { value, loading, error } = useOverview(TAB_LIMIT);
  if (error) return <PmoErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <InfoCard title="PMO work" subheader={scopeOf(value)}>
          <MyPmoItemsView items={value} labels={FOR_GROUP} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Services and run transitions"
          subheader="Components and resources the groups own"
        >
          <GroupServices services={value.services} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
