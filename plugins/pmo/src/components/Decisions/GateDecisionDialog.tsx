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
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  GATE_DECISIONS,
  gateConditionsProblem,
  type GateCondition,
  type GateDecisionOutcome,
  type Milestone,
  pmoValidationMessages as messages,
} from '@infra-pmo/plugin-pmo-common';
import { useCheckedAction } from '../../hooks';
import { serverErrorMessage } from '../common/errors';
import { humanize } from '../common/format';
import { FormDialog } from '../forms/FormDialog';
import { ReasonField } from './ReasonField';

const EMPTY_CONDITION: GateCondition = { text: '', owner: '', dueDate: '' };

/**
 * Records a decision on a gate: outcome, rationale and, for
 * go-with-conditions, an editable list of conditions (each becomes a RAID
 * action on the project). The rules and messages come from pmo-common.
 */
export function GateDecisionDialog(props: {
  gate: Milestone;
  onClose: () => void;
  onDecided: () => void;
  decide: (
    milestoneId: string,
    request: {
      decision: GateDecisionOutcome;
      rationale: string;
      conditions?: GateCondition[];
    },
  ) => Promise<unknown>;
}) {
  const { gate } = props;
  const [decision, setDecision] = useState<GateDecisionOutcome>('go');
  const [rationale, setRationale] = useState('');
  const [conditions, setConditions] = useState<GateCondition[]>([]);
  const save = useCheckedAction(props.decide, serverErrorMessage);
  const withConditions = decision === 'go-with-conditions';

  const setCondition = (i: number, patch: Partial<GateCondition>) =>
    setConditions(list =>
      list.map((c, j) => (j === i ? { ...c, ...patch } : c)),
    );

  const submit = async () => {
    const kept = withConditions ? conditions : [];
    const incomplete = kept.findIndex(
      c => !c.text.trim() || !c.owner.trim() || !c.dueDate,
    );
    const invalid = !rationale.trim()
      ? `Rationale ${messages.required}`
      : gateConditionsProblem(decision, kept) ??
        (incomplete >= 0
          ? `Condition ${incomplete + 1}: text, owner and due date are required`
          : undefined);
    const ok = await save.run(invalid, gate.id, {
      decision,
      rationale: rationale.trim(),
      ...(kept.length ? { conditions: kept } : {}),
    });
    if (ok) props.onDecided();
  };

  return (
    <FormDialog
      open
      title={`Decide gate: ${gate.title}`}
      onClose={props.onClose}
      onSubmit={submit}
      saving={save.busy}
      formError={save.formError}
      submitLabel="Record decision"
    >
      <TextField
        select
        fullWidth
        margin="dense"
        id="pmo-gate-decision"
        label="Decision"
        value={decision}
        onChange={e => setDecision(e.target.value as GateDecisionOutcome)}
      >
        {GATE_DECISIONS.map(d => (
          <MenuItem key={d} value={d}>
            {humanize(d)}
          </MenuItem>
        ))}
      </TextField>
      <ReasonField
        id="pmo-gate-rationale"
        label="Rationale"
        value={rationale}
        onChange={setRationale}
      />
      {withConditions && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Conditions (each becomes a RAID action on the project)
          </Typography>
          {conditions.map((c, i) => (
            <Box key={i} display="flex" alignItems="center" style={{ gap: 8 }}>
              <TextField
                margin="dense"
                id={`pmo-gate-condition-${i}`}
                label={`Condition ${i + 1}`}
                value={c.text}
                onChange={e => setCondition(i, { text: e.target.value })}
                style={{ flex: 3 }}
              />
              <TextField
                margin="dense"
                id={`pmo-gate-condition-${i}-owner`}
                label="Owner"
                placeholder="group:default/ops"
                value={c.owner}
                onChange={e => setCondition(i, { owner: e.target.value })}
                style={{ flex: 2 }}
              />
              <TextField
                margin="dense"
                id={`pmo-gate-condition-${i}-due`}
                label="Due date"
                type="date"
                InputLabelProps={{ shrink: true }}
                value={c.dueDate}
                onChange={e => setCondition(i, { dueDate: e.target.value })}
              />
              <IconButton
                aria-label={`Remove condition ${i + 1}`}
                size="small"
                onClick={() =>
                  setConditions(list => list.filter((_, j) => j !== i))
                }
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Box>
          ))}
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => setConditions(list => [...list, EMPTY_CONDITION])}
          >
            Add condition
          </Button>
        </Box>
      )}
    </FormDialog>
  );
}
