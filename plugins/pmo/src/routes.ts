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

import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The PMO portfolio page. @public */
export const rootRouteRef = createRouteRef({ id: 'pmo' });

/** The detail page of one project, below the portfolio page. @public */
export const projectRouteRef = createSubRouteRef({
  id: 'pmo/project',
  parent: rootRouteRef,
  path: '/projects/:key',
});

/** The transition board tab of the PMO page. @public */
export const transitionsRouteRef = createSubRouteRef({
  id: 'pmo/transitions',
  parent: rootRouteRef,
  path: '/transitions',
});

/** The trends tab of the PMO page. @public */
export const trendsRouteRef = createSubRouteRef({
  id: 'pmo/trends',
  parent: rootRouteRef,
  path: '/trends',
});
