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

import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  parseProjectsAnnotation,
  PMO_PROJECTS_ANNOTATION,
  PMO_RUN_OWNER_ANNOTATION,
  PMO_SERVICE_TIER_ANNOTATION,
  SERVICE_TIERS,
} from '@infra-pmo/plugin-pmo-common';

/** Kinds a `pmo/run-owner` may name. */
const RUN_OWNER_KINDS = ['group', 'user'];

/** @public */
export interface PmoAnnotationProcessorOptions {
  /**
   * The existing project keys, or undefined when they cannot be read (then
   * only the syntax is checked). See `ProjectKeySource`.
   */
  getProjectKeys: () => Promise<ReadonlySet<string> | undefined>;
  /** Report keys that name no PMO project (default true). */
  reportUnknownKeys?: boolean;
  /**
   * Strict mode: a problem is a processing error of the entity, which the
   * catalog then does not store (a new entity does not appear). Default
   * false: problems are logged once each and shown by the PMO card and
   * tab, and the entity is ingested as if it had no PMO annotation
   * problem. See the package README for the trade-off.
   */
  strict?: boolean;
  /** Where non-strict problems are logged (once per entity and message). */
  logger?: Pick<LoggerService, 'warn'>;
}

/** Most problems remembered as logged before the memory starts over. */
const MAX_REMEMBERED_WARNINGS = 10_000;

/**
 * Validates the PMO annotations of every entity. By default a problem is
 * logged (once) and left to the PMO entity card and tab, which list invalid
 * and unknown keys: a PMO annotation never hides a service. In strict mode
 * problems are processing errors of the entity (shown by the catalog's
 * processing-error panel; the catalog keeps the previous version):
 *
 * - `pmo/projects`: every token must be a project key (`INFRA-101`) and,
 *   unless disabled, name an existing PMO project;
 * - `pmo/run-owner`: a group or user entity ref (a bare name is a group in
 *   the entity's namespace, as the run transitions read it);
 * - `pmo/service-tier`: one of `tier-1`, `tier-2`, `tier-3`.
 *
 * It emits no relations: PMO projects are not catalog entities, so a
 * relation to one would dangle (see the package README).
 * @public
 */
export class PmoAnnotationProcessor implements CatalogProcessor {
  readonly #getProjectKeys: PmoAnnotationProcessorOptions['getProjectKeys'];
  readonly #reportUnknownKeys: boolean;
  readonly #strict: boolean;
  readonly #logger?: Pick<LoggerService, 'warn'>;
  readonly #logged = new Set<string>();

  constructor(options: PmoAnnotationProcessorOptions) {
    this.#getProjectKeys = options.getProjectKeys;
    this.#reportUnknownKeys = options.reportUnknownKeys ?? true;
    this.#strict = options.strict ?? false;
    this.#logger = options.logger;
  }

  getProcessorName(): string {
    return 'PmoAnnotationProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    for (const message of [
      ...(await this.#checkProjects(annotations[PMO_PROJECTS_ANNOTATION])),
      ...checkRunOwner(
        annotations[PMO_RUN_OWNER_ANNOTATION],
        entity.metadata.namespace,
      ),
      ...checkServiceTier(annotations[PMO_SERVICE_TIER_ANNOTATION]),
    ]) {
      if (this.#strict) {
        emit(processingResult.inputError(location, message));
      } else {
        this.#warnOnce(stringifyEntityRef(entity), message);
      }
    }
    return entity;
  }

  /** The catalog processes every entity every few minutes: log once. */
  #warnOnce(entityRef: string, message: string) {
    const id = `${entityRef}\n${message}`;
    if (this.#logged.has(id)) return;
    if (this.#logged.size >= MAX_REMEMBERED_WARNINGS) this.#logged.clear();
    this.#logged.add(id);
    this.#logger?.warn(`${entityRef}: ${message}`);
  }

  async #checkProjects(value: string | undefined): Promise<string[]> {
    if (value === undefined) return [];
    const { keys, invalid } = parseProjectsAnnotation(value);
    const messages: string[] = [];
    if (invalid.length > 0) {
      messages.push(
        `Annotation ${PMO_PROJECTS_ANNOTATION} has ${
          invalid.length === 1 ? 'a value that is' : 'values that are'
        } not a project key: ${quoted(
          invalid,
        )}; expected comma-separated keys such as INFRA-101, DC-MIG-01 or PRJ0012345`,
      );
    } else if (keys.length === 0) {
      messages.push(
        `Annotation ${PMO_PROJECTS_ANNOTATION} is empty; expected comma-separated keys such as INFRA-101, DC-MIG-01 or PRJ0012345`,
      );
    }
    if (this.#reportUnknownKeys && keys.length > 0) {
      const known = await this.#getProjectKeys();
      const unknown = known ? keys.filter(k => !known.has(k)) : [];
      if (unknown.length > 0) {
        messages.push(
          `Annotation ${PMO_PROJECTS_ANNOTATION} names ${
            unknown.length === 1 ? 'a project' : 'projects'
          } unknown to the PMO: ${quoted(unknown)}; register ${
            unknown.length === 1 ? 'it' : 'them'
          } in the PMO or fix the annotation`,
        );
      }
    }
    return messages;
  }
}

function quoted(values: string[]): string {
  return values.map(v => `'${v}'`).join(', ');
}

/**
 * Messages for a malformed `pmo/run-owner`; none when valid or absent.
 * @internal
 */
export function checkRunOwner(
  value: string | undefined,
  namespace: string | undefined,
): string[] {
  if (value === undefined) return [];
  const problem = `Annotation ${PMO_RUN_OWNER_ANNOTATION} '${value}' is not a group or user entity ref; expected e.g. group:default/wintel-ops`;
  const trimmed = value.trim();
  if (!trimmed) return [problem];
  try {
    const ref = parseEntityRef(trimmed, {
      defaultKind: 'group',
      defaultNamespace: namespace ?? 'default',
    });
    return RUN_OWNER_KINDS.includes(ref.kind.toLocaleLowerCase('en-US'))
      ? []
      : [problem];
  } catch {
    return [problem];
  }
}

/**
 * Messages for a malformed `pmo/service-tier`; none when valid or absent.
 * @internal
 */
export function checkServiceTier(value: string | undefined): string[] {
  if (value === undefined) return [];
  return (SERVICE_TIERS as readonly string[]).includes(value.trim())
    ? []
    : [
        `Annotation ${PMO_SERVICE_TIER_ANNOTATION} '${value}' is not one of ${SERVICE_TIERS.join(
          ', ',
        )}`,
      ];
}
