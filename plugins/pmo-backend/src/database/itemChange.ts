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

import type { Knex } from 'knex';
import { diffSnapshots } from './helpers';
import type { Actor } from './PmoStore';
import type { UpdateItemResult } from './TransitionStore';
import {
  loadTransition,
  rowToSignOff,
  staleTransitionError,
  type RawDbSignOffRow,
  type RawDbTransitionItemRow,
  type RawDbTransitionRow,
} from './transitionRows';
import { itemChanged, itemSnapshot } from './transitionRules';
import {
  bumpTransition,
  revokeAllSignOffs,
  writeItem,
  writeTransitionHistory,
  type Changes,
} from './transitionWrites';
import { syncWaiverRisk } from './waiverRisks';

/** Recomputes stored project health inside a transaction. @internal */
export type RecomputeHealth = (
  trx: Knex.Transaction,
  projectKeys: string[],
) => Promise<unknown>;

/**
 * The one path of every checklist item change, by a person or by the
 * catalog, inside the caller's transaction: the item (and its waiver
 * risk) is written, every sign-off is revoked (they attested a checklist
 * that no longer exists), the version is bumped against `version` (the
 * caller's, else the one read) and one history row records it all.
 * Nothing is written when nothing changed (a stale client still learns
 * it).
 * @internal
 */
export async function commitItemChange(
  trx: Knex.Transaction,
  options: {
    now: string;
    transition: RawDbTransitionRow;
    before: RawDbTransitionItemRow;
    after: RawDbTransitionItemRow;
    actor: Actor;
    /** Owner of a waiver risk. */
    runOwner: string;
    version?: number;
    recomputeHealth?: RecomputeHealth;
  },
): Promise<UpdateItemResult> {
  const { now, transition, before, after, actor, version } = options;
  const entityRef = transition.entity_ref;
  const projectKey = transition.project_key;
  // The item is written first and the RAID risk after it, so that a
  // failure anywhere below (including the version check at the end)
  // rolls both back together.
  const changed = itemChanged(before, after);
  if (
    !changed &&
    version !== undefined &&
    version !== Number(transition.version)
  ) {
    throw staleTransitionError(entityRef, Number(transition.version), version);
  }
  if (!changed) {
    return {
      transition: (await loadTransition(trx, entityRef))!,
      revokedSignOffs: [],
    };
  }
  const raidId = await syncWaiverRisk(trx, now, {
    before,
    after,
    projectKey,
    owner: options.runOwner,
    actor,
  });
  if (projectKey && (raidId || before.raid_id)) {
    // The risk is part of the project's RAID: its stored computed
    // health commits (or rolls back) with it.
    await options.recomputeHealth?.(trx, [projectKey]);
  }
  await writeItem(trx, { ...after, updated_at: now });

  const revoked = await trx<RawDbSignOffRow>('pmo_transition_signoffs').where({
    entity_ref: entityRef,
  });
  // Computed now: the RAID id may have changed above.
  const changes: Changes = {
    ...diffSnapshots(
      itemSnapshot(before),
      itemSnapshot(after),
      `items.${before.item_key}.`,
    ),
    ...(await revokeAllSignOffs(trx, entityRef, revoked)),
  };
  await bumpTransition(trx, now, transition, version, {});
  await writeTransitionHistory(trx, now, [projectKey], {
    entityRef,
    action: 'update',
    actor,
    changes,
  });
  return {
    transition: (await loadTransition(trx, entityRef))!,
    revokedSignOffs: revoked.map(rowToSignOff),
    ...(raidId ? { raidId } : {}),
  };
}
