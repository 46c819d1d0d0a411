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

import type { RequestHandler, Router } from 'express';
import type { Response as ExpressResponse } from 'express';
import PromiseRouter from 'express-promise-router';
import type { EndpointMap } from './openapi/generated/endpoints';

/** `/projects/{key}` (OpenAPI) -> `/projects/:key` (express). */
type ExpressPath<P extends string> =
  P extends `${infer Head}{${infer Name}}${infer Tail}`
    ? `${Head}:${Name}${ExpressPath<Tail>}`
    : P;

/**
 * The endpoints of one method keyed by express path, e.g.
 * `PmoRoutes<'patch'>['/milestones/:id']`. DELETE is `_delete` in
 * EndpointMap, as in Backstage's generated maps.
 * @internal
 */
export type PmoRoutes<Method extends string> = {
  [K in keyof EndpointMap as K extends `#${Method}|${infer Path}`
    ? ExpressPath<Path>
    : never]: EndpointMap[K];
};

/**
 * What express hands a handler when nothing validated the request: path
 * and query values are strings (`?a=1&a=2` gives an array), only their
 * names come from the spec. Keeping them strings also keeps the typed
 * request assignable to express's `Request`, which the request helpers
 * (`contextOf`, `keyParam`, ...) take.
 */
type Raw<T> = { [K in keyof T]: string };
type RawQuery<T> = { [K in keyof T]?: string | string[] };

type Handler<E> = E extends {
  path: infer Path;
  query: infer Query;
  body: infer Body;
  response: infer Response;
}
  ? RequestHandler<Raw<Path>, Response, Body, RawQuery<Query>>
  : never;

interface Matcher<Routes> {
  <Path extends keyof Routes & string>(
    path: Path,
    ...handlers: Array<Handler<Routes[Path]>>
  ): PmoRouter;
}

/**
 * An express router whose `get`/`post`/`put`/`patch`/`delete` accept only the
 * operations of src/schema/openapi.yaml (express syntax: `/projects/:key`),
 * with `req.params` and `req.query` named, and `req.body` and `res.json()`
 * typed, from the spec.
 * @internal
 */
export interface PmoRouter
  extends Omit<Router, 'get' | 'post' | 'put' | 'patch' | 'delete'>,
    RequestHandler {
  get: Matcher<PmoRoutes<'get'>>;
  post: Matcher<PmoRoutes<'post'>>;
  put: Matcher<PmoRoutes<'put'>>;
  patch: Matcher<PmoRoutes<'patch'>>;
  delete: Matcher<PmoRoutes<'_delete'>>;
}

/**
 * Creates the router the PMO route files register their routes on.
 *
 * It is `express-promise-router` (a rejected handler reaches the error
 * middleware) typed by the spec's EndpointMap, and nothing more. Unlike
 * `createValidatedOpenApiRouterFromGeneratedEndpointMap` of
 * `@backstage/backend-openapi-utils` it validates nothing: the routes
 * validate with zod and answer 400 with messages that name the field in
 * our own format (`Invalid request: body.version: ...`), so `req.body` is
 * typed as the spec says a client sends it, not as proven; parse it with
 * the route's zod schema as before. (That package's `TypedRouter` type was
 * not reused: it has no `patch`, and its path matching took ten times the
 * type-check time of this one for the PMO spec.)
 *
 * @internal
 */
export function createPmoRouter(): PmoRouter {
  return PromiseRouter() as unknown as PmoRouter;
}

/**
 * Sends JSON that is already serialized (read-cache hits are kept as text
 * so that they are not parsed and serialized again). The typed response
 * accepts only the spec's objects, so such text goes through the plain
 * express response.
 * @internal
 */
export function sendJsonText(res: ExpressResponse, text: string): void {
  res.type('application/json').send(text);
}
