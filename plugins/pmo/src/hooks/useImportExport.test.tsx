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

import { act, waitFor } from '@testing-library/react';
import type { ImportResult } from '@infra-pmo/plugin-pmo-common';
import { mockPmoApi, responseError } from '../__testUtils__/fixtures';
import { renderPmoHook } from '../__testUtils__/renderHook';
import { useImport } from './useImportExport';

const passed: ImportResult = {
  dryRun: true,
  applied: false,
  counts: {
    projects: { created: 1, updated: 0 },
    milestones: { created: 0, updated: 0 },
    raid: { created: 0, updated: 0 },
  },
  errors: [],
};

describe('useImport', () => {
  it('applies only a passing dry run of exactly this input', async () => {
    const onImported = jest.fn();
    const api = mockPmoApi({
      importData: jest
        .fn()
        .mockResolvedValueOnce(passed)
        .mockResolvedValueOnce(passed)
        .mockResolvedValueOnce({ ...passed, dryRun: false, applied: true }),
    });
    const { result } = renderPmoHook(() => useImport(onImported), { api });
    act(() => result.current.setText('key,title\nINFRA-9,New'));
    expect(result.current.canApply).toBe(false);

    await act(() => result.current.send(true));
    // The kind is read from the header unless chosen.
    expect(api.importData).toHaveBeenLastCalledWith({
      format: 'csv',
      csv: 'key,title\nINFRA-9,New',
      dryRun: true,
    });
    expect(result.current.canApply).toBe(true);

    // An edit drops the preview.
    act(() => result.current.setKind('milestones'));
    expect(result.current.canApply).toBe(false);
    expect(result.current.result).toBeUndefined();

    act(() => result.current.setKind('projects'));
    await act(() => result.current.send(true));
    await act(() => result.current.send(false));
    expect(result.current.applied).toBe(true);
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('says what a JSON document must look like, without a request', async () => {
    const api = mockPmoApi();
    const { result } = renderPmoHook(() => useImport(jest.fn()), { api });
    act(() => result.current.setFormat('json'));
    act(() => result.current.setText('[1, 2]'));
    await act(() => result.current.send(true));
    expect(result.current.error).toMatch(/The JSON must be an object/);
    expect(api.importData).not.toHaveBeenCalled();
  });

  it('tells a missing import permission from rows refused by project', async () => {
    const api = mockPmoApi({
      importData: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(403, 'NotAllowedError', 'Forbidden'),
        )
        .mockRejectedValueOnce(
          await responseError(
            403,
            'NotAllowedError',
            'Import rejected: row 2 is on INFRA-7',
          ),
        ),
    });
    const { result } = renderPmoHook(() => useImport(jest.fn()), { api });
    act(() => result.current.setText('x'));
    await act(() => result.current.send(true));
    expect(result.current.error).toBe('You do not have permission to import.');
    await act(() => result.current.send(true));
    await waitFor(() =>
      expect(result.current.error).toBe('Import rejected: row 2 is on INFRA-7'),
    );
  });
});
