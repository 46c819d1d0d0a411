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

import {
  HIGH_RISK_SCORE,
  daysBetween,
  toIsoDate,
  type Health,
} from '@infra-pmo/plugin-pmo-common';

/** Today's ISO date (local clock, UTC day as the backend rules use). */
export function todayIso(): string {
  return toIsoDate(new Date());
}

/** "in 5 days", "today", "3 days overdue". */
export function daysToGoLabel(daysToGo: number): string {
  if (daysToGo === 0) return 'today';
  const n = Math.abs(daysToGo);
  const unit = n === 1 ? 'day' : 'days';
  return daysToGo > 0 ? `in ${n} ${unit}` : `${n} ${unit} overdue`;
}

/** Days from today to an ISO date (negative when in the past). */
export function daysFromToday(date: string): number {
  return daysBetween(todayIso(), date);
}

/** "+12 d" for a slip, "-3 d" for a pull-in, "on baseline" for 0. */
export function slipLabel(slipDays: number): string {
  if (slipDays === 0) return 'on baseline';
  return `${slipDays > 0 ? '+' : ''}${slipDays} d`;
}

/** Colour band of a RAID score (probability x impact, 1-25). */
export function scoreBand(score: number): Health {
  if (score >= HIGH_RISK_SCORE) return 'red';
  if (score >= 8) return 'amber';
  return 'green';
}

/** Human form of enum values such as `in_progress` or `azure-devops`. */
export function humanize(value: string): string {
  const s = value.replace(/[_-]+/g, ' ');
  return s.charAt(0).toLocaleUpperCase('en-US') + s.slice(1);
}

/** A short date-time for history entries; ISO dates are shown as is. */
export function formatTimestamp(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${toIsoDate(d)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** Formats a budget amount with its currency, tolerating unknown codes. */
export function formatMoney(
  amount: number | undefined,
  currency: string,
): string {
  if (amount === undefined) return '—';
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString('en-GB')} ${currency}`;
  }
}
