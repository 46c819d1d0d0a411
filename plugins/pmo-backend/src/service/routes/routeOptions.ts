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

import type { ProjectKeyRule } from '@infra-pmo/plugin-pmo-common';
import type { RequestContextFactory } from '../context';

/**
 * What every route file takes besides its stores.
 * @internal
 */
export interface RouteOptions {
  /** The one decision point: credentials, permissions, actor, audit. */
  contextOf: RequestContextFactory;
  /**
   * The rule of new project keys (`pmo.projectKeys.pattern`); the base
   * rule when absent. Lookups of existing keys use the base rule.
   */
  keyRule?: ProjectKeyRule;
}
