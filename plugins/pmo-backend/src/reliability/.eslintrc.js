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

// The reliability suites are tests (`yarn test:reliability`, see
// scripts/reliability/run.mjs) that are deliberately not named *.test.ts so
// that `yarn test` leaves them out. Like the *.test.ts suites, they use the
// test devDependencies (backend-test-utils, supertest, fast-check), which
// the rule below only accepts in files it recognises as tests.
module.exports = {
  rules: {
    '@backstage/no-undeclared-imports': 'off',
  },
};
