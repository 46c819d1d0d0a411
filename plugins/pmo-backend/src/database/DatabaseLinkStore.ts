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

import type { EntityLink } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { KnexStore } from './KnexStore';
import { chunks, requireProject, unique, writeHistory } from './helpers';
import type { Actor, LinkStore } from './PmoStore';
import { rowToLink, type RawDbAnnotationRow, type RawDbLinkRow } from './rows';
import { whereInChunked } from './sql';
import { isoNow, type StoreOptions } from './storeOptions';

/**
 * Knex implementation of {@link LinkStore}, on PostgreSQL or SQLite.
 * Manual links are recorded in the project's history; annotation links
 * mirror the catalog and are not.
 * @internal
 */
export class DatabaseLinkStore
  extends KnexStore<Pick<StoreOptions, 'db' | 'clock'>>
  implements LinkStore
{
  async addManualLink(
    projectKey: string,
    entityRef: string,
    actor: Actor,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      await requireProject(trx, projectKey);
      const inserted = await trx('pmo_entity_links')
        .insert({
          project_key: projectKey,
          entity_ref: entityRef,
          source: 'manual',
          created_at: isoNow(this.options.clock),
        })
        .onConflict(['project_key', 'entity_ref', 'source'])
        .ignore()
        .returning('entity_ref');
      return (
        inserted.length > 0 &&
        this.#linkChanged(trx, projectKey, entityRef, 'create', actor)
      );
    });
  }

  async removeManualLink(
    projectKey: string,
    entityRef: string,
    actor: Actor,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const deleted = await trx('pmo_entity_links')
        .where({
          project_key: projectKey,
          entity_ref: entityRef,
          source: 'manual',
        })
        .delete();
      return (
        deleted > 0 &&
        this.#linkChanged(trx, projectKey, entityRef, 'delete', actor)
      );
    });
  }

  /** The history row of a manual link added or removed; true. */
  async #linkChanged(
    trx: Knex.Transaction,
    projectKey: string,
    entityRef: string,
    action: 'create' | 'delete',
    actor: Actor,
  ): Promise<true> {
    const link = [entityRef, 'manual'];
    const [before, after] =
      action === 'create' ? [[null, null], link] : [link, [null, null]];
    await writeHistory(trx, isoNow(this.options.clock), {
      projectKey,
      objectType: 'link',
      objectId: entityRef,
      action,
      actor,
      changes: {
        entityRef: [before[0], after[0]],
        source: [before[1], after[1]],
      },
    });
    return true;
  }

  async syncAnnotationLinks(
    annotations: Map<string, { keys: string[]; invalid: string[] }>,
    options?: { complete?: boolean },
  ): Promise<void> {
    const now = isoNow(this.options.clock);
    await this.db.transaction(async trx => {
      const refs = [...annotations.keys()];
      for (const chunk of chunks(refs)) {
        await syncChunk(trx, annotations, chunk, now);
      }
      if (options?.complete) {
        await dropMissingAnnotations(trx, new Set(refs));
      }
    });
  }

  async listLinks(filter: {
    entityRefs?: string[];
    projectKeys?: string[];
  }): Promise<EntityLink[]> {
    const query = this.db<RawDbLinkRow>('pmo_entity_links').orderBy([
      { column: 'project_key' },
      { column: 'entity_ref' },
      { column: 'source' },
    ]);
    if (filter.entityRefs)
      whereInChunked(query, 'entity_ref', filter.entityRefs);
    if (filter.projectKeys) {
      whereInChunked(query, 'project_key', filter.projectKeys);
    }
    return (await query).map(rowToLink);
  }
}

/**
 * Replaces the annotation links and the raw annotation of a chunk of
 * entities: inserts the new links, deletes the stale ones, and keeps the
 * annotation only while it names something (keys or invalid tokens).
 */
async function syncChunk(
  trx: Knex.Transaction,
  annotations: Map<string, { keys: string[]; invalid: string[] }>,
  chunk: string[],
  now: string,
): Promise<void> {
  const existing = await trx<RawDbLinkRow>('pmo_entity_links')
    .whereIn('entity_ref', chunk)
    .andWhere('source', 'annotation')
    .select('project_key', 'entity_ref');
  const existingSet = new Set(
    existing.map(l => `${l.entity_ref}\u0000${l.project_key}`),
  );
  const wanted = new Set<string>();
  const toInsert: RawDbLinkRow[] = [];
  const annotationRows: RawDbAnnotationRow[] = [];
  const emptyRefs: string[] = [];
  for (const ref of chunk) {
    const { keys, invalid } = annotations.get(ref)!;
    for (const key of unique(keys)) {
      const id = `${ref}\u0000${key}`;
      wanted.add(id);
      if (!existingSet.has(id)) {
        toInsert.push({
          project_key: key,
          entity_ref: ref,
          source: 'annotation',
          created_at: now,
        });
      }
    }
    if (keys.length === 0 && invalid.length === 0) {
      emptyRefs.push(ref);
    } else {
      annotationRows.push({
        entity_ref: ref,
        raw_keys: JSON.stringify(unique(keys)),
        invalid_tokens: JSON.stringify(unique(invalid)),
        synced_at: now,
      });
    }
  }
  const stale = existing.filter(
    l => !wanted.has(`${l.entity_ref}\u0000${l.project_key}`),
  );
  for (const l of stale) {
    await trx('pmo_entity_links')
      .where({
        project_key: l.project_key,
        entity_ref: l.entity_ref,
        source: 'annotation',
      })
      .delete();
  }
  for (const rows of chunks(toInsert, 100)) {
    await trx('pmo_entity_links').insert(rows);
  }
  for (const rows of chunks(annotationRows, 100)) {
    await trx('pmo_entity_annotations')
      .insert(rows)
      .onConflict('entity_ref')
      .merge(['raw_keys', 'invalid_tokens', 'synced_at']);
  }
  if (emptyRefs.length) {
    await trx('pmo_entity_annotations')
      .whereIn('entity_ref', emptyRefs)
      .delete();
  }
}

/**
 * A full sync: entities missing from it no longer carry the annotation.
 * Computed in JS to avoid a NOT IN over thousands of refs.
 */
async function dropMissingAnnotations(
  trx: Knex.Transaction,
  known: Set<string>,
): Promise<void> {
  const linked = await trx('pmo_entity_links')
    .where('source', 'annotation')
    .distinct('entity_ref');
  const annotated = await trx('pmo_entity_annotations').select('entity_ref');
  const gone = unique(
    [...linked, ...annotated]
      .map(r => r.entity_ref as string)
      .filter(ref => !known.has(ref)),
  );
  for (const chunk of chunks(gone)) {
    await trx('pmo_entity_links')
      .whereIn('entity_ref', chunk)
      .andWhere('source', 'annotation')
      .delete();
    await trx('pmo_entity_annotations').whereIn('entity_ref', chunk).delete();
  }
}
