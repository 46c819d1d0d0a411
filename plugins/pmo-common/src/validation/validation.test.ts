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
  checkAmount,
  checkCurrency,
  checkDateOrder,
  checkDeclaredHealthReason,
  checkEntityRef,
  checkHttpUrl,
  checkIsoDate,
  checkProjectKey,
  checkScore,
  checkScoresPresent,
  checkText,
  checkTitle,
  checkTransitionItemPatch,
  isHttpUrl,
  normalizeEntityRef,
  normalizeProjectKey,
} from './fields';
import { pmoValidationMessages } from './messages';

describe('PMO field rules', () => {
  it('checks titles as the server does: trimmed, required, at most 200', () => {
    expect(checkTitle('  Upgrade ')).toBeUndefined();
    expect(checkTitle('   ')).toBe('must not be empty');
    expect(checkTitle('x'.repeat(200))).toBeUndefined();
    expect(checkTitle('x'.repeat(201))).toBe('must be at most 200 characters');
    expect(checkText(' a ', 1)).toBeUndefined();
    expect(checkText('ab', 1)).toBe('must be at most 1 characters');
  });

  it('accepts project keys in any case', () => {
    expect(normalizeProjectKey(' infra-101 ')).toBe('INFRA-101');
    expect(checkProjectKey('infra-101')).toBeUndefined();
    expect(checkProjectKey('-INFRA')).toBe(
      'must be a project key like INFRA-101, DC-MIG-01 or PRJ0012345 (letters, digits, -, _ and ., at most 40 characters)',
    );
  });

  it('checks dates and their order', () => {
    expect(checkIsoDate('2026-02-28')).toBeUndefined();
    expect(checkIsoDate('2026-02-30')).toBe(
      'must be a date formatted YYYY-MM-DD',
    );
    expect(checkDateOrder('2026-03-01', '2026-02-01', 'startDate')).toBe(
      'must not be before startDate',
    );
    expect(checkDateOrder('2026-03-01', '2026-03-01', 'startDate')).toBe(
      undefined,
    );
    expect(checkDateOrder(undefined, '2026-03-01', 'startDate')).toBe(
      undefined,
    );
  });

  it('accepts only http(s) URLs', () => {
    expect(isHttpUrl('https://example.com/x')).toBe(true);
    expect(isHttpUrl(['javascript', 'alert(1)'].join(':'))).toBe(false);
    expect(isHttpUrl('/relative')).toBe(false);
    expect(isHttpUrl(undefined)).toBe(false);
    expect(checkHttpUrl('ftp://example.com')).toBe('must be an http(s) URL');
  });

  it('checks amounts, currencies and scores', () => {
    expect(checkAmount(0)).toBeUndefined();
    expect(checkAmount(-1)).toBe('must not be negative');
    expect(checkAmount(Number('abc'))).toBe('must be a number');
    expect(checkCurrency('EUR')).toBeUndefined();
    expect(checkCurrency('eur')).toBe('must be an ISO 4217 code like EUR');
    expect(checkScore(5)).toBeUndefined();
    expect(checkScore(6)).toBe('must be between 1 and 5');
    expect(checkScore(2.5)).toBe('must be an integer between 1 and 5');
  });

  it('normalizes entity refs and names the expected form', () => {
    expect(normalizeEntityRef('Wintel', 'group')).toBe('group:default/wintel');
    expect(checkEntityRef('group:default/wintel', 'group')).toBeUndefined();
    expect(checkEntityRef('  ', 'group')).toBe('must not be empty');
    expect(checkEntityRef('group:default/no spaces', 'group')).toBe(
      "must be an entity ref like 'group:default/name'",
    );
    expect(() => normalizeEntityRef('a:b:c/d')).toThrow(TypeError);
  });

  it('requires a reason for a declared health that differs', () => {
    expect(checkDeclaredHealthReason({ status: 'green' }, 'amber')).toBe(
      'is required when the declared health (green) differs from the computed health (amber)',
    );
    expect(
      checkDeclaredHealthReason({ status: 'green', reason: ' ' }, 'amber'),
    ).toBeDefined();
    expect(
      checkDeclaredHealthReason({ status: 'green', reason: 'ok' }, 'amber'),
    ).toBeUndefined();
    expect(checkDeclaredHealthReason({ status: 'amber' }, 'amber')).toBe(
      undefined,
    );
    expect(checkDeclaredHealthReason(null, 'red')).toBeUndefined();
  });

  it('requires probability and impact of risks and issues only', () => {
    expect(checkScoresPresent({ type: 'risk', impact: 3 })).toEqual({
      probability: 'is required for a risk',
    });
    expect(checkScoresPresent({ type: 'assumption' })).toEqual({});
  });

  it('words the messages like the server', () => {
    expect(pmoValidationMessages.maxLinks(50)).toBe(
      'must have at most 50 links',
    );
    expect(pmoValidationMessages.entityRef()).toBe(
      "must be a full entity ref like 'component:default/name'",
    );
  });
});

describe('checkTransitionItemPatch', () => {
  const item = { title: 'Runbook', evidenceRequired: true };
  const today = '2026-06-01';

  it('requires the evidence of an item that needs it', () => {
    expect(checkTransitionItemPatch(item, { status: 'done' }, today)).toEqual({
      evidenceUrl: "is required to mark 'Runbook' done",
    });
    expect(
      checkTransitionItemPatch(
        item,
        { status: 'done', evidenceUrl: 'wiki/runbook' },
        today,
      ),
    ).toEqual({ evidenceUrl: 'must be an http(s) URL' });
    expect(
      checkTransitionItemPatch(
        item,
        { status: 'done', evidenceUrl: 'https://wiki/runbook' },
        today,
      ),
    ).toEqual({});
  });

  it('requires the reason and a current expiry of a waiver', () => {
    expect(
      checkTransitionItemPatch(
        item,
        { status: 'waived', waiverReason: ' ' },
        today,
      ),
    ).toEqual({
      waiverReason: "is required to waive 'Runbook'",
      expiresAt: "is required to waive 'Runbook'",
    });
    expect(
      checkTransitionItemPatch(
        item,
        { status: 'waived', waiverReason: 'later', expiresAt: '2026-05-31' },
        today,
      ),
    ).toEqual({ expiresAt: 'must be today or later, not 2026-05-31' });
  });
});
