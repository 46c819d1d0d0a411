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

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  checkEntityRef,
  checkProjectKey,
  normalizeProjectKey,
  type EntitySummary,
  type Milestone,
  type MyPmoItems,
  type ProjectWithHealth,
  type RaidItem,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoSelfReader } from './pmoSelf';

const OPEN_RAID = { status: 'open,mitigating' };

const ENTITY_REF_HELP =
  'Entity ref kind:namespace/name, e.g. component:default/vsphere-prod-cluster (namespace defaults to default)';

function entityPathOf(entityRef: string) {
  const problem = checkEntityRef(entityRef);
  if (problem) throw new InputError(`entityRef: ${problem}`);
  const ref = parseEntityRef(entityRef, { defaultNamespace: 'default' });
  return {
    entityRef: stringifyEntityRef(ref),
    path: [ref.kind, ref.namespace, ref.name]
      .map(s => encodeURIComponent(s))
      .join('/'),
  };
}

function projectKeyOf(value: string) {
  const problem = checkProjectKey(value);
  if (problem) throw new InputError(`projectKey: ${problem}`);
  return normalizeProjectKey(value);
}

/**
 * Registers the PMO's actions for AI assistants (and any other caller of
 * Backstage's actions registry, e.g. the MCP actions backend). All are
 * read-only and authorized as the caller: they read the PMO's own routes on
 * the caller's behalf (see {@link createPmoSelfReader}), so a caller sees
 * exactly what the PMO UI shows them.
 * @internal
 */
export function registerPmoActions(
  actionsRegistry: ActionsRegistryService,
  read: PmoSelfReader,
) {
  const readOnly = { readOnly: true, destructive: false, idempotent: true };

  /** The entity's summary as the caller sees it (GET .../summary). */
  async function summaryOf(credentials: BackstageCredentials, ref: string) {
    const { entityRef, path } = entityPathOf(ref);
    const summary = await read<EntitySummary>(
      credentials,
      `/entities/${path}/summary`,
    );
    return { entityRef, summary };
  }

  actionsRegistry.register({
    name: 'get-pmo-entity-status',
    title: 'PMO status of a service',
    description:
      'The PMO status of a catalog entity (a service, resource or system): the projects changing it with their declared and computed RAG health, the worst health, the next milestone, open RAID counts and the highest risk, and its run transition (handover to operations). Only projects the caller may read are included.',
    attributes: readOnly,
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          summary: z
            .record(z.unknown())
            .nullable()
            .describe('null when no project is linked to the entity'),
        }),
    },
    examples: [
      {
        title: 'Status of the vSphere cluster',
        input: { entityRef: 'component:default/vsphere-prod-cluster' },
      },
    ],
    action: async ({ input, credentials }) => {
      const { entityRef, summary } = await summaryOf(
        credentials,
        input.entityRef,
      );
      return {
        output: {
          entityRef,
          summary: summary.projects.length
            ? (summary as unknown as Record<string, unknown>)
            : null,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-pmo-project-status',
    title: 'Status report of a PMO project',
    description:
      'A status report of one PMO project: phase, owner, dates, declared and computed RAG health with the reasons, the milestones not yet done (baseline, forecast, actual) and the open RAID items (risks, assumptions, issues, dependencies) by score. Fails with NotFound for a project the caller may not read.',
    attributes: readOnly,
    schema: {
      input: z =>
        z.object({
          projectKey: z.string().describe('Project key, e.g. INFRA-101'),
        }),
      output: z =>
        z.object({
          project: z.record(z.unknown()),
          openMilestones: z.array(z.record(z.unknown())),
          openRaid: z.array(z.record(z.unknown())),
        }),
    },
    examples: [
      { title: 'Report on INFRA-101', input: { projectKey: 'INFRA-101' } },
    ],
    action: async ({ input, credentials }) => {
      const key = encodeURIComponent(projectKeyOf(input.projectKey));
      const project = await read<ProjectWithHealth>(
        credentials,
        `/projects/${key}`,
      );
      const [milestones, raid] = await Promise.all([
        read<{ items: Milestone[] }>(
          credentials,
          `/projects/${key}/milestones`,
        ),
        read<{ items: RaidItem[] }>(
          credentials,
          `/projects/${key}/raid`,
          OPEN_RAID,
        ),
      ]);
      return {
        output: {
          project: project as unknown as Record<string, unknown>,
          openMilestones: milestones.items.filter(
            m => !m.actualDate,
          ) as unknown as Record<string, unknown>[],
          openRaid: raid.items as unknown as Record<string, unknown>[],
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-pmo-open-risks',
    title: 'Open risks of a service',
    description:
      'The open risks (status open or mitigating) of every PMO project linked to a catalog entity, highest score (probability x impact) first. Risks of projects the caller may not read are left out.',
    attributes: readOnly,
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          risks: z.array(z.record(z.unknown())),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entityRef, summary } = await summaryOf(
        credentials,
        input.entityRef,
      );
      const keys = summary.projects.map(p => p.key);
      if (!keys.length) return { output: { entityRef, risks: [] } };
      const page = await read<{ items: RaidItem[] }>(credentials, '/raid', {
        ...OPEN_RAID,
        type: 'risk',
        projectKey: keys.join(','),
        limit: '500',
      });
      return {
        output: {
          entityRef,
          risks: page.items as unknown as Record<string, unknown>[],
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-my-pmo-signoffs',
    title: 'My pending PMO sign-offs',
    description:
      'The run-transition sign-offs waiting for the calling user (as a member of the delivery or run owner group): service, role, readiness and target date. Users only; a service caller gets an error.',
    attributes: readOnly,
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          userEntityRef: z.string(),
          signOffs: z.array(z.record(z.unknown())),
          totalItems: z.number(),
        }),
    },
    action: async ({ credentials }) => {
      const items = await read<MyPmoItems>(credentials, '/me/items', {
        limit: '100',
      });
      return {
        output: {
          userEntityRef: items.userEntityRef,
          signOffs: items.signOffs.items as unknown as Record<
            string,
            unknown
          >[],
          totalItems: items.signOffs.totalItems,
        },
      };
    },
  });
}
