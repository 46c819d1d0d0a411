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

import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Health } from '@infra-pmo/plugin-pmo-common';
import { FlexRow } from './FlexRow';
import { HealthChip } from './HealthChips';
import { labelStyle } from './styles';
import { alertText } from './styles';

/*
 * The building blocks of the entity and System summaries (card and tab):
 * labelled sections and the worst-health line.
 */

/** Styles of the summaries. @internal */
export const useSummaryStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  label: labelStyle(theme),
  overdue: { color: alertText(theme).error, fontWeight: 600 },
  slip: { color: alertText(theme).warning, fontWeight: 600 },
}));

/** A section of a summary under a small upper-case label. @internal */
export function SummarySection(props: {
  label: ReactNode;
  children: ReactNode;
  'aria-label'?: string;
}) {
  const classes = useSummaryStyles();
  return (
    <Box
      className={classes.section}
      role={props['aria-label'] ? 'group' : undefined}
      aria-label={props['aria-label']}
    >
      <Typography className={classes.label}>{props.label}</Typography>
      {props.children}
    </Box>
  );
}

/** "Worst health" with the overall chip; `tooltip` explains it. @internal */
export function WorstHealthLine(props: {
  health?: Health;
  tooltip?: ReactNode;
}) {
  const classes = useSummaryStyles();
  return (
    <FlexRow>
      <Typography className={classes.label}>Worst health</Typography>
      <HealthChip
        size="medium"
        label="Overall"
        health={props.health}
        tooltip={props.tooltip}
      />
    </FlexRow>
  );
}
