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

import type {
  CreateGateDecisionRequest,
  CreateRebaselineRequest,
  GateDecision,
  MilestoneBaseline,
  Rebaseline,
} from '@infra-pmo/plugin-pmo-common';
import type { Actor } from './PmoStore';

/**
 * Stage-gate decisions: append only. A decision and the RAID actions of
 * its conditions commit together, with their history and the project's
 * recomputed health.
 * @internal
 */
export interface GateStore {
  /** Every decision of a project's gates, oldest first. */
  listGateDecisions(projectKey: string): Promise<GateDecision[]>;
  /** The decisions of one gate milestone, oldest first. */
  listMilestoneDecisions(milestoneId: string): Promise<GateDecision[]>;
  /**
   * Records a decision; the caller has checked the approver. 404 when the
   * milestone is gone, 400 when it is no gate.
   */
  decideGate(
    milestoneId: string,
    input: CreateGateDecisionRequest,
    actor: Actor,
  ): Promise<GateDecision>;
  /**
   * Open gate milestones (with approvers) whose latest decision is none or
   * deferred, of the given projects (all when undefined), bounded.
   */
  listPendingGates(options: {
    approvers: readonly string[];
    limit: number;
  }): Promise<PendingGate[]>;
}

/** A gate waiting for a decision by one of its approvers. @internal */
export interface PendingGate {
  milestoneId: string;
  projectKey: string;
  projectTitle: string;
  title: string;
  approvers: string[];
  dueDate?: string;
}

/**
 * Re-baseline requests and the baselines they keep. Approval writes the
 * new baseline dates, keeps the previous ones (0 = original) and numbers
 * the baseline, in one transaction.
 * @internal
 */
export interface RebaselineStore {
  listRebaselines(projectKey: string): Promise<Rebaseline[]>;
  getRebaseline(id: string): Promise<Rebaseline | undefined>;
  /** 400 naming the milestone when one is not the project's. */
  requestRebaseline(
    projectKey: string,
    input: CreateRebaselineRequest,
    actor: Actor,
  ): Promise<Rebaseline>;
  /** 409 when the request is no longer pending. */
  decideRebaseline(
    id: string,
    decision: { approve: boolean; reason: string },
    actor: Actor,
  ): Promise<Rebaseline>;
  /** The kept baselines of a project's milestones. */
  listBaselines(projectKey: string): Promise<MilestoneBaseline[]>;
}
