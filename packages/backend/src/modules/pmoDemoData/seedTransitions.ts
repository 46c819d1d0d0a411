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
  TRANSITION_STATES,
  type ReadinessTemplate,
  type ServiceTier,
  type SignOffRole,
  type Transition,
  type TransitionState,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoSeedStores } from '@infra-pmo/plugin-pmo-backend/alpha';
import { DEMO_SEED_ACTOR } from './seed';

/** One demo run transition. @internal */
export interface DemoTransition {
  entityRef: string;
  projectKey: string;
  tier: ServiceTier;
  /** Group that runs the service (the entity's `pmo/run-owner`). */
  runOwner: string;
  /** State to bring the transition to, through the guarded moves. */
  state: TransitionState;
  /** Items marked done with evidence: the first N of the checklist, or all. */
  done: number | 'all';
  /** Items waived (reason + expiry), by key. */
  waive?: Array<{ key: string; reason: string; days: number }>;
  /** Sign-offs already given while ready for review (the others wait). */
  signed?: SignOffRole[];
}

/**
 * The demo transitions, matching the demo catalog (examples/entities.yaml)
 * and demo projects: one service per state (two ready for review, one of
 * them waiting for a sign-off of the demo guest's group), two of them
 * flagged by the lifecycle check (production before acceptance,
 * experimental after it).
 * @internal
 */
export const DEMO_TRANSITIONS: DemoTransition[] = [
  {
    entityRef: 'component:default/vsphere-prod-cluster',
    projectKey: 'INFRA-101',
    tier: 'tier-1',
    runOwner: 'group:default/virtualisation',
    state: 'in_progress',
    done: 5,
  },
  {
    entityRef: 'resource:default/san-pure-prod',
    projectKey: 'INFRA-204',
    tier: 'tier-1',
    runOwner: 'group:default/storage-team',
    state: 'ready_for_review',
    done: 'all',
    waive: [
      {
        key: 'dr-test',
        reason:
          'DR test booked for the next DC2 failover window; the array replicates synchronously meanwhile.',
        days: 45,
      },
    ],
  },
  {
    // Waits for the run sign-off of Virtualisation, a group of the demo
    // guest: the "My PMO items" home widget has a pending sign-off to show.
    entityRef: 'component:default/hyperv-prod-cluster',
    projectKey: 'INFRA-204',
    tier: 'tier-2',
    runOwner: 'group:default/virtualisation',
    state: 'ready_for_review',
    done: 'all',
    signed: ['delivery'],
  },
  {
    entityRef: 'component:default/citrix-daas',
    projectKey: 'EUC-042',
    tier: 'tier-2',
    runOwner: 'group:default/euc-team',
    state: 'hypercare',
    done: 'all',
  },
  {
    entityRef: 'component:default/ibm-mq-service',
    projectKey: 'MW-077',
    tier: 'tier-1',
    runOwner: 'group:default/middleware-team',
    state: 'run',
    done: 'all',
  },
  {
    entityRef: 'component:default/azure-landing-zone',
    projectKey: 'CLOUD-012',
    tier: 'tier-2',
    runOwner: 'group:default/cloud-platform',
    state: 'in_progress',
    done: 3,
  },
  {
    entityRef: 'resource:default/backup-immutable-repo',
    projectKey: 'BKP-020',
    tier: 'tier-1',
    runOwner: 'group:default/backup-team',
    state: 'not_started',
    done: 0,
  },
];

const rank = (s: TransitionState) => TRANSITION_STATES.indexOf(s);

function plusDays(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * Brings each demo transition to its state through the same guarded store
 * operations the API uses (so the demo never holds a state the rules would
 * refuse). Idempotent: an entity that already has a transition is skipped.
 * @internal
 */
export async function seedDemoTransitions(options: {
  store: PmoSeedStores['transitions'];
  templates: Record<ServiceTier, ReadinessTemplate>;
  logger: LoggerService;
  today: Date;
  demo?: DemoTransition[];
}): Promise<{ created: string[]; skipped: string[]; failed: string[] }> {
  const { store, templates, logger, today } = options;
  const created: string[] = [];
  const skipped: string[] = [];
  const failed: string[] = [];
  const actor = DEMO_SEED_ACTOR;
  for (const demo of options.demo ?? DEMO_TRANSITIONS) {
    try {
      if (await store.getTransition(demo.entityRef)) {
        skipped.push(demo.entityRef);
        continue;
      }
      const template = templates[demo.tier];
      let t: Transition = await store.createTransition(
        {
          entityRef: demo.entityRef,
          projectKey: demo.projectKey,
          tier: demo.tier,
          template,
        },
        actor,
      );
      if (rank(demo.state) >= rank('in_progress')) {
        t = await store.moveState(
          demo.entityRef,
          'in_progress',
          { version: t.version },
          actor,
        );
      }
      const waived = new Map((demo.waive ?? []).map(w => [w.key, w]));
      const count = demo.done === 'all' ? t.items.length : demo.done;
      for (const [i, item] of t.items.entries()) {
        const waiver = waived.get(item.key);
        if (waiver) {
          ({ transition: t } = await store.updateItem(
            demo.entityRef,
            item.key,
            {
              status: 'waived',
              waiverReason: waiver.reason,
              expiresAt: plusDays(today, waiver.days),
              version: t.version,
            },
            actor,
            { runOwner: demo.runOwner },
          ));
        } else if (i < count) {
          ({ transition: t } = await store.updateItem(
            demo.entityRef,
            item.key,
            {
              status: 'done',
              evidenceUrl: `https://wiki.example.com/infra/${
                demo.entityRef.split('/')[1]
              }/${item.key}`,
              version: t.version,
            },
            actor,
            { runOwner: demo.runOwner },
          ));
        }
      }
      if (rank(demo.state) >= rank('ready_for_review')) {
        t = await store.moveState(
          demo.entityRef,
          'ready_for_review',
          { version: t.version },
          actor,
        );
      }
      if (demo.state === 'ready_for_review') {
        for (const role of demo.signed ?? []) {
          t = await store.signOff(demo.entityRef, role, actor, t.version);
        }
      }
      if (rank(demo.state) >= rank('accepted')) {
        t = await store.signOff(demo.entityRef, 'delivery', actor, t.version);
        t = await store.signOff(demo.entityRef, 'run', actor, t.version);
        t = await store.moveState(
          demo.entityRef,
          'accepted',
          { version: t.version },
          actor,
        );
      }
      if (rank(demo.state) >= rank('hypercare')) {
        t = await store.moveState(
          demo.entityRef,
          'hypercare',
          { version: t.version },
          actor,
        );
      }
      if (rank(demo.state) >= rank('run')) {
        await store.moveState(
          demo.entityRef,
          'run',
          {
            version: t.version,
            reason: 'Demo: hypercare completed with no open incidents',
          },
          actor,
        );
      }
      created.push(demo.entityRef);
    } catch (error) {
      failed.push(demo.entityRef);
      logger.warn(
        `Could not seed the demo transition of ${demo.entityRef}: ${error}`,
      );
    }
  }
  logger.info(
    `PMO demo transitions: ${created.length} created, ${
      skipped.length
    } already present${failed.length ? `, ${failed.length} failed` : ''}`,
  );
  return { created, skipped, failed };
}
