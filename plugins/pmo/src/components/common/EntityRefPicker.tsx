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
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useDebounce from 'react-use/esm/useDebounce';
import { useEntityRefOptions, type EntityRefOption } from '../../hooks';
import { READABLE_LABEL } from './styles';

type Option = EntityRefOption;

/**
 * Autocomplete over catalog entities of the given kinds, searched on the
 * server (never the whole catalog in the browser). Free text is accepted
 * so that a full ref can be pasted when the catalog search misses it.
 */
export function EntityRefPicker(props: {
  label: string;
  kinds: string[];
  value: string | null;
  onChange: (ref: string | null) => void;
  error?: string;
  helperText?: string;
  required?: boolean;
  id?: string;
  fullWidth?: boolean;
  size?: 'small' | 'medium';
}) {
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input), 250, [input]);
  const { value: options = [], loading } = useEntityRefOptions(
    props.kinds,
    term,
  );

  const selected: Option | null = props.value
    ? options.find(o => o.ref === props.value) ?? {
        ref: props.value,
        label: props.value,
      }
    : null;

  return (
    <Autocomplete<Option, false, false, true>
      id={props.id}
      freeSolo
      autoSelect
      size={props.size}
      fullWidth={props.fullWidth}
      options={options}
      loading={loading}
      value={selected}
      getOptionLabel={o => (typeof o === 'string' ? o : o.label)}
      getOptionSelected={(a, b) => a.ref === b.ref}
      filterOptions={o => o}
      onInputChange={(_e, v) => setInput(v)}
      onChange={(_e, v) => {
        if (v === null) props.onChange(null);
        else if (typeof v === 'string') {
          // autoSelect hands back the input text on blur: when it is an
          // option's label (or ref), use that option's ref, never the label.
          const text = v.trim();
          const match = options.find(o => o.label === text || o.ref === text);
          props.onChange(match ? match.ref : text || null);
        } else props.onChange(v.ref);
      }}
      renderInput={params => (
        <TextField
          {...params}
          InputLabelProps={{ ...params.InputLabelProps, ...READABLE_LABEL }}
          label={props.label}
          required={props.required}
          error={Boolean(props.error)}
          helperText={props.error ?? props.helperText}
          variant="outlined"
          margin="dense"
        />
      )}
    />
  );
}
