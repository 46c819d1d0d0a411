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

import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Reads the PMO's own REST API as a given caller. The actions registry hands
 * an action the caller's credentials; a plugin request token on their
 * behalf sends them through the routes, so every read is authorized by the
 * one decision point (service/context.ts) exactly as the same request from
 * the UI would be: permission policy, project access filter, catalog
 * visibility, redaction.
 * @internal
 */
export function createPmoSelfReader(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return async function read<T>(
    credentials: BackstageCredentials,
    path: string,
    query: Record<string, string> = {},
  ): Promise<T> {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'pmo',
    });
    const search = new URLSearchParams(query).toString();
    const url = `${await discovery.getBaseUrl('pmo')}${path}${
      search ? `?${search}` : ''
    }`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  };
}

/** @internal */
export type PmoSelfReader = ReturnType<typeof createPmoSelfReader>;
