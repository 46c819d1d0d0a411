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

import {
  findCollisions,
  type Collision,
  type CollisionFinding,
  type CollisionWindow,
  type CutoverEntityFacts,
  type Freeze,
} from '@infra-pmo/plugin-pmo-common';
import type {
  ChangeWindowStore,
  CollisionAckStore,
  FreezeStore,
  WindowWithMilestone,
} from '../../database/CutoverStore';
import type { LinkStore } from '../../database/PmoStore';
import type { TransitionStore } from '../../database/TransitionStore';
import type { PmoRequestContext } from '../context';
import { radiusIn, type CatalogRadiusReader } from './catalogRadius';

/** What the collision finder reads. @internal */
export interface CutoverDeps {
  windows: ChangeWindowStore;
  freezes: FreezeStore;
  acks: CollisionAckStore;
  links: Pick<LinkStore, 'listLinks'>;
  radius: CatalogRadiusReader;
  /** `pmo.cutover.freezes` (read-only, merged with the API's). */
  configFreezes: Freeze[];
  /** Services in hypercare (run transitions); none when absent. */
  hypercare?: Pick<TransitionStore, 'listHypercare'>;
}

/** Filters of `GET /collisions`. @internal */
export interface CollisionFilter {
  from?: string;
  to?: string;
  system?: string;
  group?: string;
  entityRef?: string;
}

/** Every freeze: config first, then the API's. @internal */
export async function allFreezes(deps: CutoverDeps): Promise<Freeze[]> {
  return [...deps.configFreezes, ...(await deps.freezes.listFreezes())];
}

/** The entities each window changes: its milestone's, else its project's. */
async function changedEntities(
  deps: CutoverDeps,
  windows: readonly WindowWithMilestone[],
): Promise<Map<string, string[]>> {
  const keys = [
    ...new Set(
      windows.filter(w => !w.milestoneEntityRef).map(w => w.projectKey),
    ),
  ];
  const links = keys.length
    ? await deps.links.listLinks({ projectKeys: keys })
    : [];
  const byProject = new Map<string, string[]>();
  for (const link of links) {
    const list = byProject.get(link.projectKey) ?? [];
    list.push(link.entityRef.toLocaleLowerCase('en-US'));
    byProject.set(link.projectKey, list);
  }
  return new Map(
    windows.map(w => [
      w.id,
      w.milestoneEntityRef
        ? [w.milestoneEntityRef.toLocaleLowerCase('en-US')]
        : byProject.get(w.projectKey) ?? [],
    ]),
  );
}

/**
 * The versions of a finding's sides: an acknowledgement holds only while
 * they are unchanged (moving either window re-opens the finding).
 * @internal
 */
export function fingerprintOf(
  finding: CollisionFinding,
  versions: ReadonlyMap<string, number>,
): string {
  const side = (s: CollisionFinding['a'] | CollisionFinding['b']) =>
    'id' in s ? `${s.id}@${versions.get(s.id) ?? 0}` : s.kind;
  return `${side(finding.a)}|${side(finding.b)}`;
}

/** The result of a collision run. @internal */
export interface CollisionRun {
  collisions: Collision[];
  /** The windows compared, with their radius. */
  windows: Map<string, CollisionWindow>;
  fingerprints: Map<string, string>;
  /** What the catalog says of every entity of the radii. */
  facts: Map<string, CutoverEntityFacts>;
}

/**
 * Collisions among `windows` (already filtered by the caller's read
 * access) and every freeze: the catalog graph around all of their
 * entities is read once (a batch per level), each window's radius is then
 * walked in memory; stored acknowledgements are attached when their
 * fingerprint still matches.
 * @internal
 */
export async function collisionsAmong(
  deps: CutoverDeps,
  ctx: PmoRequestContext,
  windows: readonly WindowWithMilestone[],
  filter: Pick<CollisionFilter, 'system' | 'group' | 'entityRef'> = {},
): Promise<CollisionRun> {
  const changed = await changedEntities(deps, windows);
  const roots = [...new Set([...changed.values()].flat())];
  const graph = await deps.radius.graphOf(
    roots,
    await ctx.catalogCredentials(),
    (
      await ctx.actor()
    ).ref,
  );
  const facts = new Map<string, CutoverEntityFacts>(
    graph.facts.map(f => [f.ref, f]),
  );
  const collisionWindows = new Map<string, CollisionWindow>();
  for (const w of windows) {
    const entityRefs = changed.get(w.id) ?? [];
    const radius = await radiusIn(graph, entityRefs, deps.radius.maxDepth);
    collisionWindows.set(w.id, {
      id: w.id,
      projectKey: w.projectKey,
      title: w.milestoneTitle,
      type: w.type,
      changeRecord: w.changeRecord,
      changeApproved: w.changeApproved,
      start: Date.parse(w.startAt),
      end: Date.parse(w.endAt),
      entityRefs,
      radius: radius.map(r => r.ref),
    });
  }
  const freezes = await allFreezes(deps);
  // Hypercare dates are whole days, the end included.
  const hypercare = ((await deps.hypercare?.listHypercare(roots)) ?? []).map(
    h => ({
      entityRef: h.entityRef.toLocaleLowerCase('en-US'),
      projectKeys: h.projectKey ? [h.projectKey] : [],
      start: Date.parse(`${h.start}T00:00:00Z`),
      end: Date.parse(`${h.end}T00:00:00Z`) + 86_400_000,
    }),
  );
  const findings = findCollisions({
    hypercare,
    windows: [...collisionWindows.values()],
    freezes: freezes.map(f => ({
      id: f.id,
      title: f.title,
      scope: f.scope,
      start: Date.parse(f.startAt),
      end: f.endAt ? Date.parse(f.endAt) : undefined,
    })),
    facts,
  }).filter(finding => matches(finding, facts, filter));

  const versions = new Map<string, number>([
    ...windows.map(w => [w.id, w.version] as const),
    ...freezes.map(f => [f.id, f.version] as const),
  ]);
  const acks = await deps.acks.getAcknowledgements(findings.map(f => f.id));
  const fingerprints = new Map<string, string>();
  const collisions = findings.map(finding => {
    const fingerprint = fingerprintOf(finding, versions);
    fingerprints.set(finding.id, fingerprint);
    const ack = acks.get(finding.id);
    return ack && ack.fingerprint === fingerprint
      ? {
          ...finding,
          acknowledgement: { reason: ack.reason, by: ack.by, at: ack.at },
        }
      : finding;
  });
  return { collisions, windows: collisionWindows, fingerprints, facts };
}

/** The System / group / entity filters of the calendar, on where sides meet. */
function matches(
  finding: CollisionFinding,
  facts: ReadonlyMap<string, CutoverEntityFacts>,
  filter: Pick<CollisionFilter, 'system' | 'group' | 'entityRef'>,
): boolean {
  return touches(finding.entityRefs, facts, filter);
}

/**
 * True when `refs` (where a finding's sides meet, or a window's radius)
 * match the System / group / entity filters of the calendar.
 * @internal
 */
export function touches(
  refs: readonly string[],
  facts: ReadonlyMap<string, CutoverEntityFacts>,
  filter: Pick<CollisionFilter, 'system' | 'group' | 'entityRef'>,
): boolean {
  const lower = (v?: string) => v?.toLocaleLowerCase('en-US');
  if (filter.entityRef && !refs.includes(lower(filter.entityRef)!)) {
    return false;
  }
  if (
    filter.system &&
    !refs.some(ref => facts.get(ref)?.system === lower(filter.system))
  ) {
    return false;
  }
  if (
    filter.group &&
    !refs.some(ref => facts.get(ref)?.groups.includes(lower(filter.group)!))
  ) {
    return false;
  }
  return true;
}

/**
 * The windows a project's collisions are computed from: its own and every
 * readable window overlapping their span.
 * @internal
 */
export async function windowsAroundProject(
  deps: CutoverDeps,
  ctx: PmoRequestContext,
  projectKey: string,
): Promise<WindowWithMilestone[]> {
  const own = await deps.windows.listWindows({ projectKeys: [projectKey] });
  if (own.length === 0) return [];
  const from = own.reduce(
    (m, w) => (w.startAt < m ? w.startAt : m),
    own[0].startAt,
  );
  const to = own.reduce((m, w) => (w.endAt > m ? w.endAt : m), own[0].endAt);
  const others = await ctx.readFiltered([] as WindowWithMilestone[], access =>
    deps.windows.listWindows({ from, to, access }),
  );
  const byId = new Map(others.map(w => [w.id, w]));
  for (const w of own) byId.set(w.id, w);
  return [...byId.values()];
}
