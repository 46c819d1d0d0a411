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
import Grid, { type GridSize } from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField, {
  type OutlinedTextFieldProps,
} from '@material-ui/core/TextField';
import { humanize } from '../common/format';
import { fieldErrors } from './formValues';
import { useSaveState } from './useSaveState';

/** Props of a form input bound to a value, with its error if any. */
export interface InputProps {
  id: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  fullWidth: boolean;
  variant: 'outlined';
  margin: 'dense';
  error?: boolean;
  helperText?: string;
}

/** The keys of the form values that text inputs edit. */
type TextKeys<V> = {
  [K in keyof V]-?: V[K] extends string ? K : never;
}[keyof V] &
  string;

/**
 * The one form plumbing of the PMO dialogs: the object being edited
 * (replaced by a reload), the form values, the client rules, the save with
 * the server's errors on the fields they name, and props for the inputs and
 * the dialog. Each time the dialog opens, it starts again from `initial`.
 *
 * `validate` returns a message per field path (undefined when the field is
 * valid); the rules and their wording are those of the server
 * (`@infra-pmo/plugin-pmo-common`), so a field shows the same message
 * whichever side caught the problem.
 */
export function useFormFields<T, V extends object, R = T>(options: {
  open: boolean;
  /** The object to edit; undefined creates one. */
  initial: T | undefined;
  /** Form values of an object, or of a new one. Module-level (stable). */
  valuesOf: (item?: T) => V;
  /** Input ids are `${idPrefix}-${key}`. */
  idPrefix: string;
  /**
   * Server error paths the form shows next to its inputs, most specific
   * first; a function when they depend on the values (one per list row).
   */
  shownFields: string[] | ((values: V) => string[]);
  /** Client rules, checked before anything is sent. */
  validate?: (
    values: V,
    current: T | undefined,
  ) => Record<string, string | undefined>;
  /** Creates (`current` undefined) or updates the object. */
  save: (values: V, current: T | undefined) => Promise<R>;
  /** The latest version of the object, to edit again after a 409. */
  reload?: (current: T) => Promise<T | undefined>;
  onSaved?: (saved: R) => void;
}) {
  const { open, initial, valuesOf, idPrefix, shownFields } = options;
  const [current, setCurrent] = useState(initial);
  const [values, setValues] = useState<V>(() => valuesOf(initial));
  const { saving, errors, conflict, run, reset } = useSaveState(
    typeof shownFields === 'function' ? shownFields(values) : shownFields,
  );

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
  const text = (k: TextKeys<V>): InputProps => ({
    id: `${idPrefix}-${k}`,
    value: values[k] as string,
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      set(k)(e.target.value as never),
    fullWidth: true,
    variant: 'outlined' as const,
    margin: 'dense' as const,
  });

  /** `text` with the errors of the field of the same name. */
  const field = (k: TextKeys<V>): InputProps => ({ ...text(k), ...err(k) });

  /** Props of an EntityRefPicker bound to a value ('' when cleared). */
  const picker = (k: TextKeys<V>) => ({
    id: `${idPrefix}-${k}`,
    value: (values[k] as string) || null,
    onChange: (ref: string | null) => set(k)((ref ?? '') as never),
    error: errors.fields[k],
  });

  const submit = () =>
    run(
      async () => {
        const saved = await options.save(values, current);
        options.onSaved?.(saved);
      },
      { fields: fieldErrors(options.validate?.(values, current) ?? {}) },
    );

  const { reload } = options;
  const onReload =
    current !== undefined && reload
      ? async () => load(await reload(current))
      : undefined;

  return {
    current,
    values,
    errors,
    set,
    text,
    err,
    field,
    picker,
    /** Save state and actions of the FormDialog. */
    dialogProps: {
      saving,
      formError: errors.form,
      conflict,
      onSubmit: submit,
      onReload,
      submitLabel: current === undefined ? 'Create' : 'Save',
    },
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

/**
 * The title (required) and the multi-line description inputs that lead the
 * project, milestone and RAID forms.
 */
export function TitleInputs(props: {
  title: InputProps;
  description?: InputProps;
}) {
  return (
    <>
      <GridField {...props.title} sm={8} label="Title" required />
      {props.description && (
        <GridField
          {...props.description}
          label="Description"
          multiline
          minRows={2}
        />
      )}
    </>
  );
}

/**
 * An outlined input (or select, with its options as children) in a grid
 * cell: the one shape of every form input, so the dialogs list only what
 * differs (width, label, kind).
 */
export function GridField(
  props: OutlinedTextFieldProps & { xs?: GridSize; sm?: GridSize },
) {
  const { xs = 12, sm, ...input } = props;
  return (
    <Grid item xs={xs} sm={sm}>
      <TextField {...input} />
    </Grid>
  );
}

/** Date inputs side by side, one per `[key, label]`, all of one width. */
export function DateInputs<K extends string>(props: {
  dates: ReadonlyArray<readonly [K, string]>;
  field: (key: K) => InputProps;
  xs?: GridSize;
  sm: GridSize;
}) {
  return (
    <>
      {props.dates.map(([key, label]) => (
        <GridField
          key={key}
          {...props.field(key)}
          {...DATE_INPUT}
          xs={props.xs}
          sm={props.sm}
          label={label}
        />
      ))}
    </>
  );
}
