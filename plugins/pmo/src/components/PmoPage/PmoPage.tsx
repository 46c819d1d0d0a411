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

import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { Content, Header, Link, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { usePmoLinks } from '../common/routing';
import { ProjectView } from '../ProjectView/ProjectView';
import { ChangeCalendarView } from './ChangeCalendar';
import { PmoNotFound, PmoTabs, type PmoTab } from './PmoTabs';
import { PortfolioView } from './PortfolioView';
import { TransitionsView } from './TransitionBoard';
import { TrendsView } from './Trends';

/** /pmo/projects/:key */
export function ProjectPage() {
  const { key = '' } = useParams();
  const navigate = useNavigate();
  const links = usePmoLinks();
  return (
    <Box>
      {links.root && (
        <Box mb={2}>
          <Link to={links.root()}>
            <ArrowBackIcon
              fontSize="inherit"
              style={{ verticalAlign: 'middle' }}
            />{' '}
            Portfolio
          </Link>
        </Box>
      )}
      <ProjectView
        projectKey={key.toUpperCase()}
        showEntityLinker
        onDeleted={() => (links.root ? navigate(links.root()) : undefined)}
      />
    </Box>
  );
}

/**
 * The tabs of the PMO page, each at its own URL below the page. Later
 * views add a line here (and a sub-route ref in routes.ts to link to it).
 */
const PMO_TABS: PmoTab[] = [
  { path: '', title: 'Portfolio', element: <PortfolioView /> },
  {
    path: 'transitions',
    title: 'Transition board',
    element: <TransitionsView />,
  },
  { path: 'trends', title: 'Trends', element: <TrendsView /> },
  {
    path: 'calendar',
    title: 'Change calendar',
    element: <ChangeCalendarView />,
  },
];

/**
 * The routes of the PMO page without the page header (the new frontend
 * system draws the plugin header itself): the tabs, a project, and a 404
 * for anything else.
 */
export function PmoRoutes() {
  return (
    <Routes>
      <Route element={<PmoTabs tabs={PMO_TABS} />}>
        {PMO_TABS.map(t =>
          t.path ? (
            <Route key={t.path} path={t.path} element={t.element} />
          ) : (
            <Route key="index" index element={t.element} />
          ),
        )}
      </Route>
      <Route
        path="projects/:key"
        element={
          <Content>
            <ProjectPage />
          </Content>
        }
      />
      <Route path="*" element={<PmoNotFound />} />
    </Routes>
  );
}

/** PMO page content for the new frontend system. */
export function PmoPageContent() {
  return <PmoRoutes />;
}

/**
 * The PMO page with its own header (legacy frontend system).
 * @public
 */
export function PmoPage() {
  return (
    <Page themeId="tool">
      <Header title="PMO" subtitle="Infrastructure project portfolio" />
      <PmoPageContent />
    </Page>
  );
}
