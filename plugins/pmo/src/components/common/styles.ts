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

import type { Theme } from '@material-ui/core/styles';

/*
 * Style pieces shared by the PMO views, for `makeStyles`: the small
 * upper-case labels, the big KPI numbers and the colour swatches of legends.
 */

/** A small upper-case label above a value or a section. @internal */
export const labelStyle = (theme: Theme) =>
  ({
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    fontWeight: 600,
    color: theme.palette.text.secondary,
  } as const);

/** The big number of a KPI card. @internal */
export const KPI_VALUE_STYLE = {
  fontSize: '2rem',
  fontWeight: 700,
  lineHeight: 1.2,
} as const;

/** A coloured square in a legend. @internal */
export const SWATCH_STYLE = {
  display: 'inline-block',
  width: 10,
  height: 10,
  borderRadius: 2,
  marginRight: 6,
} as const;

/** The vertical "today" line across a timeline row. @internal */
export const todayLineStyle = (theme: Theme) =>
  ({
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 2,
    background: theme.palette.primary.main,
  } as const);

/**
 * Text colours for warnings in small type: the darker shades, which keep
 * 4.5:1 against the card and page backgrounds (WCAG 1.4.3); the theme's
 * main error and warning colours do not in the light theme.
 * @internal
 */
export const alertText = (theme: Theme) => ({
  error:
    theme.palette.type === 'dark'
      ? theme.palette.error.light
      : theme.palette.error.dark,
  warning:
    theme.palette.type === 'dark' ? theme.palette.warning.light : '#7a4f01',
});

/**
 * Props of the filter inputs' labels: the text colour of their context.
 * The theme's secondary text on the page background is 4.47:1, just under
 * WCAG 1.4.3's 4.5:1 (axe-core, e2e/a11y.e2e.mjs).
 * @internal
 */
export const READABLE_LABEL = { style: { color: 'inherit' } } as const;
