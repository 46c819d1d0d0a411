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

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { TrendPoint } from '@infra-pmo/plugin-pmo-common';
import { mockPmoApi, responseError } from '../../__testUtils__/fixtures';
import { renderPmo } from '../../__testUtils__/render';
import { TrendsCard, niceMax } from './Trends';

function point(
  id: number,
  period: string,
  byHealth: TrendPoint['byHealth'],
  averageSlipDays: number,
  watermelons = 0,
): TrendPoint {
  return {
    snapshotId: id,
    period,
    takenAt: `2026-12-0${id}T06:00:00.000Z`,
    kind: 'scheduled',
    totalProjects: byHealth.green + byHealth.amber + byHealth.red,
    byHealth,
    watermelons,
    slipDaysTotal: averageSlipDays * 2,
    averageSlipDays,
    openHighRisks: 1,
  };
}

describe('TrendsCard', () => {
  it('draws one stacked bar per week and the slip line', async () => {
    const api = mockPmoApi({
      getTrends: jest.fn().mockResolvedValue({
        points: [
          point(1, '2026-W48', { green: 5, amber: 2, red: 1 }, 4),
          point(2, '2026-W49', { green: 3, amber: 3, red: 2 }, 9, 1),
        ],
      }),
    });
    await renderPmo(
      <TrendsCard owner="group:default/storage" system="system:default/san" />,
      { api, entity: null },
    );
    const chart = await screen.findByTestId('pmo-trends-chart');
    expect(chart).toHaveAttribute(
      'aria-label',
      expect.stringContaining('over 2 weeks; latest 2026-W49: 2 red, 3 amber'),
    );
    const w49 = screen.getByTestId('trend-week-2026-W49');
    expect(w49).toHaveAttribute(
      'aria-label',
      '2026-W49: 2 red, 3 amber, 3 green, 1 watermelon, average slip 9 days (total 18), 1 open high risk',
    );
    // Bar heights are proportional to the counts within one week.
    const height = (h: string) =>
      Number(
        w49.querySelector(`rect[data-health="${h}"]`)!.getAttribute('height'),
      );
    expect(height('amber')).toBeCloseTo(height('green'));
    expect(height('red') / height('green')).toBeCloseTo(2 / 3);
    expect(
      screen.getByTestId('trend-watermelons-2026-W49'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('trend-watermelons-2026-W48')).toBeNull();
    expect(
      screen.getByTestId('pmo-trends-slip-line').getAttribute('d'),
    ).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    expect(api.getTrends).toHaveBeenCalledWith({
      weeks: 26,
      owner: ['group:default/storage'],
      system: 'system:default/san',
    });
  });

  it('offers a snapshot when there is none, and reloads after it', async () => {
    const api = mockPmoApi({
      getTrends: jest
        .fn()
        .mockResolvedValueOnce({ points: [] })
        .mockResolvedValue({
          points: [point(1, '2026-W49', { green: 1, amber: 0, red: 0 }, 0)],
        }),
      createSnapshot: jest.fn().mockResolvedValue({}),
    });
    await renderPmo(<TrendsCard />, { api, entity: null });
    expect(await screen.findByText('No snapshots yet')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /Take snapshot now/ }),
    );
    expect(await screen.findByTestId('pmo-trends-chart')).toBeInTheDocument();
    expect(api.createSnapshot).toHaveBeenCalledTimes(1);
  });

  it('disables taking a snapshot without the permission', async () => {
    const api = mockPmoApi({
      getTrends: jest.fn().mockResolvedValue({ points: [] }),
    });
    await renderPmo(<TrendsCard />, {
      api,
      entity: null,
      authorize: AuthorizeResult.DENY,
    });
    await screen.findByText('No snapshots yet');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /Take snapshot now/ }),
      ).toBeDisabled(),
    );
  });

  it('shows progress, then errors and forbidden clearly', async () => {
    const pending = mockPmoApi({
      getTrends: jest.fn(() => new Promise(() => {})),
    });
    const { unmount } = await renderPmo(<TrendsCard />, {
      api: pending,
      entity: null,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();

    const forbidden = mockPmoApi({
      getTrends: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'NotAllowedError', 'no')),
    });
    await renderPmo(<TrendsCard />, { api: forbidden, entity: null });
    expect(
      await screen.findByText(/You do not have access/),
    ).toBeInTheDocument();
  });
});

describe('niceMax', () => {
  it('picks four nice steps at or above the value', () => {
    expect(niceMax(12, true)).toBe(12);
    expect(niceMax(13, true)).toBe(16);
    expect(niceMax(3, true)).toBe(4);
    expect(niceMax(250, true)).toBe(320);
    expect(niceMax(6.7)).toBe(8);
    expect(niceMax(0.3)).toBe(0.4);
    for (const v of [1, 7, 19, 42, 99, 1234]) {
      const max = niceMax(v, true);
      expect(max).toBeGreaterThanOrEqual(v);
      expect(Number.isInteger(max / 4)).toBe(true);
    }
  });
});
