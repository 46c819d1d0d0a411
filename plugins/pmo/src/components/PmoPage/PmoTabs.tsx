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

import type { ReactElement } from 'react';
import {
  Outlet,
  useLocation,
  useResolvedPath,
  resolvePath,
} from 'react-router-dom';
import {
  Content,
  ErrorPage,
  HeaderTabs,
  Link,
} from '@backstage/core-components';
import { usePmoLinks } from '../common/routing';

/** One tab of the PMO page: its path below the page and its view. */
export interface PmoTab {
  /** Relative to the page: '' for the first tab. */
  path: string;
  title: string;
  element: ReactElement;
}

/**
 * The tabs of the PMO page above the open tab's view (`<Outlet/>`). Each
 * tab is a link to its own URL (paste the transition board into a CAB
 * invite); the query string (owner and System filters) goes along.
 */
export function PmoTabs(props: { tabs: PmoTab[] }) {
  const location = useLocation();
  const base = useResolvedPath('.').pathname;
  const here = location.pathname.replace(/\/+$/, '');
  const paths = props.tabs.map(t =>
    resolvePath(t.path || '.', base).pathname.replace(/\/+$/, ''),
  );
  const selected = Math.max(0, paths.indexOf(here));
  return (
    <>
      <HeaderTabs
        selectedIndex={selected}
        tabs={props.tabs.map((t, i) => ({
          id: t.path || 'portfolio',
          label: t.title,
          tabProps: {
            component: Link,
            to: { pathname: paths[i] || '/', search: location.search },
          } as object,
        }))}
      />
      <Content>
        <Outlet />
      </Content>
    </>
  );
}

/** Any other path below the PMO page: a 404 with the way back. */
export function PmoNotFound() {
  const links = usePmoLinks();
  return (
    <ErrorPage
      status="404"
      statusMessage="This PMO page does not exist"
      additionalInfo={
        links.root ? (
          <Link to={links.root()}>Go to the PMO portfolio</Link>
        ) : undefined
      }
    />
  );
}
