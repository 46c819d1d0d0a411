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

import { isNotFound } from '../components/common/errors';

/**
 * The answer of a request, or `fallback` when the backend answers 404: for
 * reads where "not there" is a state to show (nothing attached, no
 * transition started, an older backend without the route).
 * @internal
 */
export async function unlessNotFound<T, F>(
  request: Promise<T>,
  fallback: F,
): Promise<T | F> {
  try {
    return await request;
  } catch (e) {
    if (isNotFound(e)) return fallback;
    throw e;
  }
}
