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

import type { Entity } from '@backstage/catalog-model';
import { PMO_PROJECTS_ANNOTATION } from './constants';
import {
  DEFAULT_PROJECT_KEY_RULE,
  type ProjectKeyRule,
} from './rules/projectKeys';

/**
 * Parsed `pmo/projects` annotation.
 * @public
 */
export interface ParsedProjectsAnnotation {
  /** Valid keys, upper-cased, de-duplicated, in order. */
  keys: string[];
  /** Tokens that are not valid project keys (reported, never dropped silently). */
  invalid: string[];
}

/**
 * Parses a comma-separated (or whitespace-separated) list of project keys.
 * Keys are case-insensitive and normalized to upper case. `rule` defaults
 * to the base key rule: an annotation names existing keys, which stay
 * valid whatever pattern new keys must follow.
 * @public
 */
export function parseProjectsAnnotation(
  value: string | undefined,
  rule: ProjectKeyRule = DEFAULT_PROJECT_KEY_RULE,
): ParsedProjectsAnnotation {
  const keys: string[] = [];
  const invalid: string[] = [];
  for (const raw of (value ?? '').split(/[,\s]+/)) {
    const token = raw.trim();
    if (!token) continue;
    const key = token.toUpperCase();
    if (!rule.test(key)) {
      if (!invalid.includes(token)) invalid.push(token);
    } else if (!keys.includes(key)) {
      keys.push(key);
    }
  }
  return { keys, invalid };
}

/**
 * True when the entity declares PMO projects through its annotation.
 * @public
 */
export function hasPmoProjectsAnnotation(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION]);
}
