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

import type { Config } from '@backstage/config';
import {
  EXTERNAL_SYSTEMS,
  type ExternalLink,
  type ExternalSystem,
} from '@infra-pmo/plugin-pmo-common';

/**
 * Derives the URL of external links that have none from the configured
 * templates `pmo.externalLinks.<system>.urlTemplate` (with a `{key}`
 * placeholder). Links are decorated when read, so a changed template applies
 * to existing links without a data migration.
 * @internal
 */
export class ExternalLinkResolver {
  readonly #templates: Partial<Record<ExternalSystem, string>>;

  static fromConfig(config: Config): ExternalLinkResolver {
    const templates: Partial<Record<ExternalSystem, string>> = {};
    for (const system of EXTERNAL_SYSTEMS) {
      const template = config.getOptionalString(
        `pmo.externalLinks.${system}.urlTemplate`,
      );
      if (template === undefined) continue;
      if (!template.includes('{key}')) {
        throw new Error(
          `pmo.externalLinks.${system}.urlTemplate must contain {key}`,
        );
      }
      if (!isHttpUrl(template.replace(/\{key\}/g, 'KEY'))) {
        throw new Error(
          `pmo.externalLinks.${system}.urlTemplate must be an http(s) URL`,
        );
      }
      templates[system] = template;
    }
    return new ExternalLinkResolver(templates);
  }

  constructor(templates: Partial<Record<ExternalSystem, string>>) {
    this.#templates = templates;
  }

  /** The link with a URL derived from the template when it has none. */
  resolve(link: ExternalLink): ExternalLink {
    if (link.url) return link;
    const template = this.#templates[link.system];
    if (!template) return link;
    return {
      ...link,
      url: template.replace(/\{key\}/g, encodeURIComponent(link.key)),
    };
  }

  /** A copy of the object with every external link resolved. */
  decorate<T extends { externalLinks?: ExternalLink[] }>(value: T): T {
    if (!value.externalLinks?.length) return value;
    return {
      ...value,
      externalLinks: value.externalLinks.map(l => this.resolve(l)),
    };
  }
}

/** True for an absolute http: or https: URL. @internal */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
