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

import { useFormFields } from './useFormFields';

/**
 * The request body of a form: `empty` is what a blank input becomes,
 * undefined on a create (left out) and null on an update (cleared).
 */
interface BodyOf<V, C, U> {
  (values: V, empty: undefined): C;
  (values: V, empty: null): U;
}

/**
 * The props of a milestone or RAID item dialog (`item` undefined: a new one).
 * @internal
 */
export interface ProjectItemFormProps<T> {
  open: boolean;
  projectKey: string;
  item?: T;
  onClose: () => void;
  onSaved: (saved: T) => void;
}

/**
 * The form of a project's milestone or RAID item (`props.item` undefined: a
 * new one). An update sends the version last read, so that a 409 offers to
 * reload the item; every input's server path is its value's name.
 * @internal
 */
export function useProjectItemForm<
  T extends { id: string; version: number },
  V extends object,
  C,
  U extends { version: number },
>(
  props: ProjectItemFormProps<T>,
  config: {
    idPrefix: string;
    /** The item's write hook (module-level, always the same one). */
    useActions: (projectKey: string) => {
      create: (body: C) => Promise<T>;
      update: (id: string, body: U) => Promise<T>;
      reload: (id: string) => Promise<T | undefined>;
    };
    /** Module-level (stable): the form restarts when `initial` changes. */
    valuesOf: (item?: T) => V;
    validate: (values: V) => Record<string, string | undefined>;
    bodyOf: BodyOf<V, C, Omit<U, 'version'>>;
  },
) {
  const { valuesOf, bodyOf } = config;
  const actions = config.useActions(props.projectKey);
  return useFormFields({
    open: props.open,
    initial: props.item,
    valuesOf,
    idPrefix: config.idPrefix,
    shownFields: Object.keys(valuesOf()),
    validate: config.validate,
    save: (values, item) =>
      item
        ? actions.update(item.id, {
            version: item.version,
            ...bodyOf(values, null),
          } as U)
        : actions.create(bodyOf(values, undefined)),
    reload: item => actions.reload(item.id),
    onSaved: props.onSaved,
  });
}
