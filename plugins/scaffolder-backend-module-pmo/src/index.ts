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

/**
 * Scaffolder module with the PMO template actions: `pmo:project:link` and
 * `pmo:transition:start`.
 *
 * @packageDocumentation
 */

export { scaffolderModulePmo as default } from './module';
export {
  PmoApiClient,
  type PmoApiClientOptions,
  type PmoApiRequest,
} from './PmoApiClient';
export {
  createPmoProjectLinkAction,
  PMO_PROJECT_LINK_ACTION_ID,
} from './actions/projectLink';
export {
  createPmoTransitionStartAction,
  PMO_TRANSITION_START_ACTION_ID,
} from './actions/transitionStart';
