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

import { daysBetween } from './dates';

/*
 * Wording shared by the reminder rules (projectReminders.ts and
 * transitionReminders.ts), so that every finding counts days alike. Not
 * part of the package exports.
 */

/** "1 day", "3 days". @internal */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "in 3 days", "today", "2 days ago". @internal */
export function relative(today: string, date: string): string {
  const d = daysBetween(today, date);
  if (d === 0) return 'today';
  return d > 0 ? `in ${plural(d, 'day')}` : `${plural(-d, 'day')} ago`;
}
