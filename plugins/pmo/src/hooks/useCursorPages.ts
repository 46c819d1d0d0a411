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

import { useEffect, useState } from 'react';

/**
 * Paging over opaque server cursors: a stack where entry i opens page i,
 * reset to the first page whenever `resetKey` (the filters) changes. The
 * stack is local state: cursors are short-lived and not worth a URL.
 * @internal
 */
export function useCursorPages(resetKey: string) {
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  useEffect(() => setCursors([undefined]), [resetKey]);
  return {
    /** The cursor of the current page (undefined: the first). */
    cursor: cursors[cursors.length - 1],
    /** 0 for the first page. */
    pageIndex: cursors.length - 1,
    next: (nextCursor: string | undefined) => {
      if (nextCursor) setCursors(prev => [...prev, nextCursor]);
    },
    previous: () =>
      setCursors(prev => (prev.length > 1 ? prev.slice(0, -1) : prev)),
    first: () => setCursors([undefined]),
  };
}
