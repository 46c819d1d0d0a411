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

import { useRouteRef } from '@backstage/core-plugin-api';
import { projectRouteRef, rootRouteRef } from '../../routes';

/**
 * Link builders to the PMO pages, or undefined when the PMO page is not
 * mounted in the app (the entity card and tab must still work then).
 * `useRouteRef` throws for unmounted routes, always after the same hooks,
 * so catching keeps the hook order stable.
 */
export function usePmoLinks(): {
  root?: () => string;
  project?: (key: string) => string;
} {
  let root: (() => string) | undefined;
  let project: ((key: string) => string) | undefined;
  try {
    const rootFn = useRouteRef(rootRouteRef);
    root = () => rootFn();
  } catch {
    root = undefined;
  }
  try {
    const projectFn = useRouteRef(projectRouteRef);
    project = (key: string) => projectFn({ key });
  } catch {
    project = undefined;
  }
  return { root, project };
}
