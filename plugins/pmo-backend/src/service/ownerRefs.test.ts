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

import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  assertOwnersExist,
  existingUsersAndGroups,
  ownerCatalogRef,
  unknownOwnerRefs,
} from './ownerRefs';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

const entities = [
  entity('User', 'tom'),
  entity('Group', 'storage'),
  entity('Component', 'san-api'),
];
const credentials = mockCredentials.service();

describe('ownerCatalogRef', () => {
  it('tells refs from free text', () => {
    expect(ownerCatalogRef('user:tom')).toEqual({ ref: 'user:default/tom' });
    expect(ownerCatalogRef(' Group:Default/Storage ')).toEqual({
      ref: 'group:default/storage',
    });
    // Vendor or MSP staff: free text.
    for (const text of [
      'Acme MSP – J. Smith',
      'Jane Doe',
      'Note: call the vendor',
      'msp:bob',
      '',
      '   ',
      undefined,
      null,
    ]) {
      expect(ownerCatalogRef(text)).toBeUndefined();
    }
    // Written as a ref that can never be a user or group.
    expect(ownerCatalogRef('component:default/san-api')).toEqual({
      invalid: 'component:default/san-api',
    });
    expect(ownerCatalogRef('user:Jane Doe')).toEqual({
      invalid: 'user:Jane Doe',
    });
  });
});

describe('assertOwnersExist', () => {
  it('accepts existing users and groups and free text, with one catalog call', async () => {
    const real = catalogServiceMock({ entities });
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn((request, options) =>
        real.getEntitiesByRefs(request, options),
      ),
    });
    await expect(
      assertOwnersExist(
        catalog,
        ['user:tom', 'group:default/storage', 'Acme MSP – J. Smith', null],
        credentials,
      ),
    ).resolves.toBeUndefined();
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      {
        entityRefs: ['user:default/tom', 'group:default/storage'],
        fields: ['kind', 'metadata.name'],
      },
      { credentials },
    );
  });

  it('asks the catalog nothing for free text', async () => {
    const catalog = catalogServiceMock.mock();
    await assertOwnersExist(catalog, ['Jane Doe', undefined], credentials);
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('rejects a ref that is not a user or group of the catalog, naming the field', async () => {
    const catalog = catalogServiceMock({ entities });
    await expect(
      assertOwnersExist(catalog, ['user:default/nobody'], credentials),
    ).rejects.toThrow(
      new InputError(
        'Invalid request: body.owner: user:default/nobody is not a user or group in the catalog',
      ),
    );
    await expect(
      assertOwnersExist(catalog, ['User:Nobody'], credentials),
    ).rejects.toThrow(
      'Invalid request: body.owner: user:default/nobody is not a user or group in the catalog',
    );
    // The entity exists, but is no user or group.
    await expect(
      assertOwnersExist(catalog, ['component:default/san-api'], credentials),
    ).rejects.toThrow(
      'Invalid request: body.owner: component:default/san-api is not a user or group in the catalog',
    );
    await expect(
      assertOwnersExist(
        catalog,
        ['group:storage', 'group:default/everyone'],
        credentials,
        'rows[2].owner',
      ),
    ).rejects.toThrow(
      'Invalid request: rows[2].owner: group:default/everyone is not a user or group in the catalog',
    );
  });

  it('fails when the catalog does not answer', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: async () => {
        throw new Error('catalog down');
      },
    });
    await expect(
      assertOwnersExist(catalog, ['user:tom'], credentials),
    ).rejects.toThrow('catalog down');
  });
});

describe('unknownOwnerRefs / existingUsersAndGroups', () => {
  it('maps each unknown owner as written to the ref to report', async () => {
    const catalog = catalogServiceMock({ entities });
    const unknown = await unknownOwnerRefs(
      catalog,
      ['user:tom', 'user:ghost', 'Jane Doe', 'component:default/x'],
      credentials,
    );
    expect([...unknown]).toEqual([
      ['component:default/x', 'component:default/x'],
      ['user:ghost', 'user:default/ghost'],
    ]);
  });

  it('reads large sets in chunks of 500 refs', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => `user:default/u${i}`);
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
        items: entityRefs.map((ref: string) =>
          ref.endsWith('7') ? entity('User', ref.split('/')[1]) : undefined,
        ),
      })),
    });
    const existing = await existingUsersAndGroups(catalog, many, credentials);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);
    expect(existing.size).toBe(120);
    expect(existing.has('user:default/u17')).toBe(true);
  });
});
