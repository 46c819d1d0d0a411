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
  useRouteRef,
  type AnyRouteRefParams as AnyParams,
  type RouteRef,
  type SubRouteRef,
} from '@backstage/core-plugin-api';
import {
  projectRouteRef,
  rootRouteRef,
  transitionsRouteRef,
  trendsRouteRef,
} from '../../routes';

/**
 * A link builder of `ref`, or undefined when the PMO page is not mounted.
 * `useRouteRef` throws for unmounted routes, always after the same hooks,
 * so catching keeps the hook order stable.
 */
function useOptionalRoute(
  ref: RouteRef<AnyParams> | SubRouteRef<AnyParams>,
): ((params: { [name: string]: string }) => string) | undefined {
  try {
    return useRouteRef(ref) as (params: { [name: string]: string }) => string;
  } catch {
    return undefined;
  }
}

/**
 * Link builders to the PMO pages, or undefined when the PMO page is not
 * mounted in the app (the entity card and tab must still work then).
 */
export function usePmoLinks(): {
  root?: () => string;
  project?: (key: string) => string;
  transitions?: () => string;
  trends?: () => string;
} {
  const root = useOptionalRoute(rootRouteRef);
  const project = useOptionalRoute(projectRouteRef);
  const transitions = useOptionalRoute(transitionsRouteRef);
  const trends = useOptionalRoute(trendsRouteRef);
  return {
    root: root && (() => root({})),
    project: project && ((key: string) => project({ key })),
    transitions: transitions && (() => transitions({})),
    trends: trends && (() => trends({})),
  };
}
