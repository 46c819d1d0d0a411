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
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CameraIcon from '@material-ui/icons/PhotoCamera';
import { pmoSnapshotCreatePermission } from '@infra-pmo/plugin-pmo-common';
import { useTrends } from '../../hooks';
import { GuardedButton } from '../common/permissions';
import { PmoErrorPanel } from '../common/states';
import { TrendsChart } from './TrendsChart';
import { usePortfolioFilters } from './usePortfolioFilters';

export { TrendsChart, niceMax } from './TrendsChart';

const WEEK_OPTIONS = [12, 26, 52, 104];

/**
 * The "Trends" section of the PMO page: one point per ISO week from the
 * immutable snapshots, for the owner / System filter of the page.
 */
export function TrendsCard(props: { owner?: string; system?: string }) {
  const [weeks, setWeeks] = useState(26);
  const trends = useTrends({
    weeks,
    owner: props.owner ? [props.owner] : undefined,
    system: props.system,
  });
  const { taking, takeError, takeSnapshot } = trends;

  const snapshotButton = (
    <GuardedButton
      permission={pmoSnapshotCreatePermission}
      reason="You do not have permission to take snapshots"
      startIcon={<CameraIcon />}
      disabled={taking}
      onClick={takeSnapshot}
    >
      Take snapshot now
    </GuardedButton>
  );

  let body: React.ReactNode;
  if (trends.loading && !trends.value) body = <Progress />;
  else if (trends.error) body = <PmoErrorPanel error={trends.error} />;
  else if (!trends.value || trends.value.points.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No snapshots yet"
        description="Trends come from the weekly snapshots (Monday 06:00 by default, pmo.snapshots.schedule). Take one now to start the history."
        action={snapshotButton}
      />
    );
  } else {
    body = <TrendsChart points={trends.value.points} />;
  }

  return (
    <InfoCard
      title="Trends"
      subheader="Health and slip by week, from the weekly snapshots"
      action={
        <Box display="flex" alignItems="center" style={{ gap: 8 }} pr={1}>
          {trends.value && trends.value.points.length > 0 && snapshotButton}
          <TextField
            select
            size="small"
            variant="outlined"
            label="Weeks"
            id="pmo-trends-weeks"
            value={weeks}
            onChange={e => setWeeks(Number(e.target.value))}
          >
            {WEEK_OPTIONS.map(w => (
              <MenuItem key={w} value={w}>
                {w}
              </MenuItem>
            ))}
          </TextField>
        </Box>
      }
    >
      {takeError && (
        <Typography color="error" variant="body2" role="alert">
          {takeError}
        </Typography>
      )}
      {body}
    </InfoCard>
  );
}

/**
 * The trends tab of the PMO page, scoped by the owner and System filters
 * of the portfolio (they travel in the URL).
 */
export function TrendsView() {
  const { filters } = usePortfolioFilters();
  return <TrendsCard owner={filters.owner} system={filters.system} />;
}
