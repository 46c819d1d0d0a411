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
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import PublishIcon from '@material-ui/icons/Publish';
import { pmoImportPermission } from '@infra-pmo/plugin-pmo-common';
import { useCsvExport, useXlsxExport } from '../../hooks';
import { Guarded } from '../common/permissions';
import { ImportDialog, KINDS, KIND_LABEL } from './ImportDialog';
import { FlexRow } from '../common/FlexRow';

export { ImportDialog } from './ImportDialog';

/** CSV export buttons (one per kind) and the XLSX workbook of all kinds. */
export function ExportButtons() {
  const { busy, error, run } = useCsvExport();
  const xlsx = useXlsxExport();
  return (
    <FlexRow>
      <Button
        size="small"
        variant="outlined"
        startIcon={xlsx.busy ? <CircularProgress size={14} /> : <GetAppIcon />}
        disabled={xlsx.busy}
        onClick={() => xlsx.run()}
      >
        All (XLSX)
      </Button>
      {KINDS.map(kind => (
        <Button
          key={kind}
          size="small"
          variant="outlined"
          startIcon={
            busy === kind ? <CircularProgress size={14} /> : <GetAppIcon />
          }
          disabled={Boolean(busy)}
          onClick={() => run(kind)}
        >
          {KIND_LABEL[kind]} CSV
        </Button>
      ))}
      {(error ?? xlsx.error) && (
        <Typography variant="caption" color="error" role="alert">
          {error ?? xlsx.error}
        </Typography>
      )}
    </FlexRow>
  );
}

/** "Import" button guarded by the import permission. */
export function ImportButton(props: { onImported: () => void }) {
  const permission = usePermission({ permission: pmoImportPermission });
  const [open, setOpen] = useState(false);
  return (
    <>
      <Guarded
        permission={permission}
        reason="You do not have the PMO import permission"
      >
        <Button
          size="small"
          variant="outlined"
          startIcon={<PublishIcon />}
          onClick={() => setOpen(true)}
        >
          Import
        </Button>
      </Guarded>
      {open && (
        <ImportDialog
          open={open}
          onClose={() => setOpen(false)}
          onImported={props.onImported}
        />
      )}
    </>
  );
}
