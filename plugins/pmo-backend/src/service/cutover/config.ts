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

import type { Config } from '@backstage/config';
import {
  checkZonedInterval,
  zonedIntervalOf,
  type Freeze,
  type FreezeScope,
} from '@infra-pmo/plugin-pmo-common';
import { DEFAULT_CUTOVER_MAX_DEPTH } from './catalogRadius';

/** `pmo.cutover.*` as the routes read it. @internal */
export interface CutoverConfig {
  maxDepth: number;
  /** Read-only freezes, id `config:<id or index>`. */
  freezes: Freeze[];
}

function scopeOf(config: Config | undefined, at: string): FreezeScope {
  const kind = config?.getOptionalString('kind') ?? 'all';
  switch (kind) {
    case 'all':
      return { kind: 'all' };
    case 'system':
    case 'group':
      return { kind, ref: config!.getString('ref').toLocaleLowerCase('en-US') };
    case 'tier':
      return { kind: 'tier', tier: config!.getString('tier') };
    default:
      throw new Error(`${at}.scope.kind: must be all, system, tier or group`);
  }
}

/**
 * `pmo.cutover.maxDepth` (default 3) and `pmo.cutover.freezes`; an
 * invalid freeze fails the start, naming its field.
 * @internal
 */
export function readCutoverConfig(config: Config): CutoverConfig {
  const maxDepth =
    config.getOptionalNumber('pmo.cutover.maxDepth') ??
    DEFAULT_CUTOVER_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 10) {
    throw new Error('pmo.cutover.maxDepth: must be an integer from 0 to 10');
  }
  const freezes = (
    config.getOptionalConfigArray('pmo.cutover.freezes') ?? []
  ).map((c, i): Freeze => {
    const at = `pmo.cutover.freezes[${i}]`;
    const written = {
      start: c.getString('start'),
      end: c.getOptionalString('end'),
      timeZone: c.getOptionalString('timeZone') ?? 'UTC',
    };
    const problems = checkZonedInterval(written, { requireEnd: false });
    const [field, message] = Object.entries(problems)[0] ?? [];
    if (field) throw new Error(`${at}.${field}: ${message}`);
    const interval = zonedIntervalOf(written);
    return {
      id: `config:${c.getOptionalString('id') ?? i}`,
      title: c.getString('title'),
      scope: scopeOf(c.getOptionalConfig('scope'), at),
      start: written.start,
      ...(written.end ? { end: written.end } : {}),
      timeZone: written.timeZone,
      startAt: new Date(interval.start).toISOString(),
      ...(interval.end !== undefined
        ? { endAt: new Date(interval.end).toISOString() }
        : {}),
      source: 'config',
      version: 1,
    };
  });
  return { maxDepth, freezes };
}
