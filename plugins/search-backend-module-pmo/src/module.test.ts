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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { RegisterCollatorParameters } from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { searchModulePmoCollator } from './module';
import { PmoProjectCollatorFactory } from './PmoProjectCollatorFactory';

describe('searchModulePmoCollator', () => {
  async function startWith(config: object) {
    const collators: RegisterCollatorParameters[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          searchIndexRegistryExtensionPoint,
          {
            addCollator: (c: RegisterCollatorParameters) => collators.push(c),
            addDecorator: jest.fn(),
          },
        ],
      ],
      features: [
        searchModulePmoCollator,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return collators;
  }

  it('registers the pmo-project collator on a schedule', async () => {
    const collators = await startWith({});
    expect(collators).toHaveLength(1);
    expect(collators[0].factory).toBeInstanceOf(PmoProjectCollatorFactory);
    expect(collators[0].factory.type).toBe('pmo-project');
    expect(typeof collators[0].schedule.run).toBe('function');
  });

  it('accepts a configured schedule', async () => {
    const collators = await startWith({
      search: {
        collators: {
          pmo: {
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
          },
        },
      },
    });
    expect(collators).toHaveLength(1);
  });

  it.each([
    [{ schedule: { frequency: 'often' } }, 'search.collators.pmo.schedule'],
    [{ pageSize: 5000 }, 'pageSize must be an integer between 1 and 1000'],
  ])('rejects the configuration %j', async (pmo, message) => {
    await expect(startWith({ search: { collators: { pmo } } })).rejects.toThrow(
      message,
    );
  });
});
