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

import { useEffect, useState, type ChangeEvent } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import { humanize } from '../common/format';
import { useSaveState } from './FormDialog';

/** The keys of the form values that text inputs edit. */
type TextKeys<V> = {
  [K in keyof V]-?: V[K] extends string ? K : never;
}[keyof V] &
  string;

/**
 * State and input wiring shared by the PMO form dialogs: the object being
 * edited (replaced by a reload), the form values, the save state, and props
 * for the inputs with their server or client errors. Each time the dialog
 * opens, it starts again from `initial`.
 */
export function useFormFields<T, V extends object>(options: {
  open: boolean;
  /** The object to edit; undefined creates one. */
  initial: T | undefined;
  /** Form values of an object, or of a new one. Module-level (stable). */
  valuesOf: (item?: T) => V;
  /** Input ids are `${idPrefix}-${key}`. */
  idPrefix: string;
  /** Server error paths the form shows next to its inputs. */
  shownFields: string[];
}) {
  const { open, initial, valuesOf, idPrefix, shownFields } = options;
  const [current, setCurrent] = useState(initial);
  const [values, setValues] = useState<V>(() => valuesOf(initial));
  const { saving, errors, conflict, run, reset } = useSaveState(shownFields);

  useEffect(() => {
    if (open) {
      setCurrent(initial);
      setValues(valuesOf(initial));
      reset();
    }
  }, [open, initial, valuesOf, reset]);

  /** Edits the latest version of the object (after a 409 reload). */
  const load = (latest: T | undefined) => {
    setCurrent(latest);
    setValues(valuesOf(latest));
    reset();
  };

  const set =
    <K extends keyof V>(k: K) =>
    (value: V[K]) =>
      setValues(prev => ({ ...prev, [k]: value }));

  /** Error props of a server or client error path. */
  const err = (path: string) => ({
    error: Boolean(errors.fields[path]),
    helperText: errors.fields[path],
  });

  /** Props of an outlined text input (or select) bound to a value. */
  const text = (k: TextKeys<V>) => ({
    id: `${idPrefix}-${k}`,
    value: values[k] as string,
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      set(k)(e.target.value as never),
    fullWidth: true,
    variant: 'outlined' as const,
    margin: 'dense' as const,
  });

  /** `text` with the errors of the field of the same name. */
  const field = (k: TextKeys<V>) => ({ ...text(k), ...err(k) });

  /** Props of an EntityRefPicker bound to a value ('' when cleared). */
  const picker = (k: TextKeys<V>) => ({
    id: `${idPrefix}-${k}`,
    value: (values[k] as string) || null,
    onChange: (ref: string | null) => set(k)((ref ?? '') as never),
    error: errors.fields[k],
  });

  return {
    current,
    values,
    errors,
    set,
    text,
    err,
    field,
    picker,
    load,
    run,
    /** Save state props of the FormDialog. */
    dialogProps: { saving, formError: errors.form, conflict },
  };
}

/** Props of a date input (the label stays above the browser's picker). */
export const DATE_INPUT = {
  type: 'date',
  InputLabelProps: { shrink: true },
} as const;

/** The options of a select over fixed values, labelled for people. */
export function menuItems(
  values: readonly string[],
  label: (value: string) => string = humanize,
) {
  return values.map(v => (
    <MenuItem key={v} value={v}>
      {label(v)}
    </MenuItem>
  ));
}
