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

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo; add a real provider for production
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// reports malformed pmo/* annotations and unknown project keys
backend.add(import('@infra-pmo/plugin-catalog-backend-module-pmo'));

// permissions: the dev policy allows everything. A real policy plugs in here,
// replacing the allow-all module (see README "Permissions").
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search (Postgres engine when on PostgreSQL, in-memory Lunr otherwise)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@infra-pmo/plugin-search-backend-module-pmo'));

// software templates, with the PMO actions pmo:project:link and
// pmo:transition:start; the demo template (examples/templates) publishes
// locally through ./modules/scaffolderDemo instead of a git host
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@infra-pmo/plugin-scaffolder-backend-module-pmo'));
backend.add(import('./modules/scaffolderDemo'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// the PMO plugin, mounted at /api/pmo
backend.add(import('@infra-pmo/plugin-pmo-backend'));
// AI assistants: the actions registry's actions (the PMO's read-only
// actions; backend.actions.pluginSources in app-config.yaml) as MCP tools at
// /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// the demo app's PMO data, seeded when pmo.demoData is true (app-config.yaml)
backend.add(import('./modules/pmoDemoData'));

backend.start();
