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

import type { ChangeEvent } from 'react';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import AddIcon from '@material-ui/icons/Add';
import {
  EXTERNAL_SYSTEMS,
  isHttpUrl,
  type ExternalSystem,
} from '@infra-pmo/plugin-pmo-common';
import type { Values } from './projectForm';
import { menuItems } from './useFormFields';
import { FlexRow } from '../common/FlexRow';

type Link = Values['externalLinks'][number];

/**
 * The links of a project to other tools: one row per link (system, key,
 * URL), each input with the message of its own server path
 * (`externalLinks.1.url`); `errors.externalLinks` covers the whole list.
 * @internal
 */
export function ExternalLinksField(props: {
  links: Link[];
  errors: Record<string, string>;
  onChange: (links: Link[]) => void;
}) {
  const { links, errors, onChange } = props;
  return (
    <>
      <Typography variant="subtitle2">External links</Typography>
      {errors.externalLinks && (
        <Typography variant="caption" color="error" role="alert">
          {errors.externalLinks}
        </Typography>
      )}
      {links.map((link, i) => {
        const update = (patch: Partial<Link>) =>
          onChange(links.map((l, j) => (j === i ? { ...l, ...patch } : l)));
        /** A text input of the link with the error of its server path. */
        const input = (field: 'key' | 'url', label: string) => {
          const error = errors[`externalLinks.${i}.${field}`];
          return {
            id: `pmo-project-link-${i}-${field}`,
            label,
            margin: 'dense' as const,
            variant: 'outlined' as const,
            value: link[field],
            onChange: (e: ChangeEvent<HTMLInputElement>) =>
              update({ [field]: e.target.value }),
            error: Boolean(error),
            helperText: error,
          };
        };
        return (
          <FlexRow key={i}>
            <TextField
              select
              id={`pmo-project-link-${i}-system`}
              label="System"
              margin="dense"
              variant="outlined"
              value={link.system}
              onChange={e =>
                update({ system: e.target.value as ExternalSystem })
              }
              style={{ minWidth: 160 }}
            >
              {menuItems(EXTERNAL_SYSTEMS)}
            </TextField>
            <TextField {...input('key', 'Key')} />
            <TextField
              {...input('url', 'URL (optional)')}
              error={
                Boolean(errors[`externalLinks.${i}.url`]) ||
                (Boolean(link.url.trim()) && !isHttpUrl(link.url.trim()))
              }
              style={{ flexGrow: 1, minWidth: 200 }}
            />
            <IconButton
              aria-label={`Remove link ${link.key || i + 1}`}
              onClick={() => onChange(links.filter((_l, j) => j !== i))}
            >
              <DeleteIcon />
            </IconButton>
          </FlexRow>
        );
      })}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() =>
          onChange([...links, { system: 'servicenow', key: '', url: '' }])
        }
      >
        Add link
      </Button>
    </>
  );
}
