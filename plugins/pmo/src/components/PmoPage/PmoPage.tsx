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
import { PortfolioView } from './PortfolioView';

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
 * The routes of the PMO page without any page chrome (the new frontend
 * system draws the plugin header itself).
 */
export function PmoRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PortfolioView />} />
      <Route path="/projects/:key" element={<ProjectPage />} />
    </Routes>
  );
}

/** PMO page content for the new frontend system. */
export function PmoPageContent() {
  return (
    <Content>
      <PmoRoutes />
    </Content>
  );
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
