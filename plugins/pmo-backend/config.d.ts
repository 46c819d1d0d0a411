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

import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the PMO plugin. */
  pmo?: {
    /**
     * Thresholds of the computed (fact-based) health. Changes apply to the
     * stored computed health at the next hourly refresh or write.
     */
    health?: {
      /**
       * Slip in days (forecast or actual minus baseline) of an open
       * milestone from which the project is amber. Default 5.
       */
      slipAmberDays?: number;
      /** Slip in days from which the project is red. Default 20. */
      slipRedDays?: number;
      /**
       * Days without a status (declared health) update after which the
       * project is stale (amber). Default 14.
       */
      staleStatusDays?: number;
      /**
       * Number of open RAID items past their due date that makes the project
       * red (a single one makes it amber). Default 3.
       */
      overdueActionsRed?: number;
    };

    /**
     * URL templates of external links. A link stored without `url` gets one
     * derived from the template of its system when read; `{key}` is replaced
     * with the URL-encoded key. Templates must be http(s) URLs.
     */
    externalLinks?: {
      /**
       * ServiceNow, e.g.
       * `https://example.service-now.com/nav_to.do?uri=change_request.do?sysparm_query=number={key}`.
       */
      servicenow?: {
        /** URL with a `{key}` placeholder. */
        urlTemplate?: string;
      };
      /** Jira, e.g. `https://jira.example.com/browse/{key}`. */
      jira?: {
        /** URL with a `{key}` placeholder. */
        urlTemplate?: string;
      };
      /** Azure DevOps, e.g. `https://dev.azure.com/org/project/_workitems/edit/{key}`. */
      'azure-devops'?: {
        /** URL with a `{key}` placeholder. */
        urlTemplate?: string;
      };
      /** Any other tool. */
      other?: {
        /** URL with a `{key}` placeholder. */
        urlTemplate?: string;
      };
    };

    /** Project keys. */
    projectKeys?: {
      /**
       * A regular expression every new project key must match as a whole
       * (keys are upper-cased first), e.g. `PRJ[0-9]{7}` for ServiceNow
       * numbers only. It narrows the base rule (letters, digits, `-`, `_`,
       * `.`, starting with a letter or a digit, at most 40 characters),
       * which is also the default; existing keys keep working whatever the
       * pattern. A pattern that does not compile fails the start.
       * @visibility frontend
       */
      pattern?: string;
    };

    /** Cutover safety: change windows, freezes and collisions. */
    cutover?: {
      /**
       * How many `dependencyOf` hops a blast radius follows from the
       * changed entities (0 to 10). Default 3.
       */
      maxDepth?: number;
      /**
       * Freeze periods (quarter-end, peak season), read-only, merged with
       * the ones written through the API. Times are wall clock
       * (`YYYY-MM-DDTHH:mm`) in `timeZone` (default UTC); no `end`: open.
       */
      freezes?: Array<{
        /** Stable id (the API shows `config:<id>`); the index otherwise. */
        id?: string;
        title: string;
        /** What the freeze covers; everything when absent. */
        scope?: {
          kind: 'all' | 'system' | 'tier' | 'group';
          /** System or group ref (kind system / group). */
          ref?: string;
          /** `pmo/service-tier` value, e.g. `tier-1` (kind tier). */
          tier?: string;
        };
        start: string;
        end?: string;
        timeZone?: string;
      }>;
    };

    /** Re-baselining with approval. */
    baselines?: {
      /**
       * Group (or user) entity refs whose members may approve or reject a
       * re-baseline request of any project, besides the project's sponsor,
       * e.g. `group:default/pmo`. Empty by default: only sponsors decide.
       */
      approverGroups?: string[];
    };

    /** Synchronization of the `pmo/projects` annotations from the catalog. */
    catalogSync?: {
      /**
       * Minutes between two full syncs (run once across replicas, and on
       * start). Entity pages also refresh their own entity on demand.
       * Default 5.
       */
      frequencyMinutes?: number;
    };

    /**
     * Governance reminders sent to owners through Backstage notifications
     * (topic `pmo`): milestones slipping past their baseline (from
     * `pmo.health.slipAmberDays`) or overdue, RAID actions past due,
     * readiness evidence or waivers expiring, hypercare windows ending, and
     * projects without a status for `pmo.health.staleStatusDays`. Each
     * finding is notified once, and again only when its facts (e.g. the
     * forecast date) or its owner change. Runs once across replicas.
     */
    reminders?: {
      /** Default true. False schedules nothing. */
      enabled?: boolean;
      /**
       * How often the checks run: a duration object (`{ hours: 1 }`), an
       * ISO 8601 duration string (`PT30M`), `{ cron: '0 * * * *' }` or
       * `{ trigger: 'manual' }`. Default every hour.
       */
      frequency?: SchedulerServiceTaskScheduleDefinitionConfig['frequency'];
      /** Maximum duration of one run. Default 15 minutes. */
      timeout?: SchedulerServiceTaskScheduleDefinitionConfig['timeout'];
      /**
       * Delay of the first run after start, so that the catalog has
       * ingested the run owners. Default 1 minute.
       */
      initialDelay?: SchedulerServiceTaskScheduleDefinitionConfig['initialDelay'];
      /**
       * Evidence or waivers of a checklist (before acceptance) expiring
       * within this many days are reminded. Integer 0-365, default 14.
       */
      evidenceExpiryDays?: number;
      /**
       * Hypercare windows ending within this many days are reminded.
       * Integer 0-365, default 7.
       */
      hypercareEndingDays?: number;
      /**
       * Notifications sent per run at most, high severity first; the rest
       * go out with the next runs (turning reminders on over a large
       * portfolio does not flood the notifications backend). Integer
       * 1-100000, default 1000.
       */
      maxPerRun?: number;
    };

    /**
     * Weekly immutable snapshots of every project's health: the trends of
     * the PMO page, its "as of" view and the executive status reports.
     */
    snapshots?: {
      /**
       * When the weekly snapshot is taken (once across replicas; at most
       * one per ISO week even when it runs more often). Default
       * `{ frequency: { cron: '0 6 * * 1' }, timeout: { minutes: 30 } }`,
       * Monday 06:00.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Snapshots older than this many weeks are deleted after each weekly
       * snapshot. Positive integer, default 104 (two years).
       */
      retentionWeeks?: number;
    };

    /** Run transition (operational readiness) of catalog entities. */
    transition?: {
      /**
       * Readiness templates per service tier (`pmo/service-tier`
       * annotation; tier-2 when absent), over the built-in ones. A
       * transition copies the items of its template and records its id and
       * version: bump `version` whenever the items change.
       */
      templates?: {
        'tier-1'?: PmoReadinessTemplateConfig;
        'tier-2'?: PmoReadinessTemplateConfig;
        'tier-3'?: PmoReadinessTemplateConfig;
      };
      /** Checklist evidence from catalog facts (items with a `fact`). */
      evidence?: {
        /** Minutes between two re-evaluations of every fact rule. Default 10. */
        frequencyMinutes?: number;
      };
    };
  };
}

/** A readiness template of one tier under `pmo.transition.templates`. */
interface PmoReadinessTemplateConfig {
  /** Default `config-<tier>` with items, else the built-in id. */
  id?: string;
  /** Positive integer. Default 1 with items, else the built-in. */
  version?: number;
  /** Hypercare window in days. Built-in: 45, 30 and 14 days. */
  hypercareDays?: number;
  /** Replaces the built-in checklist of the tier. */
  items?: Array<{
    /** Lower-case letters, digits and dashes, unique. */
    key: string;
    title: string;
    description?: string;
    /** Needed (done or waived) for acceptance. Default true. */
    required?: boolean;
    /** "done" needs an http(s) evidence URL. Default false. */
    evidenceRequired?: boolean;
    /**
     * A catalog fact that evidences the item: while it holds the item is
     * done, attested by the catalog. Built in: `annotation`
     * (`annotations`, `match: any|all`), `relation` (`relations`,
     * `targetKind`, `match`) and `techdocs`; modules add more.
     */
    fact?: {
      rule: string;
      annotations?: string[];
      relations?: string[];
      targetKind?: string;
      match?: 'any' | 'all';
      [parameter: string]: unknown;
    };
  }>;
}
