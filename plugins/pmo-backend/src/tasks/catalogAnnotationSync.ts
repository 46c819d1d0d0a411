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

import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PMO_PROJECTS_ANNOTATION,
  parseProjectsAnnotation,
} from '@infra-pmo/plugin-pmo-common';
import type { LinkStore } from '../database/PmoStore';
import type { PmoReadCache } from '../service/readCache';
import { entityRefOf } from '../service/request/refs';

const PAGE_SIZE = 500;

/** Only what the sync needs: keeps catalog responses small. */
const ANNOTATION_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  `metadata.annotations.${PMO_PROJECTS_ANNOTATION}`,
];

/**
 * Reads every entity that has the `pmo/projects` annotation, page by page,
 * and returns the parsed annotation per normalized entity ref.
 * @internal
 */
export async function readAnnotatedEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Map<string, { keys: string[]; invalid: string[] }>> {
  const result = new Map<string, { keys: string[]; invalid: string[] }>();
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, fields: ANNOTATION_FIELDS }
        : {
            filter: {
              [`metadata.annotations.${PMO_PROJECTS_ANNOTATION}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields: ANNOTATION_FIELDS,
            limit: PAGE_SIZE,
          },
      { credentials },
    );
    for (const entity of page.items) {
      result.set(
        entityRefOf(entity),
        parseProjectsAnnotation(
          entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION],
        ),
      );
    }
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return result;
}

/**
 * Full sync of annotation links: entities that lost the annotation lose
 * their annotation links. Runs as a scheduled task (once across replicas).
 * A failed catalog read throws before anything is written, so a catalog
 * outage never wipes links.
 * @internal
 */
export async function syncCatalogAnnotations(options: {
  catalog: CatalogService;
  auth: AuthService;
  store: Pick<LinkStore, 'syncAnnotationLinks'>;
  logger: LoggerService;
}): Promise<number> {
  const { catalog, auth, store, logger } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const annotations = await readAnnotatedEntities(catalog, credentials);
  await store.syncAnnotationLinks(annotations, { complete: true });
  const invalid = [...annotations.values()].reduce(
    (n, a) => n + a.invalid.length,
    0,
  );
  const invalidNote = invalid ? ` (${invalid} invalid project keys)` : '';
  logger.info(
    `Synced ${PMO_PROJECTS_ANNOTATION} of ${annotations.size} catalog entities${invalidNote}`,
  );
  return annotations.size;
}

/** Minutes between two syncs unless `pmo.catalogSync.frequencyMinutes`. */
const DEFAULT_SYNC_MINUTES = 5;

/**
 * Schedules the full annotation sync (`pmo-catalog-annotation-sync`), once
 * across replicas; every run invalidates the read cache.
 * @internal
 */
export async function scheduleCatalogAnnotationSyncTask(options: {
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  links: Pick<LinkStore, 'syncAnnotationLinks'>;
  readCache: PmoReadCache;
  logger: LoggerService;
  /** `pmo.catalogSync.frequencyMinutes`. */
  frequencyMinutes?: number;
}): Promise<void> {
  const { scheduler, catalog, auth, links, readCache, logger } = options;
  const minutes = options.frequencyMinutes ?? DEFAULT_SYNC_MINUTES;
  await scheduler.scheduleTask({
    id: 'pmo-catalog-annotation-sync',
    frequency: { minutes },
    // Not at t=0: on a fresh start (dev, in-memory catalog) the catalog
    // is still ingesting; a first sync then would find nothing and
    // leave annotation links missing for a whole period. Entity pages
    // never wait for it: their summary re-reads the annotation itself.
    initialDelay: { seconds: 30 },
    timeout: { minutes: Math.max(5, minutes) },
    fn: async () => {
      await syncCatalogAnnotations({ catalog, auth, store: links, logger });
      await readCache.bump();
    },
  });
}
