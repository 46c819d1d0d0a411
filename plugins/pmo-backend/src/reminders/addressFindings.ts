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
import {
  ownerEntityRef,
  type ReminderFinding,
} from '@infra-pmo/plugin-pmo-common';
import { chunks } from '../database/helpers';
import { existingUsersAndGroups } from '../service/ownerRefs';
import {
  OWNER_FIELDS,
  entityOwner,
  runOwnerOf,
} from '../service/transitionOwners';
import type { ReminderFacts, ReminderTransitionFacts } from './ReminderStore';
import type { RunRemindersOptions } from './runReminders';

/** A finding and who is told about it. @internal */
export interface AddressedFinding extends ReminderFinding {
  /** Sorted, unique, lower-case user or group entity refs. */
  recipients: string[];
  /**
   * The owners cannot be known this run (the catalog did not answer):
   * neither sent nor forgotten, so an outage re-notifies nobody.
   */
  deferred?: boolean;
}

function refs(...values: Array<string | undefined>): string[] {
  return [
    ...new Set(
      values.filter((v): v is string => Boolean(v)).map(v => v.toLowerCase()),
    ),
  ].sort();
}

/** A finding with its candidate recipients, not yet checked. */
type Candidate = AddressedFinding & {
  /** The RAID owner as a user or group ref, preferred when it exists. */
  raidOwner?: string;
};

/**
 * Who is told: the RAID owner when it is a user or group of the catalog,
 * else the project owner (free-text owners, e.g. vendor or MSP staff, are
 * never recipients); for evidence the delivery owner (project owner, else
 * entity owner) who must renew it before acceptance; for waivers and
 * hypercare also the run owner (`pmo/run-owner`, else the entity owner) who
 * carries the risk and the service. Only refs that exist in the catalog as
 * a User or Group are notified (one batched lookup per run).
 * @internal
 */
export async function addressFindings(
  findings: ReminderFinding[],
  facts: ReminderFacts,
  options: Pick<RunRemindersOptions, 'catalog' | 'auth' | 'logger'>,
): Promise<AddressedFinding[]> {
  const projectOwners = new Map(facts.projects.map(p => [p.key, p.owner]));
  const raidOwners = new Map(facts.raid.map(r => [r.id, r.owner]));
  const transitions = new Map<string, ReminderTransitionFacts>(
    facts.transitions.map(t => [t.entityRef, t]),
  );

  // One catalog read per chunk of transition entities with a finding.
  const entityRefs = [
    ...new Set(findings.flatMap(f => (f.entityRef ? [f.entityRef] : []))),
  ];
  const entities = new Map<string, Entity>();
  let catalogAnswered = true;
  if (entityRefs.length > 0) {
    try {
      const credentials = await options.auth.getOwnServiceCredentials();
      for (const chunk of chunks(entityRefs)) {
        const { items } = await options.catalog.getEntitiesByRefs(
          { entityRefs: chunk, fields: OWNER_FIELDS },
          { credentials },
        );
        items.forEach((e, i) => {
          if (e) entities.set(chunk[i], e);
        });
      }
    } catch (error) {
      catalogAnswered = false;
      options.logger.warn(
        `PMO reminders: could not read transition owners from the catalog: ${error}`,
      );
    }
  }

  const candidates = findings.map((f): Candidate => {
    let recipients: string[];
    if (f.entityRef) {
      const projectOwner = transitions.get(f.entityRef)?.projectOwner;
      // Evidence of a linked project goes to its owner, known without the
      // entity; anything else would change recipients (and re-notify)
      // for as long as the catalog is down.
      if (
        !catalogAnswered &&
        (f.kind !== 'evidence_expiring' || !projectOwner)
      ) {
        return { ...f, recipients: [], deferred: true };
      }
      const entity = entities.get(f.entityRef);
      const delivery = projectOwner ?? (entity && entityOwner(entity));
      const run = entity && runOwnerOf(entity);
      recipients =
        f.kind === 'evidence_expiring'
          ? refs(delivery ?? run)
          : refs(delivery, run);
    } else {
      const projectOwner = projectOwners.get(f.projectKey!);
      if (f.kind === 'raid_overdue') {
        const id = f.id.slice('raid_overdue:'.length);
        const raidOwner = ownerEntityRef(raidOwners.get(id));
        // Decided below: the RAID owner if it exists, else the project's.
        return { ...f, recipients: refs(projectOwner), raidOwner };
      }
      recipients = refs(projectOwner);
    }
    return { ...f, recipients };
  });

  // Only users and groups that exist are notified: one catalog read for
  // every candidate. Without an answer nothing can be checked, so every
  // finding waits (the notifications backend resolves recipients through
  // the catalog too).
  const candidateRefs = new Set<string>();
  for (const c of candidates) {
    c.recipients.forEach(r => candidateRefs.add(r));
    if (c.raidOwner) candidateRefs.add(c.raidOwner);
  }
  let existing: Set<string>;
  try {
    existing =
      candidateRefs.size > 0
        ? await existingUsersAndGroups(
            options.catalog,
            candidateRefs,
            await options.auth.getOwnServiceCredentials(),
          )
        : new Set();
  } catch (error) {
    options.logger.warn(
      `PMO reminders: could not check the recipients in the catalog: ${error}`,
    );
    return candidates.map(({ raidOwner: _, ...f }) => ({
      ...f,
      recipients: [],
      deferred: true,
    }));
  }
  return candidates.map(({ raidOwner, ...f }) => {
    if (f.deferred) return f;
    const recipients =
      raidOwner && existing.has(raidOwner)
        ? [raidOwner]
        : f.recipients.filter(r => existing.has(r));
    return { ...f, recipients };
  });
}
