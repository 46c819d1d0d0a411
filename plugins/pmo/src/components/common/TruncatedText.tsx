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

import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // Two lines at most; the words stay whole.
  clamp: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'normal',
    wordBreak: 'normal',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/** Texts longer than this may be clamped, so they get a tooltip and focus. */
const LONG = 80;

/**
 * A long text of a table cell (a mitigation, a description): at most two
 * lines, the full text in a tooltip on hover and on keyboard focus. Screen
 * readers read the whole text, which is all in the DOM.
 * @internal
 */
export function TruncatedText(props: { text?: string | null }) {
  const classes = useStyles();
  const { text } = props;
  if (!text) return <>—</>;
  if (text.length <= LONG) return <>{text}</>;
  return (
    <Tooltip title={text}>
      {/*
       * Focusable so that keyboard users get the hidden part too (WCAG
       * 1.4.13, content on hover or focus); nothing else to operate.
       */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <span className={classes.clamp} tabIndex={0}>
        {text}
      </span>
    </Tooltip>
  );
}
