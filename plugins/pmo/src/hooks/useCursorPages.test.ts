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

import { act, renderHook } from '@testing-library/react';
import { useCursorPages } from './useCursorPages';

describe('useCursorPages', () => {
  it('walks forward and back, and restarts when the filters change', () => {
    const { result, rerender } = renderHook(
      (key: string) => useCursorPages(key),
      { initialProps: 'a' },
    );
    expect(result.current).toMatchObject({ cursor: undefined, pageIndex: 0 });

    act(() => result.current.next('c1'));
    act(() => result.current.next('c2'));
    expect(result.current).toMatchObject({ cursor: 'c2', pageIndex: 2 });
    // No next cursor: the last page stays the current one.
    act(() => result.current.next(undefined));
    expect(result.current.pageIndex).toBe(2);

    act(() => result.current.previous());
    expect(result.current).toMatchObject({ cursor: 'c1', pageIndex: 1 });

    rerender('b');
    expect(result.current).toMatchObject({ cursor: undefined, pageIndex: 0 });
    act(() => result.current.previous());
    expect(result.current.pageIndex).toBe(0);
  });
});
