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
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type { PmoProjectSearchDocument } from '@infra-pmo/plugin-pmo-common';
import Box from '@material-ui/core/Box';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { HealthChip, PhaseChip } from '../common/HealthChips';

/** Linked entities shown before "+N more"; a project can touch dozens. */
const MAX_ENTITY_LINKS = 5;

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    content: { flexWrap: 'wrap', minWidth: 0 },
    text: { width: '100%', wordBreak: 'break-word', marginBottom: '0.5rem' },
    key: { fontWeight: 600, marginRight: theme.spacing(1) },
    chips: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      marginBottom: theme.spacing(0.5),
    },
    refs: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'baseline',
      gap: theme.spacing(1),
    },
  }),
  { name: 'PmoSearchResultListItem' },
);

/** Props of {@link PmoSearchResultListItem}. @public */
export interface PmoSearchResultListItemProps {
  /** The search document; a `pmo-project` document (see the search module). */
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode | ((result: SearchDocument) => ReactNode);
  /** Lines of the description shown before it is cut. */
  lineClamp?: number;
}

function Highlighted(props: {
  highlight?: ResultHighlight;
  field: string;
  text: string;
}) {
  const { highlight, field, text } = props;
  const value = highlight?.fields[field];
  return value ? (
    <HighlightedSearchResultText
      text={value}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{text}</>
  );
}

/**
 * A PMO project in the search results: key and title linked to the project
 * page, the description with the matched terms highlighted, then phase,
 * health (worse of declared and computed), owner and linked entities.
 * @public
 */
export function PmoSearchResultListItem(props: PmoSearchResultListItemProps) {
  const classes = useStyles();
  const { highlight } = props;
  const result = props.result as
    | (SearchDocument & Partial<PmoProjectSearchDocument>)
    | undefined;
  if (!result) return null;
  const refs = result.entityRefs ?? [];
  const icon =
    typeof props.icon === 'function' ? props.icon(result) : props.icon;

  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div className={classes.content}>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {result.key && (
                <span className={classes.key}>
                  <Highlighted
                    highlight={highlight}
                    field="key"
                    text={result.key}
                  />
                </span>
              )}
              <Highlighted
                highlight={highlight}
                field="title"
                text={result.title}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp ?? 3,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                highlight={highlight}
                field="text"
                text={result.text}
              />
            </Typography>
          }
        />
        <Box className={classes.chips}>
          {result.phase && <PhaseChip phase={result.phase} />}
          {result.health && (
            <HealthChip health={result.health} label="Health" />
          )}
          {result.owner && (
            <Typography variant="body2" component="span">
              Owner:{' '}
              <EntityRefLink entityRef={result.owner} defaultKind="group" />
            </Typography>
          )}
        </Box>
        {refs.length > 0 && (
          <Box className={classes.refs}>
            <Typography variant="body2" component="span">
              Linked:
            </Typography>
            {refs.slice(0, MAX_ENTITY_LINKS).map(ref => (
              <Typography key={ref} variant="body2" component="span">
                <EntityRefLink entityRef={ref} />
              </Typography>
            ))}
            {refs.length > MAX_ENTITY_LINKS && (
              <Typography
                variant="body2"
                component="span"
                color="textSecondary"
              >
                +{refs.length - MAX_ENTITY_LINKS} more
              </Typography>
            )}
          </Box>
        )}
      </div>
    </div>
  );
}
