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

import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { isHttpUrl, type ExternalLink } from '@infra-pmo/plugin-pmo-common';
import { humanize } from './format';

/**
 * True only for absolute http(s) URLs. Anything else (javascript:, data:,
 * relative paths, garbage) must never end up in an `href`. The rule of
 * pmo-common, which the backend applies to stored links too.
 */
export const isSafeHttpUrl = isHttpUrl;

/** A link to another tool, rendered as text when its URL is not http(s). */
export function ExternalLinkChip(props: { link: ExternalLink }) {
  const { link } = props;
  const label = `${humanize(link.system)}: ${link.key}`;
  if (isSafeHttpUrl(link.url)) {
    return (
      <Link to={link.url} target="_blank" rel="noopener noreferrer">
        <Chip size="small" clickable variant="outlined" label={label} />
      </Link>
    );
  }
  return (
    <Tooltip
      title={
        link.url
          ? 'The link is not shown because its URL is not http(s)'
          : 'No URL configured for this system'
      }
    >
      <Chip size="small" variant="outlined" label={label} />
    </Tooltip>
  );
}

/** The external links of a project. */
export function ExternalLinks(props: { links: ExternalLink[] }) {
  if (props.links.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No external links
      </Typography>
    );
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {props.links.map(link => (
        <ExternalLinkChip key={`${link.system}:${link.key}`} link={link} />
      ))}
    </Box>
  );
}
