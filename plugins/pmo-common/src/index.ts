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
 * Shared domain model of the PMO plugins.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './types';
export * from './api';
export * from './myItems';
export * from './permissions';
export * from './annotations';
export * from './rules/dates';
export * from './rules/projectKeys';
export * from './rules/slip';
export * from './rules/health';
export * from './rules/transitionModel';
export * from './rules/factRules';
export * from './rules/readinessTemplates';
export * from './rules/transitionReadiness';
export * from './rules/transition';
export * from './rules/transitionApi';
export * from './rules/lifecycle';
export * from './rules/projectHealth';
export * from './rules/reminders';
export * from './rules/projectReminders';
export * from './rules/transitionReminders';
export * from './rules/zonedTime';
export * from './rules/cutover';
export * from './rules/cutoverCollisions';
export * from './cutoverTypes';
export * from './rules/decisions';
export * from './search';
export * from './snapshots';
export * from './validation';
