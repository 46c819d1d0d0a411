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

import { SIGNOFF_ROLES, type ServiceTier } from '@infra-pmo/plugin-pmo-common';
import type { Knex } from 'knex';
import { chunks } from '../helpers';
import type { SignOffCandidate } from '../MyItemsStore';
import { NO_DATE } from '../sql';

/**
 * Transitions ready for review with at least one role unsigned, by target
 * date (undated last) then entity ref; at most `limit`, `truncated` when
 * there were more.
 * @internal
 */
export async function listSignOffCandidates(
  db: Knex,
  options: { limit: number },
): Promise<{ items: SignOffCandidate[]; truncated: boolean }> {
  const rows = (await db('pmo_transitions as t')
    .leftJoin('pmo_projects as p', 'p.key', 't.project_key')
    .where('t.state', 'ready_for_review')
    .whereRaw(
      '(SELECT COUNT(*) FROM pmo_transition_signoffs s WHERE s.entity_ref = t.entity_ref) < ?',
      [SIGNOFF_ROLES.length],
    )
    .select(
      't.entity_ref',
      't.project_key',
      't.tier',
      't.target_date',
      'p.owner as project_owner',
    )
    .orderByRaw(`COALESCE(t.target_date, '${NO_DATE}') asc, t.entity_ref asc`)
    .limit(options.limit + 1)) as Array<{
    entity_ref: string;
    project_key: string | null;
    tier: string;
    target_date: string | null;
    project_owner: string | null;
  }>;
  const page = rows.slice(0, options.limit);
  const signed = new Map<string, Set<string>>();
  for (const chunk of chunks(page.map(r => r.entity_ref))) {
    const signOffs = (await db('pmo_transition_signoffs')
      .whereIn('entity_ref', chunk)
      .select('entity_ref', 'role')) as Array<{
      entity_ref: string;
      role: string;
    }>;
    for (const s of signOffs) {
      const roles = signed.get(s.entity_ref) ?? new Set<string>();
      roles.add(s.role);
      signed.set(s.entity_ref, roles);
    }
  }
  return {
    truncated: rows.length > options.limit,
    items: page.map(row => ({
      entityRef: row.entity_ref,
      ...(row.project_key ? { projectKey: row.project_key } : {}),
      ...(row.project_owner
        ? { projectOwner: row.project_owner.toLocaleLowerCase('en-US') }
        : {}),
      tier: row.tier as ServiceTier,
      ...(row.target_date ? { targetDate: row.target_date } : {}),
      unsignedRoles: SIGNOFF_ROLES.filter(
        role => !signed.get(row.entity_ref)?.has(role),
      ),
    })),
  };
}
