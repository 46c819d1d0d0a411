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

import TextField from '@material-ui/core/TextField';

/**
 * The required free-text "why" of every decision dialog (rationale of a
 * gate decision, reason of a re-baseline request or decision).
 */
export function ReasonField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      fullWidth
      multiline
      minRows={2}
      margin="dense"
      id={props.id}
      label={props.label}
      required
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    />
  );
}
