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
  freezeCovers,
  intervalsOverlap,
  type ChangeWindowType,
  type CutoverEntityFacts,
  type FreezeScope,
  type TimeInterval,
} from './cutover';

/*
 * The collisions a CAB wants to see before the weekend, each a finding
 * with a severity and both sides named:
 * - overlap: two windows of different projects at the same time whose
 *   blast radii share an entity (high when both change the same entity or
 *   the shared one is tier 1);
 * - freeze: a window during a freeze whose scope covers an entity of its
 *   blast radius (high);
 * - unapproved: a window that changes a tier-1 service without an
 *   approved change record (high);
 * - hypercare: a window that changes a service still in hypercare after
 *   another project's run transition (medium).
 * A finding's id depends only on its kind and sides, so that an
 * acknowledgement (the CAB's decision) stays attached to it while the
 * windows move; the backend re-opens it when a side changes.
 */

/** A change window with its blast radius, as the finder reads it. @public */
export interface CollisionWindow extends TimeInterval {
  id: string;
  projectKey: string;
  title: string;
  type: ChangeWindowType;
  changeRecord?: string;
  changeApproved: boolean;
  /** The entities the window changes (depth 0 of the radius). */
  entityRefs: readonly string[];
  /** The blast radius, including `entityRefs`. */
  radius: readonly string[];
}

/** A freeze period with its scope. @public */
export interface CollisionFreeze extends TimeInterval {
  id: string;
  title: string;
  scope: FreezeScope;
}

/** A service in hypercare after a run transition. @public */
export interface CollisionHypercare extends TimeInterval {
  entityRef: string;
  /** The projects whose transition it is (not a collision for them). */
  projectKeys: readonly string[];
}

/** @public */
export type CollisionKind = 'overlap' | 'freeze' | 'unapproved' | 'hypercare';

/** @public */
export type CollisionSeverity = 'high' | 'medium';

/** One side of a collision. @public */
export type CollisionSide =
  | { kind: 'window'; id: string; projectKey: string; title: string }
  | { kind: 'freeze'; id: string; title: string }
  | { kind: 'hypercare'; entityRef: string }
  | { kind: 'policy'; rule: 'tier-1 needs an approved change' };

/** A collision finding. @public */
export interface CollisionFinding {
  id: string;
  kind: CollisionKind;
  severity: CollisionSeverity;
  a: CollisionSide & { kind: 'window' };
  b: CollisionSide;
  /** The entities where the two sides meet. */
  entityRefs: string[];
  /** One sentence for people. */
  message: string;
}

function sideOf(w: CollisionWindow): CollisionSide & { kind: 'window' } {
  return { kind: 'window', id: w.id, projectKey: w.projectKey, title: w.title };
}

/**
 * Every collision among `windows`, `freezes` and `hypercare`, sorted by
 * severity then id. `facts` describes the entities of the radii (tier,
 * System, groups); an entity without facts is only matched by an `all`
 * freeze. Two windows are compared only when they overlap in time (a
 * sweep over the start times, not every pair).
 * @public
 */
export function findCollisions(input: {
  windows: readonly CollisionWindow[];
  freezes?: readonly CollisionFreeze[];
  hypercare?: readonly CollisionHypercare[];
  facts: ReadonlyMap<string, CutoverEntityFacts>;
}): CollisionFinding[] {
  const { windows, facts } = input;
  const findings: CollisionFinding[] = [];
  const tierOne = (ref: string) => facts.get(ref)?.tier === 'tier-1';

  const byStart = [...windows].sort((x, y) => x.start - y.start);
  for (let i = 0; i < byStart.length; i++) {
    const a = byStart[i];
    const radius = new Set(a.radius);
    for (let j = i + 1; j < byStart.length; j++) {
      const b = byStart[j];
      if (b.start >= (a.end ?? Number.POSITIVE_INFINITY)) break;
      if (a.projectKey === b.projectKey || !intervalsOverlap(a, b)) continue;
      const shared = b.radius.filter(ref => radius.has(ref)).sort();
      if (shared.length === 0) continue;
      const [first, second] = a.id < b.id ? [a, b] : [b, a];
      const both = shared.filter(
        ref => a.entityRefs.includes(ref) && b.entityRefs.includes(ref),
      );
      findings.push({
        id: `overlap:${first.id}:${second.id}`,
        kind: 'overlap',
        severity: both.length > 0 || shared.some(tierOne) ? 'high' : 'medium',
        a: sideOf(first),
        b: sideOf(second),
        entityRefs: shared,
        message: `${first.projectKey} "${first.title}" and ${
          second.projectKey
        } "${second.title}" overlap and both reach ${shared[0]}${
          shared.length > 1 ? ` (+${shared.length - 1})` : ''
        }`,
      });
    }
  }

  for (const w of windows) {
    for (const f of input.freezes ?? []) {
      if (!intervalsOverlap(w, f)) continue;
      const covered = w.radius
        .filter(ref =>
          freezeCovers(f.scope, facts.get(ref) ?? { ref, groups: [] }),
        )
        .sort();
      if (covered.length === 0) continue;
      findings.push({
        id: `freeze:${w.id}:${f.id}`,
        kind: 'freeze',
        severity: 'high',
        a: sideOf(w),
        b: { kind: 'freeze', id: f.id, title: f.title },
        entityRefs: covered,
        message: `${w.projectKey} "${w.title}" falls in the freeze "${
          f.title
        }" and reaches ${covered[0]}${
          covered.length > 1 ? ` (+${covered.length - 1})` : ''
        }`,
      });
    }
    const critical = w.entityRefs.filter(tierOne).sort();
    if (critical.length > 0 && !w.changeApproved) {
      findings.push({
        id: `unapproved:${w.id}`,
        kind: 'unapproved',
        severity: 'high',
        a: sideOf(w),
        b: { kind: 'policy', rule: 'tier-1 needs an approved change' },
        entityRefs: critical,
        message: `${w.projectKey} "${w.title}" changes tier-1 ${
          critical[0]
        } without an approved change record${
          w.changeRecord ? ` (${w.changeRecord} is not approved)` : ''
        }`,
      });
    }
    for (const h of input.hypercare ?? []) {
      if (
        h.projectKeys.includes(w.projectKey) ||
        !w.entityRefs.includes(h.entityRef) ||
        !intervalsOverlap(w, h)
      ) {
        continue;
      }
      findings.push({
        id: `hypercare:${w.id}:${h.entityRef}`,
        kind: 'hypercare',
        severity: 'medium',
        a: sideOf(w),
        b: { kind: 'hypercare', entityRef: h.entityRef },
        entityRefs: [h.entityRef],
        message: `${w.projectKey} "${w.title}" changes ${
          h.entityRef
        } while it is in hypercare after ${h.projectKeys.join(', ')}`,
      });
    }
  }

  const rank = { high: 0, medium: 1 };
  return findings.sort(
    (x, y) =>
      rank[x.severity] - rank[y.severity] ||
      Number(x.id > y.id) - Number(x.id < y.id),
  );
}
