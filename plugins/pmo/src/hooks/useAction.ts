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

import { useState } from 'react';

/**
 * An async action with its busy flag and the message of its last failure,
 * worded by `describeError` (a 403 says what was not allowed). `run`
 * resolves to false when the action failed.
 * @internal
 */
export function useAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  describeError: (error: unknown) => string,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action(...args);
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * An action behind the form's own check, for the dialogs that decide
 * something: `run(problem, ...args)` shows `problem` (the check's message,
 * worded by pmo-common) instead of calling the action; `formError` is that
 * message or the action's failure. Resolves to true when the action ran
 * and succeeded.
 * @internal
 */
export function useCheckedAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  describeError: (error: unknown) => string,
) {
  const [problem, setProblem] = useState<string>();
  const save = useAction(action, describeError);
  const run = async (
    invalid: string | false | null | undefined,
    ...args: A
  ): Promise<boolean> => {
    setProblem(invalid || undefined);
    return invalid ? false : save.run(...args);
  };
  return { run, busy: save.busy, formError: problem ?? save.error };
}
