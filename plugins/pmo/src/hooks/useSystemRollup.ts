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

import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import {
  PMO_PROJECTS_ANNOTATION,
  effectiveHealth,
  healthRank,
  parseProjectsAnnotation,
  worstHealth,
  type Health,
  type ProjectWithHealth,
} from '@infra-pmo/plugin-pmo-common';
import { pmoApiRef, type PmoApi, type PortfolioWithTransitions } from '../api';

/**
 * A project of the System roll-up with its effective health.
 * @internal
 */
export type SystemProject = ProjectWithHealth & {
  /** Worse of declared and computed. */
  health: Health;
};

/**
 * The projects of a System and of its members, rolled up.
 * @internal
 */
export interface SystemRollup {
  /** Worst health first, then key. */
  projects: SystemProject[];
  worstHealth?: Health;
  byHealth: Record<Health, number>;
  portfolio: PortfolioWithTransitions;
}

/** The backend's maximum page size of `GET /projects`. */
const PAGE_LIMIT = 200;

/** Every project of the System, following the cursor (rarely needed). */
async function listSystemProjects(
  api: PmoApi,
  system: string,
): Promise<ProjectWithHealth[]> {
  const items: ProjectWithHealth[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listProjects({ system, limit: PAGE_LIMIT, cursor });
    items.push(...page.items);
    cursor = page.pageInfo?.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Loads the projects linked to the current System or to any of its
 * components and resources, and the portfolio roll-up filtered by the
 * System.
 * @internal
 */
export function useSystemRollup() {
  const { entity } = useEntity();
  const api = useApi(pmoApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsync(async (): Promise<SystemRollup> => {
    const [items, portfolio] = await Promise.all([
      listSystemProjects(api, entityRef),
      api.getPortfolio({ system: entityRef }),
    ]);
    const projects = items
      .map(p => ({
        ...p,
        health: effectiveHealth(
          p.declaredHealth?.status,
          p.computedHealth.status,
        ),
      }))
      .sort(
        (a, b) =>
          healthRank(b.health) - healthRank(a.health) ||
          a.key.localeCompare(b.key),
      );
    const byHealth: Record<Health, number> = { green: 0, amber: 0, red: 0 };
    for (const p of projects) byHealth[p.health] += 1;
    return {
      projects,
      worstHealth: worstHealth(projects.map(p => p.health)),
      byHealth,
      portfolio,
    };
  }, [api, entityRef]);
  const invalidKeys = parseProjectsAnnotation(
    entity.metadata.annotations?.[PMO_PROJECTS_ANNOTATION],
  ).invalid;
  return { ...state, entityRef, invalidKeys };
}
