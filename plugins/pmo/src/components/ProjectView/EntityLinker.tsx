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
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { pmoApiRef } from '../../api';
import { isForbidden, serverErrorMessage } from '../common/errors';
import { EntityRefPicker } from '../common/EntityRefPicker';
import { Guarded, type Allowed } from '../common/permissions';

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
  const api = useApi(pmoApiRef);
  const [entityRef, setEntityRef] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    severity: 'success' | 'error';
    text: React.ReactNode;
  }>();

  const act = async (action: 'link' | 'unlink') => {
    if (!entityRef) return;
    setBusy(true);
    setResult(undefined);
    try {
      if (action === 'link') await api.linkEntity(props.projectKey, entityRef);
      else await api.unlinkEntity(props.projectKey, entityRef);
      setResult({
        severity: 'success',
        text: (
          <>
            <EntityRefLink entityRef={entityRef} />{' '}
            {action === 'link' ? 'linked to' : 'unlinked from'}{' '}
            {props.projectKey}
          </>
        ),
      });
      setEntityRef(null);
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
      {result && (
        <Alert
          severity={result.severity}
          role="status"
          style={{ marginBottom: 8 }}
        >
          {result.text}
        </Alert>
      )}
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 8 }}
      >
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
        <Guarded
          permission={props.canUpdate}
          reason="You may not change the links of this project"
        >
          <Button
            variant="outlined"
            disabled={!entityRef || busy}
            onClick={() => act('unlink')}
          >
            Unlink
          </Button>
        </Guarded>
      </Box>
    </Box>
  );
}
