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
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import type { Collision } from '@infra-pmo/plugin-pmo-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { useEntityCollisions } from '../../hooks';
import { PmoErrorPanel } from '../common/states';
import { AcknowledgeCollisionDialog } from './AcknowledgeCollisionDialog';

/**
 * The collisions of the coming 90 days that reach this entity (its blast
 * radius meets another window's, or a freeze covers it), with the CAB's
 * acknowledgement when there is one.
 */
export function EntityCollisions(props: { entityRef: string }) {
  const state = useEntityCollisions(props.entityRef);
  const [acknowledging, setAcknowledging] = useState<Collision>();
  let body: React.ReactNode;
  if (state.loading) body = <Progress />;
  else if (state.error) body = <PmoErrorPanel error={state.error} />;
  else if (!state.value || state.value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No collisions in the next 90 days"
        description="No two change windows reaching this service overlap, and none falls in a freeze that covers it."
      />
    );
  } else {
    body = (
      <List dense aria-label="Collisions">
        {state.value.map(c => (
          <ListItem key={c.id} divider>
            <ListItemText
              primary={c.message}
              secondary={
                c.acknowledgement
                  ? `Acknowledged by ${c.acknowledgement.by}: ${c.acknowledgement.reason}`
                  : 'Not acknowledged'
              }
            />
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Chip
                size="small"
                color={c.severity === 'high' ? 'secondary' : 'default'}
                label={`${c.kind} · ${c.severity}`}
              />
              {!c.acknowledgement && (
                <Button
                  size="small"
                  variant="outlined"
                  aria-label={`Acknowledge: ${c.message}`}
                  onClick={() => setAcknowledging(c)}
                >
                  Acknowledge
                </Button>
              )}
            </Box>
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <InfoCard title="Cutover collisions" subheader="Next 90 days">
      {body}
      {acknowledging && (
        <AcknowledgeCollisionDialog
          collision={acknowledging}
          submit={state.acknowledge}
          onClose={() => setAcknowledging(undefined)}
          onDone={() => {
            setAcknowledging(undefined);
            state.retry();
          }}
        />
      )}
    </InfoCard>
  );
}
