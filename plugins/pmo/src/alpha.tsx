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
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { PMO_PROJECT_SEARCH_TYPE } from '@infra-pmo/plugin-pmo-common';
import AssessmentIcon from '@material-ui/icons/Assessment';
import {
  PmoClient,
  pmoApiRef,
  PmoDecisionsClient,
  pmoDecisionsApiRef,
} from './api';
import { PMO_ENTITY_KINDS } from './predicates';
import {
  projectRouteRef,
  rootRouteRef,
  transitionsRouteRef,
  trendsRouteRef,
} from './routes';

/**
 * Entities that show the PMO card and tab: the kinds projects change. Not
 * the annotation, because manual links attach projects too; the views
 * explain how to attach a project when nothing is attached. Overridable
 * with `app.extensions[].config.filter`.
 */
const pmoEntityFilter = { kind: { $in: [...PMO_ENTITY_KINDS] } };

/** @alpha */
export const pmoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: pmoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PmoClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const pmoDecisionsApi = ApiBlueprint.make({
  name: 'decisions',
  params: defineParams =>
    defineParams({
      api: pmoDecisionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PmoDecisionsClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const pmoPage = PageBlueprint.make({
  params: {
    path: '/pmo',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    title: 'PMO',
    icon: <AssessmentIcon />,
    loader: () =>
      import('./components/PmoPage').then(m =>
        compatWrapper(<m.PmoPageContent />),
      ),
  },
});

/** @alpha */
export const entityPmoCard = EntityCardBlueprint.make({
  params: {
    filter: pmoEntityFilter,
    loader: () =>
      import('./components/EntityPmoCard').then(m =>
        compatWrapper(<m.EntityPmoCard />),
      ),
  },
});

/** @alpha */
export const entityPmoContent = EntityContentBlueprint.make({
  params: {
    path: 'pmo',
    title: 'PMO',
    filter: pmoEntityFilter,
    loader: () =>
      import('./components/EntityPmoContent').then(m =>
        compatWrapper(<m.EntityPmoContent />),
      ),
  },
});

/** Group page card (the group and its child groups). @alpha */
export const entityGroupPmoCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupPmo').then(m =>
        compatWrapper(<m.EntityGroupPmoCard />),
      ),
  },
});

/** Group page tab (the group and its child groups). @alpha */
export const entityGroupPmoContent = EntityContentBlueprint.make({
  name: 'group',
  params: {
    path: 'pmo',
    title: 'PMO',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupPmo').then(m =>
        compatWrapper(<m.EntityGroupPmoContent />),
      ),
  },
});

/**
 * Home page widget: the signed-in user's projects, open actions, due
 * milestones and pending sign-offs. Add it to the home page layout as
 * `MyPmoItems` (`page:home` `defaultConfig`).
 * @alpha
 */
export const homePageMyPmoItemsWidget = HomePageWidgetBlueprint.make({
  name: 'my-pmo-items',
  params: {
    name: 'MyPmoItems',
    title: 'My PMO items',
    description:
      'Your projects, open actions, due milestones and pending sign-offs',
    layout: {
      width: { minColumns: 4, defaultColumns: 4 },
      height: { minRows: 6, defaultRows: 11 },
    },
    components: () =>
      import('./components/MyPmoItems').then(m => ({
        Content: () => compatWrapper(<m.MyPmoItemsContent />),
      })),
  },
});

/**
 * Search results of type `pmo-project` (indexed by
 * `@infra-pmo/plugin-search-backend-module-pmo`).
 * @alpha
 */
export const pmoSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    icon: <AssessmentIcon />,
    predicate: result => result.type === PMO_PROJECT_SEARCH_TYPE,
    component: () =>
      import('./components/PmoSearchResultListItem').then(
        m => m.PmoSearchResultListItem,
      ),
  },
});

/**
 * "PMO projects" in the result-type filter of the search page.
 * @alpha
 */
export const pmoSearchResultType = SearchFilterResultTypeBlueprint.make({
  params: {
    value: PMO_PROJECT_SEARCH_TYPE,
    name: 'PMO projects',
    icon: <AssessmentIcon />,
  },
});

/**
 * The PMO plugin for the new frontend system: API, /pmo page, entity card,
 * entity tab, the "My PMO items" home page widget, and the search result
 * item and result-type filter of PMO projects.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'pmo',
  title: 'PMO',
  icon: <AssessmentIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    pmoApi,
    pmoDecisionsApi,
    pmoPage,
    entityPmoCard,
    entityPmoContent,
    entityGroupPmoCard,
    entityGroupPmoContent,
    homePageMyPmoItemsWidget,
    pmoSearchResultListItem,
    pmoSearchResultType,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    project: projectRouteRef,
    transitions: transitionsRouteRef,
    trends: trendsRouteRef,
  }),
});
