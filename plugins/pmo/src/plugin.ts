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

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { PMO_PROJECT_SEARCH_TYPE } from '@infra-pmo/plugin-pmo-common';
import type { JSX } from 'react';
import {
  PmoClient,
  pmoApiRef,
  PmoDecisionsClient,
  pmoDecisionsApiRef,
} from './api';
import type { PmoSearchResultListItemProps } from './components/PmoSearchResultListItem';
import {
  projectRouteRef,
  rootRouteRef,
  transitionsRouteRef,
  trendsRouteRef,
} from './routes';

/**
 * The PMO plugin for the legacy frontend system.
 * @public
 */
export const pmoPlugin = createPlugin({
  id: 'pmo',
  apis: [
    createApiFactory({
      api: pmoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PmoClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: pmoDecisionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PmoDecisionsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    project: projectRouteRef,
    transitions: transitionsRouteRef,
    trends: trendsRouteRef,
  },
});

/**
 * Overview card: worst health, linked projects, next milestone, top risk.
 * @public
 */
export const EntityPmoCard: () => JSX.Element = pmoPlugin.provide(
  createComponentExtension({
    name: 'EntityPmoCard',
    component: {
      lazy: () =>
        import('./components/EntityPmoCard').then(m => m.EntityPmoCard),
    },
  }),
);

/**
 * Entity tab with the linked projects' timelines, RAID logs and history.
 * @public
 */
export const EntityPmoContent: () => JSX.Element = pmoPlugin.provide(
  createComponentExtension({
    name: 'EntityPmoContent',
    component: {
      lazy: () =>
        import('./components/EntityPmoContent').then(m => m.EntityPmoContent),
    },
  }),
);

/**
 * Group page card: the PMO work of the group and its child groups.
 * @public
 */
export const EntityGroupPmoCard: () => JSX.Element = pmoPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupPmoCard',
    component: {
      lazy: () =>
        import('./components/GroupPmo').then(m => m.EntityGroupPmoCard),
    },
  }),
);

/**
 * Group page tab: projects, actions, milestones, sign-offs and services
 * of the group and its child groups.
 * @public
 */
export const EntityGroupPmoContent: () => JSX.Element = pmoPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupPmoContent',
    component: {
      lazy: () =>
        import('./components/GroupPmo').then(m => m.EntityGroupPmoContent),
    },
  }),
);

/**
 * The PMO portfolio page (mount at /pmo).
 * @public
 */
export const PmoPage: () => JSX.Element = pmoPlugin.provide(
  createRoutableExtension({
    name: 'PmoPage',
    component: () => import('./components/PmoPage').then(m => m.PmoPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Home page card "My PMO items": the signed-in user's (and their groups')
 * projects, open actions, due milestones and pending sign-offs.
 * @public
 */
export const HomePageMyPmoItems = pmoPlugin.provide(
  createCardExtension({
    name: 'HomePageMyPmoItems',
    title: 'My PMO items',
    description:
      'Your projects, open actions, due milestones and pending sign-offs',
    components: () =>
      import('./components/MyPmoItems').then(m => ({
        Content: m.MyPmoItemsContent,
      })),
  }),
);

/**
 * Search result item for PMO projects (documents of type `pmo-project`
 * from `@infra-pmo/plugin-search-backend-module-pmo`); put it in the
 * search page's result list.
 * @public
 */
export const PmoSearchResultListItem: (
  props: PmoSearchResultListItemProps,
) => JSX.Element | null = pmoPlugin.provide(
  createSearchResultListItemExtension({
    name: 'PmoSearchResultListItem',
    component: () =>
      import('./components/PmoSearchResultListItem').then(
        m => m.PmoSearchResultListItem,
      ),
    predicate: result => result.type === PMO_PROJECT_SEARCH_TYPE,
  }),
);
