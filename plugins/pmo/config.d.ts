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

export interface Config {
  /** Configuration of the PMO plugins. */
  pmo?: {
    /** Rule for new project keys (the backend plugin enforces it). */
    projectKeys?: {
      /**
       * A regular expression every new project key must match as a whole
       * (keys are upper-cased first). The project form checks it before
       * the backend does; see the backend plugin's config for the rule.
       * @visibility frontend
       */
      pattern?: string;
    };
  };
}
