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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import {
  catalogEvidenceLock,
  effectiveItemStatus,
  safeEvidenceLink,
  isItemExpired,
  type ChecklistItemStatus,
  type TransitionItem,
  type TransitionView,
} from '@infra-pmo/plugin-pmo-common';
import { formatTimestamp, humanize } from '../common/format';
import { isSafeHttpUrl } from '../common/links';
import { Guarded, type Allowed } from '../common/permissions';
import { usePmoLinks } from '../common/routing';
import { alertText } from '../common/styles';

const useStyles = makeStyles(theme => ({
  table: { minWidth: 860 },
  title: { minWidth: 200 },
  actions: { minWidth: 150 },
  attested: { minWidth: 130 },
  nowrap: { whiteSpace: 'nowrap' },
  url: {
    display: 'inline-block',
    maxWidth: 180,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
  },
  expired: { color: alertText(theme).warning },
}));

const STATUS_COLORS: Record<ChecklistItemStatus, { bg: string; fg: string }> = {
  pending: { bg: '#eceff1', fg: '#37474f' },
  done: { bg: '#e8f5e9', fg: '#1b5e20' },
  waived: { bg: '#fff8e1', fg: '#6d4c00' },
  not_applicable: { bg: '#f5f5f5', fg: '#616161' },
};

/** Actions on one checklist item. */
export type ItemAction = 'done' | 'waive' | 'not_applicable' | 'pending';

/**
 * The readiness checklist. An item whose evidence or waiver has expired
 * counts (and shows) as pending, with a warning naming the expiry.
 */
export function ChecklistTable(props: {
  view: Pick<TransitionView, 'items' | 'projectKey'>;
  today: string;
  editable: boolean;
  canUpdate: Allowed;
  busyKey?: string;
  onAction: (item: TransitionItem, action: ItemAction) => void;
}) {
  const classes = useStyles();
  const { today } = props;
  const { items, projectKey } = props.view;
  const projectLink = usePmoLinks().project;
  const reason = 'You do not have permission to update run transitions';

  return (
    <TableContainer>
      <Table
        size="small"
        className={classes.table}
        aria-label="Readiness checklist"
      >
        <TableHead>
          <TableRow>
            <TableCell className={classes.title}>Item</TableCell>
            <TableCell>Required</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Evidence</TableCell>
            <TableCell className={classes.attested}>Attested</TableCell>
            <TableCell>Expires</TableCell>
            {props.editable && (
              <TableCell className={classes.actions}>Actions</TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => {
            const status = effectiveItemStatus(item, today);
            const expired =
              item.status !== status && isItemExpired(item, today);
            const colors = STATUS_COLORS[status];
            const busy = props.busyKey === item.key;
            return (
              <TableRow key={item.key} data-testid={`item-${item.key}`}>
                <TableCell>
                  <Typography variant="body2" style={{ fontWeight: 600 }}>
                    {item.title}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {item.description}
                  </Typography>
                  <FactNote item={item} />
                  {item.waiverReason && item.status === 'waived' && (
                    <Typography variant="caption" component="div">
                      Waiver: {item.waiverReason}
                      {item.raidId && projectKey && (
                        <>
                          {' '}
                          (risk{' '}
                          {projectLink ? (
                            <Link to={projectLink(projectKey)}>
                              {item.raidId.slice(0, 8)}
                            </Link>
                          ) : (
                            item.raidId.slice(0, 8)
                          )}
                          )
                        </>
                      )}
                    </Typography>
                  )}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {item.required ? 'Required' : 'Optional'}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <Chip
                    size="small"
                    label={humanize(status)}
                    style={{ background: colors.bg, color: colors.fg }}
                  />
                  {expired && (
                    <Tooltip
                      title={`${humanize(item.status)} until ${
                        item.expiresAt
                      }; expired, so it counts as pending`}
                    >
                      <WarningIcon
                        fontSize="small"
                        className={classes.expired}
                        aria-label={`Expired on ${item.expiresAt}`}
                        style={{ verticalAlign: 'middle', marginLeft: 4 }}
                      />
                    </Tooltip>
                  )}
                </TableCell>
                <TableCell>
                  <EvidenceLink
                    url={item.evidenceUrl}
                    className={classes.url}
                  />
                </TableCell>
                <TableCell>
                  <Attester item={item} />
                </TableCell>
                <TableCell
                  className={`${classes.nowrap} ${
                    expired ? classes.expired : ''
                  }`}
                >
                  {item.expiresAt ?? '—'}
                  {expired && ' (expired)'}
                </TableCell>
                {props.editable && (
                  <TableCell>
                    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                      {status !== 'done' && (
                        <Guarded permission={props.canUpdate} reason={reason}>
                          <Button
                            size="small"
                            color="primary"
                            disabled={busy}
                            aria-label={`Mark done: ${item.title}`}
                            onClick={() => props.onAction(item, 'done')}
                          >
                            Done
                          </Button>
                        </Guarded>
                      )}
                      {status !== 'waived' && (
                        <Guarded permission={props.canUpdate} reason={reason}>
                          <Button
                            size="small"
                            disabled={busy}
                            aria-label={`Waive: ${item.title}`}
                            onClick={() => props.onAction(item, 'waive')}
                          >
                            Waive
                          </Button>
                        </Guarded>
                      )}
                      {!item.required && status !== 'not_applicable' && (
                        <Guarded permission={props.canUpdate} reason={reason}>
                          <Button
                            size="small"
                            disabled={busy}
                            aria-label={`Not applicable: ${item.title}`}
                            onClick={() =>
                              props.onAction(item, 'not_applicable')
                            }
                          >
                            N/A
                          </Button>
                        </Guarded>
                      )}
                      {item.status !== 'pending' && !lockedByCatalog(item) && (
                        <Guarded permission={props.canUpdate} reason={reason}>
                          <Button
                            size="small"
                            disabled={busy}
                            aria-label={`Back to pending: ${item.title}`}
                            onClick={() => props.onAction(item, 'pending')}
                          >
                            Reset
                          </Button>
                        </Guarded>
                      )}
                    </Box>
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** `user:default/jdoe` → `jdoe` (the full ref is the link target). */
function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1) || ref;
}

/**
 * Attesters are users, or automation: a static-token subject such as
 * `pmo-automation` (no kind) or a plugin principal (`plugin:pmo/...`).
 * Only users and groups are catalog entities worth linking.
 */
export function isPersonOrTeamRef(ref: string): boolean {
  return /^(user|group):/i.test(ref);
}

/** While its rule holds, a catalog-evidenced item cannot be reset by hand. */
function lockedByCatalog(item: TransitionItem): boolean {
  return catalogEvidenceLock(item, { status: 'pending' }) !== undefined;
}

/**
 * What the catalog says about an item with a fact rule, unless it holds:
 * what is missing, or why the rule cannot tell.
 */
function FactNote(props: { item: TransitionItem }) {
  const { fact, factCheck } = props.item;
  if (!fact || factCheck?.status === 'satisfied') return null;
  const text = factCheck
    ? `${factCheck.status === 'unknown' ? 'Catalog cannot tell' : 'Catalog'}: ${
        factCheck.detail
      }`
    : `Catalog rule '${fact.rule}' not checked yet`;
  return (
    <Typography
      variant="caption"
      component="div"
      color="textSecondary"
      data-testid={`fact-${props.item.key}`}
    >
      {text}
    </Typography>
  );
}

/** Who attested an item: the catalog, a person, or automation. */
function Attester(props: { item: TransitionItem }) {
  const { item } = props;
  if (item.attesterKind === 'catalog') return <CatalogAttester item={item} />;
  if (!item.attestedBy) return <>—</>;
  return (
    <Typography variant="body2" component="div">
      {isPersonOrTeamRef(item.attestedBy) ? (
        <EntityRefLink
          entityRef={item.attestedBy}
          defaultKind="user"
          title={refName(item.attestedBy)}
          hideIcon
        />
      ) : (
        // A pipeline (static token subject) or the demo
        // seed: not a catalog entity, so no link.
        `${refName(item.attestedBy)} (automation)`
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        {item.attestedAt ? formatTimestamp(item.attestedAt) : ''}
      </Typography>
    </Typography>
  );
}

/** The catalog as attester: a chip, what it found, and when. */
function CatalogAttester(props: { item: TransitionItem }) {
  const { item } = props;
  return (
    <Typography variant="body2" component="div">
      <Tooltip
        title={`Evidenced by the catalog: ${
          item.factCheck?.detail ?? ''
        }. It stays done while the rule holds; waive it to override.`}
      >
        <Chip
          size="small"
          variant="outlined"
          label="catalog"
          data-testid={`catalog-attester-${item.key}`}
        />
      </Tooltip>
      <Typography variant="caption" color="textSecondary" component="div">
        {item.attestedAt ? formatTimestamp(item.attestedAt) : ''}
      </Typography>
    </Typography>
  );
}

/**
 * An evidence link: http(s) (opened in a new tab) or an app path such as
 * the entity or TechDocs page of catalog evidence; otherwise the raw text.
 */
function EvidenceLink(props: { url?: string; className?: string }) {
  if (!props.url) return <>—</>;
  if (props.url.startsWith('/') && safeEvidenceLink(props.url)) {
    return (
      <Link to={props.url} className={props.className} title={props.url}>
        Evidence
      </Link>
    );
  }
  if (!isSafeHttpUrl(props.url)) {
    return (
      <Tooltip title="Not shown as a link: not an http(s) URL">
        <span className={props.className}>{props.url}</span>
      </Tooltip>
    );
  }
  return (
    <Link
      to={props.url}
      target="_blank"
      rel="noopener noreferrer"
      className={props.className}
      title={props.url}
    >
      Evidence
    </Link>
  );
}
