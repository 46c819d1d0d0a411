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
import { hasPmoProjectsAnnotation } from '@infra-pmo/plugin-pmo-common';

/**
 * True when the entity lists PMO projects in its `pmo/projects` annotation.
 * @public
 */
export const isPmoAvailable = (entity: Entity): boolean =>
  hasPmoProjectsAnnotation(entity);

/** Kinds that projects change, and that show the PMO card and tab. @public */
export const PMO_ENTITY_KINDS = ['component', 'resource', 'system'] as const;

/**
 * True for the kinds that can be attached to projects, whether through the
 * annotation or a manual link; the card handles "nothing attached" itself.
 * @public
 */
export const isPmoSupportedKind = (entity: Entity): boolean =>
  (PMO_ENTITY_KINDS as readonly string[]).includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );

/**
 * True for Group entities, which show the group PMO card and tab.
 * @public
 */
export const isGroupEntity = (entity: Entity): boolean =>
  entity.kind.toLocaleLowerCase('en-US') === 'group';
