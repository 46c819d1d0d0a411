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
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  TECHDOCS_REF_ANNOTATION,
  entityPagePath,
  evaluateAnnotationRule,
  evaluateRelationRule,
} from '@infra-pmo/plugin-pmo-common';
import type { PmoFactRule } from '../extensions';

/*
 * The built-in fact rules. They register through the same interface a
 * module's rule does (PmoFactRulesExtensionPoint); the matching itself is
 * pure and lives in pmo-common (rules/factRules.ts).
 */

/** `annotation`: one (or every) listed annotation has a value. @internal */
export const annotationFactRule: PmoFactRule = {
  name: 'annotation',
  evaluate: async (entity, rule) => evaluateAnnotationRule(rule, entity),
};

/** `relation`: a listed relation (to `targetKind`) exists. @internal */
export const relationFactRule: PmoFactRule = {
  name: 'relation',
  evaluate: async (entity, rule) => evaluateRelationRule(rule, entity),
};

/**
 * `techdocs`: the entity has `backstage.io/techdocs-ref` and the TechDocs
 * backend answers its metadata (a site was built). `installed` is false
 * when the app has no TechDocs (no `techdocs` config): the rule then
 * reports unknown and never satisfies. The TechDocs backend is called
 * with the plugin's own service credentials, found through discovery.
 * @internal
 */
export function createTechDocsFactRule(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  installed: boolean;
  /** For tests. */
  fetch?: typeof fetch;
}): PmoFactRule {
  const { discovery, auth, installed } = options;
  const fetchFn = options.fetch ?? fetch;
  return {
    name: 'techdocs',
    async evaluate(entity) {
      if (!installed) {
        return {
          status: 'unknown',
          detail: 'TechDocs is not installed in this Backstage',
        };
      }
      const ref = entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION];
      if (!ref?.trim()) {
        return {
          status: 'unsatisfied',
          detail: `needs ${TECHDOCS_REF_ANNOTATION}`,
        };
      }
      const name = {
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      };
      const path = entityPagePath(name).replace(/^\/catalog\//, '');
      const base = await discovery.getBaseUrl('techdocs');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'techdocs',
      });
      const res = await fetchFn(`${base}/metadata/techdocs/${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.ok) {
        return {
          status: 'satisfied',
          detail: `TechDocs site built from ${ref.trim()}`,
          evidenceUrl: `/docs/${path}`,
        };
      }
      if (res.status === 404) {
        return {
          status: 'unsatisfied',
          detail: `needs a TechDocs site built (${TECHDOCS_REF_ANNOTATION} is ${ref.trim()})`,
        };
      }
      return {
        status: 'unknown',
        detail: `TechDocs did not answer (HTTP ${res.status})`,
      };
    },
  };
}
