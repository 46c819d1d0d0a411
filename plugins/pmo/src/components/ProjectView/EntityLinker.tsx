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
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ProjectEntityLink } from '../../api';
import { useEntityLinkActions, useProjectEntities } from '../../hooks';
import { isForbidden, serverErrorMessage } from '../common/errors';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { Guarded, type Allowed } from '../common/permissions';
import { FlexRow } from '../common/FlexRow';

/**
 * Manual many-to-many links between a project and catalog entities.
 * Annotation links are owned by the entity's YAML and cannot be removed
 * here; the backend answers for those.
 */
export function EntityLinker(props: {
  projectKey: string;
  canUpdate: Allowed;
  onChanged: () => void;
}) {
  const actions = useEntityLinkActions(props.projectKey);
  const [entityRef, setEntityRef] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    severity: 'success' | 'error';
    text: React.ReactNode;
  }>();

  const linked = useProjectEntities(props.projectKey);

  const act = async (action: 'link' | 'unlink', ref = entityRef) => {
    if (!ref) return;
    setBusy(true);
    setResult(undefined);
    try {
      await (action === 'link' ? actions.link(ref) : actions.unlink(ref));
      setResult({
        severity: 'success',
        text: (
          <>
            <EntityRefLink entityRef={ref} />{' '}
            {action === 'link' ? 'linked to' : 'unlinked from'}{' '}
            {props.projectKey}
          </>
        ),
      });
      setEntityRef(null);
      linked.retry();
      props.onChanged();
    } catch (e) {
      setResult({
        severity: 'error',
        text: isForbidden(e)
          ? 'You do not have permission to change the links of this project.'
          : serverErrorMessage(e),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        Link the components, resources and systems this project changes. Links
        from the <code>pmo/projects</code> annotation are managed in the
        entity's YAML.
      </Typography>
      <LinkedEntities
        links={linked.value}
        loading={linked.loading && !linked.value}
        error={linked.error}
        canUpdate={props.canUpdate}
        busy={busy}
        onUnlink={ref => act('unlink', ref)}
      />
      {result && (
        <Alert
          severity={result.severity}
          role="status"
          style={{ marginBottom: 8 }}
        >
          {result.text}
        </Alert>
      )}
      <FlexRow>
        <Box flexGrow={1} minWidth={240}>
          <EntityRefPicker
            id="pmo-link-entity"
            label="Entity"
            kinds={['Component', 'Resource', 'System']}
            fullWidth
            value={entityRef}
            onChange={setEntityRef}
          />
        </Box>
        <Guarded
          permission={props.canUpdate}
          reason="You may not change the links of this project"
        >
          <Button
            variant="outlined"
            color="primary"
            disabled={!entityRef || busy}
            onClick={() => act('link')}
          >
            Link
          </Button>
        </Guarded>
      </FlexRow>
    </Box>
  );
}

/** The current links, annotation ones marked and not removable here. */
function LinkedEntities(props: {
  links?: ProjectEntityLink[];
  loading: boolean;
  error?: Error;
  canUpdate: Allowed;
  busy: boolean;
  onUnlink: (entityRef: string) => void;
}) {
  if (props.loading) return <Progress />;
  if (props.error) {
    return (
      <Alert severity="error" style={{ marginBottom: 8 }}>
        Could not list the linked entities: {serverErrorMessage(props.error)}
      </Alert>
    );
  }
  if (!props.links) return null;
  if (props.links.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        No entity is linked to this project yet.
      </Typography>
    );
  }
  const sorted = [...props.links].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  return (
    <List dense aria-label="Linked entities" style={{ marginBottom: 8 }}>
      {sorted.map(l => (
        <ListItem key={`${l.entityRef}-${l.source}`} divider disableGutters>
          <FlexRow width="100%">
            <Box flexGrow={1} style={{ wordBreak: 'break-word' }}>
              <EntityRefLink entityRef={l.entityRef} />
            </Box>
            <Chip
              size="small"
              label={l.source === 'annotation' ? 'via annotation' : 'manual'}
            />
            {l.source === 'annotation' ? (
              <Tooltip title="Set by the pmo/projects annotation in the entity's YAML; remove it there">
                <span>
                  <Button size="small" disabled>
                    Unlink
                  </Button>
                </span>
              </Tooltip>
            ) : (
              <Guarded
                permission={props.canUpdate}
                reason="You may not change the links of this project"
              >
                <Button
                  size="small"
                  disabled={props.busy}
                  aria-label={`Unlink ${l.entityRef}`}
                  onClick={() => props.onUnlink(l.entityRef)}
                >
                  Unlink
                </Button>
              </Guarded>
            )}
          </FlexRow>
        </ListItem>
      ))}
    </List>
  );
}
