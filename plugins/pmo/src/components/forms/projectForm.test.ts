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

import { createProjectKeyRule } from '@infra-pmo/plugin-pmo-common';
import { validate, valuesOf } from './projectForm';

describe('project form key rule', () => {
  const values = (key: string) => ({ ...valuesOf(), key });

  it('accepts the keys PMOs write by default', () => {
    for (const key of ['INFRA-101', 'dc-mig-01', 'PRJ0012345', 'NET_2027.04']) {
      expect(validate(values(key)).key).toBeUndefined();
    }
    expect(validate(values('INFRA 101!')).key).toMatch(/project key/);
  });

  it('narrows new keys to the configured pattern, named in the message', () => {
    const rule = createProjectKeyRule('PRJ[0-9]{7}');
    expect(validate(values('prj0012345'), undefined, rule).key).toBeUndefined();
    expect(validate(values('INFRA-101'), undefined, rule).key).toBe(
      'must match the project key pattern of this PMO (PRJ[0-9]{7})',
    );
  });
});
