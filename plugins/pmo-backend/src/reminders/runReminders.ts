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

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  reminderLink,
  toIsoDate,
  type ReminderKind,
  type ReminderThresholds,
} from '@infra-pmo/plugin-pmo-common';
import { chunks } from '../database/helpers';
import { addressFindings, type AddressedFinding } from './addressFindings';
import { findReminders } from './findReminders';
import type { ReminderClaim, ReminderStore } from './ReminderStore';

/** The notification topic of every PMO reminder. @internal */
export const REMINDER_TOPIC = 'pmo';

/** Counts of one run, for the log and the tests. @internal */
export interface ReminderRunResult {
  findings: number;
  /** Findings without anyone to notify (no owner known). */
  unaddressed: number;
  /** Transition findings put off while the catalog does not answer. */
  deferred: number;
  /** Due notifications left for the next runs by `maxPerRun`. */
  postponed: number;
  sent: number;
  /** Claimed but the notification failed; retried next run. */
  failed: number;
  /** Rows of findings that are gone. */
  forgotten: number;
  byKind: Partial<Record<ReminderKind, number>>;
}

/** @internal */
export interface RunRemindersOptions {
  store: ReminderStore;
  notifications: NotificationService;
  /** Run owners of transitions come from the catalog. */
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  thresholds: ReminderThresholds;
  /**
   * At most this many notifications per run (high severity first); the
   * rest are not claimed and go out with the next runs. Unlimited when
   * absent.
   */
  maxPerRun?: number;
  now?: () => Date;
  signal?: AbortSignal;
}

/** Claimed and sent in slices, so an abort loses at most one slice. */
const SEND_SLICE = 50;
const SEND_CONCURRENCY = 4;

/** " (milestone_slip 3, raid_overdue 1)", or nothing. */
function kindCounts(byKind: Partial<Record<ReminderKind, number>>): string {
  const counts = Object.entries(byKind).map(([kind, n]) => `${kind} ${n}`);
  return counts.length ? ` (${counts.join(', ')})` : '';
}

/** Sends one finding; resolves to the error instead of throwing. */
async function sendFinding(
  notifications: NotificationService,
  f: AddressedFinding,
): Promise<unknown> {
  try {
    await notifications.send({
      recipients: { type: 'entity', entityRef: f.recipients },
      payload: {
        title: f.title,
        description: f.description,
        link: reminderLink(f),
        severity: f.severity === 'high' ? 'high' : 'normal',
        topic: REMINDER_TOPIC,
        // Same scope: the notifications backend updates the existing
        // notification of the finding instead of adding one when it
        // changes.
        scope: `pmo-reminder:${f.id}`,
      },
    });
    return undefined;
  } catch (error) {
    return error ?? new Error('send failed');
  }
}

/**
 * One reminder run: reads the facts (a few set-based queries), finds with
 * the pure rules, and notifies each finding whose fingerprint or recipients
 * changed since it was last notified, claiming it first in
 * `pmo_reminders_sent` so that concurrent runs never both send. Findings
 * that are gone are forgotten, so a recurrence notifies again.
 * @internal
 */
export async function runReminders(
  options: RunRemindersOptions,
): Promise<ReminderRunResult> {
  const { store, notifications, logger, thresholds, signal } = options;
  const today = toIsoDate((options.now ?? (() => new Date()))());

  const facts = await store.loadFacts(today, thresholds);
  const findings = findReminders(facts, today, thresholds);
  const addressed = await addressFindings(findings, facts, options);
  const sent = new Map((await store.listSent()).map(s => [s.findingId, s]));

  const byKind: Partial<Record<ReminderKind, number>> = {};
  const current = new Set<string>();
  const due: Array<AddressedFinding & { claim: ReminderClaim }> = [];
  let unaddressed = 0;
  let deferred = 0;
  for (const f of addressed) {
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    if (f.deferred) {
      current.add(f.id);
      deferred++;
      continue;
    }
    if (f.recipients.length === 0) {
      unaddressed++;
      continue;
    }
    current.add(f.id);
    const recipient = f.recipients.join(',');
    const previous = sent.get(f.id);
    if (
      previous?.fingerprint === f.fingerprint &&
      previous.recipient === recipient
    ) {
      continue;
    }
    due.push({
      ...f,
      claim: {
        findingId: f.id,
        kind: f.kind,
        fingerprint: f.fingerprint,
        recipient,
        previous: previous && {
          fingerprint: previous.fingerprint,
          recipient: previous.recipient,
        },
      },
    });
  }

  let sentCount = 0;
  let failed = 0;
  // High severity first, then a stable order, so that a capped run (e.g.
  // the first one over a large portfolio) sends what matters most.
  due.sort(
    (a, b) =>
      Number(b.severity === 'high') - Number(a.severity === 'high') ||
      (a.id < b.id ? -1 : 1),
  );
  const batch = due.slice(0, options.maxPerRun ?? due.length);
  const postponed = due.length - batch.length;
  for (const slice of chunks(batch, SEND_SLICE)) {
    if (signal?.aborted) break;
    const claimed = await store.claim(slice.map(d => d.claim));
    const mine = slice.filter(d => claimed.has(d.id));
    const failures: ReminderClaim[] = [];
    for (const group of chunks(mine, SEND_CONCURRENCY)) {
      const outcomes = await Promise.all(
        group.map(f => sendFinding(notifications, f)),
      );
      for (const [k, error] of outcomes.entries()) {
        if (error === undefined) {
          sentCount++;
        } else {
          failures.push(group[k].claim);
          logger.warn(`PMO reminder ${group[k].id} not sent: ${error}`);
        }
      }
    }
    if (failures.length > 0) {
      failed += failures.length;
      await store.release(failures);
    }
  }

  const gone = [...sent.keys()].filter(id => !current.has(id));
  const forgotten = gone.length > 0 ? await store.forget(gone) : 0;

  const result: ReminderRunResult = {
    findings: findings.length,
    unaddressed,
    deferred,
    postponed,
    sent: sentCount,
    failed,
    forgotten,
    byKind,
  };
  const parts = [
    `${result.findings} findings${kindCounts(byKind)}`,
    `${result.sent} notified`,
    `${result.failed} failed`,
    `${result.forgotten} resolved`,
  ];
  if (unaddressed) parts.push(`${unaddressed} without an owner`);
  if (deferred) parts.push(`${deferred} deferred until the catalog answers`);
  if (postponed) parts.push(`${postponed} postponed to the next run`);
  logger.info(`PMO reminders: ${parts.join(', ')}`);
  return result;
}
