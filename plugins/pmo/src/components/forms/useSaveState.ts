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

import { useCallback, useState } from 'react';
import {
  formErrorsOf,
  isConflict,
  isForbidden,
  placeFormErrors,
  type FormErrors,
} from '../common/errors';

/**
 * Save state of a form: field errors, form error, 409 conflict. `run`
 * shows client errors instead of saving when there are any; a failed save
 * puts the server's 400 messages on the fields they name (`shownFields`,
 * dotted paths such as `budget.planned`) and the rest above the form.
 * @internal
 */
export function useSaveState(shownFields: string[]) {
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [conflict, setConflict] = useState(false);
  const fieldsKey = shownFields.join(',');

  const run = useCallback(
    async (save: () => Promise<void>, clientErrors?: FormErrors) => {
      if (
        clientErrors &&
        (clientErrors.form || Object.keys(clientErrors.fields).length)
      ) {
        setErrors(clientErrors);
        return;
      }
      setSaving(true);
      setErrors({ fields: {} });
      setConflict(false);
      try {
        await save();
      } catch (e) {
        if (isConflict(e)) {
          setConflict(true);
        } else if (isForbidden(e)) {
          setErrors({
            fields: {},
            form: 'You do not have permission to make this change.',
          });
        } else {
          setErrors(placeFormErrors(formErrorsOf(e), fieldsKey.split(',')));
        }
      } finally {
        setSaving(false);
      }
    },
    [fieldsKey],
  );

  const reset = useCallback(() => {
    setErrors({ fields: {} });
    setConflict(false);
  }, []);

  return { saving, errors, conflict, run, reset };
}
