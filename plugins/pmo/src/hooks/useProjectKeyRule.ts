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

import { useMemo } from 'react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  createProjectKeyRule,
  DEFAULT_PROJECT_KEY_RULE,
  type ProjectKeyRule,
} from '@infra-pmo/plugin-pmo-common';

/**
 * The installation's rule for new project keys: the same
 * `pmo.projectKeys.pattern` the backend enforces (declared visible to the
 * frontend in config.d.ts), so that the form names the pattern before the
 * server refuses the key. A pattern that does not compile is the backend's
 * start failure to report; the form then falls back to the base rule and
 * the server's answer stays the authority.
 */
export function useProjectKeyRule(): ProjectKeyRule {
  const config = useApi(configApiRef);
  const pattern = config.getOptionalString('pmo.projectKeys.pattern');
  return useMemo(() => {
    try {
      return createProjectKeyRule(pattern);
    } catch {
      return DEFAULT_PROJECT_KEY_RULE;
    }
  }, [pattern]);
}
