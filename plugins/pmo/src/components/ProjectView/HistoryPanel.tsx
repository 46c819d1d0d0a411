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

import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { HistoryEntry } from '@infra-pmo/plugin-pmo-common';
import { useProjectHistory } from '../../hooks';
import { formatTimestamp } from '../common/format';
import { PmoErrorPanel } from '../common/states';
import { OwnerRef } from '../common/EntityRefs';

/** Values of history diffs are shown as plain text, never as markup. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function Entry(props: { entry: HistoryEntry }) {
  const { entry } = props;
  const changes = Object.entries(entry.changes ?? {});
  return (
    <ListItem divider alignItems="flex-start" disableGutters>
      <ListItemText
        primary={
          <>
            {formatTimestamp(entry.at)} — <OwnerRef value={entry.actor} />{' '}
            {entry.action}d {entry.objectType}{' '}
            {entry.objectType === 'project' ? entry.projectKey : entry.objectId}
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          changes.length > 0 && (
            <Box component="ul" m={0} pl={2}>
              {changes.map(([field, [before, after]]) => (
                <li key={field}>
                  <Typography variant="caption">
                    {field}: {show(before)} → {show(after)}
                  </Typography>
                </li>
              ))}
            </Box>
          )
        }
      />
    </ListItem>
  );
}

/** Audit history of a project, newest first, paged with the server cursor. */
export function HistoryPanel(props: { projectKey: string }) {
  const { entries, loading, error, hasMore, loadMore } = useProjectHistory(
    props.projectKey,
  );

  if (error)
    return <PmoErrorPanel error={error} title="Could not load the history" />;
  return (
    <Box width="100%">
      {entries.length === 0 && !loading && (
        <Typography variant="body2" color="textSecondary">
          No changes recorded yet.
        </Typography>
      )}
      <List dense disablePadding>
        {entries.map(e => (
          <Entry key={e.id} entry={e} />
        ))}
      </List>
      {loading && <Progress />}
      {hasMore && !loading && (
        <Button size="small" onClick={loadMore}>
          Load older changes
        </Button>
      )}
    </Box>
  );
}
