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

import { pmoValidationMessages as messages } from '../validation/messages';
import { isTimeZone, zonedTimeToInstant } from './zonedTime';

/*
 * Cutover safety, the rules: when two time intervals meet, whether a freeze
 * covers a service, and how far a change reaches through the catalog's
 * dependency graph (the blast radius). The collision finder that uses them
 * is in cutoverCollisions.ts; the backend loads the catalog and the
 * windows, these functions decide.
 *
 * Intervals are half-open, [start, end): a window that ends at 06:00 and
 * one that starts at 06:00 do not overlap (back-to-back changes are how
 * CABs plan a weekend). An interval without an end is open: it never ends.
 */

/** Kinds of change window. @public */
export const CHANGE_WINDOW_TYPES = [
  'cutover',
  'maintenance',
  'go-live',
  'rollback',
] as const;

/** @public */
export type ChangeWindowType = (typeof CHANGE_WINDOW_TYPES)[number];

/** A time interval in ms since the epoch; no `end`: open. @public */
export interface TimeInterval {
  start: number;
  end?: number;
}

/**
 * True when the intervals share an instant ([start, end), so touching
 * intervals do not overlap; an open interval reaches to the end of time).
 * @public
 */
export function intervalsOverlap(a: TimeInterval, b: TimeInterval): boolean {
  return (
    a.start < (b.end ?? Number.POSITIVE_INFINITY) &&
    b.start < (a.end ?? Number.POSITIVE_INFINITY)
  );
}

/**
 * What a freeze covers: everything, a System, a service tier (the
 * `pmo/service-tier` annotation, e.g. `tier-1`) or a Group's services.
 * @public
 */
export type FreezeScope =
  | { kind: 'all' }
  | { kind: 'system'; ref: string }
  | { kind: 'tier'; tier: string }
  | { kind: 'group'; ref: string };

/** What the catalog says about one entity, as the rules read it. @public */
export interface CutoverEntityFacts {
  ref: string;
  /** The System it is part of (`system:default/storage-platform`). */
  system?: string;
  /** `pmo/service-tier`, e.g. `tier-1`. */
  tier?: string;
  /** Owner and run owner (group refs). */
  groups: string[];
}

/**
 * True when a freeze of `scope` covers the entity.
 * @public
 */
export function freezeCovers(
  scope: FreezeScope,
  entity: CutoverEntityFacts,
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'system':
      return entity.system === scope.ref;
    case 'tier':
      return entity.tier === scope.tier;
    case 'group':
      return entity.groups.includes(scope.ref);
    default:
      return false;
  }
}

/** One entity of a blast radius and how it was reached. @public */
export interface RadiusEntry {
  ref: string;
  /** 0 for the changed entities, 1 for their direct dependents, ... */
  depth: number;
  /** The entity through which it was reached (undefined at depth 0). */
  via?: string;
}

/**
 * The blast radius of a change to `roots`: the roots and everything that
 * depends on them, transitively, up to `maxDepth` hops. `dependentsOf`
 * answers for a whole level at once (the backend reads the catalog in
 * batches, never one request per entity); each entity is visited once, so
 * cycles end, and keeps its shortest depth.
 * @public
 */
export async function blastRadius(
  roots: readonly string[],
  dependentsOf: (
    refs: string[],
  ) => Promise<ReadonlyMap<string, readonly string[]>>,
  maxDepth: number,
): Promise<RadiusEntry[]> {
  const seen = new Map<string, RadiusEntry>();
  let frontier = [...new Set(roots)];
  for (const ref of frontier) seen.set(ref, { ref, depth: 0 });
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const dependents = await dependentsOf(frontier);
    const next: string[] = [];
    for (const from of frontier) {
      for (const ref of dependents.get(from) ?? []) {
        if (seen.has(ref)) continue;
        seen.set(ref, { ref, depth, via: from });
        next.push(ref);
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

/** A change window or freeze as written: wall clock in a time zone. @public */
export interface ZonedIntervalInput {
  start: string;
  end?: string;
  timeZone: string;
}

/**
 * Problems of a window or freeze as written, by field (`start`, `end`,
 * `timeZone`, `type`), with the messages of pmo-common; empty when valid.
 * A freeze may be open (no end); a change window may not.
 * @public
 */
export function checkZonedInterval(
  input: ZonedIntervalInput & { type?: string },
  options: { requireEnd: boolean; types?: readonly string[] },
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isTimeZone(input.timeZone)) problems.timeZone = messages.timeZone;
  if (options.types && !options.types.includes(input.type ?? '')) {
    problems.type = messages.oneOf(options.types);
  }
  if (problems.timeZone) return problems;
  const start = zonedTimeToInstant(input.start ?? '', input.timeZone);
  if (!start) problems.start = messages.localDateTime;
  if (input.end === undefined || input.end === '') {
    if (options.requireEnd) problems.end = messages.required;
    return problems;
  }
  const end = zonedTimeToInstant(input.end, input.timeZone);
  if (!end) problems.end = messages.localDateTime;
  else if (start && end.getTime() <= start.getTime()) {
    problems.end = messages.after('start');
  }
  return problems;
}

/**
 * The instants of a valid window or freeze as written (see
 * `checkZonedInterval`); throws a TypeError on an invalid one.
 * @public
 */
export function zonedIntervalOf(input: ZonedIntervalInput): TimeInterval {
  const start = zonedTimeToInstant(input.start, input.timeZone);
  const end = input.end
    ? zonedTimeToInstant(input.end, input.timeZone)
    : undefined;
  if (!start || (input.end && !end)) {
    throw new TypeError(
      `invalid interval ${input.start}..${input.end} ${input.timeZone}`,
    );
  }
  return { start: start.getTime(), end: end?.getTime() };
}
